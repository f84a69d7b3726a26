// Shared jest settings: SWC transforms TypeScript (with decorator metadata for Nest DI) and
// the tsconfig path aliases resolve to each lib's index.ts, the only door into a lib.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)spec.ts?(x)'],
  passWithNoTests: false,
  // Integration suites create a database of their own (cloned from a migrated template) first.
  testTimeout: 60_000,
  reporters: ['default', path.join(__dirname, 'tools/dev/jest-summary-reporter.cjs')],
};
