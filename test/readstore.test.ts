// The read store: lists, relations and counts come from Elasticsearch, MongoDB is read by key. Two API
// processes share one database and index: one reads lists from the index, the other from MongoDB
// (CATALOG_READ_STORE=mongodb, the fallback path). Every list must give the same records, in the same
// order, page by page, with the same totals, to every kind of caller.
import { ObjectId } from 'mongodb';
import { startHarness, rawDataset, GROUP_A, GROUP_B, SYSTEM, type Harness } from './helpers/harness';
import { issueToken } from '../src/auth';
import { SECRET } from './helpers/harness';

let idx: Harness;
let db: Harness;
let anon: string | undefined;
type Who = 'anonymous' | 'alice' | 'bob' | 'ingestorA' | 'steward';
const WHO: Who[] = ['anonymous', 'alice', 'bob', 'ingestorA', 'steward'];
let tokens: Record<Who, string | undefined>;

beforeAll(async () => {
  idx = await startHarness('readstore');
  db = await startHarness('readstore', { readStore: 'mongodb' }, idx);
  tokens = { anonymous: anon, alice: idx.tokens.alice, bob: idx.tokens.bob, ingestorA: idx.tokens.ingestorA, steward: idx.tokens.steward };
  const s = idx.app.services;
  await s.instruments.upsertMany(SYSTEM, [
    { pid: 'instrument/rs-1', uniqueName: 'RS-1', name: 'Beamline one', ownerGroup: GROUP_A, isPublished: true },
    { pid: 'instrument/rs-2', uniqueName: 'RS-2', name: 'Beamline two', ownerGroup: GROUP_B },
  ]);
  await s.proposals.upsertMany(SYSTEM, [
    { proposalId: 'rs-pa', title: 'Alpha lysozyme', ownerGroup: GROUP_A, startTime: '2026-01-05T00:00:00Z' },
    { proposalId: 'rs-pb', title: 'Beta ferritin', ownerGroup: GROUP_B, accessGroups: [GROUP_A] },
    { proposalId: 'rs-pc', title: 'Gamma (no start)', ownerGroup: GROUP_B, isPublished: true },
  ]);
  await s.samples.upsertMany(SYSTEM, ['a', 'b', 'c', 'd'].map((x, i) => ({ sampleId: `rs-s${x}`, proposalId: i < 2 ? 'rs-pa' : 'rs-pb', description: `crystal ${x}`, ownerGroup: i < 2 ? GROUP_A : GROUP_B })));
  const ds = Array.from({ length: 36 }, (_, i) => {
    const a = i % 3 !== 0;
    return rawDataset(`rs/ds-${String(i).padStart(2, '0')}`, a ? GROUP_A : GROUP_B, {
      instrumentId: i % 2 ? 'instrument/rs-1' : 'instrument/rs-2',
      proposalIds: [a ? 'rs-pa' : 'rs-pb'],
      sampleIds: [`rs-s${'abcd'[i % 4]}`],
      // some share a creation time (ties break by pid), some have no size (missing sorts first ascending)
      creationTime: new Date(Date.UTC(2026, 0, 1 + (i % 9), 8)).toISOString(),
      ...(i % 4 !== 1 && { size: (i * 7919) % 1000 }),
      keywords: i % 5 === 0 ? ['calibration', 'mx'] : ['mx'],
      techniques: [{ name: i % 2 ? 'MX' : 'SAXS' }],
      isPublished: i % 7 === 0,
      ...(i % 11 === 5 && { accessGroups: [GROUP_B] }),
      datasetName: i === 4 ? 'Ünïcode 50% [special] name' : i === 6 ? 'Protéine İSTANBUL Straße ΣΊΣΥΦΟΣ' : `dataset ${i}`,
      // a keyword and an owner too long for an index term: stored, listed, and found by key
      ...(i === 8 && { keywords: ['mx', 'k'.repeat(40_000)], owner: 'o'.repeat(40_000) }),
    });
  });
  await s.datasets.upsertMany(SYSTEM, ds);
  await s.datasets.upsertMany(SYSTEM, [0, 1, 2].map((k) => ({ pid: `rs/derived-${k}`, type: 'derived', ownerGroup: GROUP_A, datasetName: `derived ${k}`, owner: 'x', contactEmail: 'x@example.org', sourceFolder: '/d', creationTime: '2026-02-01T00:00:00Z', inputDatasets: [`rs/ds-0${k + 1}`, 'rs/ds-04'], usedSoftware: ['xds'] })));
  await s.origDatablocks.upsertMany(SYSTEM, ds.slice(0, 10).flatMap((d) => [0, 1].map((c) => ({ datasetId: d.pid, chunkIndex: c, ownerGroup: d.ownerGroup, dataFileList: [{ path: `${d.sourceFolder}/f${c}.h5`, size: 5 + c }] }))));
  await s.publications.upsertMany(SYSTEM, [1, 2, 3].map((k) => ({ id: `rs/pub-${k}`, title: `Paper ${k}`, creator: [{ name: 'N' }], publisher: 'P', publicationYear: 2020 + k, datasetPids: ds.filter((_, i) => i % k === 0).map((d) => d.pid), ownerGroup: k === 2 ? GROUP_B : GROUP_A })));
  await s.search.reads.settle();
}, 120_000);
afterAll(async () => {
  await db?.close();
  await idx?.close();
});

