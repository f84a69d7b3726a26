const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'edge-agent',
  rootDir: __dirname,
  // The AWS CRT native binding keeps a handle open after every client is closed.
  forceExit: true,
  // node-opcua's packages ship their TypeScript sources next to the build: take the build. It
  // requires hexy, an ES module, which jest (unlike Node 20.19+) cannot require untransformed.
  moduleFileExtensions: ['js', 'ts', 'json'],
  // Lazy `await import('./module.js')` (nodenext spelling) of TypeScript sources.
  moduleNameMapper: { ...preset.moduleNameMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: ['/node_modules/(?!hexy/)'],
};
