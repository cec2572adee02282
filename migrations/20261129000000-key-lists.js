// Ingest runs, quarantine entries and export jobs are listed from key lists (src/db/keylist.ts), so no
// filtered query scans those collections. This fills the lists for what was written before they existed.
// Down drops the lists; nothing else depends on them being absent.

module.exports = {
  async up(db) {
    // compiled by scripts/install.sh; the same code the services use to keep the lists
    const { IngestRepository } = require('../dist/src/ingest/run/ingest.repository');
    const { ExportService } = require('../dist/src/export/export.service');
    const n = (await IngestRepository.rebuildLists(db)) + (await ExportService.rebuildLists(db));
    if (n) console.log(`key lists: filled from ${n} ingest run(s), quarantine entries and export job(s)`);
  },
  async down(db) {
    await db.collection('key_lists').drop().catch((e) => {
      if (e.codeName !== 'NamespaceNotFound') throw e;
    });
  },
};