/** Every page of a list through GraphQL, as ids, with the total and the store named in the response. */
async function pages(h: Harness, field: string, args: string, select: string, who: Who, size = 7): Promise<{ ids: string[]; totals: number[]; stores: string[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  const stores: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const r: any = await h.gql(`query($after: String) { ${field}(${args}${args ? ', ' : ''}first: ${size}, after: $after) { totalCount nodes { ${select} } pageInfo { hasNextPage endCursor } } }`, { after }, tokens[who]);
    expect(r.errors).toBeUndefined();
    const conn = r.data[field];
    ids.push(...conn.nodes.map((n: any) => n[select]));
    totals.push(conn.totalCount);
    stores.push(...Object.values((await rawExtensions(h, field, args, select, who, after)) ?? {}).map(String));
    if (!conn.pageInfo.hasNextPage) return { ids, totals, stores };
    after = conn.pageInfo.endCursor;
  }
  throw new Error('more than 50 pages');
}

/** The response's readStore extension for the same request. */
async function rawExtensions(h: Harness, field: string, args: string, select: string, who: Who, after: string | null): Promise<Record<string, string> | undefined> {
  const res = await fetch(h.app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(tokens[who] && { authorization: `Bearer ${tokens[who]}` }) },
    body: JSON.stringify({ query: `query($after: String) { ${field}(${args}${args ? ', ' : ''}first: 7, after: $after) { nodes { ${select} } } }`, variables: { after } }),
  });
  return ((await res.json()) as any).extensions?.readStore;
}

