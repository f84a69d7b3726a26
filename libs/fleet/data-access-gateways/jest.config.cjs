module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'fleet-data-access-gateways',
  rootDir: __dirname,
  // The AWS CRT native binding keeps a handle open after every client is closed.
  forceExit: true,
};
