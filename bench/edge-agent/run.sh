#!/bin/sh
# Edge agent buffer bench; updates the "## Edge agent buffer" section of docs/benchmarks.md.
cd "$(dirname "$0")/../.." && exec node -r ./tools/register-ts.cjs bench/edge-agent/run.ts "$@"