const LISTS: [string, string, string][] = [
  ['datasets', '', 'pid'],
  ['datasets', 'sort: { field: SIZE, direction: ASC }', 'pid'],
  ['datasets', 'sort: { field: SIZE, direction: DESC }', 'pid'],
  ['datasets', 'sort: { field: CREATION_TIME, direction: ASC }', 'pid'],
  ['datasets', 'sort: { field: PID, direction: DESC }', 'pid'],
  ['datasets', 'sort: { field: UPDATED_AT, direction: ASC }', 'pid'],
  ['datasets', 'filter: { type: raw, instrumentId: "instrument/rs-1" }', 'pid'],
  ['datasets', 'filter: { proposalId: "rs-pb" }, sort: { field: SIZE, direction: DESC }', 'pid'],
  ['datasets', 'filter: { keywords: ["mx", "calibration"], technique: "SAXS" }', 'pid'],
  ['datasets', 'filter: { text: "ünïcode 50% [SPECIAL]" }', 'pid'],
  ['datasets', 'filter: { text: "dataset 1" }, sort: { field: PID, direction: ASC }', 'pid'],
  // case folding as MongoDB's case-insensitive match does it, one character at a time
  ['datasets', 'filter: { text: "ΣΊΣΥΦΟΣ" }', 'pid'],
  ['datasets', 'filter: { text: "σίσυφος" }', 'pid'],
  ['datasets', 'filter: { text: "İstanbul" }', 'pid'],
  ['datasets', 'filter: { text: "istanbul" }', 'pid'],
  ['datasets', 'filter: { text: "STRASSE" }', 'pid'],
  ['datasets', 'filter: { text: "straße" }', 'pid'],
  ['datasets', 'filter: { pids: ["rs/ds-08"] }', 'pid'],
  ['datasets', 'filter: { creationTimeFrom: "2026-01-03T00:00:00Z", creationTimeTo: "2026-01-06T08:00:00Z", isPublished: false }', 'pid'],
  ['datasets', 'filter: { inputDataset: "rs/ds-04" }', 'pid'],
  ['datasets', 'filter: { pids: ["rs/ds-01", "rs/ds-03", "rs/ds-30", "nope"] }', 'pid'],
  ['samples', '', 'sampleId'],
  ['samples', 'filter: { proposalId: "rs-pa", descriptionContains: "CRYSTAL" }', 'sampleId'],
  ['proposals', 'sort: { field: START_TIME, direction: DESC }', 'proposalId'],
  ['proposals', 'filter: { titleContains: "a" }', 'proposalId'],
  ['instruments', 'sort: { field: UNIQUE_NAME, direction: DESC }', 'pid'],
  ['publications', 'sort: { field: PUBLICATION_YEAR, direction: DESC }', 'id'],
  ['publications', 'filter: { datasetPid: "rs/ds-00" }', 'id'],
  ['origDatablocks', 'filter: { datasetId: "rs/ds-03" }', 'id'],
];

describe('the index path and the MongoDB path give the same pages', () => {
  test.each(LISTS)('%s(%s)', async (field, args, select) => {
    for (const who of WHO) {
      const a = await pages(idx, field, args, select, who);
      const b = await pages(db, field, args, select, who);
      expect({ who, ...a, stores: undefined }).toEqual({ who, ...b, stores: undefined });
      expect(new Set(a.stores)).toEqual(new Set(['elasticsearch']));
      expect(new Set(b.stores)).toEqual(new Set(['mongodb']));
      // every page's total is the whole list's size, and no record repeats
      expect(new Set(a.totals)).toEqual(new Set([a.ids.length]));
      expect(new Set(a.ids).size).toBe(a.ids.length);
    }
  });

  test('the lists above are not trivially empty', async () => {
    expect((await pages(idx, 'datasets', '', 'pid', 'steward')).ids).toHaveLength(39);
    expect((await pages(idx, 'datasets', '', 'pid', 'anonymous')).ids).toHaveLength(6);
    expect((await pages(idx, 'datasets', 'filter: { text: "ünïcode 50% [SPECIAL]" }', 'pid', 'alice')).ids).toEqual(['rs/ds-04']);
    expect((await pages(idx, 'datasets', 'filter: { text: "σίσυφος" }', 'pid', 'steward')).ids).toEqual(['rs/ds-06']);
    expect((await pages(idx, 'datasets', 'filter: { pids: ["rs/ds-08"] }', 'pid', 'alice')).ids).toEqual(['rs/ds-08']);
  });

  test('back relations with totals: proposal, sample and instrument → datasets, dataset → derived datasets and blocks', async () => {
    const q = `{ proposals(first: 5) { nodes { proposalId datasets(first: 4, sort: { field: SIZE, direction: ASC }) { totalCount nodes { pid derivedDatasets(first: 3) { totalCount nodes { pid } } origDatablocks { chunkIndex size numberOfFiles } publications { id } } } samples(first: 3) { totalCount nodes { sampleId datasets(first: 2) { totalCount nodes { pid } } } } } }
                instruments(first: 5) { nodes { pid datasets(first: 3) { totalCount nodes { pid } } } } }`;
    for (const who of WHO) {
      const a = await idx.gql(q, {}, tokens[who]);
      const b = await db.gql(q, {}, tokens[who]);
      expect(a.errors).toBeUndefined();
      expect(a.data).toEqual(b.data);
    }
    const all = await idx.gql(q, {}, tokens.steward);
    const pa = (all.data as any).proposals.nodes.find((p: any) => p.proposalId === 'rs-pa');
    expect(pa.datasets.totalCount).toBe(24);
    for (const h of [idx, db]) {
      // newest first, ties by pid descending
      const d: any = await h.gql('{ dataset(pid: "rs/ds-04") { derivedDatasets { totalCount nodes { pid } } origDatablocks { chunkIndex } } }', {}, tokens.alice);
      expect(d.data.dataset).toEqual({ derivedDatasets: { totalCount: 3, nodes: [{ pid: 'rs/derived-2' }, { pid: 'rs/derived-1' }, { pid: 'rs/derived-0' }] }, origDatablocks: [{ chunkIndex: 0 }, { chunkIndex: 1 }] });
    }
  });
});

