// Shared by the migrations: create the named indexes of each collection (up), or drop them (down).
// Down never deletes data.

function indexName(key) {
  return Object.entries(key).map(([k, v]) => `${k}_${v}`).join('_');
}

async function createIndexes(db, indexes, unique = {}) {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const [collection, keys] of Object.entries(indexes)) {
    if (!existing.has(collection)) await db.createCollection(collection);
    await db.collection(collection).createIndexes(
      keys.map((key) => ({ key, name: indexName(key), ...((unique[collection] || []).includes(indexName(key)) && { unique: true }) })),
    );
  }
}

async function dropIndexes(db, indexes) {
  for (const [collection, keys] of Object.entries(indexes)) {
    for (const key of keys) {
      await db.collection(collection).dropIndex(indexName(key)).catch((e) => {
        if (e.codeName !== 'IndexNotFound' && e.code !== 27 && e.codeName !== 'NamespaceNotFound') throw e;
      });
    }
  }
}

module.exports = { indexName, createIndexes, dropIndexes };
