module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'alarms-util-anomaly',
  rootDir: __dirname,
};
