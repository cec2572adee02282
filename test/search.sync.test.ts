// The outbox sync under failure: Elasticsearch stopped while 1,000 records are written, then started
// again (the index catches up with no manual step), and a rebuild while writes go on (nothing lost).
// The outage test stops and starts the node that scripts/elasticsearch.sh runs; with an external
// ELASTICSEARCH_URL there is no node of ours to stop, and the test says so and is skipped.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { GROUP_A, ROOT, SYSTEM, rawDataset, startHarness, type Harness } from './helpers/harness';

const managed = fs.existsSync(path.join(ROOT, '.run', 'elasticsearch.pid')) && process.env.ELASTICSEARCH_URL === execFileSync('bash', [path.join(ROOT, 'scripts/elasticsearch.sh'), 'url'], { encoding: 'utf8' }).trim();
if (!managed) console.warn('search.sync.test: ELASTICSEARCH_URL is not the node scripts/elasticsearch.sh runs, so the outage test cannot stop it and is skipped');

let h: Harness;

/** Asynchronous, so the API and its sync worker (in this process) keep running meanwhile. */
async function es(action: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('bash', [path.join(ROOT, 'scripts/elasticsearch.sh'), action], { timeout: 180_000 });
}

async function count(token: string, input: Record<string, unknown>): Promise<number | null> {
  const r = await h.gql(`query C($input: SearchInput) { search(input: $input, first: 0) { totalCount } }`, { input }, token);
  return r.errors ? null : r.data.search.totalCount;
}

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!ok(v)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
    v = await fn();
  }
  return v;
}

function batch(prefix: string, n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => rawDataset(`${prefix}/${String(from + i).padStart(5, '0')}`, GROUP_A, { keywords: [prefix], scientificMetadata: { energy: { value: 10 + (i % 5), unit: 'keV' }, run: from + i } }));
}

beforeAll(async () => {
  // the worker runs as in production: polling the outbox in the background
  h = await startHarness('searchsync', { searchSync: true, searchPollMs: 100 });
}, 120_000);

afterAll(async () => {
  if (managed) await es('start'); // leave the node running for the other test files, whatever happened
  await h?.close();
});

(managed ? test : test.skip)(
  'writes made while Elasticsearch is down all become searchable when it returns, with no manual step',
  async () => {
    await h.app.services.datasets.upsertMany(SYSTEM, batch('before', 5));
    await until('the first records indexed', () => count(h.tokens.alice, { text: 'before' }), (n) => n === 5, 60_000);
    await es('stop');
    // writes succeed while search is down; search itself says it is unavailable
    for (let i = 0; i < 1000; i += 100) await h.app.services.datasets.upsertMany(SYSTEM, batch('outage', 100, i));
    const down = await h.gql(`{ search(input: { text: "outage" }) { totalCount } }`, {}, h.tokens.alice);
    expect(down.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const list = await h.gql(`query { datasets(filter: { keywords: ["outage"] }) { totalCount } }`, {}, h.tokens.alice);
    expect(list.data.datasets.totalCount).toBe(1000);
    await es('start');
    // lists never go stale when the node returns: they read MongoDB until the sync has caught up with what
    // was written meanwhile, then the index (straight to the API, as a portal asks)
    const stores: string[] = [];
    for (const end = Date.now() + 120_000; ; ) {
      const res = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.alice}` }, body: JSON.stringify({ query: '{ datasets(filter: { keywords: ["outage"] }) { totalCount } }' }) });
      const body = (await res.json()) as any;
      expect(body.data.datasets.totalCount).toBe(1000);
      stores.push(body.extensions.readStore.Dataset);
      if (stores.at(-1) === 'elasticsearch') break;
      if (Date.now() > end) throw new Error(`lists still read ${stores.at(-1)} 120 s after Elasticsearch returned`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // no manual step: the running worker retries with backoff and catches up
    await until('outage records searchable', () => count(h.tokens.alice, { text: 'outage' }), (n) => n === 1000, 120_000);
    const check = await h.app.services.search.indexer.check();
    expect({ missing: check.missing.length, stale: check.stale.length, orphaned: check.orphaned.length }).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    const st = await h.gql(`{ searchStatus { available pending } }`, {}, h.tokens.admin);
    expect(st.data.searchStatus.available).toBe(true);
  },
  420_000,
);

test('a rebuild while records are being written loses nothing, and the alias moves to the new index', async () => {
  const s = h.app.services;
  const before = await s.search.backend.liveIndices();
  let writing = true;
  let written = 0;
  const writer = (async () => {
    while (writing || written < 200) {
      await s.datasets.upsertMany(SYSTEM, batch('during', 20, written));
      written += 20;
      if (written >= 600) break;
    }
  })();
  const r = await s.search.indexer.reindex(s.search.state);
  writing = false;
  await writer;
  expect(r.replaced).toEqual(before);
  expect(await s.search.backend.liveIndices()).toEqual([r.index]);
  await until('every record written during the rebuild searchable', () => count(h.tokens.alice, { text: 'during' }), (n) => n === written, 60_000);
  await s.search.sync.drain();
  const check = await s.search.indexer.check();
  expect({ missing: check.missing, stale: check.stale, orphaned: check.orphaned }).toEqual({ missing: [], stale: [], orphaned: [] });
  expect(check.documents).toBe(check.records);
}, 300_000);

test('check finds a document the index lost, and a refresh repairs it', async () => {
  const s = h.app.services;
  const [doc] = await s.datasets.upsertMany(SYSTEM, batch('lost', 1));
  await s.search.sync.drain();
  await s.search.backend.es().delete({ index: s.search.backend.alias, id: `dataset:${doc.id}`, refresh: true });
  const c = await s.search.indexer.check();
  expect(c.missing).toEqual([`dataset:${doc.id}`]);
  await s.search.indexer.refresh([{ kind: 'dataset', id: doc.id }], [s.search.backend.alias]);
  expect((await s.search.indexer.check()).missing).toEqual([]);
});

test('an index Elasticsearch will not take writes into for now (disk flood stage: 429) is retried, never counted as refused documents', async () => {
  const s = h.app.services;
  const es = s.search.backend.es();
  const [index] = await s.search.backend.liveIndices();
  const refusedBefore = JSON.stringify((await s.search.state.get())?.refused ?? null);
  await es.indices.putSettings({ index, settings: { 'index.blocks.read_only_allow_delete': true } });
  try {
    await s.datasets.upsertMany(SYSTEM, batch('flood', 30));
    await until('the sync to meet the block', async () => (await s.search.state.get())?.lastError ?? '', (e) => /not taken yet/.test(e), 30_000);
    // lists go on answering, from MongoDB while the index lags (straight to the API, as a portal asks)
    s.search.reads.invalidate();
    const res = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.alice}` }, body: JSON.stringify({ query: '{ datasets(filter: { keywords: ["flood"] }) { totalCount } }' }) });
    const body = (await res.json()) as any;
    expect([body.data.datasets.totalCount, body.extensions.readStore.Dataset]).toEqual([30, 'mongodb']);
  } finally {
    await es.indices.putSettings({ index, settings: { 'index.blocks.read_only_allow_delete': null } });
  }
  await until('flood records searchable once the block is lifted', () => count(h.tokens.alice, { text: 'flood' }), (n) => n === 30, 60_000);
  const st = await s.search.state.get();
  expect(JSON.stringify(st?.refused ?? null)).toBe(refusedBefore);
  expect(st?.lastError ?? null).toBeNull();
}, 120_000);
