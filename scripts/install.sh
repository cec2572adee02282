#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than the lock file, then builds.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
command -v node >/dev/null || die "Node.js 20+ is needed"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dependencies…"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "building…"
npx tsc -p tsconfig.build.json
# the scientists' portal (web/ → web/dist), served at / by the catalog
log "building the portal…"
npm run --silent build:web
