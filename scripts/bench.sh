#!/usr/bin/env bash
# npm run bench: install, start the services, run bench/run.ts (see its header for settings).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/services.sh up
# shellcheck disable=SC1091
source "$RUN/env"
exec node dist/bench/run.js "$@"
