#!/usr/bin/env bash
# FerretDB v1.24.2 (MongoDB wire protocol, SQLite backend) on loopback.
# Built once from the Go module proxy through our own small main package (scripts/ferretdb/),
# because `go install .../cmd/ferretdb` panics at start (its version file is generated; FerretDB issue 2982),
# with four small fixes applied to a copy of the module (see patched_module).
source "$(dirname "$0")/lib.sh"
# The binary's name carries the patch level: a changed patch builds a new one.
BIN="$CACHE/bin/ferretdb-catalog-1.24.2-p5"
PIDF="$RUN/ferretdb.pid"
PORTF="$RUN/ferretdb.port"
LOGF="$RUN/ferretdb.log"

# Four fixes to FerretDB v1.24.2, applied to a copy of the module before the build:
# 1. `_id` lookups. The SQLite backend says `WHERE _ferretdb_sjson->'$._id' = ?`, but the unique `_id`
#    index it creates is on `_ferretdb_sjson->"_id"`; SQLite matches index expressions literally, so
#    every `{_id: x}` find, update and delete scanned the whole table (check with EXPLAIN QUERY PLAN).
#    The patch makes the lookups use the indexed expression, and uses them for any filter with a
#    top-level `_id` string, not only `{_id: x}` alone: `{_id: x, _rev: n}` (a revision-guarded replace)
#    scanned the table. FerretDB still applies the whole filter to what the lookup returns.
# 2. Atomic updates. `update` and `findAndModify` read the matching documents and write the changed
#    ones back as separate steps, so concurrent updates of one document lost writes: 20 concurrent
#    `$inc: {n: 1}` left n at 14, and two revision-guarded replaces could both succeed. MongoDB applies
#    each to a document atomically. The patch holds one lock across each update's read and write; the
#    SQLite backend runs one writer at a time anyway, and reads are not held.
# 3. Many updates in one command. `update` kept each statement's query open until the whole command
#    ended, and a statement's write needs a connection of its own; past 100 statements (the pool's
#    size) it waited for itself forever. A bulkWrite of 300 `updateOne`s never returned. The patch
#    closes each statement's query when that statement is done.
# 4. Key reads of many records. Only an `_id` equal to one string or ObjectId used the index, so
#    `{_id: {$in: [50 ids]}}` (every DataLoader batch) and `{_id: {$gt: oid}}` (the outbox feed) read
#    and decoded the whole table: 88 s for 50 ids among 10,000 datasets. The patch turns `$in` of
#    strings and ObjectIds into `_id IN (…)`, and `$gt`/`$gte`/`$lt`/`$lte` on an ObjectId into a range
#    on the same index (hex strings order as ObjectIds do). What the SQL selects is always a superset
#    of the matches, as FerretDB then applies the whole filter itself; any other `_id` condition is left
#    to it, as before. EXPLAIN shows `filterPushdown: true` for these filters.
# Nothing else changes; data directories stay compatible.
patched_module() {
  local src dst="$CACHE/go-src/ferretdb-1.24.2-p5"
  if [ ! -f "$dst/.patched" ]; then
    src=$(cd "$ROOT/scripts/ferretdb" && go mod download -json github.com/FerretDB/FerretDB | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])') \
      || die "cannot fetch the FerretDB module from the Go module proxy"
    [ -d "$src" ] || die "the FerretDB module is not at '$src'"
    rm -rf "$dst" && mkdir -p "$(dirname "$dst")" && cp -r "$src" "$dst" && chmod -R u+w "$dst"
    local f="$dst/internal/backends/sqlite/metadata/metadata.go"
    sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \`->\"_id\"\`|" "$f"
    grep -q 'IDColumn = DefaultColumn + `->"_id"`' "$f" || die "the FerretDB _id index patch did not apply to $f"
    local q="$dst/internal/backends/sqlite/collection.go"
    [ "$(grep -c 'if params.Filter.Len() == 1 {' "$q")" = 2 ] || die "the FerretDB _id pushdown patch does not fit $q"
    sed -i 's/if params.Filter.Len() == 1 {/if params.Filter.Len() >= 1 {/' "$q"
    cp "$ROOT/scripts/ferretdb/catalog_id_where.go.txt" "$dst/internal/backends/sqlite/catalog_id_where.go"
    python3 - "$q" <<'PY' || die "the FerretDB _id \$in/range patch does not fit $q"
import sys
p = sys.argv[1]
s = open(p).read()
query = """\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n"""
explain = """\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n\t\t\tfilterPushdown = true\n\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n"""
assert s.count(query) == 1 and s.count(explain) == 1
s = s.replace(query, "\t\twhereClause, args = catalogIDWhere(v)\n")
s = s.replace(explain, "\t\twhereClause, args = catalogIDWhere(v)\n\t\tfilterPushdown = whereClause != \"\"\n")
open(p, "w").write(s)
PY
    local h="$dst/internal/handler"
    cat >"$h/catalog_update_lock.go" <<'GO'
package handler

import "sync"

// catalogUpdateMu makes each update and findAndModify one atomic read-modify-write (added by the
// catalog's scripts/ferretdb.sh: without it, concurrent updates of one document lose writes).
var catalogUpdateMu sync.Mutex
GO
    sed -i '/^func (h \*Handler) updateDocument(ctx context.Context, /a\	catalogUpdateMu.Lock()\n\tdefer catalogUpdateMu.Unlock()' "$h/msg_update.go"
    sed -i '/^func (h \*Handler) findAndModifyDocument(ctx context.Context, /a\	catalogUpdateMu.Lock()\n\tdefer catalogUpdateMu.Unlock()' "$h/msg_findandmodify.go"
    [ "$(grep -c 'catalogUpdateMu.Lock()' "$h/msg_update.go" "$h/msg_findandmodify.go" | awk -F: '{s+=$2} END {print s}')" = 2 ] \
      || die "the FerretDB update lock patch did not apply to $h"
    python3 - "$h/msg_update.go" <<'PY' || die "the FerretDB update-statement patch did not apply to $h/msg_update.go"
import sys
p = sys.argv[1]
s = open(p).read()
old = "\t\tcloser := iterator.NewMultiCloser()\n\t\tdefer closer.Close()\n"
call = '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n'
assert s.count(old) == 1 and s.count(call) == 1
s = s.replace(old, "\t\tcloser := iterator.NewMultiCloser()\n").replace(call, call + "\t\tcloser.Close()\n")
open(p, "w").write(s)
PY
    touch "$dst/.patched"
  fi
  echo "$dst"
}

provision() {
  [ -x "$BIN" ] && return 0
  command -v go >/dev/null || die "Go is needed to build FerretDB (apt-get install golang, or a Go toolchain on PATH)"
  log "building FerretDB v1.24.2 from the Go module proxy (first run only, a few minutes)…"
  mkdir -p "$(dirname "$BIN")"
  local mod build
  mod=$(patched_module)
  build=$(mktemp -d)
  cp "$ROOT"/scripts/ferretdb/{main.go,go.mod,go.sum} "$build/"
  (cd "$build" && go mod edit -replace "github.com/FerretDB/FerretDB=$mod" && GOFLAGS=-mod=mod go build -trimpath -o "$BIN.tmp" .) || die "go build of FerretDB failed (see above)"
  rm -rf "$build"
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
