// npm run bench (part "fair"): publication and FAIR figures, each beside a baseline from the same run.
//  (d) OAI-PMH ListRecords (oai_dc) over all published datasets, harvested page by page through the
//      API server (its own process), against the driver streaming the same documents in the same
//      order with the same projection into an XML line each; the server's RSS early and late in the
//      harvest shows whether memory stays flat;
//  (e) landing pages in every format (datasets with and without files, DOIs) and OAI-PMH GetRecord,
//      against the driver reading by key what each page needs (bench/landing.ts).
// Settings: BENCH_OAI_DATASETS (default 100000), BENCH_SECONDS (5 per landing format), BENCH_CONCURRENCY (8),
// BENCH_OAI_PAGE (500 records per OAI page). Results go to bench/results/<time>-fair.json.
import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config';
import { connect } from '../src/db';
import { migrate } from '../src/db/migrate';
import { esc } from '../src/common/xml';
import { rssOf, startServer, writeResult } from './common';
import { createServices } from '../src/app/services';
import { searchOptions } from '../src/search';
import { measureLanding, prepareLanding } from './landing';
import { bulkDataset, BULK_GROUP } from '../seeds/bulk';

const N = Number(process.env.BENCH_OAI_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PAGE = Number(process.env.BENCH_OAI_PAGE ?? 500);
const DB = process.env.BENCH_FAIR_DB ?? 'catalog_bench_fair';
const PROJECTION = { _id: 1, datasetName: 1, description: 1, keywords: 1, owner: 1, creationTime: 1, techniques: 1, license: 1, type: 1, instrumentId: 1, updatedAt: 1, isPublished: 1, ownerGroup: 1, inputDatasets: 1, proposalIds: 1 };

async function main() {
  // its own index: the index follows its database, and the demo's is another
  const cfg = loadConfig(process.env, { dbName: DB, searchIndex: DB });
  console.log(`bench fair: ${N} published datasets in ${DB}; OAI pages of ${PAGE}; ${SECONDS}s per landing-page measurement at concurrency ${CONCURRENCY}`);
  await migrate(cfg.mongoUri, DB, 'up');
  const db = await connect(cfg.mongoUri, DB);
  const col = db.db.collection('datasets');
  const have = await col.estimatedDocumentCount();
  if (have < N) {
    // setup, not measured: raw inserts in the stored shape (see bench/run.ts for why not the services)
    console.log(`seeding published datasets ${have}..${N} (kept for later runs)…`);
    await db.db.collection('instruments').updateOne({ _id: 'instrument/BL-BENCH' } as any, { $set: { uniqueName: 'BL-BENCH', name: 'Bench beamline', ownerGroup: 'facility', accessGroups: [], isPublished: true } }, { upsert: true });
    const bar = new SingleBar({ format: 'seed |{bar}| {value}/{total} {eta_formatted}' }, Presets.shades_classic);
    bar.start(N, have);
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = have; i < N; i += 500) {
      const docs = Array.from({ length: Math.min(500, N - i) }, (_, k) => bulkDataset(i + k));
      await col.insertMany(docs.map((d, k) => {
        const at = new Date(t0 + (i + k) * 1000);
        return { ...d, _id: d.pid, creationTime: new Date(d.creationTime), instrumentId: 'instrument/BL-BENCH', isPublished: true, ownerGroup: BULK_GROUP, accessGroups: [], size: 31_457_280, numberOfFiles: 5, _rev: 1, _hash: 'bench', createdAt: at, updatedAt: at, createdBy: 'bench', updatedBy: 'bench' };
      }) as any[]);
      bar.update(i + docs.length);
    }
    bar.stop();
  }

  // (e)'s records, written before the server starts so that it serves their files: not measured
  const sample = await col.find({ isPublished: true }, { projection: { _id: 1, sourceFolder: 1 } }).limit(200).toArray();
  const services = createServices(db.db, { maxPageSize: 500, pidPrefix: 'bench' }, undefined, searchOptions(cfg));
  const landing = await prepareLanding(services, sample.map((d) => String(d._id)), new Map(sample.map((d) => [String(d._id), String(d.sourceFolder)])));
  await services.search.close();

  const port = 4990 + Math.floor(Math.random() * 9);
  const server = await startServer(port, { CATALOG_DB: DB, CATALOG_SEARCH_INDEX: DB, CATALOG_OAI_PAGE_SIZE: String(PAGE), CATALOG_STORAGE_ROOTS: landing.roots });
  const base = `http://127.0.0.1:${port}`;
  await untilIndexed(base, landing.pids[0]);

  // (e) first: landing pages in every format, and GetRecord (the harvest's baseline below reads every document)
  const landingRows = await measureLanding(base, db.db, landing, cfg.oaiRepositoryId, SECONDS, CONCURRENCY);
  landing.cleanup();

  // (d) OAI-PMH harvest through the API
  const rssStart = rssOf(server.pid!);
  let records = 0;
  let pages = 0;
  let rssEarly = rssStart;
  let t = performance.now();
  let next = `${base}/oai?verb=ListRecords&metadataPrefix=oai_dc&set=datasets`;
  const bar = new SingleBar({ format: 'harvest |{bar}| {value}/{total} records {eta_formatted}' }, Presets.shades_classic);
  bar.start(N, 0);
  for (;;) {
    const body = await (await fetch(next)).text();
    const n = (body.match(/<record>/g) ?? []).length;
    if (!n) throw new Error(`OAI page without records: ${body.slice(0, 400)}`);
    records += n;
    pages++;
    bar.update(records);
    if (pages === Math.max(1, Math.floor(N / PAGE / 10))) rssEarly = rssOf(server.pid!);
    const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(body)?.[1];
    if (!token) break;
    next = `${base}/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
  }
  bar.stop();
  const oaiSecs = (performance.now() - t) / 1000;
  const rssEnd = rssOf(server.pid!);

  // baseline: the same documents, order and projection, straight from the driver into one XML line each
  t = performance.now();
  let baseRecords = 0;
  let bytes = 0;
  for await (const d of col.find({ isPublished: true }, { projection: PROJECTION }).sort({ updatedAt: 1, _id: 1 })) {
    bytes += `<record><identifier>${esc(d._id)}</identifier><title>${esc(d.datasetName)}</title><description>${esc(d.description ?? '')}</description></record>`.length;
    baseRecords++;
  }
  const baseSecs = (performance.now() - t) / 1000;

  const rssAfterPages = rssOf(server.pid!);
  server.kill('SIGTERM');

  const result = {
    at: new Date().toISOString(),
    mongodb: cfg.mongoUri.replace(/\/\/[^@/]*@/, '//***@'),
    publishedDatasets: N,
    oaiListRecords: {
      records, pages, pageSize: PAGE,
      oursPerSecond: Number((records / oaiSecs).toFixed(1)),
      baselineDriverPerSecond: Number((baseRecords / baseSecs).toFixed(1)),
      ratio: Number((baseSecs / oaiSecs).toFixed(2)),
      serverRssMiB: { start: rssStart.rssMiB, afterTenthOfPages: rssEarly.rssMiB, end: rssEnd.rssMiB, peak: rssEnd.peakMiB },
      baselineBytes: bytes,
    },
    landingPages: landingRows,
    serverPeakRssMiB: rssAfterPages.peakMiB,
  };
  console.log(`
(d) OAI-PMH ListRecords oai_dc, ${records} records in ${pages} pages    ours (HTTP, paged)    baseline (driver stream)
    records/s                                        ${String(result.oaiListRecords.oursPerSecond).padEnd(21)} ${result.oaiListRecords.baselineDriverPerSecond}
    ratio ours/baseline                              ${result.oaiListRecords.ratio}
    server RSS MiB: start ${rssStart.rssMiB}, after a tenth of the pages ${rssEarly.rssMiB}, end ${rssEnd.rssMiB}, peak ${rssEnd.peakMiB}
    server peak RSS                                  ${rssAfterPages.peakMiB} MiB
`);
  writeResult(result, '-fair');
  await db.close();
}

/** Waits (not measured) until the server's index is built and caught up (searchStatus), and serves the files written for (e). */
async function untilIndexed(base: string, pid: string): Promise<void> {
  const t0 = Date.now();
  process.stdout.write('waiting for the search index to be built and caught up…');
  for (;;) {
    const r: any = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ searchStatus { available documents pending } }' }) })).json();
    const st = r.data?.searchStatus;
    if (st?.available && st.pending === 0 && st.documents >= N && /"distribution"/.test(await (await fetch(`${base}/pid/${pid}?format=jsonld`)).text())) break;
    if (Date.now() - t0 > 1_800_000) throw new Error(`the index did not catch up in 30 minutes: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 2000));
  }
  console.log(` ${Math.round((Date.now() - t0) / 1000)} s`);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
