module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'tenancy-data-access-auth',
  rootDir: __dirname,
};
