module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'fleet-data-access-gateways',
  rootDir: __dirname,
};