describe('access: one rule on both paths', () => {
  test('get, list, count, nested lists and search show each identity the same records, and a forbidden record reads like a missing one', async () => {
    await idx.app.services.search.sync.drain();
    for (const who of WHO) {
      for (const h of [idx, db]) {
        const r: any = await h.gql(`{ forbidden: dataset(pid: "rs/ds-00") { pid } missing: dataset(pid: "rs/none") { pid } datasets(first: 100) { totalCount nodes { pid } } }`, {}, tokens[who]);
        expect(r.errors).toBeUndefined();
        const visible = new Set(r.data.datasets.nodes.map((n: any) => n.pid));
        expect(r.data.datasets.totalCount).toBe(visible.size);
        expect(r.data.missing).toBeNull();
        expect(r.data.forbidden === null).toBe(!visible.has('rs/ds-00'));
      }
      const a: any = await idx.gql('{ datasets(first: 100) { nodes { pid } } search(input: { kinds: [DATASET] }, first: 100) { totalCount hits { id } } }', {}, tokens[who]);
      const fromSearch = a.data.search.hits.map((x: any) => x.id).sort();
      expect(fromSearch).toEqual(a.data.datasets.nodes.map((n: any) => n.pid).sort());
    }
    const count = async (who: Who) => ((await idx.gql('{ datasets { totalCount } }', {}, tokens[who])).data as any).datasets.totalCount;
    expect(await count('anonymous')).toBe(6);
    expect(await count('bob')).toBe(12 + 4 + 2); // group B's (i % 3 = 0), group A's published (7, 14, 28, 35) and shared with B (5, 16)
  });
});

