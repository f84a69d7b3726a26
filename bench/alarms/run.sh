#!/bin/sh
# Alarm rule evaluation bench; updates the "## Alarms" section of docs/benchmarks.md.
cd "$(dirname "$0")/../.." && exec node -r ./tools/register-ts.cjs bench/alarms/run.ts "$@"
