#!/usr/bin/env bash
# FerretDB v1.24.2 (MongoDB wire protocol, SQLite backend) on loopback.
# Built once from the Go module proxy through our own small main package (scripts/ferretdb/),
# because `go install .../cmd/ferretdb` panics at start (its version file is generated; FerretDB issue 2982).
source "$(dirname "$0")/lib.sh"
BIN="$CACHE/bin/ferretdb-catalog"
PIDF="$RUN/ferretdb.pid"
PORTF="$RUN/ferretdb.port"
LOGF="$RUN/ferretdb.log"

provision() {
  [ -x "$BIN" ] && return 0
  command -v go >/dev/null || die "Go is needed to build FerretDB (apt-get install golang, or a Go toolchain on PATH)"
  log "building FerretDB v1.24.2 from the Go module proxy (first run only, a few minutes)…"
  mkdir -p "$(dirname "$BIN")"
  (cd "$ROOT/scripts/ferretdb" && GOFLAGS=-mod=mod go build -trimpath -o "$BIN.tmp" .) || die "go build of FerretDB failed (see above)"
  mv "$BIN.tmp" "$BIN"
}

start() {
  if alive "$PIDF"; then log "FerretDB already running on port $(cat "$PORTF")"; return 0; fi
  provision
  local port=${FERRETDB_PORT:-$(free_port)}
  mkdir -p "$DATA/ferretdb"
  nohup "$BIN" -listen "127.0.0.1:$port" -data "$DATA/ferretdb" >"$LOGF" 2>&1 &
  echo $! >"$PIDF"
  echo "$port" >"$PORTF"
  wait_for FerretDB "$port" 60 "$LOGF"
  log "FerretDB listening on 127.0.0.1:$port (data in .data/ferretdb, log in .run/ferretdb.log)"
}

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop_pid FerretDB "$PIDF" ;;
  status) if alive "$PIDF"; then echo "FerretDB running on 127.0.0.1:$(cat "$PORTF")"; else echo "FerretDB stopped"; fi ;;
  uri) echo "mongodb://127.0.0.1:$(cat "$PORTF")/" ;;
  *) die "usage: ferretdb.sh provision|start|stop|status|uri" ;;
esac
