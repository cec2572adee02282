// npm run bench (part "fair"): publication and FAIR figures, each beside a baseline from the same run.
//  (d) OAI-PMH ListRecords (oai_dc) over all published datasets, harvested page by page through the
//      API server (its own process), against the driver streaming the same documents in the same
//      order with the same projection into an XML line each; the server's RSS early and late in the
//      harvest shows whether memory stays flat;
//  (e) landing pages (HTML with JSON-LD) per second, against the driver reads the page needs + JSON.
// Settings: BENCH_OAI_DATASETS (default 100000), BENCH_SECONDS (10), BENCH_CONCURRENCY (8),
// BENCH_OAI_PAGE (500 records per OAI page). Results go to bench/results/<time>-fair.json.
import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config';
import { connect } from '../src/db';
import { migrate } from '../src/db/migrate';
import { esc } from '../src/common/xml';
import { load, rssOf, startServer, writeResult } from './common';
import { bulkDataset, BULK_GROUP } from '../seeds/bulk';

const N = Number(process.env.BENCH_OAI_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PAGE = Number(process.env.BENCH_OAI_PAGE ?? 500);
const DB = process.env.BENCH_FAIR_DB ?? 'catalog_bench_fair';
const PROJECTION = { _id: 1, datasetName: 1, description: 1, keywords: 1, owner: 1, creationTime: 1, techniques: 1, license: 1, type: 1, instrumentId: 1, updatedAt: 1, isPublished: 1, ownerGroup: 1, inputDatasets: 1, proposalIds: 1 };

async function main() {
  const cfg = loadConfig(process.env, { dbName: DB });
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

  const port = 4990 + Math.floor(Math.random() * 9);
  const server = await startServer(port, { CATALOG_DB: DB, CATALOG_OAI_PAGE_SIZE: String(PAGE) });
  const base = `http://127.0.0.1:${port}`;

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

  // (e) landing pages
  const pids = (await col.find({ isPublished: true }, { projection: { _id: 1 } }).limit(200).toArray()).map((d) => String(d._id));
  let i = 0;
  const page = async () => {
    const r = await fetch(`${base}/pid/${pids[i++ % pids.length]}`, { headers: { accept: 'text/html' } });
    const text = await r.text();
    if (r.status !== 200 || !text.includes('application/ld+json')) throw new Error(`landing page failed: ${r.status} ${text.slice(0, 200)}`);
  };
  let j = 0;
  const direct = async () => {
    const pid = pids[j++ % pids.length];
    const d = await col.findOne({ _id: pid } as any, { projection: { scientificMetadata: 0 } });
    const pubs = await db.db.collection('publications').find({ datasetPids: pid }).toArray();
    JSON.stringify({ d, pubs });
  };
  await page();
  await direct();
  const landing = await load(page, SECONDS, CONCURRENCY);
  const landingBase = await load(direct, SECONDS, CONCURRENCY);
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
    landingPages: { ours: landing, baselineDirect: landingBase, ratio: Number((landing.perSecond / landingBase.perSecond).toFixed(2)) },
    serverPeakRssMiB: rssAfterPages.peakMiB,
  };
  console.log(`
(d) OAI-PMH ListRecords oai_dc, ${records} records in ${pages} pages    ours (HTTP, paged)    baseline (driver stream)
    records/s                                        ${String(result.oaiListRecords.oursPerSecond).padEnd(21)} ${result.oaiListRecords.baselineDriverPerSecond}
    ratio ours/baseline                              ${result.oaiListRecords.ratio}
    server RSS MiB: start ${rssStart.rssMiB}, after a tenth of the pages ${rssEarly.rssMiB}, end ${rssEnd.rssMiB}, peak ${rssEnd.peakMiB}
(e) landing pages (HTML + JSON-LD)                   ours (HTTP)           baseline (driver+JSON)
    requests/s                                       ${String(landing.perSecond).padEnd(21)} ${landingBase.perSecond}
    p50 / p99 ms                                     ${`${landing.p50ms} / ${landing.p99ms}`.padEnd(21)} ${landingBase.p50ms} / ${landingBase.p99ms}
    ratio ours/baseline                              ${result.landingPages.ratio}
    server peak RSS                                  ${rssAfterPages.peakMiB} MiB
`);
  writeResult(result, '-fair');
  await db.close();
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
