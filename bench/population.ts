// The core bench's population: N published MX datasets (~400 metadata keys each, seeds/bulk.ts) with a
// block of 5 files each, in MongoDB and in the read index. Setup, not a measured figure: datasets and
// blocks bypass the API (raw insertMany into MongoDB, and the catalog's own index documents bulk-loaded
// into Elasticsearch at the same time), because going through the services at this size takes longer
// than the bench's whole budget on FerretDB. Proposals, samples, the instrument and publications go
// through the services. What is there already is kept for later runs.
import { ObjectId } from 'mongodb';
import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '../src/config';
import { connect, type Database } from '../src/db';
import { migrate } from '../src/db/migrate';
import { createServices, type Services } from '../src/app/services';
import { searchOptions } from '../src/search';
import type { StoredRecord } from '../src/catalog/common/record.types';
import { bulkDataset, seedBulk, BULK_GROUP } from '../seeds/bulk';

const BATCH = 500;

/** Dataset i as stored: published (OAI-PMH harvests them), with the file counters of its one block. */
export function storedDataset(i: number, at: Date): StoredRecord {
  const d = bulkDataset(i);
  return { ...d, isPublished: true, _id: d.pid, size: 5 * 6_291_456, numberOfFiles: 5, _rev: 1, _hash: 'bench', createdAt: at, updatedAt: at, createdBy: 'bench', updatedBy: 'bench' } as unknown as StoredRecord;
}

function storedBlock(d: StoredRecord): StoredRecord {
  return {
    _id: `${d._id}/block/0`, id: `${d._id}/block/0`, datasetId: d._id, chunkIndex: 0, chkAlg: 'sha256', size: 5 * 6_291_456, numberOfFiles: 5,
    ownerGroup: BULK_GROUP, accessGroups: d.accessGroups, isPublished: true, _rev: 1, _hash: 'bench', createdAt: d.createdAt, updatedAt: d.updatedAt, createdBy: 'bench', updatedBy: 'bench',
    dataFileList: Array.from({ length: 5 }, (_, f) => ({ path: `${d.sourceFolder}/image_${f}.cbf`, size: 6_291_456 })),
  } as StoredRecord;
}

async function indexed(s: Services, kind: string): Promise<number> {
  await s.search.backend.es().indices.refresh({ index: s.search.backend.alias });
  return (await s.search.backend.es().count({ index: s.search.backend.alias, query: { term: { kind } } })).count;
}

/** How many of bench datasets 0..n-1 exist, found by key (they are written in order): a binary search. */
async function keyedCount(db: Database, n: number): Promise<number> {
  const has = async (i: number) => !!(await db.db.collection('datasets').findOne({ _id: bulkDataset(i).pid } as any, { projection: { _id: 1 } }));
  if (await has(n - 1)) return n;
  let [lo, hi] = [0, n - 1]; // lo: first index not known to exist; hi: known missing
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await has(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Brings the bench database and its index to `n` datasets; returns the open database and services. */
export async function populate(cfg: Config, n: number): Promise<{ db: Database; services: Services }> {
  await migrate(cfg.mongoUri, cfg.dbName, 'up');
  const db = await connect(cfg.mongoUri, cfg.dbName);
  const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix }, undefined, searchOptions(cfg));
  const search = services.search;
  const es = search.backend.es();
  const { outdated } = await search.backend.ensureIndex();
  if (outdated) {
    // an index of an older definition: load a new one from the generated documents (faster than the
    // API's rebuild from MongoDB, which reads every stored document on FerretDB)
    console.log('the bench index is of an older definition: loading a new one…');
    await es.indices.delete({ index: `${cfg.searchIndex}-records-*` });
    await db.db.collection('search_state').deleteMany({});
    await search.backend.ensureIndex();
  }
  // the index follows the outbox from here: no rebuild from MongoDB when the API starts
  if (!(await search.state.get())?.checkpoint) await search.state.advance(new ObjectId());
  search.reads.invalidate();
  // counting a collection decodes every document on FerretDB: find how far MongoDB got by key instead
  const inDb = await keyedCount(db, n);
  const inIndex = await indexed(services, 'dataset');
  if (inDb >= n && inIndex >= n) return { db, services };
  const from = Math.min(inDb, inIndex);
  console.log(`populating ${from}..${n} datasets (MongoDB holds ${inDb}, the index ${inIndex}; kept for later runs)…`);
  await seedBulk(services, 0);
  const [live] = await search.backend.liveIndices();
  await es.indices.putSettings({ index: live, settings: { refresh_interval: '-1' } });
  const bar = new SingleBar({ format: 'populate |{bar}| {value}/{total} {eta_formatted}' }, Presets.shades_classic);
  bar.start(n, from);
  const at = new Date('2026-06-01T00:00:00Z');
  for (let i = from; i < n; i += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => storedDataset(i + k, at));
    const blocks = docs.map(storedBlock);
    const toMongo = i >= inDb ? Promise.all([db.db.collection('datasets').insertMany(docs as any[]), db.db.collection('origdatablocks').insertMany(blocks as any[])]) : Promise.resolve();
    const toIndex = (async () => {
      const built = await search.indexer.toDocs([...docs.map((rec) => ({ kind: 'dataset' as const, rec })), ...blocks.map((rec) => ({ kind: 'origdatablock' as const, rec }))]);
      const r = await search.indexer.bulk(built, [], [search.backend.alias]);
      if (r.failed.length) throw new Error(`Elasticsearch refused ${r.failed.length} documents: ${r.failed[0].reason}`);
    })();
    await Promise.all([toMongo, toIndex]);
    bar.update(i + docs.length);
  }
  bar.stop();
  await seedBulk(services, n, { skipDatasets: true });
  // proposals, samples, the instrument and publications that were there already are unchanged, so their
  // upserts indexed nothing: load them from MongoDB (a few hundred records)
  for (const [kind, collection] of [['proposal', 'proposals'], ['sample', 'samples'], ['instrument', 'instruments'], ['publication', 'publications']] as const) {
    const recs = (await db.db.collection(collection).find({}).toArray()) as unknown as StoredRecord[];
    if (recs.length) await search.indexer.bulk(await search.indexer.toDocs(recs.map((rec) => ({ kind, rec }))), [], [search.backend.alias]);
  }
  await es.indices.putSettings({ index: live, settings: { refresh_interval: (search.backend.definition.settings.refresh_interval as string) ?? '1s' } });
  await search.reads.settle();
  return { db, services };
}
