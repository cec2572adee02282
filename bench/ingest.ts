// Ingest bench: the ISPyB-style MX database (seeds/mx) in MariaDB, brought into the catalog by
// mappings/mx-ispyb.json, at each size in BENCH_INGEST_SIZES (data collections):
//   catalog    `catalog ingest run mx-ispyb --full` in its own process, into a fresh database: reads,
//              mapping, JSON Schema checks, stored-revision reads, bulk upserts, outbox, checkpoints.
//              Its peak RSS is read from /proc while it runs.
//   baseline   the same SELECTs (the same adapter, the same pages), then raw driver bulkWrite of the
//              already-mapped documents (inserts; a replace for a proposal or sample seen in an earlier
//              batch) into another fresh database. The
//              mapping runs between the timed parts and is not counted: the baseline is what reading and
//              writing alone cost.
// The source database is loaded once per size given (bench_ispyb_<n>) and kept for later runs.
// BENCH_INGEST_MAPPING=mx-ispyb-upstream measures file expansion instead: the upstream-shaped database
// (seeds/ispyb/upstream.ts, no update column) with BENCH_INGEST_IMAGES images per collection, each expanded
// into a file entry by the mapping's fileSeries, content hashes kept, and its further roots (every session and
// sample) run after the main one, on both sides.
//   BENCH_INGEST_SIZES ("10000,100000")  BENCH_INGEST_BATCH (500)  BENCH_INGEST_SKIP_BASELINE (unset)
//   BENCH_INGEST_MAPPING (mx-ispyb)  BENCH_INGEST_IMAGES (100)
//   BENCH_INGEST_HEAP_MIB (unset): caps the run's V8 old space (--max-old-space-size). Unset, V8 lets the heap grow
//   with the run's length before it collects, so peak RSS grows with size although what is live does not; set, the
//   peak RSS shows the memory the run needs (a run that needs more fails, so the cap cannot hide a leak).
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AnyBulkWriteOperation, Db } from 'mongodb';
import { loadConfig } from '../src/config';
import { connect, redact } from '../src/db';
import { migrate } from '../src/db/migrate';
import { projectRoot } from '../src/common/paths';
import { compileMapping, loadMapping, rootParts, ENTITY_ORDER, ID_FIELD, type EntityName, type Mapping } from '../src/ingest';
import { loadUpstream } from '../seeds/ispyb/upstream';
import { createAdapter } from '../src/ingest/adapters';
import { openTarget, loadMx, ensureDatabase, withDatabase } from '../seeds/mx/ispyb.load';
import { rssOf, writeResult } from './common';

const SIZES = (process.env.BENCH_INGEST_SIZES ?? '10000,100000').split(',').map((s) => Number(s.trim()));
const BATCH = Number(process.env.BENCH_INGEST_BATCH ?? 500);
const SKIP_BASELINE = !!process.env.BENCH_INGEST_SKIP_BASELINE;
const MAPPING_ID = process.env.BENCH_INGEST_MAPPING ?? 'mx-ispyb';
if (!['mx-ispyb', 'mx-ispyb-upstream'].includes(MAPPING_ID)) throw new Error(`BENCH_INGEST_MAPPING must be mx-ispyb or mx-ispyb-upstream, not ${MAPPING_ID}`);
const UPSTREAM = MAPPING_ID === 'mx-ispyb-upstream';
const IMAGES = Number(process.env.BENCH_INGEST_IMAGES ?? 100);
const MAPPING = path.join(projectRoot(), 'mappings', `${MAPPING_ID}.json`);
/** The variable the mapping reads its connection from. */
const CONNECTION_ENV = UPSTREAM ? 'ISPYB_UPSTREAM_URL' : 'MX_MARIADB_URL';
const COLLECTION: Record<EntityName, string> = { instrument: 'instruments', proposal: 'proposals', sample: 'samples', dataset: 'datasets', origdatablock: 'origdatablocks' };

interface Side {
  seconds: number;
  datasets: number;
  perSecond: number;
}

