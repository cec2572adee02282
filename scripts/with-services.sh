#!/usr/bin/env bash
# Runs a command with the services up and their environment loaded.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/services.sh" up
# shellcheck disable=SC1091
source "$RUN/env"
exec "$@"
