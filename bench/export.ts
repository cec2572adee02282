// Export bench: the same labelled datasets exported by the catalog (Croissant + JSONL record sets of
// datasets, labels and files) and, as the baseline, streamed by the driver straight to a JSONL file.
// Each run is its own process, so its peak RSS is its own; runs at BENCH_EXPORT_SMALL and
// BENCH_EXPORT_DATASETS datasets show whether memory stays flat.
//   BENCH_EXPORT_DATASETS (100000)  BENCH_EXPORT_SMALL (10000)  BENCH_EXPORT_DB (bench_export)
// BENCH_EXPORT_INDEX=1 instead exports SMALL and BIG of the core part's datasets, their selection read
// from the read index (run the core part first).
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { connect } from '../src/db';
import { createServices } from '../src/app/services';
import { searchOptions } from '../src/search';
import { ExportRunner } from '../src/export/export.runner';
import { labelId } from '../src/catalog/label/label.service';
import { systemIdentity } from '../src/auth';
import { writeResult } from './common';

const BIG = Number(process.env.BENCH_EXPORT_DATASETS ?? 100_000);
const SMALL = Number(process.env.BENCH_EXPORT_SMALL ?? 10_000);
const DB = process.env.BENCH_EXPORT_DB ?? 'bench_export';
const METADATA = ['beamline.energy', 'beamline.flux', 'detector.distance', 'detector.model', 'processing.resolution'];

interface RunFigures {
  records: number;
  seconds: number;
  perSecond: number;
  peakMiB: number;
}

