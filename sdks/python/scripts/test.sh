#!/usr/bin/env bash
# `pnpm test` for the Python SDK: fails if the committed generated code is stale, then runs the
# pytest suite against a sidecar it starts (tests/conftest.py), writing JUnit XML to
# .test-results/junit.xml. Extra arguments go to pytest (e.g. `-k state`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
# Bytecode caches go to the venv, not next to the sources (the stale check skips them anyway).
export PYTHONPYCACHEPREFIX="$PWD/.venv/pycache"
node ../codegen/bin/check-generated.mjs
mkdir -p .test-results
.venv/bin/python -m pytest --junitxml=.test-results/junit.xml "$@"
