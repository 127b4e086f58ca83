#!/usr/bin/env bash
# `pnpm typecheck` for the Python SDK: ruff (format and lint) and mypy --strict over the package
# and its tests, with the pinned tools of .venv (settings in pyproject.toml; generated code is
# excluded from ruff, and type-checked as far as its stubs allow).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
export PYTHONPYCACHEPREFIX="$PWD/.venv/pycache"
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/python -m mypy
