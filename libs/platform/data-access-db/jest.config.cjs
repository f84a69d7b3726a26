module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-data-access-db',
  rootDir: __dirname,
};
