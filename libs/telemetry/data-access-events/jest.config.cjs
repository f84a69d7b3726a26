module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'telemetry-data-access-events',
  rootDir: __dirname,
};
