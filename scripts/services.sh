#!/usr/bin/env bash
# Starts what the catalog needs and writes .run/env for the other scripts to source.
#   MONGODB_URI set      -> use that server; otherwise FerretDB is built (once) and started here.
#   CATALOG_JWT_SECRET   -> a local HS256 secret is generated once into .run/jwt-secret when unset.
source "$(dirname "$0")/lib.sh"
ENVF="$RUN/env"

up() {
  local uri=${MONGODB_URI:-}
  if [ -z "$uri" ]; then
    bash "$ROOT/scripts/ferretdb.sh" start
    uri=$(bash "$ROOT/scripts/ferretdb.sh" uri)
  else
    log "using MONGODB_URI from the environment"
  fi
  local secret=${CATALOG_JWT_SECRET:-}
  if [ -z "$secret" ] && [ -z "${CATALOG_JWKS_URL:-}" ]; then
    [ -s "$RUN/jwt-secret" ] || python3 -c 'import secrets; print(secrets.token_urlsafe(48))' >"$RUN/jwt-secret"
    secret=$(cat "$RUN/jwt-secret")
  fi
  {
    echo "export MONGODB_URI='$uri'"
    [ -n "$secret" ] && echo "export CATALOG_JWT_SECRET='$secret'"
  } >"$ENVF"
  log "services up; environment in .run/env"
}

down() {
  bash "$ROOT/scripts/ferretdb.sh" stop
  rm -f "$ENVF"
}

status() {
  bash "$ROOT/scripts/ferretdb.sh" status
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: services.sh up|down|status" ;;
esac
