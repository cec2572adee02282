// Relations are batched: a page of 50 datasets with five relations costs one index request per list and
// one MongoDB key read per relation level, however many datasets the page holds.
import { startHarness, rawDataset, GROUP_A, SYSTEM, type Harness } from './helpers/harness';
import { PortalDatasetsDocument } from './generated/graphql';
import type { Identity } from '../src/auth';
import { scans, watchFilters } from './helpers/keyed';
import { KeyLists } from '../src/db/keylist';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('roundtrips');
  const s = h.app.services;
  await s.instruments.upsert(SYSTEM, { pid: 'instrument/rt', uniqueName: 'RT', name: 'Round trips', ownerGroup: GROUP_A });
  await s.proposals.upsertMany(SYSTEM, Array.from({ length: 5 }, (_, p) => ({ proposalId: `rt-p${p}`, title: `P${p}`, ownerGroup: GROUP_A })));
  await s.samples.upsertMany(SYSTEM, Array.from({ length: 10 }, (_, i) => ({ sampleId: `rt-s${i}`, proposalId: `rt-p${i % 5}`, ownerGroup: GROUP_A })));
  const datasets = Array.from({ length: 60 }, (_, i) =>
    rawDataset(`rt/ds-${String(i).padStart(3, '0')}`, GROUP_A, { instrumentId: 'instrument/rt', proposalIds: [`rt-p${i % 5}`], sampleIds: [`rt-s${i % 10}`, `rt-s${(i + 1) % 10}`], creationTime: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }),
  );
  await s.datasets.upsertMany(SYSTEM, datasets);
  await s.origDatablocks.upsertMany(SYSTEM, datasets.map((d) => ({ datasetId: d.pid, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: `${d.sourceFolder}/a.h5`, size: 10 }] })));
  await s.publications.upsertMany(SYSTEM, [0, 1, 2].map((k) => ({ id: `rt/pub-${k}`, title: 'T', creator: [{ name: 'N' }], publisher: 'P', publicationYear: 2026, datasetPids: datasets.filter((_, i) => i % 3 === k).map((d) => d.pid), ownerGroup: GROUP_A })));
});
afterAll(() => h?.close());

/** The collections each MongoDB find of the request read, and the Elasticsearch requests it sent. */
function watchFinds(): { finds: { collection: string; filter: any }[]; stop: () => void } {
  const finds: { collection: string; filter: any }[] = [];
  const listen = (e: any) => e.commandName === 'find' && !['outbox', 'export_jobs', 'search_state', 'key_lists'].includes(e.command.find) && finds.push({ collection: e.command.find, filter: e.command.filter });
  h.db.client.on('commandStarted', listen);
  return { finds, stop: () => h.db.client.off('commandStarted', listen) };
}

test.each([
  ['admin', 'admin'],
  ['alice (access filter on every level)', 'alice'],
] as const)('50 datasets with proposal, samples, instrument, origDatablocks and publications: one index request per list, one key read per level (%s)', async (_label, who) => {
  await h.app.services.search.reads.settle();
  const reads = h.app.services.search.reads;
  const before = reads.requests;
  h.resetCommands();
  const w = watchFinds();
  const r = await h.gql(PortalDatasetsDocument, { first: 50 }, h.tokens[who]);
  w.stop();
  expect(r.errors).toBeUndefined();
  const nodes = r.data!.datasets.nodes;
  expect(nodes).toHaveLength(50);
  expect(nodes.every((n) => n.proposals.length === 1 && n.samples.length === 2 && n.instrument?.uniqueName === 'RT' && n.origDatablocks.length === 1 && n.publications.length === 1)).toBe(true);
  // the page, the blocks and the publications come from the index: one request each
  expect(reads.requests - before).toBe(3);
  // MongoDB is read by key only: one $in batch each for proposals, samples and instruments
  expect(w.finds.map((f) => f.collection).sort()).toEqual(['instruments', 'proposals', 'samples']);
  expect(w.finds.every((f) => Object.keys(f.filter).length === 1 && (typeof f.filter._id === 'string' || Array.isArray(f.filter._id.$in)))).toBe(true);
  expect(h.commands.filter((c) => c === 'getMore')).toEqual([]);
});

test('going one level deeper adds one key read, not one per record', async () => {
  const w = watchFinds();
  const r = await h.gql('{ datasets(first: 50) { nodes { pid samples { sampleId proposal { proposalId } } } } }', {}, h.tokens.admin);
  w.stop();
  expect(r.errors).toBeUndefined();
  expect(w.finds.map((f) => f.collection)).toEqual(['samples', 'proposals']);
});

