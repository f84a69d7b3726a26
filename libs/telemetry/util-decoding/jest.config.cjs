module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'telemetry-util-decoding',
  rootDir: __dirname,
};
