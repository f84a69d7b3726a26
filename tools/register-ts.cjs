// Runs the TypeScript sources directly (node -r ./tools/register-ts.cjs app/src/main.ts): SWC
// compiles with decorator metadata for Nest, and the workspace's path aliases resolve to each
// lib's index.ts, as they do for tsc and jest.
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..');
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.base.json');
require('@swc-node/register');

const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = aliases.get(request);
  try {
    return resolveFilename.call(this, target ?? request, ...rest);
  } catch (error) {
    // A lazy `await import('./module.js')` (nodenext spelling) of a TypeScript source.
    if (!/^\.\.?\/.*\.js$/.test(request)) throw error;
    return resolveFilename.call(this, request.replace(/\.js$/, '.ts'), ...rest);
  }
};
