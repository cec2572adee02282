#!/usr/bin/env bash
# Starts what the catalog needs and writes .run/env for the other scripts to source.
#   MONGODB_URI set      -> use that server; otherwise FerretDB is built (once) and started here.
#   CATALOG_JWT_SECRET   -> a local HS256 secret is generated once into .run/jwt-secret when unset.
#   ELASTICSEARCH_URL set -> use that Elasticsearch 8; otherwise the integ-test node is fetched (once) and
#                           started here. If it cannot start, the catalog runs with search unavailable.
#   DATACITE_URL set     -> use that DataCite API (with DATACITE_PREFIX/USER/PASSWORD); otherwise the
#                           local DataCite test server (scripts/datacite-server.ts, built to dist/) runs here.
#   CATALOG_OIDC_ISSUER or CATALOG_JWKS_URL set -> browsers sign in at that OpenID provider (passed on with
#                           CATALOG_OIDC_CLIENT_ID, CATALOG_JWT_ISSUER, CATALOG_JWT_AUDIENCE); otherwise the local
#                           provider (scripts/oidc-provider.ts, users in seeds/oidc-users.json) runs here, and the
#                           catalog accepts its RS256 tokens beside its own HS256 ones. CATALOG_OIDC=off: no local one.
#   MX_MARIADB_URL / MX_POSTGRES_URL set -> the ingest reads those beamline databases; otherwise MariaDB and
#                           PostgreSQL (Debian) run here with a read-only user (scripts/sourcedb.sh).
#   CATALOG_KAFKA_BROKERS set -> use that Kafka; otherwise a KRaft broker from Maven Central runs here
#                           (scripts/kafka.sh). CATALOG_INGEST_SERVICES=off skips both (API-only set-ups).
source "$(dirname "$0")/lib.sh"
ENVF="$RUN/env"
DC_PID="$RUN/datacite.pid"
DC_PORT="$RUN/datacite.port"
DC_LOG="$RUN/datacite.log"
OIDC_PID="$RUN/oidc.pid"
OIDC_PORT="$RUN/oidc.port"
OIDC_LOG="$RUN/oidc.log"
# the catalog's resource indicator at the provider: the audience of the access tokens it issues
OIDC_AUDIENCE="urn:catalog:api"
OIDC_VARS="CATALOG_OIDC_ISSUER CATALOG_OIDC_CLIENT_ID CATALOG_JWKS_URL CATALOG_JWT_ISSUER CATALOG_JWT_AUDIENCE"

datacite_start() {
  [ -f "$ROOT/dist/scripts/datacite-server.js" ] || die "dist/scripts/datacite-server.js is missing: run scripts/install.sh (it builds)"
  [ -s "$RUN/datacite-password" ] || python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$RUN/datacite-password"
  if alive "$DC_PID" && [ -s "$DC_PORT" ] && port_open "$(cat "$DC_PORT")"; then
    log "DataCite test server already running on port $(cat "$DC_PORT")"
    return
  fi
  local port
  port=$(free_port)
  nohup node "$ROOT/dist/scripts/datacite-server.js" --port "$port" --prefix 10.99999 --user CATALOG.DEMO \
    --password "$(cat "$RUN/datacite-password")" >"$DC_LOG" 2>&1 &
  echo $! >"$DC_PID"
  echo "$port" >"$DC_PORT"
  wait_for "DataCite test server" "$port" 20 "$DC_LOG"
  log "DataCite test server on http://127.0.0.1:$port (prefix 10.99999)"
}

# the local OpenID provider. A restart keeps its signing key (.data/oidc) and its port (so its issuer), so tokens it
# issued stay valid
oidc_start() {
  [ -f "$ROOT/dist/scripts/oidc-provider.js" ] || die "dist/scripts/oidc-provider.js is missing: run scripts/install.sh (it builds)"
  if alive "$OIDC_PID" && [ -s "$OIDC_PORT" ] && port_open "$(cat "$OIDC_PORT")"; then
    log "OpenID provider already running on port $(cat "$OIDC_PORT")"
    return
  fi
  local port=""
  [ -s "$OIDC_PORT" ] && ! port_open "$(cat "$OIDC_PORT")" && port=$(cat "$OIDC_PORT")
  [ -z "$port" ] && port=$(free_port)
  nohup node "$ROOT/dist/scripts/oidc-provider.js" --port "$port" --users "$ROOT/seeds/oidc-users.json" \
    --data "$DATA/oidc" --audience "$OIDC_AUDIENCE" >"$OIDC_LOG" 2>&1 &
  echo $! >"$OIDC_PID"
  echo "$port" >"$OIDC_PORT"
  wait_for "OpenID provider" "$port" 20 "$OIDC_LOG"
  log "OpenID provider on http://127.0.0.1:$port (users in seeds/oidc-users.json)"
}

