#!/usr/bin/env bash
# The relational beamline databases the ingest reads from, on loopback: MariaDB and PostgreSQL from
# Debian's packages (installed here when missing). Data in .data/mariadb and .data/postgres.
# Each server gets two users:
#   catalog_admin  loads and changes the seed databases (tests, `catalog seed-source`)
#   catalog_ro     SELECT only: what mapping files connect with, so the ingest works with read rights alone
# As root the servers run as an unprivileged system user (PostgreSQL refuses root).
source "$(dirname "$0")/lib.sh"
MY_DIR="$DATA/mariadb"; MY_PIDF="$RUN/mariadb.pid"; MY_PORTF="$RUN/mariadb.port"; MY_LOG="$RUN/mariadb.log"; MY_SOCK="$RUN/mariadb/mariadb.sock"
PG_DIR="$DATA/postgres"; PG_PIDF="$RUN/postgres.pid"; PG_PORTF="$RUN/postgres.port"; PG_LOG="$RUN/postgres.log"
DB_USER=catalog-db

secret() { [ -s "$RUN/$1" ] || python3 -c 'import secrets; print(secrets.token_urlsafe(18))' >"$RUN/$1"; cat "$RUN/$1"; }

apt_install() {
  log "installing $* (Debian)…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; fi || die "could not install $* from Debian's packages"
}

run_user() {
  [ "$(id -u)" = 0 ] || { id -un; return; }
  id "$DB_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$DB_USER" || die "could not create user $DB_USER"
  echo "$DB_USER"
}

as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid="$DB_USER" --regid="$DB_USER" --init-groups "$@"; else "$@"; fi; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  return 1
}

mariadb_start() {
  if alive "$MY_PIDF" && [ -s "$MY_PORTF" ] && port_open "$(cat "$MY_PORTF")"; then log "MariaDB already running on port $(cat "$MY_PORTF")"; return 0; fi
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server mariadb-client
  local user port fresh=0
  user=$(run_user)
  if [ ! -d "$MY_DIR/mysql" ]; then
    mkdir -p "$MY_DIR"; chown -R "$user:" "$MY_DIR" 2>/dev/null || true
    mariadb-install-db --no-defaults --datadir="$MY_DIR" --user="$user" --auth-root-authentication-method=socket --skip-test-db >"$MY_LOG" 2>&1 || { tail -n 20 "$MY_LOG" >&2; die "mariadb-install-db failed (log: $MY_LOG)"; }
    fresh=1
  fi
  port=${MARIADB_PORT:-}
  [ -z "$port" ] && [ -s "$MY_PORTF" ] && ! port_open "$(cat "$MY_PORTF")" && port=$(cat "$MY_PORTF")
  [ -z "$port" ] && port=$(free_port)
  mkdir -p "$RUN/mariadb"; chown -R "$user:" "$MY_DIR" "$RUN/mariadb" 2>/dev/null || true
  nohup /usr/sbin/mariadbd --no-defaults --datadir="$MY_DIR" --user="$user" --bind-address=127.0.0.1 --port="$port" \
    --socket="$MY_SOCK" --pid-file="$RUN/mariadb/mariadbd.pid" --skip-name-resolve --innodb-buffer-pool-size=256M \
    --max-connections=200 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >>"$MY_LOG" 2>&1 &
  echo $! >"$MY_PIDF"; echo "$port" >"$MY_PORTF"
  wait_for MariaDB "$port" 60 "$MY_LOG"
  local i; for ((i = 0; i < 60; i++)); do mariadb --socket="$MY_SOCK" -u root -e 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  mariadb --socket="$MY_SOCK" -u root <<SQL || die "could not create the MariaDB users (log: $MY_LOG)"
CREATE USER IF NOT EXISTS 'catalog_admin'@'127.0.0.1' IDENTIFIED BY '$(secret mariadb-admin-password)';
GRANT ALL PRIVILEGES ON *.* TO 'catalog_admin'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'catalog_ro'@'127.0.0.1' IDENTIFIED BY '$(secret mariadb-ro-password)';
GRANT SELECT ON *.* TO 'catalog_ro'@'127.0.0.1';
CREATE DATABASE IF NOT EXISTS ispyb;
SQL
  log "MariaDB on 127.0.0.1:$port (data in .data/mariadb$([ $fresh = 1 ] && echo ', new'))"
}

