module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api',
  rootDir: __dirname,
  // Gateway revocation loads the IoT library, whose AWS CRT native binding keeps a handle open
  // after every client is closed.
  forceExit: true,
};
