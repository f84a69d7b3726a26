module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-data-access-queue',
  rootDir: __dirname,
};
