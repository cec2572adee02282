// npm run bench, core part: the read path at facility scale, each figure beside a baseline measured in
// the same run. BENCH_DATASETS (100000) published MX datasets of ~400 metadata keys (bench/population.ts);
// the API runs in its own process (so its memory can be read), with the read index on.
//  (a) portal query: 50 datasets + proposals, samples, instrument, blocks, publications, as a user with
//      2 groups, through HTTP; baseline: the same Elasticsearch requests and MongoDB key reads sent directly
//  (b) one dataset with its ~400 keys and relations; (c) filtered, sorted lists with totalCount
//  (d) facets through GraphQL; baseline: the same Elasticsearch request (and `{ __typename }` through
//      HTTP, the fixed cost of any request)
//  (e) write → visible in a list; (f) OAI-PMH ListRecords; (g) the outbox poll after 100,000 writes
//  (h) a load run (bench/loadrun.ts); (i) bulk upsert against raw bulkWrite; the API's peak RSS.
// BENCH_SECONDS per measurement (10), BENCH_CONCURRENCY (4), BENCH_UPSERT (2000), BENCH_LOAD_SECONDS (60),
// BENCH_PROFILE=1 also profiles the API during the portal query and prints its top functions.
import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectId } from 'mongodb';
import { loadConfig } from '../src/config';
import { connect, findIds } from '../src/db';
import { createServices, type Services } from '../src/app/services';
import { issueToken, systemIdentity, type Identity } from '../src/auth';
import { load, rssOf, startServer, writeResult, type Timing } from './common';
import { bulkDataset, BULK_GROUP } from '../seeds/bulk';
import { populate } from './population';
import { loadRun } from './loadrun';

