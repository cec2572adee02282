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
tok() { node dist/src/cli/main.js token -e 30d "$@"; }
cat <<MSG

Demo tokens (paste into GraphiQL's Headers as {"Authorization": "Bearer <token>"}):
  alice, user of proposals 20261001 and 20261002 (MX):
    $(tok -s alice -r user -g p20261001,p20261002)
  bob, user of proposal 20262001 (tomography):
    $(tok -s bob -r user -g p20262001)
  bl17u1-adapter, ingestor for the MX proposals:
    $(tok -s bl17u1-adapter -r ingestor -g p20261001,p20261002)
  admin:
    $(tok -s admin -r admin)
Without a token you see what is published (proposal 20261001 and its DOI).

MSG
exec node dist/src/cli/main.js serve
