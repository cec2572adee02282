// Creates the catalog's collections and the indexes its read paths rely on.
// Down drops these indexes only: it never deletes catalog data.

const ACCESS = [{ ownerGroup: 1 }, { accessGroups: 1 }, { isPublished: 1 }, { updatedAt: 1 }];

const { createIndexes, dropIndexes } = require('./lib/indexes');

const INDEXES = {
  datasets: [
    ...ACCESS,
    { creationTime: -1, _id: -1 },
    { proposalIds: 1, creationTime: -1 },
    { sampleIds: 1, creationTime: -1 },
    { instrumentId: 1, creationTime: -1 },
    { inputDatasets: 1 },
    { keywords: 1 },
    { 'techniques.name': 1 },
    { type: 1 },
  ],
  proposals: [...ACCESS, { startTime: -1 }, { 'measurementPeriodList.instrument': 1 }, { pi_email: 1 }],
  samples: [...ACCESS, { proposalId: 1 }],
  origdatablocks: [...ACCESS, { datasetId: 1, chunkIndex: 1 }],
  publications: [...ACCESS, { datasetPids: 1 }, { doi: 1 }, { status: 1 }, { 'relatedPublications.identifier': 1 }],
  instruments: [...ACCESS, { uniqueName: 1 }],
  outbox: [{ entity: 1, _id: 1 }],
  apikeys: [{ subject: 1 }],
};

const UNIQUE = { instruments: ['uniqueName_1'] };

module.exports = {
  up: (db) => createIndexes(db, INDEXES, UNIQUE),
  down: (db) => dropIndexes(db, INDEXES),
};