describe('cursors are checked on both paths', () => {
  test('a forged or foreign cursor is INVALID_CURSOR, never an operator or a value of another type', async () => {
    const forge = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const bySize = await idx.gql('{ datasets(first: 2, sort: { field: SIZE, direction: ASC }) { pageInfo { endCursor } } }', {}, tokens.alice);
    const sizeCursor = (bySize.data as any).datasets.pageInfo.endCursor;
    const cases: [string, string][] = [
      ['sort: { field: SIZE, direction: ASC }', forge([{ $gt: '' }, 'rs/ds-00', '_id'])],
      ['sort: { field: CREATION_TIME, direction: DESC }', forge([{ $ne: null }, 'rs/ds-00', 'creationTime'])],
      ['sort: { field: PID, direction: ASC }', sizeCursor],
      ['', forge([5, 'rs/ds-00'])],
      // a value of another type than the sort field's
      ['sort: { field: SIZE, direction: ASC }', forge(['abc', 'rs/ds-00', 'size'])],
      ['sort: { field: SIZE, direction: ASC }', forge([true, 'rs/ds-00', 'size'])],
      ['sort: { field: SIZE, direction: ASC }', forge([{ $d: '2026-01-01T00:00:00Z' }, 'rs/ds-00', 'size'])],
      ['sort: { field: CREATION_TIME, direction: ASC }', forge(['abc', 'rs/ds-00', 'creationTime'])],
      ['sort: { field: CREATION_TIME, direction: ASC }', forge([1e300, 'rs/ds-00', 'creationTime'])],
    ];
    for (const h of [idx, db]) {
      for (const [sort, after] of cases) {
        const r = await h.gql(`query($a: String) { datasets(first: 2, after: $a${sort ? `, ${sort}` : ''}) { nodes { pid } } }`, { a: after }, tokens.alice);
        expect({ sort, codes: r.errors?.map((e) => e.extensions?.code) }).toEqual({ sort, codes: ['INVALID_CURSOR'] });
      }
    }
    for (const h of [idx, db]) {
      const rel = await h.gql('query($a: String) { proposals(first: 3) { nodes { datasets(first: 2, after: $a) { nodes { pid } } } } }', { a: forge([true, 'rs/ds-00', 'creationTime']) }, tokens.steward);
      expect(rel.errors?.map((e) => e.extensions?.code)).toContain('INVALID_CURSOR');
      expect(rel.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    }
    for (const bad of [[1e300, 'dataset:rs/ds-00'], [null, 'sample:a'], ['x', 'dataset:rs/ds-00']]) {
      const log = await idx.gql('query($a: String) { logbook(input: {}, first: 2, after: $a) { endCursor } }', { a: forge(bad) }, tokens.alice);
      expect({ bad, codes: log.errors?.map((e) => e.extensions?.code) }).toEqual({ bad, codes: ['INVALID_CURSOR'] });
    }
  });
});

describe('bad input is refused alike on both paths', () => {
  test('over-long filters are BAD_USER_INPUT naming the filter; a malformed id names its kind; echoes are clipped', async () => {
    const cases: [string, string, RegExp][] = [
      [`datasets(filter: { text: "${'x'.repeat(3000)}" }) { totalCount }`, 'BAD_USER_INPUT', /^text: at most 256 characters \(got 3000\)/],
      [`datasets(filter: { ownerGroup: "${'g'.repeat(40_000)}" }) { totalCount }`, 'BAD_USER_INPUT', /^ownerGroup: at most 128 characters/],
      [`datasets(filter: { technique: "${'t'.repeat(40_000)}" }) { totalCount }`, 'BAD_USER_INPUT', /^technique: at most 1024 characters/],
      [`samples(filter: { descriptionContains: "${'d'.repeat(300)}" }) { totalCount }`, 'BAD_USER_INPUT', /^descriptionContains: at most 256/],
      ['datasets(filter: { instrumentId: ".*" }) { totalCount }', 'INVALID_ID', /^Instrument id "\.\*" is malformed/],
      [`datasets(filter: { proposalId: "${'.'.repeat(40_000)}" }) { totalCount }`, 'INVALID_ID', /^Proposal id "\.{80}… \(40000 characters\)" is malformed/],
    ];
    for (const h of [idx, db]) {
      for (const [q, code, message] of cases) {
        const r = await h.gql(`{ ${q} }`, {}, tokens.alice);
        expect({ q: q.slice(0, 60), codes: r.errors?.map((e) => e.extensions?.code) }).toEqual({ q: q.slice(0, 60), codes: [code] });
        expect(r.errors![0].message).toMatch(message);
      }
    }
  });
});

describe('relations of a page are never cut off', () => {
  test('an index read of blocks and publications pages on past one request', async () => {
    const { IndexReadStore } = await import('../src/search');
    const q = '{ datasets(first: 40, sort: { field: PID, direction: ASC }) { nodes { pid origDatablocks { chunkIndex } publications { id } } } }';
    const whole = await db.gql(q, {}, tokens.steward);
    IndexReadStore.allPage = 7;
    try {
      const paged = await idx.gql(q, {}, tokens.steward);
      expect(paged.errors).toBeUndefined();
      expect(paged.data).toEqual(whole.data);
      const nodes = (paged.data as any).datasets.nodes;
      expect(nodes.reduce((n: number, d: any) => n + d.origDatablocks.length, 0)).toBe(20);
      expect(nodes.reduce((n: number, d: any) => n + d.publications.length, 0)).toBeGreaterThan(7);
    } finally {
      IndexReadStore.allPage = 10_000;
    }
  });
});

describe('freshness and fallback', () => {
  test('a write through GraphQL is in the list within a bounded wait, and read by key at once', async () => {
    const pid = 'rs/fresh-1';
    const w = await idx.gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome } }', { i: rawDataset(pid, GROUP_A, { creationTime: '2030-01-01T00:00:00Z' }) }, idx.tokens.ingestorA);
    expect(w.errors).toBeUndefined();
    const byKey = await fetch(idx.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${idx.tokens.alice}` }, body: JSON.stringify({ query: `{ dataset(pid: "${pid}") { pid } }` }) });
    expect(((await byKey.json()) as any).data.dataset).toEqual({ pid });
    const deadline = Date.now() + 5000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      // straight to the API, without the harness's settle: what a portal sees
      const res = await fetch(idx.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${idx.tokens.alice}` }, body: JSON.stringify({ query: '{ datasets(first: 1) { nodes { pid } } }' }) });
      seen = ((await res.json()) as any).data.datasets.nodes[0]?.pid === pid;
      if (!seen) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(true);
  });

  test('a dataset delete takes the blocks another API process wrote and the index does not have yet', async () => {
    const pid = 'rs/cascade-other';
    const w = await idx.gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome } }', { i: rawDataset(pid, GROUP_A) }, idx.tokens.ingestorA);
    expect(w.errors).toBeUndefined();
    // another process writes blocks without indexing them (its Elasticsearch is unreachable); nothing syncs meanwhile
    const other = await startHarness('readstore', { elasticsearchUrl: 'http://127.0.0.1:9' }, idx);
    try {
      await other.app.services.origDatablocks.upsertMany(SYSTEM, [0, 1, 2].map((c) => ({ datasetId: pid, chunkIndex: c, ownerGroup: GROUP_A, dataFileList: [{ path: `/data/rs/c${c}.h5`, size: 1 }] })));
    } finally {
      await other.close();
    }
    // straight to the API, without the harness's settle and sync drain
    const res = await fetch(idx.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${idx.tokens.admin}` }, body: JSON.stringify({ query: `mutation { deleteDataset(pid: "${pid}") { pid } }` }) });
    expect(((await res.json()) as any).errors).toBeUndefined();
    expect(await idx.db.db.collection('origdatablocks').countDocuments({ datasetId: pid })).toBe(0);
  });

  test('with Elasticsearch unreachable, lists answer from MongoDB, say so, and writes go on', async () => {
    const down = await startHarness('readstore', { elasticsearchUrl: 'http://127.0.0.1:9' }, idx);
    try {
      const tok = await issueToken(SECRET, { subject: 'adapter-a', role: 'ingestor', groups: [GROUP_A] });
      const w = await down.gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome } }', { i: rawDataset('rs/while-down', GROUP_A) }, tok);
      expect(w.errors).toBeUndefined();
      const res = await fetch(down.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${idx.tokens.alice}` }, body: JSON.stringify({ query: '{ datasets(first: 100, filter: { proposalId: "rs-pa" }) { totalCount } }' }) });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.extensions.readStore).toEqual({ Dataset: 'mongodb' });
      expect(body.data.datasets.totalCount).toBe(24);
    } finally {
      await down.close();
    }
    // the outbox brings the index up to date with what was written meanwhile
    await idx.app.services.search.sync.drain();
    const r: any = await idx.gql('{ datasets(filter: { pids: ["rs/while-down"] }) { nodes { pid } } }', {}, idx.tokens.alice);
    expect(r.data.datasets.nodes).toEqual([{ pid: 'rs/while-down' }]);
  });
});

