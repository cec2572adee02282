// Attachments (captioned thumbnails of datasets, samples and proposals) are listed by parent; these
// indexes serve those lists when the read index cannot answer, and the cascades of a parent's change.
// Down drops these indexes only: it never deletes attachments.

const { createIndexes, dropIndexes } = require('./lib/indexes');

const INDEXES = {
  attachments: [{ ownerGroup: 1 }, { accessGroups: 1 }, { isPublished: 1 }, { datasetId: 1, createdAt: 1 }, { sampleId: 1, createdAt: 1 }, { proposalId: 1, createdAt: 1 }],
};

module.exports = {
  up: (db) => createIndexes(db, INDEXES),
  down: (db) => dropIndexes(db, INDEXES),
};