/** Loads `n` data collections into bench_ispyb_<n> unless it holds them already; returns its read-only URL. */
async function sourceFor(n: number): Promise<string> {
  const admin = process.env.MX_MARIADB_ADMIN_URL;
  const ro = process.env.MX_MARIADB_URL;
  if (!admin || !ro) throw new Error('MX_MARIADB_ADMIN_URL / MX_MARIADB_URL are not set (npm run bench starts MariaDB)');
  const name = UPSTREAM ? `bench_ispybup_${n}_${IMAGES}` : `bench_ispyb_${n}`;
  await ensureDatabase('mariadb', admin, name);
  const t = await openTarget('mariadb', withDatabase(admin, name));
  try {
    const have = await t.exec('SELECT COUNT(*) AS n FROM DataCollection').then((r) => Number(r[0].n)).catch(() => -1);
    if (have !== n) {
      const t0 = Date.now();
      const progress = (d: number) => process.stderr.write(`\r[bench] loading ${name}: ${d}/${n} data collections`);
      if (UPSTREAM) await loadUpstream(t, n, { images: IMAGES }, progress);
      else await loadMx(t, { collections: n }, progress);
      process.stderr.write(`\n[bench] ${name} loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s (setup, not measured)\n`);
    }
  } finally {
    await t.close();
  }
  return withDatabase(ro, name);
}

async function freshDb(uri: string, name: string): Promise<void> {
  const d = await connect(uri, name);
  await d.db.dropDatabase();
  await d.close();
  await migrate(uri, name, 'up');
}

/** `catalog ingest run` in a child process; its peak RSS comes from /proc/<pid>/status (VmHWM). */
async function catalogSide(n: number, sourceUrl: string, dbName: string): Promise<Side & { peakRssMiB: number }> {
  const heap = process.env.BENCH_INGEST_HEAP_MIB ? [`--max-old-space-size=${Number(process.env.BENCH_INGEST_HEAP_MIB)}`] : [];
  const child = spawn(process.execPath, [...heap, path.join(projectRoot(), 'dist/src/cli/main.js'), 'ingest', 'run', MAPPING, '--full', '--quiet', '--batch', String(BATCH)], {
    env: { ...process.env, CATALOG_DB: dbName, [CONNECTION_ENV]: sourceUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(child.pid!).peakMiB);
    } catch {
      /* the process has just exited */
    }
  }, 250);
  const t0 = performance.now();
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(poll);
  if (code !== 0) throw new Error(`catalog ingest run exited with ${code}:\n${out}`);
  const created = Number(/^\s*created\s+(\d+)/m.exec(out)?.[1] ?? NaN);
  if (created !== n) throw new Error(`catalog ingest run created ${created} datasets, expected ${n}:\n${out}`);
  return { seconds: round(seconds), datasets: n, perSecond: round(n / seconds), peakRssMiB: peak };
}

/** The same SELECTs (every root of the mapping), then raw bulkWrite of the mapped documents; only reading and writing are timed. */
async function baselineSide(n: number, sourceUrl: string, db: Db): Promise<Side> {
  const seen = new Set<string>();
  let timed = 0;
  let datasets = 0;
  for (const part of rootParts(loadMapping(MAPPING))) {
    const r = await baselinePart(part, sourceUrl, db, seen);
    timed += r.timed;
    datasets += r.datasets;
  }
  if (datasets !== n) throw new Error(`baseline wrote ${datasets} datasets, expected ${n}`);
  const seconds = timed / 1000;
  return { seconds: round(seconds), datasets, perSecond: round(n / seconds) };
}

/** One root of the baseline: milliseconds spent reading and writing, and the datasets written. */
async function baselinePart(mapping: Mapping, sourceUrl: string, db: Db, seen: Set<string>): Promise<{ timed: number; datasets: number }> {
  const compiled = compileMapping(mapping);
  const adapter = createAdapter(mapping, sourceUrl);
  const now = new Date();
  const stamp = { _rev: 1, _hash: 'baseline', createdAt: now, createdBy: 'bench', updatedAt: now, updatedBy: 'bench' };
  let timed = 0;
  let datasets = 0;
  let t = performance.now();
  await adapter.open();
  try {
    for await (const batch of adapter.batches({ batchSize: BATCH })) {
      timed += performance.now() - t;
      const docs = new Map<EntityName, Map<string, Record<string, unknown>>>(ENTITY_ORDER.map((e) => [e, new Map()]));
      for (const sr of batch) {
        const mapped = compiled.map(sr.record, sr.key, 'baseline');
        for (const [e, rec] of Object.entries(mapped.entities) as [EntityName, Record<string, any>][]) {
          docs.get(e)!.set(rec[ID_FIELD[e]], { ...rec, ...stamp, _id: rec[ID_FIELD[e]] });
        }
      }
      t = performance.now();
      for (const e of ENTITY_ORDER) {
        const list = [...docs.get(e)!.values()];
        if (!list.length) continue;
        // the fastest raw path: a plain insert the first time an id is seen (proposals and samples
        // recur across batches: those are replaced)
        const ops = list.map((d) => {
          const id = String(d._id);
          if (seen.has(id)) return { replaceOne: { filter: { _id: id }, replacement: d } };
          seen.add(id);
          return { insertOne: { document: d } };
        }) as AnyBulkWriteOperation[];
        await db.collection(COLLECTION[e]).bulkWrite(ops, { ordered: false });
        if (e === 'dataset') datasets += list.length;
      }
      timed += performance.now() - t;
      t = performance.now();
    }
  } finally {
    await adapter.close();
  }
  return { timed, datasets };
}

