#!/usr/bin/env bash
# The Go SDK's test: fails if the committed generated code is stale, then runs `go test` against
# a live sidecar (TestMain starts it from apps/sidecar/dist, which turbo builds first) and leaves
# a JUnit report in .test-results/junit.xml. Redis and etcd components join when REDIS_URL and
# ETCD_ENDPOINTS are set (npm test sets them); without them those cases are skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
node ../codegen/bin/check-generated.mjs
test -z "$(gofmt -l .)" || { echo "test: gofmt would change: $(gofmt -l .)"; exit 1; }
go vet ./...
mkdir -p .test-results
exec .bin/gotestsum --format testname --junitfile .test-results/junit.xml \
  --junitfile-testsuite-name relative --junitfile-testcase-classname relative \
  -- -count=1 ./...