test('a bulk write reads the stored revisions in one $in query', async () => {
  const filters: any[] = [];
  const listen = (e: any) => e.commandName === 'find' && e.command.find === 'datasets' && filters.push(e.command.filter);
  h.db.client.on('commandStarted', listen);
  try {
    const batch = Array.from({ length: 20 }, (_, i) => rawDataset(`rt/bulk-${i}`, GROUP_A, { creationTime: '2026-02-01T00:00:00Z' }));
    const rs = await h.app.services.datasets.upsertMany(SYSTEM, batch);
    expect(rs.map((r) => r.outcome)).toEqual(Array(20).fill('created'));
  } finally {
    h.db.client.off('commandStarted', listen);
  }
  expect(filters).toEqual([{ _id: { $in: expect.arrayContaining(['rt/bulk-0', 'rt/bulk-19']) } }]);
});

test('key reads use the _id index: $in of ids, and ObjectId ranges (the outbox feed)', async () => {
  const info = await h.db.db.command({ buildInfo: 1 });
  const ids = Array.from({ length: 50 }, (_, i) => `rt/ds-${String(i).padStart(3, '0')}`);
  const docs = await h.db.db.collection('datasets').find({ _id: { $in: ids } } as any, { projection: { _id: 1 } }).toArray();
  expect(docs.map((d) => d._id).sort()).toEqual(ids);
  // the outbox feed reads entries after a checkpoint by _id
  const outbox = await h.db.db.collection('outbox').find({}, { projection: { _id: 1 } }).sort({ _id: 1 }).limit(5).toArray();
  const after = await h.db.db.collection('outbox').find({ _id: { $gt: outbox[2]._id } }, { projection: { _id: 1 } }).sort({ _id: 1 }).limit(2).toArray();
  expect(after.map((d) => String(d._id))).toEqual(outbox.slice(3, 5).map((d) => String(d._id)));
  if (!('ferretdbVersion' in info)) return; // MongoDB plans these on _id as a matter of course
  // FerretDB: without the build-time fix in scripts/ferretdb.sh both plans are a SCAN of the table
  const plan = async (collection: string, filter: object) => JSON.stringify((await h.db.db.command({ explain: { find: collection, filter } })).queryPlanner);
  expect(await plan('datasets', { _id: { $in: ids } })).toMatch(/SEARCH .* USING INDEX .*_id_ \(<expr>=\?\)/);
  expect(await plan('outbox', { _id: { $gt: outbox[2]._id } })).toMatch(/SEARCH .* USING INDEX .*_id_ \(<expr>>\?\)/);
  expect(await plan('outbox', { _id: { $gte: outbox[2]._id, $lt: outbox[4]._id } })).toMatch(/SEARCH .* USING INDEX .*_id_ \(<expr>>\? AND <expr><\?\)/);
  // an $in holding another type, or another operator, is left to FerretDB and still answered right
  expect(await h.db.db.collection('datasets').countDocuments({ _id: { $in: [ids[0], 5, ids[1]] } } as any)).toBe(2);
  expect(await h.db.db.collection('datasets').countDocuments({ _id: { $in: [] } } as any)).toBe(0);
  expect(await h.db.db.collection('datasets').countDocuments({ _id: { $in: ids.slice(0, 3), $nin: [ids[1]] } } as any)).toBe(2);
});

test('blocks written with the datasets just created (an ingest batch) read nothing back; a parent the caller may not see is refused', async () => {
  const s = h.app.services;
  // counters the source already states (as the MX mapping does), so no dataset needs writing afterwards
  const batch = Array.from({ length: 10 }, (_, i) => rawDataset(`rt/parent-${i}`, GROUP_A, { creationTime: '2026-02-02T00:00:00Z', size: 7, numberOfFiles: 1 }));
  const written = new Map((await s.datasets.upsertMany(SYSTEM, batch)).map((r) => [r.id, r]));
  const blocks = (suffix: string) => batch.map((d) => ({ datasetId: d.pid, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: `${d.sourceFolder}/${suffix}.h5`, size: 7 }] }));
  const finds: string[] = [];
  const watched = ['datasets', 'origdatablocks', 'dataset_file_counters']; // not the outbox, which the API polls meanwhile
  const listen = (e: any) => e.commandName === 'find' && watched.includes(e.command.find) && finds.push(e.command.find);
  h.db.client.on('commandStarted', listen);
  try {
    // the datasets were just created: their blocks and file-counter shares are new, so nothing is read
    await s.origDatablocks.upsertMany(SYSTEM, blocks('a'), { parents: written });
    expect(finds).toEqual([]);
    await s.origDatablocks.upsertMany(SYSTEM, blocks('b'));
    expect(new Set(finds)).toEqual(new Set(watched));
  } finally {
    h.db.client.off('commandStarted', listen);
  }
  const counters = await h.db.db.collection('datasets').find({ _id: { $in: batch.map((d) => d.pid) } } as any, { projection: { size: 1, numberOfFiles: 1 } }).toArray();
  expect(counters.every((d) => d.size === 7 && d.numberOfFiles === 1)).toBe(true);
  // a dataset handed in as just written still has to be one the caller may see
  const other = { ...written.get('rt/parent-0')!, outcome: 'updated' as const, record: { ...written.get('rt/parent-0')!.record, ownerGroup: 'p-other' } };
  const ingestor: Identity = { subject: 'adapter-a', role: 'ingestor', groups: [GROUP_A], via: 'jwt' };
  const r = s.origDatablocks.upsertMany(ingestor, [blocks('c')[0]], { parents: new Map([['rt/parent-0', other]]) });
  await expect(r).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { problems: [{ path: '/datasetId', message: 'dataset "rt/parent-0" does not exist' }] } });
});