# whether the local provider runs: not switched off, and no provider in the environment
oidc_local() { [ "${CATALOG_OIDC:-on}" != off ] && [ -z "${CATALOG_OIDC_ISSUER:-}" ] && [ -z "${CATALOG_JWKS_URL:-}" ]; }

oidc_env() {
  if oidc_local; then
    local iss="http://127.0.0.1:$(cat "$OIDC_PORT")"
    echo "export CATALOG_OIDC_ISSUER='$iss'"
    echo "export CATALOG_OIDC_CLIENT_ID='catalog-portal'"
    echo "export CATALOG_JWKS_URL='$iss/jwks'"
    echo "export CATALOG_JWT_ISSUER='$iss'"
    echo "export CATALOG_JWT_AUDIENCE='$OIDC_AUDIENCE'"
  else
    for v in $OIDC_VARS; do
      if [ -n "${!v:-}" ]; then echo "export $v='${!v}'"; fi
    done
  fi
}

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
  if [ -z "${DATACITE_URL:-}" ]; then
    datacite_start
  else
    log "using DATACITE_URL from the environment"
  fi
  if oidc_local; then
    oidc_start
  elif [ -n "${CATALOG_OIDC_ISSUER:-}${CATALOG_JWKS_URL:-}" ]; then
    log "using the OpenID provider from the environment (CATALOG_OIDC_ISSUER / CATALOG_JWKS_URL)"
  else
    log "CATALOG_OIDC=off: no OpenID provider (the catalog accepts its own HS256 tokens only)"
  fi
  local es=${ELASTICSEARCH_URL:-}
  if [ -z "$es" ] && [ "${CATALOG_SEARCH:-on}" != off ]; then
    if bash "$ROOT/scripts/elasticsearch.sh" start; then
      es=$(bash "$ROOT/scripts/elasticsearch.sh" url)
    else
      log "WARNING: Elasticsearch could not be started (see above); the catalog will run with search unavailable"
    fi
  elif [ -n "$es" ]; then
    log "using ELASTICSEARCH_URL from the environment"
  fi
  local brokers=${CATALOG_KAFKA_BROKERS:-} srcenv=""
  if [ "${CATALOG_INGEST_SERVICES:-on}" != off ]; then
    if [ -z "${MX_MARIADB_URL:-}" ] || [ -z "${MX_POSTGRES_URL:-}" ]; then
      bash "$ROOT/scripts/sourcedb.sh" start
      srcenv=$(bash "$ROOT/scripts/sourcedb.sh" env)
    else
      log "using MX_MARIADB_URL and MX_POSTGRES_URL from the environment"
    fi
    if [ -z "$brokers" ]; then
      bash "$ROOT/scripts/kafka.sh" start
      brokers=$(bash "$ROOT/scripts/kafka.sh" brokers)
    else
      log "using CATALOG_KAFKA_BROKERS from the environment"
    fi
  fi
  {
    echo "export MONGODB_URI='$uri'"
    [ -n "$srcenv" ] && echo "$srcenv"
    [ -n "$brokers" ] && echo "export CATALOG_KAFKA_BROKERS='$brokers'"
    [ -n "$es" ] && echo "export ELASTICSEARCH_URL='$es'"
    [ -n "$secret" ] && echo "export CATALOG_JWT_SECRET='$secret'"
    if [ -z "${DATACITE_URL:-}" ]; then
      echo "export DATACITE_URL='http://127.0.0.1:$(cat "$DC_PORT")'"
      echo "export DATACITE_PREFIX='10.99999'"
      echo "export DATACITE_USER='CATALOG.DEMO'"
      echo "export DATACITE_PASSWORD='$(cat "$RUN/datacite-password")'"
    else
      for v in DATACITE_URL DATACITE_PREFIX DATACITE_USER DATACITE_PASSWORD; do
        [ -n "${!v:-}" ] && echo "export $v='${!v}'"
      done
    fi
    oidc_env
  } >"$ENVF"
  log "services up; environment in .run/env"
}

down() {
  stop_pid "DataCite test server" "$DC_PID"
  rm -f "$DC_PORT"
  stop_pid "OpenID provider" "$OIDC_PID"
  bash "$ROOT/scripts/elasticsearch.sh" stop
  bash "$ROOT/scripts/kafka.sh" stop
  bash "$ROOT/scripts/sourcedb.sh" stop
  bash "$ROOT/scripts/ferretdb.sh" stop
  rm -f "$ENVF"
}

status() {
  bash "$ROOT/scripts/ferretdb.sh" status
  bash "$ROOT/scripts/elasticsearch.sh" status
  bash "$ROOT/scripts/sourcedb.sh" status
  bash "$ROOT/scripts/kafka.sh" status
  if alive "$DC_PID"; then echo "DataCite test server: running on port $(cat "$DC_PORT")"; else echo "DataCite test server: stopped"; fi
  if alive "$OIDC_PID"; then echo "OpenID provider: running at http://127.0.0.1:$(cat "$OIDC_PORT")"; else echo "OpenID provider: stopped"; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: services.sh up|down|status" ;;
esac
