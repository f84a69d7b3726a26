// Resolves the workspace's path aliases (@convergent/*) to the compiled libraries in dist/build,
// as tools/register-ts.cjs does for the TypeScript sources in development.
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    alias,
    path.join(root, 'dist/build', target.replace(/\.ts$/, '.js')),
  ]),
);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases.get(request) ?? request, ...rest);
};
