// Labels are read by dataset (summaries, exports merge them in pid order) and by set; export jobs are
// claimed oldest first by status and listed per owner.
// Down drops these indexes only: it never deletes labels or jobs.

const { createIndexes, dropIndexes } = require('./lib/indexes');

const INDEXES = {
  labels: [{ ownerGroup: 1 }, { accessGroups: 1 }, { isPublished: 1 }, { datasetPid: 1, _id: 1 }, { labelSet: 1 }, { by: 1 }],
  export_jobs: [{ status: 1, createdAt: 1 }, { 'owner.subject': 1, createdAt: -1 }],
};

module.exports = {
  up: (db) => createIndexes(db, INDEXES),
  down: (db) => dropIndexes(db, INDEXES),
};
