module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-data-access-testing',
  rootDir: __dirname,
};