describe('a newer index definition', () => {
  test('is built in the background while the older index keeps answering lists (no fallback to a scanning MongoDB)', async () => {
    const search = idx.app.services.search;
    const reads = search.reads as any;
    const def = reads.backend.definition;
    const alias = reads.backend.alias;
    const state = idx.db.db.collection<any>('search_state');
    const list = async () => {
      const res = await fetch(idx.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${idx.tokens.alice}` }, body: JSON.stringify({ query: '{ datasets(first: 100, filter: { proposalId: "rs-pa" }) { totalCount } }' }) });
      return (await res.json()) as any;
    };
    await search.sync.stop(); // this test plays the rebuild's states itself
    def.version += 1;
    try {
      // an older index and no rebuild under way: not current
      reads.invalidate();
      expect(await reads.usable()).toBe(false);
      // a rebuild under way: the older index answers, and says so
      await state.updateOne({ _id: alias }, { $set: { building: { index: `${alias}-next`, since: new ObjectId() } } });
      reads.invalidate();
      expect(await reads.usable()).toBe(true);
      const body = await list();
      expect(body.extensions.readStore).toEqual({ Dataset: 'elasticsearch' });
      expect(body.data.datasets.totalCount).toBe(24);
    } finally {
      def.version -= 1;
      await state.updateOne({ _id: alias }, { $set: { building: null } });
      reads.invalidate();
      search.sync.start();
    }
    expect(await reads.usable()).toBe(true);
  });
});

describe('consistency under mixed writes', () => {
  test('search check finds nothing missing or stale after 1,000 mixed writes, deletes and access changes', async () => {
    const s = idx.app.services;
    let ops = 0;
    for (let round = 0; round < 10; round++) {
      const batch = Array.from({ length: 60 }, (_, i) => rawDataset(`rs/mix-${round % 4}-${i}`, i % 2 ? GROUP_A : GROUP_B, { size: round * 100 + i, isPublished: (i + round) % 5 === 0 }));
      await s.datasets.upsertMany(SYSTEM, batch);
      ops += batch.length;
      for (let i = 0; i < 20; i++) {
        const pid = `rs/mix-${round % 4}-${(i * 7 + round) % 60}`;
        if (i % 4 === 0) await s.datasets.remove(SYSTEM, pid).catch(() => undefined);
        else await s.datasets.update(SYSTEM, pid, { accessGroups: [`g${round}`], isPublished: i % 2 === 0 }).catch(() => undefined);
        ops++;
      }
      await s.origDatablocks.upsertMany(SYSTEM, Array.from({ length: 20 }, (_, i) => ({ datasetId: `rs/mix-${round % 4}-${40 + i}`, chunkIndex: round, ownerGroup: i % 2 ? GROUP_A : GROUP_B, dataFileList: [{ path: `/f${round}`, size: 1 }] }))).catch(() => undefined);
      ops += 20;
    }
    expect(ops).toBeGreaterThanOrEqual(1000);
    await s.search.reads.settle();
    await s.search.sync.drain();
    const c = await s.search.indexer.check();
    expect({ missing: c.missing, stale: c.stale, orphaned: c.orphaned }).toEqual({ missing: [], stale: [], orphaned: [] });
    expect(c.documents).toBe(c.records);
  }, 300_000);
});
