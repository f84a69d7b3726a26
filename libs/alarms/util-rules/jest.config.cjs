module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'alarms-util-rules',
  rootDir: __dirname,
};
