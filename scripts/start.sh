#!/usr/bin/env bash
# `npm start [-- --config FILE]`: installs and builds what the sidecar needs, then runs it.
# Without --config it starts on embedded defaults (memory components named `default`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export TURBO_TELEMETRY_DISABLED=1
pnpm exec turbo run build --filter=@layer8/sidecar... --filter=@layer8/sdk... --output-logs=errors-only >/dev/null
exec node apps/sidecar/bundle/layer8.js run "$@"
