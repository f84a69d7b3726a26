module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'shared-util-kpi',
  rootDir: __dirname,
};
