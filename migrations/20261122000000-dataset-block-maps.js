// Datasets keep what each of their origdatablocks holds in `_blocks`, so a block write updates its
// dataset's size and numberOfFiles without searching the blocks collection. This fills the map for
// datasets written before it existed.
// Down removes the map; the counters themselves are left as they are.

module.exports = {
  async up(db) {
    // compiled by scripts/install.sh; the same code the services use to key the map
    const { rebuildBlockMaps } = require('../dist/src/catalog/dataset/dataset.service');
    const n = await rebuildBlockMaps(db);
    if (n) console.log(`dataset block maps: filled for ${n} dataset(s)`);
  },
  async down(db) {
    await db.collection('datasets').updateMany({ _blocks: { $exists: true } }, { $unset: { _blocks: '' } });
  },
};