postgres_start() {
  if alive "$PG_PIDF" && [ -s "$PG_PORTF" ] && port_open "$(cat "$PG_PORTF")"; then log "PostgreSQL already running on port $(cat "$PG_PORTF")"; return 0; fi
  local bin user port
  bin=$(pg_bin) || { apt_install postgresql; bin=$(pg_bin) || die "PostgreSQL's initdb not found after installing"; }
  user=$(run_user)
  if [ ! -s "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"; chown -R "$user:" "$PG_DIR" 2>/dev/null || true
    local pw="$RUN/postgres-admin-password"; secret postgres-admin-password >/dev/null; chmod 644 "$pw"
    as_user "$bin/initdb" -D "$PG_DIR" -U catalog_admin --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_LOG" 2>&1 || { tail -n 20 "$PG_LOG" >&2; die "initdb failed (log: $PG_LOG)"; }
  fi
  port=${POSTGRES_PORT:-}
  [ -z "$port" ] && [ -s "$PG_PORTF" ] && ! port_open "$(cat "$PG_PORTF")" && port=$(cat "$PG_PORTF")
  [ -z "$port" ] && port=$(free_port)
  mkdir -p "$RUN/pg-socket"; chown "$user:" "$RUN/pg-socket" 2>/dev/null || true
  touch "$PG_LOG"; chown "$user:" "$PG_LOG" 2>/dev/null || true
  local prefix=()
  [ "$(id -u)" = 0 ] && prefix=(setpriv --reuid="$DB_USER" --regid="$DB_USER" --init-groups)
  nohup "${prefix[@]}" "$bin/postgres" -D "$PG_DIR" -h 127.0.0.1 -p "$port" -k "$RUN/pg-socket" -c shared_buffers=128MB -c max_connections=200 -c fsync=off >>"$PG_LOG" 2>&1 &
  echo $! >"$PG_PIDF"; echo "$port" >"$PG_PORTF"
  wait_for PostgreSQL "$port" 60 "$PG_LOG"
  local i; for ((i = 0; i < 60; i++)); do as_user "$bin/psql" -h "$RUN/pg-socket" -p "$port" -U catalog_admin -d postgres -c 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  PGOPTIONS="-c client_min_messages=warning" as_user "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$RUN/pg-socket" -p "$port" -U catalog_admin -d postgres >/dev/null <<SQL || die "could not create the PostgreSQL users (log: $PG_LOG)"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'catalog_ro') THEN CREATE ROLE catalog_ro LOGIN; END IF;
END \$\$;
ALTER ROLE catalog_ro PASSWORD '$(secret postgres-ro-password)';
GRANT pg_read_all_data TO catalog_ro;
SELECT 'CREATE DATABASE ispyb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ispyb') \gexec
SQL
  log "PostgreSQL on 127.0.0.1:$port (data in .data/postgres)"
}

env_lines() {
  local m p
  m=$(cat "$MY_PORTF"); p=$(cat "$PG_PORTF")
  echo "export MX_MARIADB_ADMIN_URL='mysql://catalog_admin:$(secret mariadb-admin-password)@127.0.0.1:$m/ispyb'"
  echo "export MX_MARIADB_URL='mysql://catalog_ro:$(secret mariadb-ro-password)@127.0.0.1:$m/ispyb'"
  echo "export MX_POSTGRES_ADMIN_URL='postgres://catalog_admin:$(secret postgres-admin-password)@127.0.0.1:$p/ispyb'"
  echo "export MX_POSTGRES_URL='postgres://catalog_ro:$(secret postgres-ro-password)@127.0.0.1:$p/ispyb'"
}

case "${1:-}" in
  start) mariadb_start; postgres_start ;;
  start-mariadb) mariadb_start ;;
  start-postgres) postgres_start ;;
  stop-mariadb) stop_pid MariaDB "$MY_PIDF" ;;
  stop-postgres) stop_pid PostgreSQL "$PG_PIDF" ;;
  stop) stop_pid MariaDB "$MY_PIDF"; stop_pid PostgreSQL "$PG_PIDF" ;;
  pids) cat "$MY_PIDF" "$PG_PIDF" ;;
  env) env_lines ;;
  status)
    if alive "$MY_PIDF"; then echo "MariaDB running on 127.0.0.1:$(cat "$MY_PORTF")"; else echo "MariaDB stopped"; fi
    if alive "$PG_PIDF"; then echo "PostgreSQL running on 127.0.0.1:$(cat "$PG_PORTF")"; else echo "PostgreSQL stopped"; fi ;;
  *) die "usage: sourcedb.sh start|stop|start-mariadb|stop-mariadb|start-postgres|stop-postgres|status|env" ;;
esac
