// OAI-PMH harvesting: lists are read in (datestamp, _id) order from published datasets, findable
// publications and the tombstones of deleted published datasets.
// Down drops these indexes only: it never deletes data (the tombstones stay).

const { createIndexes, dropIndexes } = require('./lib/indexes');

const INDEXES = {
  datasets: [{ isPublished: 1, updatedAt: 1, _id: 1 }, { isPublished: 1, instrumentId: 1, updatedAt: 1, _id: 1 }],
  publications: [{ status: 1, updatedAt: 1, _id: 1 }],
  oai_deleted: [{ updatedAt: 1, _id: 1 }, { instrumentId: 1, updatedAt: 1, _id: 1 }],
};

module.exports = {
  up: (db) => createIndexes(db, INDEXES),
  down: (db) => dropIndexes(db, INDEXES),
};
