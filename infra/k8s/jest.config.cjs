module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'infra-k8s',
  rootDir: __dirname,
};
