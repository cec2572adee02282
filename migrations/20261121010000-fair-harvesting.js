// OAI-PMH harvesting: lists are read in (datestamp, _id) order from published datasets, findable
// publications and the tombstones of deleted published datasets.
// Down drops these indexes only: it never deletes data (the tombstones stay).

const INDEXES = {
  datasets: [{ isPublished: 1, updatedAt: 1, _id: 1 }, { isPublished: 1, instrumentId: 1, updatedAt: 1, _id: 1 }],
  publications: [{ status: 1, updatedAt: 1, _id: 1 }],
  oai_deleted: [{ updatedAt: 1, _id: 1 }, { instrumentId: 1, updatedAt: 1, _id: 1 }],
};

function name(key) {
  return Object.entries(key).map(([k, v]) => `${k}_${v}`).join('_');
}

module.exports = {
  async up(db) {
    const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const [collection, keys] of Object.entries(INDEXES)) {
      if (!existing.has(collection)) await db.createCollection(collection);
      await db.collection(collection).createIndexes(keys.map((key) => ({ key, name: name(key) })));
    }
  },

  async down(db) {
    for (const [collection, keys] of Object.entries(INDEXES)) {
      for (const key of keys) {
        await db.collection(collection).dropIndex(name(key)).catch((e) => {
          if (e.codeName !== 'IndexNotFound' && e.code !== 27 && e.codeName !== 'NamespaceNotFound') throw e;
        });
      }
    }
  },
};
