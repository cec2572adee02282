// What each origdatablock holds is kept per dataset in dataset_file_counters, so a block write updates
// its dataset's size and numberOfFiles without searching the blocks collection. This fills it for
// datasets written before it existed.
// Down drops that collection; the datasets' counters are left as they are.

module.exports = {
  async up(db) {
    // compiled by scripts/install.sh; the same code the services use to key the shares
    const { rebuildFileCounters } = require('../dist/src/catalog/dataset/dataset.counters');
    const n = await rebuildFileCounters(db);
    if (n) console.log(`dataset file counters: filled for ${n} dataset(s)`);
  },
  async down(db) {
    await db.collection('dataset_file_counters').drop().catch((e) => {
      if (e.codeName !== 'NamespaceNotFound') throw e;
    });
  },
};
