#!/usr/bin/env bash
# Creates or refreshes sdks/python/.venv: the SDK installed in editable mode with its pinned test
# and generate tools (pyproject.toml). Idempotent and fast when nothing changed: pip runs only
# when pyproject.toml or the Python interpreter differ from the last successful install.
# Usage: bash scripts/venv.sh        (PYTHON=/path/to/python3 picks the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "venv.sh: $python not found; install Python 3.10 or newer (or set PYTHON)" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "venv.sh: $("$python" --version 2>&1) is too old; the SDK needs Python 3.10 or newer" >&2
  exit 1
fi

mkdir -p .venv
# `turbo run build typecheck` starts both scripts at once: one creates, the other waits.
exec 9>.venv/.lock
if command -v flock >/dev/null 2>&1; then flock 9; fi

stamp=".venv/.layer8-installed"
wanted="$("$python" -c 'import hashlib, sys
print(sys.version.split()[0], hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable '.[test,generate]'
echo "$wanted" >"$stamp"
echo "venv.sh: .venv ready ($(.venv/bin/python --version 2>&1))"
