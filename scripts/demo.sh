#!/usr/bin/env bash
# npm run demo: install, start the services, migrate, load the demo set, serve the API with GraphiQL.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/services.sh up
# shellcheck disable=SC1091
source "$RUN/env"
node dist/src/cli/main.js migrate up
node dist/src/cli/main.js seed
# the beamline sources and their mappings: an ISPyB-style MX database in MariaDB and tomography scans
# as NeXus files, brought in by mappings/mx-ispyb.json and mappings/tomo-nexus.json (incremental: a
# second demo run finds nothing new)
if [ -n "${MX_MARIADB_ADMIN_URL:-}" ]; then
  node dist/src/cli/main.js seed-source mx --collections "${DEMO_MX_COLLECTIONS:-300}"
  node dist/src/cli/main.js ingest run mx-ispyb -q
fi
export TOMO_DATA_DIR="${TOMO_DATA_DIR:-$DATA/tomo}"
[ -d "$TOMO_DATA_DIR" ] || node dist/src/cli/main.js seed-source tomo --out "$TOMO_DATA_DIR"
node dist/src/cli/main.js ingest run tomo-nexus -q
# the tomography files are served from where they lie: BL13W1's sourceFolders are the scan folders under
# TOMO_DATA_DIR (a deployment maps its facility mount here instead; see the README's CATALOG_STORAGE_ROOTS)
CATALOG_STORAGE_ROOTS="${CATALOG_STORAGE_ROOTS:-$(node -e 'console.log(JSON.stringify({ "instrument/bl13w1": { [process.argv[1]]: process.argv[1] } }))' "$TOMO_DATA_DIR")}"
export CATALOG_STORAGE_ROOTS
TOMO_PID="10.99999/bl13w1/20266001/scan_0001.nxs"
tok() { node dist/src/cli/main.js token -e 30d "$@"; }
# a functional account for SciCat clients (pyscicat, scitacean): its password is made here and printed below
SCICAT_PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))')"
CATALOG_ACCOUNT_PASSWORD="$SCICAT_PASSWORD" node dist/src/cli/main.js accounts set bl17u1-ingestor --role ingestor --groups p20261001,p20261002 --email bl17u1@facility.example.org >/dev/null
cat <<MSG

The portal: http://127.0.0.1:${CATALOG_PORT:-4000}/ (sign in as alice / alice-demo, bob / bob-demo, dana / dana-demo, carol / carol-demo,
  stella / stella-demo (data steward) or admin / admin-demo: the local OpenID provider's users, seeds/oidc-users.json)

Demo tokens (paste into GraphiQL's Headers as {"Authorization": "Bearer <token>"}):
  alice, user of proposals 20261001 and 20261002 (MX):
    $(tok -s alice -r user -g p20261001,p20261002)
  bob, user of proposal 20262001 (tomography):
    $(tok -s bob -r user -g p20262001)
  dana, user of the BL13W1 tomography proposals 20266001 and 20266002 (ingested from NeXus files, downloadable):
    $(tok -s dana -r user -g p20266001,p20266002)
  carol, user of MX proposal 20265001 (ingested from the beamline database):
    $(tok -s carol -r user -g p20265001)
  bl17u1-adapter, ingestor for the MX proposals:
    $(tok -s bl17u1-adapter -r ingestor -g p20261001,p20261002)
  stella, data steward (approves and publishes DOIs through the local DataCite test server):
    $(tok -s stella -r steward)
  admin:
    $(tok -s admin -r admin)
Without a token you see what is published (proposal 20261001 and its DOI).
SciCat REST API (pyscicat, scitacean): http://127.0.0.1:${CATALOG_PORT:-4000}/api/v3, explorer at http://127.0.0.1:${CATALOG_PORT:-4000}/api/v3/explorer
  functional account bl17u1-ingestor (ingestor of the MX proposals), password: $SCICAT_PASSWORD
  e.g. python -c 'from pyscicat.client import from_credentials; c = from_credentials("http://127.0.0.1:${CATALOG_PORT:-4000}/api/v3", "bl17u1-ingestor", "$SCICAT_PASSWORD"); print(c.datasets_get_many({"ownerGroup": "p20261001"}))'
Landing page of the demo DOI: http://127.0.0.1:${CATALOG_PORT:-4000}/pid/10.99999/demo.lysozyme.2026
OAI-PMH: http://127.0.0.1:${CATALOG_PORT:-4000}/oai?verb=ListRecords&metadataPrefix=oai_datacite
A tomography scan's file (with dana's token): curl -H "Authorization: Bearer <token>" -O http://127.0.0.1:${CATALOG_PORT:-4000}/files/$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$TOMO_PID")/scan_0001.nxs
  the whole scan as a zip: http://127.0.0.1:${CATALOG_PORT:-4000}/archives/$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$TOMO_PID").zip
  its checksums against storage (in another shell): source .run/env; CATALOG_STORAGE_ROOTS='$CATALOG_STORAGE_ROOTS' node dist/src/cli/main.js files verify $TOMO_PID

MSG
exec node dist/src/cli/main.js serve
