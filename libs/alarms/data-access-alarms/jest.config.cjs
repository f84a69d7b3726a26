module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'alarms-data-access-alarms',
  rootDir: __dirname,
};
