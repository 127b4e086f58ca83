#!/usr/bin/env bash
# `npm test`: installs everything the tests need, builds, type-checks, lints and runs every test
# suite in the repository (starting the Redis and etcd servers they need), then prints one line
# with the totals: `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
bash scripts/bootstrap.sh
set +e
export TURBO_TELEMETRY_DISABLED=1

# Old reports would be counted again; each suite writes a fresh one.
find . -path ./node_modules -prune -o -type d -name .test-results -prune -exec rm -rf {} + 2>/dev/null

# Redis and etcd for the driver tests, on free loopback ports, stopped whatever happens.
source scripts/services.sh
services_start
trap services_stop EXIT

status=0
pnpm exec biome check . || { echo "test: lint/format check failed (fix with: pnpm format)"; status=1; }
pnpm exec turbo run build typecheck --output-logs=errors-only || { echo "test: build or typecheck failed"; status=1; }
if [ "$status" -eq 0 ]; then
  # One package at a time: several suites start sidecar processes, and the machine has 2 cores.
  pnpm exec turbo run test --concurrency=1 --continue || status=1
fi
node scripts/summarize-tests.mjs || status=1
exit "$status"
