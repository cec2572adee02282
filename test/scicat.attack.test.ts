// SciCat REST under attack (issue 17): what a newcomer's attack from a clean clone found, each kind made a test:
// blocks added one by one, routes shadowed by others, names every object inherits, nesting too deep for the
// stores, patches that remove, partial lifecycles, times without a zone, and filters that would fail open.
import { startHarness, type Harness } from './helpers/harness';

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness('scicat-attack');
  base = new URL(h.app.url).origin;
}, 60_000);
afterAll(async () => h?.close());

async function call(method: string, path: string, body?: unknown, token = h.tokens.ingestorA, type = 'application/json'): Promise<{ status: number; body: any }> {
  const r = await fetch(`${base}/api/${path}`, { method, headers: { 'content-type': type, ...(token && { authorization: `Bearer ${token}` }) }, ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
const raw = (pid: string, extra: Record<string, unknown> = {}) => ({
  pid, type: 'raw', owner: 'Ada', contactEmail: 'ada@x.org', sourceFolder: `/data/${pid}`, creationTime: '2026-11-01T10:00:00Z', creationLocation: '/ALS', ownerGroup: 'pA', ...extra,
});
const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const paths = (r: { body: any }) => (r.body.problems ?? []).map((p: { path: string }) => p.path);

test('blocks posted one after another each get the next chunk, and are listed at once (read by key, not from the index)', async () => {
  expect((await call('POST', 'v3/Datasets', raw('blk/1'))).status).toBe(201);
  const made = [];
  for (const n of [3, 4, 5]) made.push(await call('POST', 'v3/Datasets/blk%2F1/origdatablocks', { size: n, dataFileList: [{ path: `f${n}`, size: n }] }));
  expect(made.map((m) => [m.status, m.body.id, m.body.chunkIndex])).toEqual([[201, 'blk/1/block/0', 0], [201, 'blk/1/block/1', 1], [201, 'blk/1/block/2', 2]]);
  const listed = await call('GET', 'v3/Datasets/blk%2F1/origdatablocks');
  const included = await call('GET', 'v4/datasets/blk%2F1?include=origdatablocks');
  expect([listed.body.map((b: any) => b.id), included.body.origdatablocks.map((b: any) => b.dataFileList[0].path), included.body.numberOfFiles, included.body.size]).toEqual([['blk/1/block/0', 'blk/1/block/1', 'blk/1/block/2'], ['f3', 'f4', 'f5'], 3, 12]);
  // two at once: both land, on different chunks
  const both = await Promise.all([6, 7].map((n) => call('POST', 'v3/OrigDatablocks', { datasetId: 'blk/1', size: n, dataFileList: [{ path: `g${n}`, size: n }] })));
  expect(both.map((b) => b.status)).toEqual([201, 201]);
  expect(new Set(both.map((b) => b.body.chunkIndex)).size).toBe(2);
  // a new file list without a size sizes the block again
  const patched = await call('PATCH', 'v3/OrigDatablocks/blk%2F1%2Fblock%2F0', { dataFileList: [{ path: 'a', size: 10 }, { path: 'b', size: 5 }] });
  expect([patched.status, patched.body.size, patched.body.numberOfFiles]).toEqual([200, 15, 2]);
});

test('fixed routes are not shadowed by /:id, and limit 0 is an empty page', async () => {
  await h.app.services.search.reads.settle();
  const count = await call('GET', `v4/datasets/count?where=${q({ pid: 'blk/1' })}`);
  const one = await call('GET', `v4/datasets/findOne?filter=${q({ where: { pid: 'blk/1' } })}`);
  expect([count.status, count.body, one.status, one.body.pid]).toEqual([200, { count: 1 }, 200, 'blk/1']);
  for (const e of ['Datasets', 'Samples', 'OrigDatablocks', 'Attachments', 'PublishedData']) expect([e, (await call('GET', `v3/${e}?filter=${q({ limit: 0 })}`)).body]).toEqual([e, []]);
  const none = await call('GET', `v3/Datasets/findOne?filter=${q({ where: { pid: 'zzz' } })}`);
  expect([none.status, none.body.message]).toEqual([404, 'no Dataset that you may see matches the filter']);
});

test('names every JavaScript object inherits are unknown names, refused as such', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const facet = await call('GET', `v3/Datasets/fullfacet?facets=${q([name])}`);
    const op = await call('GET', `v3/Datasets?filter=${q({ where: { pid: { [name]: 'x' } } })}`);
    const field = await call('GET', `v3/Datasets/fullquery?fields=${q({ [name]: 'x' })}`);
    const rel = await call('GET', `v3/Datasets/fullquery?fields=${q({ scientific: [{ lhs: 'energy', relation: name, rhs: 1 }] })}`);
    const target = await call('POST', 'v4/attachments', { caption: 'x', thumbnail: 'data:image/png;base64,iVBORw0KGgo=', relationships: [{ targetId: 'blk/1', targetType: name }] });
    expect([name, facet.status, paths(facet), op.status, field.status, paths(field), rel.status, target.status, paths(target)]).toEqual([name, 400, ['facets'], 400, 400, [`fields.${name}`], 400, 400, ['/relationships/0/targetType']]);
  }
});

test('nesting: a where nested too deep is a 400; metadata nested deeper than the stores keep is stored as JSON text, noted', async () => {
  let where: any = { pid: 'blk/1' };
  for (let i = 0; i < 12; i++) where = { or: [where, { pid: `y${i}` }] };
  const deep = await call('GET', `v3/Datasets?filter=${q({ where })}`);
  expect([deep.status, deep.body.message]).toEqual([400, expect.stringContaining('"and" and "or" nest at most 8 deep')]);
  let meta: any = { leaf: 1 };
  for (let i = 0; i < 150; i++) meta = { a: meta };
  const made = await call('POST', 'v3/Datasets', raw('deep/1', { scientificMetadata: meta }));
  expect([made.status, made.body.storageNotes?.[0]?.reason]).toEqual([201, 'nests deeper than 90 levels (MongoDB keeps at most 100): stored as its JSON text']);
  let node = made.body.scientificMetadata;
  let depth = 0;
  while (node && typeof node === 'object') [node, depth] = [node.a, depth + 1];
  expect([depth, typeof node, JSON.parse(node)]).toEqual([90, 'string', expect.objectContaining({ a: expect.any(Object) })]);
});

test('patches remove with null on every entity; a partial lifecycle keeps the rest; wrong lifecycle types are refused', async () => {
  expect((await call('POST', 'v3/Samples', { sampleId: 'smp-1', description: 'crystal', ownerGroup: 'pA' })).status).toBe(201);
  const s = await call('PATCH', 'v3/Samples/smp-1', { description: null });
  expect([s.status, 'description' in s.body]).toEqual([200, false]);
  expect((await call('POST', 'v3/Datasets', raw('patch/1', { proposalId: 'p-1', instrumentIds: ['i-1'] }))).status).toBe(201);
  const d = await call('PATCH', 'v3/Datasets/patch%2F1', { proposalId: null, instrumentIds: [] });
  expect([d.status, d.body.proposalIds, d.body.instrumentId]).toEqual([200, undefined, undefined]);
  await call('PATCH', 'v3/Datasets/patch%2F1', { datasetlifecycle: { archivable: false, archiveStatusMessage: 'started' } });
  const l = await call('PATCH', 'v3/Datasets/patch%2F1', { datasetlifecycle: { publishable: true } });
  expect(l.body.datasetlifecycle).toMatchObject({ archivable: false, archiveStatusMessage: 'started', publishable: true, isOnCentralDisk: true });
  for (const bad of [5, true, [], 'ab']) expect([bad, (await call('POST', 'v3/Datasets', raw(`lc/${String(bad)}`, { datasetlifecycle: bad }))).status]).toEqual([bad, 400]);
  // an ingestor removing ownerGroup is told it is required, not that "undefined" is forbidden
  const og = await call('PATCH', 'v3/Datasets/patch%2F1', { ownerGroup: null });
  expect([og.status, paths(og)]).toEqual([400, ['/ownerGroup']]);
});

test('times without a zone (Python isoformat, pyscicat get_file_mod_time) are read as UTC', async () => {
  const made = await call('POST', 'v3/Datasets', raw('naive/1', { creationTime: '2026-11-30T04:01:00.123456', endTime: '2026-11-30 05:00' }));
  expect([made.status, made.body.creationTime, made.body.endTime]).toEqual([201, '2026-11-30T04:01:00.123Z', '2026-11-30T05:00:00.000Z']);
  const block = await call('POST', 'v3/Datasets/naive%2F1/origdatablocks', { size: 1, dataFileList: [{ path: 'a', size: 1, time: '2026-11-30 04:01:00.123456' }] });
  expect([block.status, block.body.dataFileList[0].time]).toEqual([201, '2026-11-30T04:01:00.123Z']);
  const bad = await call('POST', 'v3/Datasets', raw('naive/2', { creationTime: '30/11/2026' }));
  expect([bad.status, paths(bad)]).toEqual([400, ['/creationTime']]);
});

test('values changed so the store keeps them are said in the answer; lists of blocks carry their files', async () => {
  const made = await call('POST', 'v3/Datasets', raw('notes/1', { scientificMetadata: { 'a.b': 1, x: [[1, 2]] } }));
  expect([made.status, made.body.storageNotes.map((n: { path: string }) => n.path).sort()]).toEqual([201, ['/scientificMetadata/a.b', '/scientificMetadata/x/0']]);
  await h.app.services.search.reads.settle();
  await h.app.services.search.sync.drain().catch(() => undefined);
  const blocks = await call('GET', `v3/OrigDatablocks?filter=${q({ where: { datasetId: 'naive/1' } })}`);
  expect(blocks.body.map((b: any) => b.dataFileList.map((f: any) => f.path))).toEqual([['a']]);
});

test('filters that would fail open, and other bad requests, are refused naming the part at fault', async () => {
  const bad: [string, string][] = [
    [`v3/Datasets?filter=${q([])}`, 'filter'],
    [`v3/Datasets?filter=${q({ wher: { pid: 'x' } })}`, 'filter.wher'],
    [`v3/Datasets?filter=${q({ fields: 'pid' })}`, 'filter.fields'],
    [`v3/Instruments?filter=${q({ where: { name: { like: { $ne: 1 } } } })}`, 'where.name.like'],
    [`v3/Instruments?filter=${q({ where: { name: { like: '' } } })}`, 'where.name.like'],
    [`v3/Datasets?filter=${q({ where: { size: { exists: 'false' } } })}`, 'where.size.exists'],
    [`v3/Datasets?filter=${q({ limit: true })}`, 'limit'],
    [`v3/Datasets/fullquery?fields=${q({ creationTime: { begin: 'notadate' } })}`, 'fields'],
  ];
  for (const [path, field] of bad) {
    const r = await call('GET', path);
    expect([path, r.status, paths(r)]).toEqual([path, 400, [field]]);
  }
  expect((await call('GET', `v3/Datasets/fullquery?limits=${q({ skip: 9000, limit: 10 })}`)).body).toEqual([]);
  const parents = await call('POST', 'v4/attachments', { datasetId: 'blk/1', caption: 'x', thumbnail: 'data:image/png;base64,iVBORw0KGgo=', relationships: [{ targetId: 'naive/1', targetType: 'dataset' }] });
  expect([parents.status, parents.body.message]).toEqual([400, 'relationships and datasetId name different parents: give one']);
  const path = await call('GET', 'v3/Datasets/%ZZ');
  expect([path.status, path.body.message]).toEqual([400, expect.stringMatching(/^the request path is not usable/)]);
  const asText = await call('POST', 'v3/Datasets', JSON.stringify(raw('text/1')), h.tokens.ingestorA, 'text/plain');
  const nullBody = await call('POST', 'v3/Datasets', 'null');
  expect([asText.status, asText.body.error, nullBody.status, nullBody.body.message]).toEqual([415, 'Unsupported Media Type', 400, 'the request body must be a JSON object']);
  const valid = await call('POST', 'v4/datasets/isValid', raw('valid/1', { instrumentIds: ['a', 'b'] }));
  expect([valid.status, valid.body.valid, valid.body.reason[0].path]).toEqual([200, false, '/instrumentIds']);
});