const N = Number(process.env.BENCH_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const UPSERT_N = Number(process.env.BENCH_UPSERT ?? 2000);
const DB = process.env.BENCH_DB ?? 'catalog_bench';
const USER_GROUPS = ['bench-users', 'bl17u1-staff'];

export const PORTAL = `query Portal { datasets(first: 50) { totalCount nodes { pid datasetName size creationTime
  proposals { proposalId title } samples { sampleId description } instrument { uniqueName name }
  origDatablocks { id size numberOfFiles } publications { id doi title } } } }`;
const ONE = `query One($pid: String!) { dataset(pid: $pid) { pid datasetName scientificMetadata proposals { proposalId title } samples { sampleId }
  instrument { name } origDatablocks { id size numberOfFiles } publications { id } } }`;
const LISTS = [
  'datasets(first: 50, filter: { proposalId: "bench-0042" }, sort: { field: SIZE, direction: DESC }) { totalCount nodes { pid } }',
  'datasets(first: 50, filter: { keywords: ["MX"], creationTimeFrom: "2026-01-20T00:00:00Z" }, sort: { field: CREATION_TIME, direction: ASC }) { totalCount nodes { pid } }',
  'datasets(first: 50, filter: { sampleId: "bench-0007-s3" }) { totalCount nodes { pid } }',
  'samples(first: 50, filter: { proposalId: "bench-0013" }) { totalCount nodes { sampleId } }',
  'publications(first: 20, sort: { field: ID, direction: DESC }) { totalCount nodes { id } }',
];
const FACETS = '[INSTRUMENT, PROPOSAL, SAMPLE, TYPE, TECHNIQUE, KEYWORD, YEAR]';

/** What the portal query asks of the stores, sent directly: the captured Elasticsearch requests, then the key reads. */
async function directPortal(s: Services, user: Identity, captured: { api: 'search' | 'msearch'; body: any }[]): Promise<void> {
  const es = s.search.backend.es();
  const [page, ...rest] = captured;
  const r: any = await es.search(page.body);
  const records = r.hits.hits.map((h: any) => h._source.record);
  const uniq = (xs: unknown[]) => [...new Set(xs.filter((x) => typeof x === 'string'))] as string[];
  await Promise.all([
    ...rest.map((c) => (c.api === 'search' ? es.search(c.body) : es.msearch(c.body))),
    findIds(s.db.collection('proposals'), uniq(records.flatMap((d: any) => d.proposalIds ?? []))),
    findIds(s.db.collection('samples'), uniq(records.flatMap((d: any) => d.sampleIds ?? []))),
    findIds(s.db.collection('instruments'), uniq(records.map((d: any) => d.instrumentId))),
  ]);
  void user;
}

/** The Elasticsearch requests a piece of catalog code sends (bodies recorded while it runs once). */
async function capture(s: Services, run: () => Promise<unknown>): Promise<{ api: 'search' | 'msearch'; body: any }[]> {
  const es: any = s.search.backend.es();
  const out: { api: 'search' | 'msearch'; body: any }[] = [];
  const [search, msearch] = [es.search, es.msearch];
  es.search = (b: any, o: any) => (out.push({ api: 'search', body: b }), search.call(es, b, o));
  es.msearch = (b: any, o: any) => (out.push({ api: 'msearch', body: b }), msearch.call(es, b, o));
  try {
    await run();
  } finally {
    es.search = search;
    es.msearch = msearch;
  }
  return out;
}

function line(label: string, ours: Timing, base?: Timing): string {
  return `${label.padEnd(34)} p50 ${String(ours.p50ms).padStart(6)} ms  p95 ${String(ours.p95ms).padStart(6)} ms  ${String(ours.perSecond).padStart(7)}/s${base ? `  | baseline p50 ${base.p50ms} ms p95 ${base.p95ms} ms ${base.perSecond}/s` : ''}`;
}

async function main() {
  const cfg = loadConfig(process.env, { dbName: DB, searchIndex: DB, logLevel: 'warn' });
  if (!cfg.elasticsearchUrl) throw new Error('the core bench needs Elasticsearch: run it with npm run bench (scripts/services.sh starts one)');
  console.log(`bench (core): ${N} datasets in database ${DB}; ${SECONDS}s per measurement at concurrency ${CONCURRENCY}`);
  const { db, services: s } = await populate(cfg, N);
  const port = 4900 + Math.floor(Math.random() * 90);
  const server = await startServer(port, { CATALOG_DB: DB, CATALOG_SEARCH_INDEX: DB });
  const url = `http://127.0.0.1:${port}/graphql`;
  const secret = cfg.jwtSecret!;
  const userToken = await issueToken(secret, { subject: 'bench-user', role: 'user', groups: USER_GROUPS });
  const user: Identity = { subject: 'bench-user', role: 'user', groups: USER_GROUPS } as Identity;
  const gql = async (query: string, variables: Record<string, unknown> = {}, token = userToken) => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await r.json()) as any;
    if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors).slice(0, 300)}`);
    return body;
  };
  const result: any = { at: new Date().toISOString(), part: 'core', mongodb: cfg.mongoUri.replace(/\/\/[^@/]*@/, '//***@'), datasets: N };
  try {
    // (a) portal query
    const first = await gql(PORTAL);
    if (first.data.datasets.nodes.length !== 50 || first.extensions?.readStore?.Dataset !== 'elasticsearch') throw new Error(`portal query did not read the index: ${JSON.stringify(first.extensions)}`);
    const captured = await capture(s, async () => {
      // the page as the API reads it: without the metadata the portal query does not select
      const page = await s.datasets.list(user, {}, { field: 'creationTime', direction: 'DESC' }, { first: 50 }, undefined, s.datasets.heavyFields);
      const pids = page.nodes.map((d) => d._id);
      await Promise.all([s.origDatablocks.findByField(user, 'datasetId', pids, { sort: { field: 'chunkIndex', direction: 'ASC' } }), s.publications.findByField(user, 'datasetPids', pids, { sort: { field: '_id', direction: 'ASC' } })]);
    });
    const rssBefore = rssOf(server.pid!);
    // latency alone (one client), then throughput beside the baseline (CONCURRENCY clients)
    const portal1 = await load(async () => void (await gql(PORTAL)), SECONDS, 1);
    const portalBase1 = await load(() => directPortal(s, user, captured), SECONDS, 1);
    const portal = await load(async () => void (await gql(PORTAL)), SECONDS, CONCURRENCY);
    const portalBase = await load(() => directPortal(s, user, captured), SECONDS, CONCURRENCY);
    result.portalQuery = { oneClient: { api: portal1, baselineDirect: portalBase1 }, api: portal, baselineDirect: portalBase, ratio: +(portal.perSecond / portalBase.perSecond).toFixed(2), goals: 'p50 <= 50 ms, p95 <= 150 ms, ratio >= 0.5' };
    console.log(line('(a) portal query (HTTP), 1 client', portal1, portalBase1));
    console.log(line(`    ${CONCURRENCY} clients`, portal, portalBase));
    console.log(`    ratio ours/baseline ${result.portalQuery.ratio} (goal >= 0.5)`);

    // (b) one dataset with its metadata and relations
    const pids = Array.from({ length: 200 }, (_, k) => bulkDataset((k * 7919) % N).pid as string);
    let k = 0;
    const one1 = await load(async () => void (await gql(ONE, { pid: pids[k++ % pids.length] })), SECONDS, 1);
    const one = await load(async () => void (await gql(ONE, { pid: pids[k++ % pids.length] })), SECONDS, CONCURRENCY);
    result.oneDataset = { oneClient: one1, api: one, goal: 'p95 <= 100 ms' };
    console.log(line('(b) one dataset + rel., 1 client', one1));
    console.log(line(`    ${CONCURRENCY} clients`, one));

    // (c) lists with totalCount
    let j = 0;
    const lists1 = await load(async () => void (await gql(`{ ${LISTS[j++ % LISTS.length]} }`)), SECONDS, 1);
    const lists = await load(async () => void (await gql(`{ ${LISTS[j++ % LISTS.length]} }`)), SECONDS, CONCURRENCY);
    result.lists = { oneClient: lists1, api: lists, goal: 'p95 <= 150 ms' };
    console.log(line('(c) lists + total, 1 client', lists1));
    console.log(line(`    ${CONCURRENCY} clients`, lists));

    // (d) facets, beside the same Elasticsearch request
    const facetQ = `{ search(input: { text: "bench" }, first: 0, facets: ${FACETS}) { totalCount facets { facet buckets { value count } } } }`;
    await gql(facetQ);
    const facetBodies = await capture(s, () => s.search.service.search(user, { text: 'bench' }, { first: 0, offset: 0, facets: ['INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'TYPE', 'TECHNIQUE', 'KEYWORD', 'YEAR'] }));
    const facetsOf = (c: number) => load(async () => void (await gql(facetQ)), SECONDS, c);
    const facetsBaseOf = (c: number) => load(async () => void (await Promise.all(facetBodies.map((b) => s.search.backend.es().search(b.body)))), SECONDS, c);
    const [facets1, facetsBase1] = [await facetsOf(1), await facetsBaseOf(1)];
    const [facets, facetsBase] = [await facetsOf(CONCURRENCY), await facetsBaseOf(CONCURRENCY)];
    // what any request costs through HTTP and GraphQL, whatever it asks: the part of the overhead no query can shed
    const floor1 = await load(async () => void (await gql('{ __typename }')), SECONDS, 1);
    result.facets = { oneClient: { api: facets1, baselineDirect: facetsBase1, httpGraphqlFloor: floor1 }, api: facets, baselineDirect: facetsBase, overheadP95: +(facets1.p95ms / facetsBase1.p95ms - 1).toFixed(2), goal: 'p95 <= 100 ms, overhead <= 30%' };
    console.log(line('(d) facets (GraphQL), 1 client', facets1, facetsBase1));
    console.log(line(`    ${CONCURRENCY} clients`, facets, facetsBase));
    console.log(line('    { __typename } (HTTP floor)', floor1));

    // (e) write → visible in a list
    const ingestor = await issueToken(secret, { subject: 'bench-adapter', role: 'ingestor', groups: [BULK_GROUP] });
    const fresh: number[] = [];
    const run = Date.now().toString(36);
    for (let i = 0; i < 30; i++) {
      const d: Record<string, any> = { ...bulkDataset(N + 1000 + i), pid: `20.500.12345/fresh-${run}-${i}` };
      const input = { ...d, creationTime: d.creationTime.toISOString(), isPublished: true };
      const t0 = performance.now();
      await gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome } }', { i: input }, ingestor);
      for (;;) {
        const r = await gql(`{ datasets(filter: { pids: ["${d.pid}"] }) { nodes { pid } } }`);
        if (r.data.datasets.nodes.length) break;
        if (performance.now() - t0 > 30_000) throw new Error(`${d.pid} not listed after 30 s`);
        await new Promise((res) => setTimeout(res, 20));
      }
      fresh.push(performance.now() - t0);
      // writes come at any moment, not in step with the index's refreshes
      await new Promise((res) => setTimeout(res, Math.random() * 1000));
    }
    fresh.sort((a, b) => a - b);
    result.writeToVisible = { p50ms: +fresh[15].toFixed(0), p95ms: +fresh[28].toFixed(0), goal: 'p95 <= 1000 ms' };
    console.log(`(e) write → visible in a list         p50 ${result.writeToVisible.p50ms} ms  p95 ${result.writeToVisible.p95ms} ms (goal p95 <= 1000 ms)`);

    // (f) OAI-PMH ListRecords, harvested for SECONDS
    const oaiBase = url.replace('/graphql', '/oai');
    let records = 0;
    let next = `${oaiBase}?verb=ListRecords&metadataPrefix=oai_dc`;
    const tOai = performance.now();
    while (performance.now() - tOai < SECONDS * 1000) {
      const body = await (await fetch(next)).text();
      records += (body.match(/<record>/g) ?? []).length;
      const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(body)?.[1];
      if (!token) break;
      next = `${oaiBase}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
    }
    result.oaiListRecords = { records, perSecond: Math.round(records / ((performance.now() - tOai) / 1000)), goal: '>= 500 records/s' };
    console.log(`(f) OAI-PMH ListRecords               ${result.oaiListRecords.perSecond} records/s (${records} records; goal >= 500)`);

    // (g) the outbox poll after 100,000 writes: the feed's query for what came after its checkpoint
    const outbox = db.db.collection('bench_outbox');
    const marker = db.db.collection<{ _id: string; checkpoint: ObjectId; last: ObjectId }>('bench_meta');
    let m = await marker.findOne({ _id: 'outbox' });
    if (!m) {
      await outbox.deleteMany({});
      const ids: ObjectId[] = [];
      for (let i = 0; i < 100_000; i += 5000) {
        const batch = Array.from({ length: 5000 }, (_, x) => ({ _id: new ObjectId(), entity: 'Dataset', op: 'updated', id: bulkDataset(i + x).pid, rev: 2, at: new Date(), by: 'bench', access: { ownerGroup: BULK_GROUP, accessGroups: [], isPublished: true } }));
        await outbox.insertMany(batch);
        ids.push(batch[0]._id, batch[4999]._id);
      }
      m = { _id: 'outbox', checkpoint: ids[ids.length - 1], last: ids[ids.length - 1] };
      await marker.insertOne(m);
    }
    // a caught-up feed asks for what came after its checkpoint (the last entries)
    const poll = await load(async () => void (await outbox.find({ _id: { $gte: m!.checkpoint } }).sort({ _id: 1 }).limit(500).toArray()), 3, 1);
    const point = await load(async () => void (await outbox.findOne({ _id: m!.last })), 3, 1);
    result.outboxPoll = { entries: 100_000, poll, baselinePointRead: point };
    console.log(line('(g) outbox poll, 100,000 entries', poll, point));

    // (h) load run: 100 clients for BENCH_LOAD_SECONDS
    result.loadRun = await loadRun({ url, server, userToken, ingestorToken: ingestor, pids, portal: PORTAL, one: ONE, lists: LISTS, run });
    const rssAfter = rssOf(server.pid!);
    result.serverMemory = { rssBeforeLoadMiB: rssBefore.rssMiB, rssAfterMiB: rssAfter.rssMiB, peakRssMiB: rssAfter.peakMiB };
    console.log(`    API server memory: peak RSS ${rssAfter.peakMiB} MiB (RSS ${rssBefore.rssMiB} MiB before the load, ${rssAfter.rssMiB} MiB after)`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (process.env.BENCH_PROFILE) result.portalProfileTop = await profilePortal(port + 100);

  // (i) bulk upsert into fresh collections, beside raw bulkWrite of the same documents
  const docs = Array.from({ length: UPSERT_N }, (_, i) => bulkDataset(10_000_000 + i));
  const upDb = await connect(cfg.mongoUri, `${DB}_upsert`);
  await upDb.db.dropDatabase();
  const upServices = createServices(upDb.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix });
  let t = performance.now();
  for (let i = 0; i < docs.length; i += 500) await upServices.datasets.upsertMany(systemIdentity('bench'), docs.slice(i, i + 500));
  const oursSecs = (performance.now() - t) / 1000;
  const raw = upDb.db.collection('raw_datasets');
  t = performance.now();
  for (let i = 0; i < docs.length; i += 500) await raw.bulkWrite(docs.slice(i, i + 500).map((d) => ({ insertOne: { document: { ...d, _id: d.pid } } })), { ordered: false });
  const rawSecs = (performance.now() - t) / 1000;
  await upDb.db.dropDatabase();
  await upDb.close();
  result.bulkUpsert = { datasets: UPSERT_N, oursPerSecond: +(UPSERT_N / oursSecs).toFixed(1), baselineBulkWritePerSecond: +(UPSERT_N / rawSecs).toFixed(1), ratio: +(rawSecs / oursSecs).toFixed(2) };
  console.log(`(i) bulk upsert                       ${result.bulkUpsert.oursPerSecond} datasets/s | baseline bulkWrite ${result.bulkUpsert.baselineBulkWritePerSecond}/s (ratio ${result.bulkUpsert.ratio})`);
  writeResult(result);
  await s.search.close();
  await db.close();
}