async function child(mode: string, outDir: string): Promise<RunFigures> {
  if (mode.startsWith('index:')) return indexChild(Number(mode.slice(6)), outDir);
  const cfg = loadConfig(process.env, { dbName: DB, logLevel: 'warn' });
  const db = await connect(cfg.mongoUri, cfg.dbName);
  const s = createServices(db.db, { maxPageSize: 500, pidPrefix: 'bench', exportDir: outDir });
  const t = performance.now();
  let records = 0;
  if (mode === 'baseline') {
    const out = createWriteStream(path.join(outDir, 'datasets.jsonl'));
    for await (const d of db.db.collection('datasets').find({}, { sort: { _id: 1 }, batchSize: 500 })) {
      if (!out.write(`${JSON.stringify(d)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      records++;
    }
    await new Promise<void>((r) => out.end(() => r()));
  } else {
    const who = systemIdentity('bench');
    const job = await s.exports.create(who, { name: 'bench', labelSets: ['quality', 'like'], metadataFields: METADATA, formats: mode === 'ours-all' ? ['jsonl', 'csv', 'parquet'] : ['jsonl'] }, { outDir });
    const runner = new ExportRunner(s, s.exports, { catalogName: 'bench', publicUrl: () => 'http://127.0.0.1', version: 'bench' });
    const outcome = await runner.run((await s.exports.claim('bench', job._id))!, 'bench');
    if (outcome !== 'completed') throw new Error(`export ${outcome}: ${(await s.exports.col.findOne({ _id: job._id }))?.error}`);
    records = (await s.exports.col.findOne({ _id: job._id }))!.progress.done;
  }
  const seconds = (performance.now() - t) / 1000;
  await db.close();
  return { records, seconds: +seconds.toFixed(1), perSecond: Math.round(records / seconds), peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/**
 * An export whose selection the read index scans: the first `n` of the core bench's datasets (database
 * BENCH_DB of the core part, in MongoDB and Elasticsearch: run the core part first), chosen by creation
 * time, with 5 metadata columns and their file blocks.
 */
async function indexChild(n: number, outDir: string): Promise<RunFigures> {
  const core = process.env.BENCH_DB ?? 'catalog_bench';
  const cfg = loadConfig(process.env, { dbName: core, searchIndex: core, logLevel: 'warn' });
  const db = await connect(cfg.mongoUri, cfg.dbName);
  const s = createServices(db.db, { maxPageSize: 500, pidPrefix: 'bench', exportDir: outDir }, undefined, searchOptions(cfg));
  if (!(await s.search.reads.usable())) throw new Error(`the read index of ${core} is not there: run BENCH_PARTS=core first`);
  const who = systemIdentity('bench');
  // bench datasets are created a minute apart from 2026-01-01 (seeds/bulk.ts)
  const to = new Date(Date.UTC(2026, 0, 1) + (n - 1) * 60_000);
  const t = performance.now();
  const job = await s.exports.create(who, { name: `index-${n}`, filter: { instrumentId: 'instrument/bl17u1', creationTimeTo: to }, labelSets: [], metadataFields: ['beamline.energy', 'beamline.wavelength', 'detector.distance', 'detector.model', 'processing.resolution'], formats: ['jsonl'] }, { outDir });
  const runner = new ExportRunner(s, s.exports, { catalogName: 'bench', publicUrl: () => 'http://127.0.0.1', version: 'bench' });
  const outcome = await runner.run((await s.exports.claim('bench', job._id))!, 'bench');
  if (outcome !== 'completed') throw new Error(`export ${outcome}: ${(await s.exports.col.findOne({ _id: job._id }))?.error}`);
  const records = (await s.exports.col.findOne({ _id: job._id }))!.progress.done;
  const seconds = (performance.now() - t) / 1000;
  await s.search.close();
  await db.close();
  return { records, seconds: +seconds.toFixed(1), perSecond: Math.round(records / seconds), peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/** Adds datasets (with 2 labels each and a block of 3 files) until the bench database holds `n`. */
async function populate(n: number): Promise<void> {
  const cfg = loadConfig(process.env, { dbName: DB });
  const db = await connect(cfg.mongoUri, cfg.dbName);
  const s = createServices(db.db, { maxPageSize: 500, pidPrefix: 'bench' });
  const sys = systemIdentity('bench');
  await s.labelSets.declare(sys, { name: 'quality', kind: 'score', min: 1, max: 5, step: 1 }, () => s.labels.valuesOf('quality'));
  await s.labelSets.declare(sys, { name: 'like', kind: 'like' }, () => s.labels.valuesOf('like'));
  const have = await db.db.collection('datasets').estimatedDocumentCount();
  const now = new Date();
  const access = { ownerGroup: 'bench', accessGroups: [], isPublished: false };
  const book = { _rev: 1, _hash: 'bench', createdAt: now, updatedAt: now, createdBy: 'bench', updatedBy: 'bench' };
  for (let from = have; from < n; from += 1000) {
    const ds = [], ls = [], bs = [];
    for (let i = from; i < Math.min(n, from + 1000); i++) {
      const pid = `bench/ds-${String(i).padStart(7, '0')}`;
      const md: Record<string, unknown> = {
        beamline: { energy: { value: 8 + (i % 100) / 10, unit: 'keV' }, flux: { value: 1e12 + i, unit: 'ph/s' }, wavelength: { value: 1.0 + (i % 7) / 10, unit: 'Å' } },
        detector: { model: i % 2 ? 'EIGER2 16M' : 'PILATUS 6M', distance: { value: 150 + (i % 300), unit: 'mm' }, exposure: { value: 0.01, unit: 's' } },
        processing: { resolution: { value: 1 + (i % 30) / 10, unit: 'Å' }, spaceGroup: 'P 43 21 2', completeness: { value: 99.1, unit: '%' } },
      };
      for (let k = 0; k < 10; k++) md[`extra${k}`] = { value: i * k, unit: 'count' };
      ds.push({ _id: pid, pid, type: 'raw', datasetName: `bench dataset ${i}`, owner: 'bench', contactEmail: 'b@example.org', sourceFolder: `/data/${i}`, creationTime: now, sampleIds: [`sample-${Math.floor(i / 4)}`], proposalIds: ['bench'], instrumentId: 'instrument/bench', license: 'CC-BY-4.0', scientificMetadata: md, numberOfFiles: 3, size: 3000, ...access, ...book });
      ls.push({ _id: labelId('quality', pid, 'alice'), id: labelId('quality', pid, 'alice'), datasetPid: pid, labelSet: 'quality', kind: 'score', value: 1 + (i % 5), source: 'human', by: 'alice', ...access, ...book });
      ls.push({ _id: labelId('like', pid, 'model:m@1'), id: labelId('like', pid, 'model:m@1'), datasetPid: pid, labelSet: 'like', kind: 'like', value: i % 3 > 0, source: 'model', by: 'bench', model: { name: 'm', version: '1' }, ...access, ...book });
      bs.push({ _id: `${pid}/b0`, id: `${pid}/b0`, datasetId: pid, chunkIndex: 0, size: 3000, numberOfFiles: 3, chkAlg: 'sha256', dataFileList: [0, 1, 2].map((f) => ({ path: `f${f}.h5`, size: 1000, chk: 'ab'.repeat(32), time: now })), ...access, ...book });
    }
    await db.db.collection('datasets').insertMany(ds as any[], { ordered: false });
    await db.db.collection('labels').insertMany(ls as any[], { ordered: false });
    await db.db.collection('origdatablocks').insertMany(bs as any[], { ordered: false });
    if ((from / 1000) % 10 === 0) console.error(`  populated ${Math.min(n, from + 1000)}/${n}`);
  }
  await db.close();
}

function run(mode: string): RunFigures {
  const out = mkdtempSync(path.join(os.tmpdir(), `bench-export-${mode}-`));
  try {
    return JSON.parse(execFileSync(process.execPath, [__filename, '--child', mode, out], { env: process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1)!);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv[2] === '--child') {
    console.log(JSON.stringify(await child(process.argv[3], process.argv[4])));
    return;
  }
  const at = new Date().toISOString();
  const result: any = { at, part: 'export', database: DB, sizes: {} };
  if (process.env.BENCH_EXPORT_INDEX) {
    // the selection read from the index (the core part's population), at SMALL and BIG datasets
    const runs = [SMALL, BIG].map((n) => ({ n, r: run(`index:${n}`) }));
    for (const { n, r } of runs) console.log(`export from the read index, ${n} datasets: ${r.perSecond} records/s (${r.records} in ${r.seconds} s), peak RSS ${r.peakMiB} MiB`);
    result.fromIndex = Object.fromEntries(runs.map(({ n, r }) => [n, r]));
    result.fromIndex.rssGrowth = +((runs[1].r.peakMiB - runs[0].r.peakMiB) / runs[0].r.peakMiB).toFixed(2);
    console.log(`peak RSS ${SMALL} → ${BIG}: ${(result.fromIndex.rssGrowth * 100).toFixed(0)}% (goal within 20%)`);
    writeResult(result, '-export-index');
    return;
  }
  execFileSync(process.execPath, [path.join(__dirname, '../src/cli/main.js'), 'migrate', 'up'], { env: { ...process.env, CATALOG_DB: DB }, stdio: 'ignore' });
  for (const n of [SMALL, BIG]) {
    console.log(`export bench: ${n} labelled datasets (2 labels, 3 files each)`);
    await populate(n);
    const baseline = run('baseline');
    const ours = run('ours');
    const all = run('ours-all');
    result.sizes[n] = { baseline, ours, oursAllFormats: all, ratio: +(ours.perSecond / baseline.perSecond).toFixed(2) };
    console.log(`  baseline (driver → JSONL of datasets)   ${String(baseline.perSecond).padStart(7)} records/s  peak RSS ${baseline.peakMiB} MiB`);
    console.log(`  export (Croissant + JSONL ×3 sets)      ${String(ours.perSecond).padStart(7)} records/s  peak RSS ${ours.peakMiB} MiB  (ratio ${result.sizes[n].ratio})`);
    console.log(`  export (+ CSV and Parquet)              ${String(all.perSecond).padStart(7)} records/s  peak RSS ${all.peakMiB} MiB`);
  }
  const [a, b] = [result.sizes[SMALL].ours.peakMiB, result.sizes[BIG].ours.peakMiB];
  result.rssGrowth = +((b - a) / a).toFixed(2);
  console.log(`peak RSS of the export at ${SMALL} → ${BIG}: ${a} → ${b} MiB (${(result.rssGrowth * 100).toFixed(0)}%; goal within 20%)`);
  writeResult(result, '-export');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
