module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'kpi-data-access-kpi',
  rootDir: __dirname,
};
