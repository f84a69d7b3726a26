module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-util-observability',
  rootDir: __dirname,
};
