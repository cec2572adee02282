// Bad input gets a clear error that names what is wrong, and nothing is written half.
import { SignJWT } from 'jose';
import { startHarness, rawDataset, GROUP_A, SECRET, SYSTEM, codes, type Harness } from './helpers/harness';
import { issueToken } from '../src/auth';
import { CreateDatasetDocument, GetDatasetDocument, ListDatasetsDocument, UpsertDatasetsDocument, UpdateDatasetDocument, ViewerDocument, DatasetFilesDocument } from './generated/graphql';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('errors', { maxDepth: 6, maxCost: 20000 });
});
afterAll(() => h?.close());

test('malformed ids are refused with INVALID_ID, on reads and writes', async () => {
  for (const pid of ['', ' spaces ', '../etc/passwd', '$where', 'x'.repeat(300)]) {
    const r = await h.gql(GetDatasetDocument, { pid }, h.tokens.admin);
    expect(codes(r)).toEqual(['INVALID_ID']);
    expect(r.errors![0].message).toContain('malformed');
  }
  const r = await h.gql(ListDatasetsDocument, { filter: { proposalId: '{"$gt":""}' } }, h.tokens.admin);
  expect(codes(r)).toEqual(['INVALID_ID']);
  const w = await h.gql(CreateDatasetDocument, { input: rawDataset('bad id', GROUP_A) }, h.tokens.admin);
  expect(w.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/pid' }] });
});

test('wrong types and unknown fields are rejected by the schema, naming the field', async () => {
  const wrongType = await h.gql(CreateDatasetDocument, { input: { ...rawDataset('ds/t1', GROUP_A), size: 'big' } }, h.tokens.admin);
  expect(codes(wrongType)).toEqual(['BAD_USER_INPUT']);
  expect(wrongType.errors![0].message).toMatch(/size/);
  const negative = await h.gql(CreateDatasetDocument, { input: { ...rawDataset('ds/t1', GROUP_A), size: -1 } }, h.tokens.admin);
  expect(negative.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/size', message: 'must be >= 0' }] });
  const tooBig = await h.gql(CreateDatasetDocument, { input: { ...rawDataset('ds/t1', GROUP_A), size: '99999999999999999999' } }, h.tokens.admin);
  expect(tooBig.errors![0].message).toMatch(/beyond 2\^53-1/);
  const unknown = await h.gql(CreateDatasetDocument, { input: { ...rawDataset('ds/t1', GROUP_A), colour: 'blue' } }, h.tokens.admin);
  expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
  expect(unknown.errors![0].message).toMatch(/colour/);
  const badEmail = await h.gql(CreateDatasetDocument, { input: { ...rawDataset('ds/t1', GROUP_A), contactEmail: 'not-an-email' } }, h.tokens.admin);
  expect(badEmail.errors![0].extensions!.problems).toEqual([{ path: '/contactEmail', message: 'must match format "email"' }]);
  const unknownField = await h.gql('{ datasets { nodes { pid colour } } }', {}, h.tokens.admin);
  expect(codes(unknownField)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(await h.db.db.collection('datasets').countDocuments({})).toBe(0);
});

test('missing ownerGroup and rule violations are VALIDATION_FAILED with the JSON path of each problem', async () => {
  const noGroup = await h.gql(UpsertDatasetsDocument, { inputs: [{ ...rawDataset('ds/g1', GROUP_A), ownerGroup: '' }] }, h.tokens.admin);
  expect(noGroup.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/inputs/0/ownerGroup' }] });
  // through the service (as ingest and the CLI call it), a record with no ownerGroup at all is refused, never defaulted
  await expect(h.app.services.datasets.upsert({ subject: 's', role: 'admin', groups: [], via: 'system' }, { ...rawDataset('ds/g2', GROUP_A), ownerGroup: undefined })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
    details: { problems: [{ path: '/ownerGroup', message: 'is required' }] },
  });
  const derivedWithoutInputs = await h.gql(CreateDatasetDocument, { input: { ...rawDataset('ds/d1', GROUP_A), type: 'derived' } }, h.tokens.admin);
  expect(derivedWithoutInputs.errors![0].extensions!.problems).toEqual(
    expect.arrayContaining([
      { path: '/inputDatasets', message: 'is required' },
      { path: '/usedSoftware', message: 'is required' },
    ]),
  );
});

test('a bulk upsert with one bad item writes nothing and reports every problem by index', async () => {
  const inputs = Array.from({ length: 10 }, (_, i) => rawDataset(`ds/all-or-none-${i}`, GROUP_A));
  inputs[4] = { ...inputs[4], contactEmail: 'nope' };
  inputs[7] = { ...inputs[7], pid: inputs[2].pid };
  const r = await h.gql(UpsertDatasetsDocument, { inputs }, h.tokens.ingestorA);
  expect(r.errors![0].extensions).toMatchObject({
    code: 'VALIDATION_FAILED',
    problems: [
      { path: '/inputs/4/contactEmail', message: 'must match format "email"' },
      { path: '/inputs/7/pid', message: 'repeats the pid of item 2' },
    ],
  });
  expect(await h.db.db.collection('datasets').countDocuments({ _id: { $regex: '^ds/all-or-none' } } as any)).toBe(0);
  expect(await h.db.db.collection('outbox').countDocuments({ id: { $regex: '^ds/all-or-none' } })).toBe(0);
});

test('immutable fields cannot change', async () => {
  await h.gql(CreateDatasetDocument, { input: rawDataset('ds/imm', GROUP_A) }, h.tokens.admin);
  const r = await h.gql(UpsertDatasetsDocument, { inputs: [{ ...rawDataset('ds/imm', GROUP_A), type: 'derived', inputDatasets: ['x'], usedSoftware: ['y'], creationLocation: undefined }] }, h.tokens.admin);
  expect(r.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/type' }] });
});

test('pages: oversized, negative and forged cursors', async () => {
  expect(codes(await h.gql(ListDatasetsDocument, { first: 100000 }, h.tokens.admin))).toEqual(['PAGE_TOO_LARGE']);
  expect(codes(await h.gql(ListDatasetsDocument, { first: -1 }, h.tokens.admin))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await h.gql(ListDatasetsDocument, { after: 'not-a-cursor' }, h.tokens.admin))).toEqual(['INVALID_CURSOR']);
  expect(codes(await h.gql(DatasetFilesDocument, { pid: 'ds/imm', after: Buffer.from('[5,"x"]').toString('base64url') }, h.tokens.admin))).toEqual(['INVALID_CURSOR']);
  // a cursor names a position in one order: the same field the other way round is another order
  const asc = await h.gql('{ datasets(first: 1, sort: { field: CREATION_TIME, direction: ASC }) { pageInfo { endCursor } } }', {}, h.tokens.admin);
  const cursor = asc.data.datasets.pageInfo.endCursor;
  expect(codes(await h.gql('query($c: String) { datasets(first: 1, after: $c, sort: { field: CREATION_TIME, direction: DESC }) { totalCount } }', { c: cursor }, h.tokens.admin))).toEqual(['INVALID_CURSOR']);
  expect(codes(await h.gql('query($c: String) { datasets(first: 1, after: $c, sort: { field: CREATION_TIME, direction: ASC }) { totalCount } }', { c: cursor }, h.tokens.admin))).toEqual([]);
});

test('every list argument goes through one check: the same codes, naming the argument, on every list (issue 15, kind 8)', async () => {
  const lists = [
    'datasets(first: $n) { totalCount }',
    'labels(first: $n) { totalCount }',
    'ingestRuns(first: $n) { id }',
    'ingestQuarantine(first: $n) { id }',
    'exportJobs(first: $n) { id }',
    'search(first: $n) { totalCount }',
    'searchTree(first: $n) { level }',
    'logbook(first: $n) { totalCount }',
    'dataset(pid: "ds/imm") { files(first: $n) { totalCount } derivedDatasets(first: $n) { totalCount } }',
  ];
  for (const list of lists) {
    const q = `query($n: Int) { ${list} }`;
    for (const [n, code] of [[-1, 'BAD_USER_INPUT'], [100000, 'PAGE_TOO_LARGE']] as const) {
      const r = await h.gql(q, { n }, h.tokens.admin);
      expect({ list, n, codes: [...new Set(codes(r))] }).toEqual({ list, n, codes: [code] });
      if (code === 'BAD_USER_INPUT') expect(r.errors![0].message).toBe('first must be an integer of at least 0 (got -1)');
      else expect(r.errors![0]).toMatchObject({ message: expect.stringMatching(/^first 100000 is larger than the maximum \d+$/), extensions: { field: 'first' } });
    }
  }
  const other: [string, string][] = [
    ['search(offset: -1) { totalCount }', 'offset must be an integer of at least 0 (got -1)'],
    ['search(facetSize: 0, facets: [TYPE]) { totalCount }', 'facetSize must be an integer of at least 1 (got 0)'],
    ['metadataKeys(first: 0) { key }', 'first must be an integer of at least 1 (got 0)'],
  ];
  const facet = await h.gql('{ search(facetSize: 100000, facets: [TYPE]) { totalCount } }', {}, h.tokens.admin);
  expect(facet.errors![0]).toMatchObject({ message: 'facetSize 100000 is larger than the maximum 1000', extensions: { code: 'PAGE_TOO_LARGE', field: 'facetSize' } });
  for (const [q, message] of other) {
    const r = await h.gql(`{ ${q} }`, {}, h.tokens.admin);
    expect({ q, codes: codes(r), message: r.errors?.[0].message }).toEqual({ q, codes: ['BAD_USER_INPUT'], message });
  }
});

describe('costly shapes found in review (issue 15, kind 5)', () => {
  test('a chain of fragments that doubles at each level is refused at once, with HTTP 400, in linear time', async () => {
    const n = 40;
    const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const q = `{ ...F0 } ${frags} fragment F${n} on Query { searchStatus { available } }`;
    h.resetCommands();
    const res = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', max: 20_000 });
    expect(body.errors[0].message).toMatch(/fields once its fragments are expanded/);
    expect(h.commands).toEqual([]);
    // too costly and too deep are client errors too
    const costly = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: searchStatus { available }`).join(' ')} }` }) });
    expect(costly.status).toBe(400);
  });

  test('search, metadataKeys and other lists with a page size pay for the page they ask for', async () => {
    const hits = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: search(first: 500) { hits { id title } }`).join(' ')} }`;
    const r = await h.gql(hits(20));
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(r.errors![0].extensions!.cost).toBeGreaterThan(20 * 500 * 2);
    const keys = await h.gql('{ a: metadataKeys(first: 10000) { key units } b: metadataKeys(first: 10000) { key units } }');
    expect(keys.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  test('one WebSocket connection holds at most 50 operations', async () => {
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const refused: unknown[] = [];
    const stops: (() => void)[] = [];
    try {
      for (let i = 0; i < 55; i++) stops.push(client.subscribe({ query: 'subscription { datasetChanged { pid } }' }, { next: () => undefined, error: (e) => void refused.push(e), complete: () => undefined }));
      await new Promise((r) => setTimeout(r, 1000));
      expect(refused).toHaveLength(5);
      expect(JSON.stringify(refused[0])).toMatch(/may hold 50 operations at once/);
    } finally {
      stops.forEach((s) => s());
      await client.dispose();
    }
  });

  test('a malformed or oversized body is a JSON error without a stack; a pids filter is bounded', async () => {
    const bad = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    expect(text).not.toMatch(/node_modules|at /);
    const pids = Array.from({ length: 10_001 }, (_, i) => `ds/p${i}`);
    const r = await h.gql('query($p: [String!]) { datasets(filter: { pids: $p }) { totalCount } }', { p: pids }, h.tokens.alice);
    expect(r.errors?.[0].message).toBe('pids: at most 10000 (got 10001); page through a list instead');
  });
});

describe('every request pays what it costs, before it runs (issue 15, kind 5)', () => {
  const aliases = (n: number, head = 'searchStatus') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${head} { available }`).join(' ')} }`;

  test('1,000 aliases of searchStatus: refused without touching a store, with and without a token', async () => {
    const reads = h.app.services.search.reads.requests;
    h.resetCommands();
    for (const token of [undefined, h.tokens.admin]) {
      const r = await h.gql(aliases(1000), {}, token);
      expect(r.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
      expect(r.errors![0].extensions!.cost).toBeGreaterThan(50_000);
      expect(r.data).toBeUndefined();
    }
    expect(h.commands.filter((c) => c === 'find' || c === 'count' || c === 'aggregate')).toEqual([]);
    expect(h.app.services.search.reads.requests).toBe(reads);
  });

  test('callers without a token have the smaller budget; aliases, directives and fragments are all counted', async () => {
    // 150 root fields: 150 × 52 = 7,800 fits both budgets; 250 (13,000) only a signed-in caller's
    expect((await h.gql(aliases(150), {}, undefined)).errors).toBeUndefined();
    const anon = await h.gql(aliases(250));
    expect(anon.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', max: 10_000 });
    expect(anon.errors![0].message).toMatch(/without a token/);
    expect((await h.gql(aliases(250), {}, h.tokens.alice)).errors).toBeUndefined();
    // directives add to each field they sit on: 190 × 52 = 9,880 fits; with two directives each, 190 × 54 does not
    const plain = (await h.gql(aliases(190), {}, undefined)).errors;
    const directed = await h.gql(`query($t: Boolean = true) ${aliases(190, 'searchStatus @include(if: $t) @skip(if: false)')}`, {}, undefined);
    expect(plain).toBeUndefined();
    expect(directed.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    // a fragment is paid for each time it is spread
    const frag = `fragment F on Query { ${Array.from({ length: 60 }, (_, i) => `f${i}: searchStatus { available }`).join(' ')} }`;
    expect((await h.gql(`{ ...F } ${frag}`)).errors).toBeUndefined();
    const spread = await h.gql(`{ ...F a: __typename ...F b: __typename ...F ...F } ${frag}`);
    expect(spread.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  test('the same budget over the WebSocket', async () => {
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    try {
      const result = await new Promise<any>((resolve) => {
        client.subscribe({ query: aliases(1000) }, { next: (v) => resolve({ next: v }), error: (e) => resolve({ error: e }), complete: () => undefined });
      });
      expect(result.error?.[0]?.extensions?.code ?? result.error?.[0]?.message).toMatch(/QUERY_TOO_COMPLEX|costs/);
    } finally {
      await client.dispose();
    }
  });
});

test('too-deep and too-costly queries are refused before they run', async () => {
  const deep = await h.gql('{ datasets { nodes { proposals { datasets { nodes { samples { datasets { nodes { pid } } } } } } } } }', {}, h.tokens.admin);
  expect(deep.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', max: 6 });
  const costly = await h.gql('{ datasets(first: 500) { nodes { proposals { datasets(first: 500) { nodes { pid } } } } } }', {}, h.tokens.admin);
  expect(costly.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', max: 20000 });
  expect(costly.errors![0].extensions!.cost).toBeGreaterThan(20000);
});

test('invalid tokens get 401 UNAUTHENTICATED with the reason', async () => {
  const expired = await new SignJWT({ groups: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(SECRET));
  const wrongKey = await new SignJWT({ groups: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-another-secret-another'));
  const cases: [string, RegExp][] = [
    ['garbage', /not a well-formed JWT/],
    [expired, /expired/],
    [wrongKey, /signature/],
  ];
  for (const [tok, reason] of cases) {
    const r = await h.gql(ViewerDocument, {}, tok);
    expect(r.status).toBe(401);
    expect(r.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(r.errors![0].message).toMatch(reason);
  }
  const scheme = await h.gql(ViewerDocument, {}, undefined, { authorization: 'Basic abc' });
  expect(scheme.errors![0].message).toMatch(/unsupported Authorization scheme/);
  const badKey = await h.gql(ViewerDocument, {}, undefined, { 'x-api-key': 'cat_0000000000000000_' + 'a'.repeat(43) });
  expect(badKey.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'invalid API key: unknown key' });
});

test('API keys authenticate adapters and can be revoked', async () => {
  const { id, key } = await h.app.services.apiKeys.issue('bl17u1-adapter', 'ingestor', [GROUP_A]);
  const ok = await h.gql(ViewerDocument, {}, undefined, { 'x-api-key': key });
  expect(ok.data!.viewer).toEqual({ subject: 'bl17u1-adapter', role: 'ingestor', groups: [GROUP_A], via: 'apikey' });
  await h.app.services.apiKeys.revoke(id);
  const revoked = await h.gql(ViewerDocument, {}, undefined, { authorization: `ApiKey ${key}` });
  expect(revoked.errors![0].message).toBe('invalid API key: revoked');
});

test('unexpected errors are masked for the client and carry the request id', async () => {
  // a stored record that breaks the GraphQL contract (written behind the API's back) makes resolution fail
  await h.db.db.collection('datasets').insertOne({ _id: 'ds/corrupt', pid: 'ds/corrupt', type: 'raw', ownerGroup: GROUP_A, accessGroups: [], isPublished: false } as any);
  const r = await h.gql(GetDatasetDocument, { pid: 'ds/corrupt' }, h.tokens.admin, { 'x-request-id': 'req-12345' });
  expect(r.errors![0].message).toMatch(/^Internal server error/);
  expect(r.errors![0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-12345' });
  expect(JSON.stringify(r.errors)).not.toMatch(/Cannot return null|stack/);
  expect(r.headers.get('x-request-id')).toBe('req-12345');
});

test('an update with a bad patch leaves the record as it was', async () => {
  await h.gql(CreateDatasetDocument, { input: rawDataset('ds/keep', GROUP_A, { description: 'original' }) }, h.tokens.admin);
  const r = await h.gql(UpdateDatasetDocument, { pid: 'ds/keep', patch: { contactEmail: 'broken', description: 'changed' } }, h.tokens.admin);
  expect(r.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/contactEmail' }] });
  expect((await h.app.services.datasets.get({ subject: 's', role: 'admin', groups: [], via: 'system' }, 'ds/keep'))!.description).toBe('original');
});

test('a bulk upsert larger than the limit is refused whole, naming the limit', async () => {
  const inputs = Array.from({ length: 2001 }, (_, i) => rawDataset(`ds/too-many-${i}`, GROUP_A));
  const r = await h.gql(UpsertDatasetsDocument, { inputs }, h.tokens.admin);
  expect(r.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', max: 2000, got: 2001 } });
  expect(r.errors![0].message).toMatch(/at most 2000/);
  expect(await h.db.db.collection('datasets').countDocuments({ _id: { $regex: '^ds/too-many' } } as any)).toBe(0);
});

test('GraphiQL is served locally: the page, its script that parses, and its assets', async () => {
  const base = h.app.url.replace(/\/graphql$/, '');
  const page = await (await fetch(`${base}/graphiql`)).text();
  const inline = /<script>([\s\S]*?)<\/script>/.exec(page)![1];
  expect(() => new Function(inline)).not.toThrow();
  for (const src of page.match(/\/graphiql\/assets\/[\w.-]+/g)!) expect((await fetch(`${base}${src}`)).status).toBe(200);
  expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
});

test('production switches: introspection and field suggestions off (CATALOG_INTROSPECTION, CATALOG_FIELD_SUGGESTIONS)', async () => {
  const prod = await startHarness('errors-prod', { introspection: false, fieldSuggestions: false });
  try {
    const intro = await prod.gql('{ __schema { queryType { name } } }');
    expect(intro.errors?.[0].message).toMatch(/introspection/i);
    const typo = await prod.gql('{ datasetz { totalCount } }');
    expect(typo.errors?.[0].message).toMatch(/Cannot query field "datasetz"/);
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    // the demo keeps both on
    expect((await h.gql("{ datasetz { totalCount } }")).errors?.[0].message).toMatch(/Did you mean .*"datasets"/);
    expect((await h.gql('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  } finally {
    await prod.close();
  }
});

describe('values the store cannot hold, on every write path (issue 15, kind 1)', () => {
  test('GraphQL: keys with "." or "$", NUL and nested arrays are stored normalised, with notes the writer sees and the record keeps', async () => {
    const input = rawDataset('ds/odd-values', GROUP_A, {
      datasetName: 'odd\u0000name',
      scientificMetadata: { 'detector.distance': { value: 250, unit: 'mm' }, $where: 'x', ub: [[1, 0], [0, 1]], note: 'a\u0000b' },
    });
    const r = await h.gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome record { datasetName scientificMetadata storageNotes { path reason } } } }', { i: input }, h.tokens.ingestorA);
    expect(r.errors).toBeUndefined();
    const rec = (r.data as any).upsertDataset.record;
    expect(rec.datasetName).toBe('odd\uFFFDname');
    expect(rec.scientificMetadata).toEqual({ 'detector\uFF0Edistance': { value: 250, unit: 'mm' }, '\uFF04where': 'x', ub: [{ _list: [1, 0] }, { _list: [0, 1] }], note: 'a\uFFFDb' });
    expect(rec.storageNotes.map((n: any) => n.path)).toEqual(['/datasetName', '/scientificMetadata/detector.distance', '/scientificMetadata/$where', '/scientificMetadata/ub/0', '/scientificMetadata/ub/1', '/scientificMetadata/note']);
    // read back by key and in a list: the same record, and the server took the next request as usual
    const back = await h.gql('{ dataset(pid: "ds/odd-values") { scientificMetadata storageNotes { path } } datasets(filter: { pids: ["ds/odd-values"] }) { nodes { datasetName } } }', {}, h.tokens.alice);
    expect((back.data as any).dataset.scientificMetadata).toEqual(rec.scientificMetadata);
    expect((back.data as any).datasets.nodes).toEqual([{ datasetName: 'odd\uFFFDname' }]);
    // bulk upserts report the notes per item
    const bulk = await h.gql('mutation($i: [DatasetInput!]!) { upsertDatasets(inputs: $i) { items { id outcome storageNotes { path } } } }', { i: [rawDataset('ds/odd-2', GROUP_A, { scientificMetadata: { 'a.b': 1 } }), rawDataset('ds/plain', GROUP_A)] }, h.tokens.ingestorA);
    expect((bulk.data as any).upsertDatasets.items).toEqual([
      { id: 'ds/odd-2', outcome: 'created', storageNotes: [{ path: '/inputs/0/scientificMetadata/a.b' }] },
      { id: 'ds/plain', outcome: 'created', storageNotes: null },
    ]);
    // the record keeps them by its own paths, wherever it stood in the request
    const kept = await h.gql('{ dataset(pid: "ds/odd-2") { storageNotes { path } } }', {}, h.tokens.alice);
    expect((kept.data as any).dataset.storageNotes).toEqual([{ path: '/scientificMetadata/a.b' }]);
  });

  test('keys JavaScript treats specially ("__proto__", "constructor") never bypass the normalisation, and a write the store refuses is never reported as done', async () => {
    // a raw body, as a client sends it: JSON.parse makes "__proto__" an own key
    const md = '{"__proto__": {"polluted": 1}, "constructor": {"a": 1}, "a\\u0000b": "nul\\u0000val", "$": 1, ".": 2, "a..b": 3, "keep": true}';
    const input = JSON.stringify(rawDataset('ds/proto-keys', GROUP_A)).replace(/}$/, `, "scientificMetadata": ${md}}`);
    const res = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.ingestorA}` }, body: `{"query": "mutation($i: DatasetInput!) { createDataset(input: $i) { pid storageNotes { path reason } } }", "variables": {"i": ${input}}}` });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    const notes = body.data.createDataset.storageNotes;
    // five keys renamed, and the NUL in a value replaced (noted at its key as sent)
    expect(notes.map((n: any) => n.path).sort()).toEqual(['/scientificMetadata/$', '/scientificMetadata/.', '/scientificMetadata/__proto__', '/scientificMetadata/a..b', '/scientificMetadata/a\u0000b', '/scientificMetadata/a\u0000b'].sort());
    expect(notes.find((n: any) => n.path === '/scientificMetadata/__proto__').reason).toBe('the key "__proto__" is stored as "＿＿proto＿＿" (JavaScript reserves "__proto__")');
    // stored, and read back by key with every value
    const back = await h.gql('{ dataset(pid: "ds/proto-keys") { scientificMetadata } }', {}, h.tokens.alice);
    expect((back.data as any).dataset.scientificMetadata).toEqual({ '＿＿proto＿＿': { polluted: 1 }, constructor: { a: 1 }, 'a\uFFFDb': 'nul\uFFFDval', '＄': 1, '．': 2, 'a．．b': 3, keep: true });
    expect(({} as any).polluted).toBeUndefined();
    expect(await h.db.db.collection('datasets').countDocuments({ _id: 'ds/proto-keys' } as any)).toBe(1);
  });

  test('an integer beyond 2^53−1 in variables or in the query is refused naming it, never stored with other digits', async () => {
    const post = (body: string) => fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.ingestorA}` }, body });
    const input = JSON.stringify(rawDataset('ds/big-int', GROUP_A)).replace(/}$/, ', "scientificMetadata": {"big": 9007199254740993, "fine": 1e20, "exact": 9007199254740991, "digits": 0.12345678901234567890}}');
    const res = await post(`{"query": "mutation($i: DatasetInput!) { createDataset(input: $i) { pid } }", "variables": {"i": ${input}}}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: 'the integer 9007199254740993 is beyond 2^53−1 and would be stored with other digits; send it as a string', extensions: { code: 'BAD_USER_INPUT' } }] });
    const lit = await h.gql('mutation { createDataset(input: { pid: "ds/big-int", type: raw, owner: "o", contactEmail: "a@b.org", sourceFolder: "/d", creationTime: "2026-01-01T00:00:00Z", creationLocation: "/x", ownerGroup: "' + GROUP_A + '", scientificMetadata: { big: 123456789012345678901234567890 } }) { pid } }', {}, h.tokens.ingestorA);
    expect(codes(lit)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(lit.errors!.map((e) => e.message)).toContain('the integer 123456789012345678901234567890 is beyond 2^53−1 and would be stored with other digits; send it as a string');
    expect(await h.db.db.collection('datasets').countDocuments({ _id: 'ds/big-int' } as any)).toBe(0);
    // the same values as a string and as doubles by intent are taken
    const ok = await post(`{"query": "mutation($i: DatasetInput!) { createDataset(input: $i) { scientificMetadata } }", "variables": {"i": ${input.replace('9007199254740993', '"9007199254740993"')}}}`);
    expect(((await ok.json()) as any).data.createDataset.scientificMetadata).toEqual({ big: '9007199254740993', fine: 1e20, exact: 9007199254740991, digits: 0.12345678901234568 });
  });

  test('Infinity written as a JSON number (1e400) through GraphQL is noted like any other', async () => {
    const res = await fetch(h.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.ingestorA}` },
      body: `{"query": "mutation($i: DatasetInput!) { upsertDataset(input: $i) { record { scientificMetadata storageNotes { path reason } } } }", "variables": {"i": ${JSON.stringify(rawDataset('ds/inf-json', GROUP_A)).replace(/}$/, ', "scientificMetadata": {"flux": 1e400, "ok": 2}}')}}}`,
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.upsertDataset.record.scientificMetadata).toEqual({ flux: null, ok: 2 });
    expect(body.data.upsertDataset.record.storageNotes).toEqual([{ path: '/scientificMetadata/flux', reason: 'Infinity is not a number the store keeps: stored as null' }]);
  });

  test('services (ingest, seeds, CLI): NaN and ±Infinity become null with a note, or name the field they make invalid', async () => {
    const s = h.app.services;
    const r = await s.datasets.upsert(SYSTEM, rawDataset('ds/nan', GROUP_A, { scientificMetadata: { energy: { value: NaN, unit: 'keV' }, range: [1, Infinity] } }));
    expect(r.record.scientificMetadata).toEqual({ energy: { value: null, unit: 'keV' }, range: [1, null] });
    expect(r.notes!.map((n) => n.path)).toEqual(['/scientificMetadata/energy/value', '/scientificMetadata/range/1']);
    const bad = await s.datasets.upsert(SYSTEM, rawDataset('ds/nan-size', GROUP_A, { size: NaN })).then(() => null, (e) => e);
    expect(bad.details.problems).toEqual([{ path: '/size', message: 'must be integer (NaN is not a number the store keeps: stored as null)' }]);
  });

  test('a token whose subject or group holds a control character is refused (two callers must never share one stored owner); a NUL in a comment is stored as U+FFFD', async () => {
    for (const [subject, groups, what] of [['eve\u0000', [GROUP_A], /subject "eve\\u0000" holds a control character/], ['eve', [`${GROUP_A}\n`], /group ".*\\n" holds a control character/]] as const) {
      const tok = await issueToken(SECRET, { subject, role: 'ingestor', groups: [...groups] });
      const w = await h.gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome } }', { i: rawDataset('ds/by-nul', GROUP_A) }, tok);
      expect(codes(w)).toEqual(['UNAUTHENTICATED']);
      expect(w.errors![0].message).toMatch(what);
    }
    expect(await h.db.db.collection('datasets').countDocuments({ _id: 'ds/by-nul' } as any)).toBe(0);
    const w = await h.gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { record { createdBy } } }', { i: rawDataset('ds/by-nul', GROUP_A) }, h.tokens.ingestorA);
    expect(w.errors).toBeUndefined();
    const ev = await h.db.db.collection('outbox').findOne({ id: 'ds/by-nul' });
    expect(ev?.by).toBe('adapter-a');
    await h.app.services.labelSets.declare(SYSTEM, { name: 'odd_like', kind: 'like' }, () => h.app.services.labels.valuesOf('odd_like'));
    const l = await h.gql('mutation($i: LabelInput!) { setLabel(input: $i) { id comment storageNotes { path reason } } }', { i: { datasetPid: 'ds/by-nul', labelSet: 'odd_like', like: true, comment: 'fine\u0000really' } }, h.tokens.alice);
    expect(l.errors).toBeUndefined();
    const stored = await h.db.db.collection('labels').findOne({ datasetPid: 'ds/by-nul' });
    expect(stored?.comment).toBe('fine\uFFFDreally');
    // the answer shows what was stored, and why it differs from what was sent
    const nul = { path: '/comment', reason: 'NUL characters are not kept: each stored as U+FFFD' };
    expect((l.data as any).setLabel).toMatchObject({ comment: 'fine\uFFFDreally', storageNotes: [nul] });
    const listed = await h.gql('{ labels(filter: { datasetPid: "ds/by-nul" }) { nodes { storageNotes { path reason } } } }', {}, h.tokens.alice);
    expect((listed.data as any).labels.nodes).toEqual([{ storageNotes: [nul] }]);
  });

  test('export jobs: a NUL in the request is stored as U+FFFD and the job says so', async () => {
    const r = await h.gql('mutation($i: ExportInput!) { createExport(input: $i) { id name request storageNotes { path reason } } }', { i: { name: 'odd\u0000name', filter: { pids: ['ds/by-nul'] } } }, h.tokens.alice);
    expect(r.errors).toBeUndefined();
    const job = (r.data as any).createExport;
    expect(job.name).toBe('odd\uFFFDname');
    expect(job.storageNotes).toEqual([{ path: '/name', reason: 'NUL characters are not kept: each stored as U+FFFD' }]);
    const again = await h.gql('query($id: ID!) { exportJob(id: $id) { name storageNotes { path } } }', { id: job.id }, h.tokens.alice);
    expect((again.data as any).exportJob).toEqual({ name: 'odd\uFFFDname', storageNotes: [{ path: '/name' }] });
    await h.app.services.exports.cancel(SYSTEM, job.id).catch(() => undefined);
  });
});
