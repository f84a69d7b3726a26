module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'infra-docker',
  rootDir: __dirname,
};
