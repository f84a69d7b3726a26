module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'infra-aws',
  rootDir: __dirname,
};
