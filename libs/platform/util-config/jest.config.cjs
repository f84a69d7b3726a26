module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-util-config',
  rootDir: __dirname,
};