test('cascades read by key: appending files, a change of access and a delete touch every block of the dataset and scan nothing', async () => {
  const s = h.app.services;
  await s.datasets.upsert(SYSTEM, rawDataset('rt/cascade', GROUP_A, { creationTime: '2026-03-01T00:00:00Z' }));
  await s.origDatablocks.upsertMany(SYSTEM, [0, 1].map((c) => ({ datasetId: 'rt/cascade', chunkIndex: c, ownerGroup: GROUP_A, dataFileList: [{ path: `/data/rt/c${c}.h5`, size: 5 }] })));
  const w = watchFilters(h.db.client);
  const added = await h.gql(`mutation { addDatasetFiles(pid: "rt/cascade", files: [{ path: "/data/rt/c2.h5", size: 5 }]) { numberOfFiles } }`, {}, h.tokens.admin);
  const opened = await h.gql(`mutation { updateDataset(pid: "rt/cascade", patch: { isPublished: true }) { isPublished } }`, {}, h.tokens.admin);
  w.stop();
  const blocks = await h.db.db.collection<any>('origdatablocks').find({ datasetId: 'rt/cascade' }).toArray();
  const w2 = watchFilters(h.db.client);
  const deleted = await h.gql(`mutation { deleteDataset(pid: "rt/cascade") { pid } }`, {}, h.tokens.admin);
  w2.stop();
  expect([added.errors, opened.errors, deleted.errors]).toEqual([undefined, undefined, undefined]);
  expect(added.data.addDatasetFiles.numberOfFiles).toBe(3);
  // the appended files went after the existing blocks, and every block took the dataset's new access
  expect(blocks.map((b) => [b.chunkIndex, b.isPublished]).sort()).toEqual([[0, true], [1, true], [2, true]]);
  expect(await h.db.db.collection('origdatablocks').countDocuments({ datasetId: 'rt/cascade' })).toBe(0);
  expect(scans([...w.sent, ...w2.sent])).toEqual([]);
});

test('key lists keep every id added concurrently, newest first, and drop the oldest past their cap', async () => {
  const lists = new KeyLists(h.db.db);
  await Promise.all(Array.from({ length: 20 }, (_, i) => lists.add('test:concurrent', [`c${i}`], 1000)));
  expect((await lists.get('test:concurrent')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`).sort());
  for (let i = 0; i < 25; i++) await lists.add('test:capped', [`n${String(i).padStart(2, '0')}`], 10);
  const kept = await lists.get('test:capped');
  expect(kept[0]).toBe('n24');
  expect(kept.length).toBeGreaterThanOrEqual(10);
  expect(kept.length).toBeLessThanOrEqual(11);
  expect(kept).toEqual([...kept].sort().reverse());
  // an id added again moves to the front, once
  await lists.add('test:capped', ['n20'], 10);
  expect((await lists.get('test:capped')).filter((x) => x === 'n20')).toHaveLength(1);
  expect((await lists.get('test:capped'))[0]).toBe('n20');
});

test('facets cost one Elasticsearch request; their labels are read only when asked for, one request per facet', async () => {
  await h.gql('{ __typename }'); // the harness lets the sync follow the setup's writes before a request
  const es = h.app.services.search.backend.es();
  const sent: string[] = [];
  const spies = (['search', 'mget'] as const).map((m) => {
    const real = (es as any)[m].bind(es);
    return jest.spyOn(es as any, m).mockImplementation((...args: any[]) => (sent.push(m), real(...args)));
  });
  try {
    const w = watchFinds();
    const plain = await h.gql('{ search(first: 0, facets: [INSTRUMENT, PROPOSAL, SAMPLE, YEAR]) { totalCount facets { facet buckets { value count } } } }', {}, h.tokens.alice);
    expect(plain.errors).toBeUndefined();
    expect(plain.data.search.facets.find((f: any) => f.facet === 'PROPOSAL').buckets).toHaveLength(5);
    expect(sent).toEqual(['search']);
    sent.length = 0;
    const named = await h.gql('{ search(first: 0, facets: [INSTRUMENT, PROPOSAL, SAMPLE, YEAR]) { facets { facet buckets { value label count } } } }', {}, h.tokens.alice);
    w.stop();
    expect(named.errors).toBeUndefined();
    const labels = Object.fromEntries(named.data.search.facets.flatMap((f: any) => f.buckets.map((b: any) => [b.value, b.label])));
    expect(labels['instrument/rt']).toBe('Round trips');
    expect(labels['rt-p3']).toBe('P3');
    // the facet request, then one label read each for instruments, proposals and samples (YEAR has none)
    expect(sent.sort()).toEqual(['mget', 'mget', 'mget', 'search']);
    expect(w.finds).toEqual([]);
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
});
