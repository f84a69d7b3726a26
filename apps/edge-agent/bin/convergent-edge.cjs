#!/usr/bin/env node
// `convergent-edge`: the gateway's command line, run from the workspace sources (the gateway image
// ships the workspace; see docs/edge-agent.md).
require('../../../tools/register-ts.cjs');
const { main } = require('../src/main.ts');

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
