module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'assets-data-access-assets',
  rootDir: __dirname,
};
