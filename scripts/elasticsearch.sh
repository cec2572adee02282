#!/usr/bin/env bash
# Elasticsearch 8 on loopback: the real, stripped-down node Maven Central carries as
# org.elasticsearch.distribution.integ-test-zip:elasticsearch (no bundled JDK; runs on the installed Java 17+).
# The zip is checked against Maven Central's sha1 and cached in .cache/. One node, security off, data in
# .data/elasticsearch. Elasticsearch refuses to run as root, so as root it runs as a system user of ours.
source "$(dirname "$0")/lib.sh"
VERSION=${ES_VERSION:-8.19.21}
HOME_DIR="$CACHE/elasticsearch-$VERSION"
ZIP="$CACHE/elasticsearch-$VERSION.zip"
URL="https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$VERSION/elasticsearch-$VERSION.zip"
PIDF="$RUN/elasticsearch.pid"
PORTF="$RUN/elasticsearch.port"
LOGF="$RUN/elasticsearch.log"
DATA_DIR="$DATA/elasticsearch"
LOG_DIR="$RUN/elasticsearch-logs"
ES_USER=catalog-es

java_home() {
  local j
  for j in "${ES_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [ -n "$j" ] && [ -x "$j/bin/java" ] && { echo "$j"; return; }
  done
  j=$(command -v java) && { dirname "$(dirname "$(readlink -f "$j")")"; return; }
  die "no Java found for Elasticsearch (set ES_JAVA_HOME to a JDK 17 or later)"
}

provision() {
  [ -x "$HOME_DIR/bin/elasticsearch" ] && return 0
  if [ ! -s "$ZIP" ]; then
    log "downloading Elasticsearch $VERSION (integ-test-zip) from Maven Central…"
    curl -fsSL --retry 3 -o "$ZIP.tmp" "$URL" || die "download failed: $URL"
    local want got
    want=$(curl -fsSL --retry 3 "$URL.sha1" | cut -c1-40) || die "could not fetch $URL.sha1"
    got=$(sha1sum "$ZIP.tmp" | cut -c1-40)
    [ "$want" = "$got" ] || die "checksum mismatch for $ZIP (sha1 $got, Maven Central says $want)"
    mv "$ZIP.tmp" "$ZIP"
  fi
  if ! command -v unzip >/dev/null; then
    log "installing unzip (Debian)…"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq unzip >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq unzip >/dev/null; fi || die "unzip is needed to unpack $ZIP"
  fi
  rm -rf "$HOME_DIR.tmp" && mkdir -p "$HOME_DIR.tmp"
  unzip -q "$ZIP" -d "$HOME_DIR.tmp" || die "could not unzip $ZIP"
  mv "$HOME_DIR.tmp/elasticsearch-$VERSION" "$HOME_DIR" && rm -rf "$HOME_DIR.tmp"
}

# As root: a system user owns the node's home, data and logs, and the node runs as it.
run_as() {
  [ "$(id -u)" = 0 ] || return 0
  id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" || die "could not create user $ES_USER"
  chown -R "$ES_USER:" "$HOME_DIR" "$DATA_DIR" "$LOG_DIR"
  echo setpriv --reuid="$ES_USER" --regid="$ES_USER" --init-groups
}

start() {
  if alive "$PIDF" && [ -s "$PORTF" ] && port_open "$(cat "$PORTF")"; then log "Elasticsearch already running on port $(cat "$PORTF")"; return 0; fi
  provision
  # a restart keeps the port, so clients configured with the old URL reconnect
  local port=${ES_PORT:-} jh
  [ -z "$port" ] && [ -s "$PORTF" ] && ! port_open "$(cat "$PORTF")" && port=$(cat "$PORTF")
  [ -z "$port" ] && port=$(free_port)
  jh=$(java_home)
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  # the disk threshold is off: a shared machine's full disk would otherwise turn the index read-only
  local prefix
  prefix=$(run_as)
  # the disk threshold is off: on a shared machine a nearly full disk would otherwise make the index read-only
  # shellcheck disable=SC2086
  ES_JAVA_HOME="$jh" ES_JAVA_OPTS="-Xms${ES_HEAP:-1g} -Xmx${ES_HEAP:-1g}" nohup $prefix "$HOME_DIR/bin/elasticsearch" \
    -E cluster.name=catalog -E node.name=catalog-1 -E discovery.type=single-node \
    -E network.host=127.0.0.1 -E http.port="$port" -E transport.port=0 \
    -E path.data="$DATA_DIR" -E path.logs="$LOG_DIR" \
    -E xpack.security.enabled=false -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E action.destructive_requires_name=false >"$LOGF" 2>&1 &
  echo $! >"$PIDF"
  echo "$port" >"$PORTF"
  local i
  for ((i = 0; i < 240; i++)); do
    if curl -fs "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      log "Elasticsearch $VERSION on http://127.0.0.1:$port (Java: $jh; data in .data/elasticsearch, log in .run/elasticsearch.log)"
      return 0
    fi
    alive "$PIDF" || { tail -n 40 "$LOGF" >&2; die "Elasticsearch exited while starting (log: $LOGF)"; }
    sleep 0.5
  done
  tail -n 40 "$LOGF" >&2
  die "Elasticsearch did not become healthy on port $port within 120s (log: $LOGF)"
}

stop() {
  if alive "$PIDF"; then
    kill -TERM "$(cat "$PIDF")" 2>/dev/null || true
    local i
    for ((i = 0; i < 120; i++)); do alive "$PIDF" || break; sleep 0.25; done
    alive "$PIDF" && kill -KILL "$(cat "$PIDF")" 2>/dev/null || true
    log "Elasticsearch stopped"
  fi
  # the server JVM is a child of the launcher; make sure it is gone before the port is reused
  pkill -KILL -f "es.path.home=$HOME_DIR " 2>/dev/null || true
  rm -f "$PIDF"
}

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop ;;
  status) if alive "$PIDF"; then echo "Elasticsearch running on http://127.0.0.1:$(cat "$PORTF")"; else echo "Elasticsearch stopped"; fi ;;
  url) echo "http://127.0.0.1:$(cat "$PORTF")" ;;
  *) die "usage: elasticsearch.sh provision|start|stop|status|url" ;;
esac
