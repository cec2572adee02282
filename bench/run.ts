// npm run bench: the catalog core's figures, each beside a baseline measured in the same run.
//  (a) the portal query (50 datasets with proposals, samples, instrument, origDatablocks, publications)
//      through the full HTTP stack, against the same MongoDB queries issued directly + JSON.stringify;
//  (b) bulk upsert of datasets with ~400 metadata keys, against raw driver bulkWrite of the same documents;
//  (c) the API server's peak RSS (a separate process, read from /proc).
// Settings: BENCH_DATASETS (default 100000), BENCH_SECONDS per measurement (10), BENCH_CONCURRENCY (8),
// BENCH_UPSERT (datasets for (b), 5000). Results go to bench/results/<time>.json.
import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import type { Db } from 'mongodb';
import { loadConfig } from '../src/config';
import { connect } from '../src/db';
import { migrate } from '../src/db/migrate';
import { createServices } from '../src/catalog/services';
import { issueToken, systemIdentity } from '../src/auth';
import { load, rssOf, startServer, writeResult } from './common';
import { bulkDataset, seedBulk, BULK_GROUP } from '../seeds/bulk';

const N = Number(process.env.BENCH_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const UPSERT_N = Number(process.env.BENCH_UPSERT ?? 5000);
const DB = process.env.BENCH_DB ?? 'catalog_bench';

const PORTAL = `query Portal { datasets(first: 50) { nodes { pid datasetName size creationTime
  proposals { proposalId title } samples { sampleId description } instrument { uniqueName name }
  origDatablocks { id size numberOfFiles } publications { id doi title } } } }`;

/** What the portal query asks of MongoDB, issued directly: the baseline for (a). */
async function directPortal(db: Db): Promise<void> {
  const ds = await db.collection('datasets').find({}, { sort: { creationTime: -1, _id: -1 }, limit: 51 }).toArray();
  const page = ds.slice(0, 50);
  const uniq = (xs: unknown[]) => [...new Set(xs.filter((x) => typeof x === 'string'))] as string[];
  const [proposals, samples, instruments, blocks, pubs] = await Promise.all([
    db.collection('proposals').find({ _id: { $in: uniq(page.flatMap((d) => d.proposalIds ?? [])) } } as any).toArray(),
    db.collection('samples').find({ _id: { $in: uniq(page.flatMap((d) => d.sampleIds ?? [])) } } as any).toArray(),
    db.collection('instruments').find({ _id: { $in: uniq(page.map((d) => d.instrumentId)) } } as any).toArray(),
    db.collection('origdatablocks').find({ datasetId: { $in: page.map((d) => d._id) } }, { projection: { dataFileList: 0 } }).toArray(),
    db.collection('publications').find({ datasetPids: { $in: page.map((d) => d._id) } }).toArray(),
  ]);
  JSON.stringify({ page, proposals, samples, instruments, blocks, pubs });
}

async function main() {
  const cfg = loadConfig(process.env, { dbName: DB });
  console.log(`bench: ${N} datasets in database ${DB}; ${SECONDS}s per measurement at concurrency ${CONCURRENCY}`);
  await migrate(cfg.mongoUri, DB, 'up');
  const db = await connect(cfg.mongoUri, DB);
  const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix });

  const have = await db.db.collection('datasets').estimatedDocumentCount();
  if (have < N) {
    // Setup only, not a measured figure: the documents go in with raw insertMany in the shape the
    // services store (FerretDB's SQLite backend answers only {_id: x} from an index, so seeding
    // 100,000 through the services' $in reads would take hours there). Proposals, samples,
    // instruments and publications go through the services.
    console.log(`seeding datasets ${have}..${N} (kept for later runs)…`);
    await seedBulk(services, 0);
    const bar = new SingleBar({ format: 'seed |{bar}| {value}/{total} {eta_formatted}' }, Presets.shades_classic);
    bar.start(N, have);
    const now = new Date();
    const stamp = { _rev: 1, _hash: 'bench', createdAt: now, updatedAt: now, createdBy: 'bench', updatedBy: 'bench' };
    for (let i = have; i < N; i += 500) {
      const docs = Array.from({ length: Math.min(500, N - i) }, (_, k) => bulkDataset(i + k));
      await db.db.collection('datasets').insertMany(docs.map((d) => ({ ...d, ...stamp, _id: d.pid, size: 5 * 6_291_456, numberOfFiles: 5 })) as any[]);
      await db.db.collection('origdatablocks').insertMany(docs.map((d) => ({
        ...stamp, _id: `${d.pid}/block/0`, id: `${d.pid}/block/0`, datasetId: d.pid, chunkIndex: 0, chkAlg: 'sha256', size: 5 * 6_291_456, numberOfFiles: 5,
        ownerGroup: BULK_GROUP, accessGroups: [], isPublished: false,
        dataFileList: Array.from({ length: 5 }, (_, f) => ({ path: `${d.sourceFolder}/image_${f}.cbf`, size: 6_291_456 })),
      })) as any[]);
      bar.update(i + docs.length);
    }
    bar.stop();
    await seedBulk(services, N, { skipDatasets: true });
  }

  // (a) portal query, server in its own process so its memory can be read
  const port = 4900 + Math.floor(Math.random() * 90);
  const server = await startServer(port, { CATALOG_DB: DB });
  const token = await issueToken(cfg.jwtSecret!, { subject: 'bench', role: 'admin', groups: [] });
  const url = `http://127.0.0.1:${port}/graphql`;
  const viaApi = async () => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: PORTAL }) });
    const body = (await r.json()) as any;
    if (body.errors || body.data.datasets.nodes.length !== 50) throw new Error(`portal query failed: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  };
  await viaApi();
  await directPortal(db.db);
  const rssBefore = rssOf(server.pid!);
  const api = await load(viaApi, SECONDS, CONCURRENCY);
  const direct = await load(() => directPortal(db.db), SECONDS, CONCURRENCY);
  const rssAfter = rssOf(server.pid!);
  server.kill('SIGTERM');

  // (b) bulk upsert into fresh collections
  const docs = Array.from({ length: UPSERT_N }, (_, i) => bulkDataset(10_000_000 + i));
  const upDb = await connect(cfg.mongoUri, `${DB}_upsert`);
  await upDb.db.dropDatabase();
  const upServices = createServices(upDb.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix });
  const batch = 500;
  let t = performance.now();
  for (let i = 0; i < docs.length; i += batch) await upServices.datasets.upsertMany(systemIdentity('bench'), docs.slice(i, i + batch));
  const oursSecs = (performance.now() - t) / 1000;
  const raw = upDb.db.collection('raw_datasets');
  const rawDocs = docs.map((d) => ({ ...d, _id: d.pid, creationTime: new Date(d.creationTime) }));
  t = performance.now();
  // both start from an empty collection, where the services' upsert becomes inserts too
  for (let i = 0; i < rawDocs.length; i += batch) await raw.bulkWrite(rawDocs.slice(i, i + batch).map((d) => ({ insertOne: { document: d } })), { ordered: false });
  const rawSecs = (performance.now() - t) / 1000;
  await upDb.db.dropDatabase();
  await upDb.close();

  const result = {
    at: new Date().toISOString(),
    mongodb: cfg.mongoUri.replace(/\/\/[^@/]*@/, '//***@'),
    datasets: N,
    portalQuery: { api, baselineDirect: direct, ratio: Number((api.perSecond / direct.perSecond).toFixed(2)), goal: '>= 0.5' },
    bulkUpsert: {
      datasets: UPSERT_N,
      oursPerSecond: Number((UPSERT_N / oursSecs).toFixed(1)),
      baselineBulkWritePerSecond: Number((UPSERT_N / rawSecs).toFixed(1)),
      ratio: Number((rawSecs / oursSecs).toFixed(2)),
      goal: '>= 0.5',
    },
    serverMemory: { rssBeforeLoadMiB: rssBefore.rssMiB, rssAfterLoadMiB: rssAfter.rssMiB, peakRssMiB: rssAfter.peakMiB },
  };
  console.log(`
(a) portal query, 50 datasets + 5 relations     ours (HTTP+GraphQL)   baseline (driver+JSON)
    requests (in ${SECONDS}s at concurrency ${CONCURRENCY})          ${String(api.requests).padEnd(21)} ${direct.requests}
    requests/s                                  ${String(api.perSecond).padEnd(21)} ${direct.perSecond}
    p50 / p99 ms                                ${`${api.p50ms} / ${api.p99ms}`.padEnd(21)} ${direct.p50ms} / ${direct.p99ms}
    ratio ours/baseline                         ${result.portalQuery.ratio} (goal >= 0.5)
(b) bulk upsert, ~400 metadata keys             ours (services)       baseline (bulkWrite)
    datasets/s                                  ${String(result.bulkUpsert.oursPerSecond).padEnd(21)} ${result.bulkUpsert.baselineBulkWritePerSecond}
    ratio ours/baseline                         ${result.bulkUpsert.ratio} (goal >= 0.5)
(c) API server memory                           peak RSS ${rssAfter.peakMiB} MiB (RSS ${rssBefore.rssMiB} MiB before load, ${rssAfter.rssMiB} MiB after)
`);
  writeResult(result);
  await db.close();
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
