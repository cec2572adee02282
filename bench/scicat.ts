// SciCat REST bench: datasets/s through the SciCat API (src/scicat/), pyscicat-shaped, beside GraphQL bulk
// upsert of the same records, both measured in the same run, each against its own API process and fresh database.
//   REST       what pyscicat 0.4.8 sends for an ALS tomography scan (RawDataset.model_dump(exclude_none=True)):
//              one login through POST /api/v3/auth/login (a functional account created here), then per scan
//              POST /api/v3/Datasets and POST /api/v3/Datasets/{pid, %2F-encoded}/origdatablocks (one block of
//              BENCH_SCICAT_FILES files), BENCH_CONCURRENCY scans in flight over keep-alive HTTP. A scan counts when
//              both answers are 201; any other answer, or a stored count other than N afterwards, fails the bench.
//   baseline   the same records through GraphQL with the same token: upsertDatasets then upsertOrigDatablocks
//              (proposalId → proposalIds, sampleId → sampleIds; a block names its dataset and access fields, as an
//              adapter sends them), one request per BENCH_SCICAT_BATCH scans, one request in flight (as bench/run.ts's
//              bulk upsert).
// Goals: REST ≥ 0.5 × the baseline, and ≥ SciCat's published 148 datasets/s. Also the API's peak RSS on each side.
//   BENCH_SCICAT_DATASETS (2000)  BENCH_CONCURRENCY (4)  BENCH_SCICAT_BATCH (100)  BENCH_SCICAT_FILES (10)
//   BENCH_PROFILE=1: the REST side's API runs with --cpu-prof; its top functions and files by self time are printed
//   (the REST figure is then measured under the profiler).
import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { connect, redact } from '../src/db';
import { migrate } from '../src/db/migrate';
import { FunctionalAccounts } from '../src/auth';
import { rssOf, startServer, writeResult } from './common';
import { alsScan } from './scicat.records';

