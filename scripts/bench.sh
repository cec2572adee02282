#!/usr/bin/env bash
# npm run bench: install, start the services, run the benchmarks (see the headers of bench/run.ts and
# bench/fair.ts for their settings). BENCH_PARTS picks parts: "core fair export search ingest ingest-files scicat portal" (default), or any of them
# (ingest-files: the ingest bench with file expansion, mappings/mx-ispyb-upstream.json; scicat: pyscicat-shaped REST
# ingest beside GraphQL bulk upsert, bench/scicat.ts; portal: time to first results and to a dataset page in
# Chromium at the core part's 100,000 datasets, bench/portal.ts).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/services.sh up
# shellcheck disable=SC1091
source "$RUN/env"
for part in ${BENCH_PARTS:-core fair export search ingest ingest-files scicat portal}; do
  case "$part" in
    core) node dist/bench/run.js "$@" ;;
    fair) node dist/bench/fair.js "$@" ;;
    export) node dist/bench/export.js "$@" ;;
    search) node dist/bench/search.js "$@" ;;
    ingest) node dist/bench/ingest.js "$@" ;;
    ingest-files) BENCH_INGEST_MAPPING=mx-ispyb-upstream node dist/bench/ingest.js "$@" ;;
    scicat) node dist/bench/scicat.js "$@" ;;
    portal) node dist/bench/portal.js "$@" ;;
    *) die "unknown bench part $part (use core, fair, export, search, ingest, ingest-files, scicat or portal)" ;;
  esac
done
