module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  testTimeout: 180_000,
  // The AWS IoT SDK's native binding keeps a handle open after the last client stopped.
  forceExit: true,
};