const N = Number(process.env.BENCH_SCICAT_DATASETS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const BATCH = Number(process.env.BENCH_SCICAT_BATCH ?? 100);
const FILES = Number(process.env.BENCH_SCICAT_FILES ?? 10);
const PROFILE = !!process.env.BENCH_PROFILE;
const DB = process.env.BENCH_DB ?? 'bench_scicat';
/** SciCat's published ingest rate (datasets/s), the issue's second goal. */
const SCICAT_PUBLISHED = 148;
const ACCOUNT = { name: 'als832-ingestor', password: 'bench-password-832', group: 'als-832', email: 'ingestor@als.example' };

type Json = Record<string, any>;

interface Side {
  seconds: number;
  datasets: number;
  perSecond: number;
  peakRssMiB: number;
}

async function freshDb(uri: string, name: string): Promise<void> {
  const d = await connect(uri, name);
  await d.db.dropDatabase();
  await d.close();
  await migrate(uri, name, 'up');
  const again = await connect(uri, name);
  try {
    await new FunctionalAccounts(again.db).set(ACCOUNT.name, ACCOUNT.password, 'ingestor', [ACCOUNT.group], ACCOUNT.email);
  } finally {
    await again.close();
  }
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}

/** Stored datasets and blocks (MongoDB, by count). */
async function stored(uri: string, name: string): Promise<{ datasets: number; blocks: number }> {
  const d = await connect(uri, name);
  try {
    return { datasets: await d.db.collection('datasets').countDocuments({}), blocks: await d.db.collection('origdatablocks').countDocuments({}) };
  } finally {
    await d.close();
  }
}

/** Waits until the API's search sync has built its index (its first pass, at start-up), so neither side is timed during the build. */
async function indexReady(uri: string, name: string): Promise<void> {
  if (!process.env.ELASTICSEARCH_URL) return;
  const d = await connect(uri, name);
  try {
    const until = Date.now() + 60_000;
    while (!(await d.db.collection('search_state').findOne({ checkpoint: { $ne: null } }))) {
      if (Date.now() > until) throw new Error(`the API's search index for ${name} was not built within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await d.close();
  }
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN).toFixed(1);
}

/** POST /api/v3/auth/login as a pyscicat client does: the token from `access_token`. */
async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v3/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ACCOUNT.name, password: ACCOUNT.password }) });
  const body = (await r.json()) as Json;
  if (r.status !== 201 || typeof body.access_token !== 'string') throw new Error(`login answered ${r.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.access_token;
}

/** The REST side: each scan's two POSTs, CONCURRENCY scans in flight. */
async function restSide(base: string, token: string, scans: { dataset: Json; block: Json }[], server: ChildProcess): Promise<Side & { p50ms: number; p95ms: number; datasetP50ms: number; blockP50ms: number }> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const post = async (url: string, body: Json, what: string) => {
    const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await r.text();
    if (r.status !== 201) throw new Error(`${what} answered ${r.status}, not 201: ${text.slice(0, 500)}`);
  };
  const lat: number[] = [];
  const latDs: number[] = [];
  const latBlock: number[] = [];
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < scans.length; i = next++) {
        const { dataset, block } = scans[i];
        const a = performance.now();
        await post(`${base}/api/v3/Datasets`, dataset, `POST Datasets (${dataset.pid})`);
        const b = performance.now();
        await post(`${base}/api/v3/Datasets/${encodeURIComponent(dataset.pid)}/origdatablocks`, block, `POST Datasets/${dataset.pid}/origdatablocks`);
        const c = performance.now();
        latDs.push(b - a);
        latBlock.push(c - b);
        lat.push(c - a);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { seconds: +seconds.toFixed(2), datasets: done, perSecond: +(done / seconds).toFixed(1), peakRssMiB: rssOf(server.pid!).peakMiB, p50ms: quantile(lat, 0.5), p95ms: quantile(lat, 0.95), datasetP50ms: quantile(latDs, 0.5), blockP50ms: quantile(latBlock, 0.5) };
}

const BULK = `mutation Bulk($d: [DatasetInput!]!, $b: [OrigDatablockInput!]!) {
  upsertDatasets(inputs: $d) { summary { created updated unchanged } }
  upsertOrigDatablocks(inputs: $b) { summary { created updated unchanged } } }`;

/** A pyscicat dataset as a GraphQL DatasetInput (SciCat v3's single ids → the catalog's lists). */
function datasetInput(d: Json): Json {
  const { proposalId, sampleId, ...rest } = d;
  return { ...rest, proposalIds: [proposalId], sampleIds: [sampleId] };
}

/** The baseline: one GraphQL request per BATCH scans (datasets, then their blocks), one in flight. */
async function graphqlSide(base: string, token: string, scans: { dataset: Json; block: Json }[], server: ChildProcess): Promise<Side & { batch: number; p50ms: number }> {
  const lat: number[] = [];
  let created = 0;
  const t0 = performance.now();
  for (let i = 0; i < scans.length; i += BATCH) {
    const part = scans.slice(i, i + BATCH);
    const variables = {
      d: part.map((s) => datasetInput(s.dataset)),
      b: part.map((s) => ({ ...s.block, datasetId: s.dataset.pid, ownerGroup: s.dataset.ownerGroup, accessGroups: s.dataset.accessGroups, isPublished: s.dataset.isPublished })),
    };
    const a = performance.now();
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: BULK, variables }) });
    const body = (await r.json()) as Json;
    lat.push(performance.now() - a);
    if (r.status !== 200 || body.errors) throw new Error(`GraphQL bulk upsert answered ${r.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    const ds = body.data.upsertDatasets.summary.created;
    const bl = body.data.upsertOrigDatablocks.summary.created;
    if (ds !== part.length || bl !== part.length) throw new Error(`GraphQL bulk upsert created ${ds} datasets and ${bl} blocks of ${part.length}`);
    created += ds;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds: +seconds.toFixed(2), datasets: created, perSecond: +(created / seconds).toFixed(1), peakRssMiB: rssOf(server.pid!).peakMiB, batch: BATCH, p50ms: quantile(lat, 0.5) };
}

/** Self time of a CPU profile by function and by file (the top few of each). */
function profileSummary(dir: string): { functions: { name: string; at: string; selfPercent: number }[]; files: { file: string; selfPercent: number }[] } {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { functions: [], files: [] };
  const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const self = new Map<number, number>();
  p.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, { name: string; at: string; t: number }>();
  const byFile = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const cf = n.callFrame;
    const t = self.get(n.id) ?? 0;
    if (['(idle)', '(program)', '(root)'].includes(cf.functionName)) continue;
    busy += t;
    const where = cf.url ? path.relative(process.cwd(), cf.url.replace(/^file:\/\//, '')) : cf.functionName;
    const key = `${cf.functionName}@${cf.url}:${cf.lineNumber}`;
    const e = byFn.get(key) ?? { name: cf.functionName || '(anonymous)', at: `${where}:${cf.lineNumber + 1}`, t: 0 };
    e.t += t;
    byFn.set(key, e);
    byFile.set(where || '(native)', (byFile.get(where || '(native)') ?? 0) + t);
  }
  const pct = (t: number) => +((100 * t) / busy).toFixed(1);
  return {
    functions: [...byFn.values()].sort((a, b) => b.t - a.t).slice(0, 10).map((e) => ({ name: e.name, at: e.at, selfPercent: pct(e.t) })),
    files: [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([f, t]) => ({ file: f, selfPercent: pct(t) })),
  };
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const cfg = loadConfig(process.env, { logLevel: 'warn' });
  if (!cfg.jwtSecret) throw new Error('the scicat bench logs in through the API: set CATALOG_JWT_SECRET (npm run bench sources .run/env)');
  const scans = Array.from({ length: N }, (_, i) => alsScan(i, FILES, ACCOUNT.group));
  const bytes = Buffer.byteLength(JSON.stringify(scans[0].dataset));
  console.log(`bench (scicat): ${N} ALS tomography scans (${Object.keys(scans[0].dataset.scientificMetadata).length} metadata keys, ${FILES} files, ~${(bytes / 1024).toFixed(1)} KiB a dataset); REST ${CONCURRENCY} in flight, GraphQL batches of ${BATCH}`);
  const restDb = `${DB}_rest`;
  const gqlDb = `${DB}_gql`;
  await freshDb(cfg.mongoUri, restDb);
  await freshDb(cfg.mongoUri, gqlDb);
  const port = 4700 + Math.floor(Math.random() * 90);

  // (A) REST, as pyscicat
  const profDir = PROFILE ? mkdtempSync(path.join(os.tmpdir(), 'catalog-scicat-prof-')) : '';
  const restServer = await startServer(port, { CATALOG_DB: restDb, CATALOG_SEARCH_INDEX: restDb }, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  let rest: Awaited<ReturnType<typeof restSide>>;
  let token: string;
  try {
    const base = `http://127.0.0.1:${port}`;
    await indexReady(cfg.mongoUri, restDb);
    token = await login(base);
    console.log(`[bench] REST: POST Datasets + Datasets/{pid}/origdatablocks for each scan…`);
    rest = await restSide(base, token, scans, restServer);
  } finally {
    await stop(restServer);
  }
  const restStored = await stored(cfg.mongoUri, restDb);
  if (restStored.datasets !== N || restStored.blocks !== N) throw new Error(`REST stored ${restStored.datasets} datasets and ${restStored.blocks} blocks, expected ${N} of each`);

  // (B) GraphQL bulk upsert of the same records, with the same token
  const gqlServer = await startServer(port + 1, { CATALOG_DB: gqlDb, CATALOG_SEARCH_INDEX: gqlDb });
  let gql: Awaited<ReturnType<typeof graphqlSide>>;
  try {
    await indexReady(cfg.mongoUri, gqlDb);
    console.log(`[bench] GraphQL: upsertDatasets + upsertOrigDatablocks, ${BATCH} scans a request…`);
    gql = await graphqlSide(`http://127.0.0.1:${port + 1}`, token, scans, gqlServer);
  } finally {
    await stop(gqlServer);
  }
  const gqlStored = await stored(cfg.mongoUri, gqlDb);
  if (gqlStored.datasets !== N || gqlStored.blocks !== N) throw new Error(`GraphQL stored ${gqlStored.datasets} datasets and ${gqlStored.blocks} blocks, expected ${N} of each`);

  const ratio = +(rest.perSecond / gql.perSecond).toFixed(2);
  const vsScicat = +(rest.perSecond / SCICAT_PUBLISHED).toFixed(2);
  console.log(`REST (pyscicat-shaped, ${CONCURRENCY} in flight)   ${String(rest.perSecond).padStart(7)} datasets/s (${rest.seconds} s; a scan's two POSTs p50 ${rest.p50ms} ms p95 ${rest.p95ms} ms: dataset p50 ${rest.datasetP50ms} ms, block p50 ${rest.blockP50ms} ms)${PROFILE ? ' [under --cpu-prof]' : ''}`);
  console.log(`GraphQL bulk upsert (${BATCH} a request, 1 in flight) ${String(gql.perSecond).padStart(7)} datasets/s (${gql.seconds} s; a request p50 ${gql.p50ms} ms)`);
  console.log(`ratio REST / GraphQL bulk              ${ratio} (goal ≥ 0.5: ${verdict(ratio >= 0.5)})`);
  console.log(`REST / SciCat's published ${SCICAT_PUBLISHED}/s         ${vsScicat} (goal ≥ 1: ${verdict(vsScicat >= 1)})`);
  console.log(`API peak RSS: REST ${rest.peakRssMiB} MiB, GraphQL ${gql.peakRssMiB} MiB`);
  const profile = PROFILE ? profileSummary(profDir) : undefined;
  if (profile) {
    console.log(`REST API CPU profile, top self time by function: ${profile.functions.map((f) => `${f.name} (${f.at}) ${f.selfPercent}%`).join('; ')}`);
    console.log(`  by file: ${profile.files.map((f) => `${f.file} ${f.selfPercent}%`).join('; ')}`);
  }
  writeResult(
    {
      at: new Date().toISOString(),
      part: 'scicat',
      mongo: redact(cfg.mongoUri),
      datasets: N,
      filesPerDataset: FILES,
      concurrency: CONCURRENCY,
      rest,
      graphqlBulk: gql,
      ratio,
      scicatPublishedPerSecond: SCICAT_PUBLISHED,
      restOverScicat: vsScicat,
      goals: 'REST ≥ 0.5 × GraphQL bulk upsert; REST ≥ 148 datasets/s',
      ...(profile && { restProfile: profile }),
    } as { at: string },
    '-scicat',
  );
}

// run as a script (npm run bench); imported, it only lends alsScan
if (require.main === module) {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  });
}