/** Leaf keys under scientificMetadata of a sample of the stored datasets (the "~400 keys" figure). */
async function metadataKeys(db: Db): Promise<{ mean: number; max: number }> {
  const leaves = (v: unknown): number => (v && typeof v === 'object' && !(v instanceof Date) ? Object.values(v).reduce<number>((s, x) => s + leaves(x), 0) : 1);
  const docs = await db.collection('datasets').find({}, { projection: { scientificMetadata: 1 }, limit: 200 }).toArray();
  const counts = docs.map((d) => leaves(d.scientificMetadata ?? {}));
  return { mean: Math.round(counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length)), max: Math.max(0, ...counts) };
}

function round(x: number): number {
  return Number(x.toFixed(2));
}

async function main(): Promise<void> {
  const cfg = loadConfig(process.env);
  const rows: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    const sourceUrl = await sourceFor(n);
    const catDb = `bench_ingest_${n}`;
    const baseDb = `bench_ingest_raw_${n}`;
    let baseline: Side | undefined;
    if (!SKIP_BASELINE) {
      await freshDb(cfg.mongoUri, baseDb);
      const b = await connect(cfg.mongoUri, baseDb);
      try {
        console.log(`[bench] ${n}: baseline (SELECTs + raw bulkWrite)…`);
        baseline = await baselineSide(n, sourceUrl, b.db);
      } finally {
        await b.close();
      }
    }
    await freshDb(cfg.mongoUri, catDb);
    console.log(`[bench] ${n}: catalog ingest run…`);
    const catalog = await catalogSide(n, sourceUrl, catDb);
    const c = await connect(cfg.mongoUri, catDb);
    const keys = await metadataKeys(c.db);
    await c.close();
    rows.push({ collections: n, ...(UPSTREAM && { fileEntries: n * IMAGES }), catalog, baseline, ratio: baseline ? round(catalog.perSecond / baseline.perSecond) : null, metadataKeys: keys });
    console.log(
      `[bench] ${n} data collections: catalog ${catalog.perSecond} datasets/s (${catalog.seconds} s, peak RSS ${catalog.peakRssMiB} MiB)` +
        (baseline ? ` | baseline ${baseline.perSecond} datasets/s (${baseline.seconds} s) | ratio ${round(catalog.perSecond / baseline.perSecond)} (goal ≥ 0.5)` : '') +
        ` | metadata leaf keys per dataset: mean ${keys.mean}, max ${keys.max}`,
    );
  }
  const rss = rows.map((r) => (r.catalog as { peakRssMiB: number }).peakRssMiB);
  const flat = rss.length > 1 ? round(Math.max(...rss) / Math.min(...rss)) : null;
  if (flat !== null) console.log(`[bench] peak RSS across sizes ${SIZES.join(' / ')}: ${rss.join(' / ')} MiB, max/min ${flat} (goal ≤ 1.2)`);
  writeResult({ at: new Date().toISOString(), part: 'ingest', mapping: MAPPING_ID, heapMiB: process.env.BENCH_INGEST_HEAP_MIB ?? null, ...(UPSTREAM && { imagesPerCollection: IMAGES }), batch: BATCH, mongo: redact(cfg.mongoUri), sizes: rows, peakRssMaxOverMin: flat } as { at: string }, '-ingest');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
