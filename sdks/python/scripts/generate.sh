#!/usr/bin/env bash
# Regenerates the SDK's generated code (src/layer8/_gen) from proto/ per buf.gen.yaml: the
# standard stubs through grpcio-tools and mypy-protobuf, and the client layer through our own
# generator (@layer8/codegen, built by turbo first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
export PYTHONPYCACHEPREFIX="$PWD/.venv/pycache"
# Everything in src/layer8/_gen is generated: start empty so files of removed protos go too.
rm -rf src/layer8/_gen
node_modules/.bin/buf generate