/** A CPU profile of an API process that serves only the portal query (1 client, BENCH_SECONDS), and its top functions. */
async function profilePortal(port: number): Promise<{ name: string; url: string; selfPercent: number }[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-prof-'));
  const server = await startServer(port, { CATALOG_DB: DB, CATALOG_SEARCH_INDEX: DB, CATALOG_SEARCH_SYNC: 'false', CATALOG_EXPORT_WORKER: 'false' }, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const cfg = loadConfig(process.env, { dbName: DB });
  const token = await issueToken(cfg.jwtSecret!, { subject: 'bench-user', role: 'user', groups: USER_GROUPS });
  const ask = async () => {
    const r = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: PORTAL }) });
    await r.json();
  };
  await load(ask, 2, 1);
  await load(ask, SECONDS, 1);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  return topFunctions(dir);
}

/** The three functions with the most self time in a CPU profile. */
function topFunctions(dir: string): { name: string; url: string; selfPercent: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const self = new Map<number, number>();
  p.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, { name: string; url: string; t: number }>();
  for (const n of p.nodes) {
    const cf = n.callFrame;
    if (['(idle)', '(program)', '(garbage collector)', '(root)'].includes(cf.functionName)) continue;
    const key = `${cf.functionName}@${cf.url}:${cf.lineNumber}`;
    const e = byFn.get(key) ?? { name: cf.functionName || '(anonymous)', url: `${path.basename(cf.url)}:${cf.lineNumber + 1}`, t: 0 };
    e.t += self.get(n.id) ?? 0;
    byFn.set(key, e);
  }
  const top = [...byFn.values()].sort((a, b) => b.t - a.t).slice(0, 3).map((e) => ({ name: e.name, url: e.url, selfPercent: +((100 * e.t) / total).toFixed(1) }));
  console.log(`API CPU profile during the portal query, top self time: ${top.map((t) => `${t.name} (${t.url}) ${t.selfPercent}%`).join('; ')}`);
  return top;
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
