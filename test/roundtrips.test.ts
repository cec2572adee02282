// Relations are batched: a page of 50 datasets with five relations costs one query per relation level,
// however many datasets the page holds.
import { startHarness, rawDataset, GROUP_A, SYSTEM, type Harness } from './helpers/harness';
import { PortalDatasetsDocument } from './generated/graphql';
import type { Identity } from '../src/auth';

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

test.each([
  ['admin', 'admin'],
  ['alice (access filter on every level)', 'alice'],
] as const)('50 datasets with proposal, samples, instrument, origDatablocks and publications: one query per level (%s)', async (_label, who) => {
  h.resetCommands();
  const r = await h.gql(PortalDatasetsDocument, { first: 50 }, h.tokens[who]);
  expect(r.errors).toBeUndefined();
  const nodes = r.data!.datasets.nodes;
  expect(nodes).toHaveLength(50);
  expect(nodes.every((n) => n.proposals.length === 1 && n.samples.length === 2 && n.instrument?.uniqueName === 'RT' && n.origDatablocks.length === 1 && n.publications.length === 1)).toBe(true);
  const finds = h.commands.filter((c) => c !== 'getMore');
  // datasets page, then one batch each for proposals, samples, instruments, origdatablocks, publications
  expect(finds).toEqual(['find', 'find', 'find', 'find', 'find', 'find']);
  expect(h.commands.filter((c) => c === 'getMore')).toEqual([]);
});

test('going one level deeper adds one query, not one per record', async () => {
  h.resetCommands();
  const r = await h.gql('{ datasets(first: 50) { nodes { pid samples { sampleId proposal { proposalId } } } } }', {}, h.tokens.admin);
  expect(r.errors).toBeUndefined();
  expect(h.commands).toEqual(['find', 'find', 'find']);
});

test('a bulk write reads the stored revisions through the _id index: point reads on FerretDB, one $in on MongoDB', async () => {
  const info = await h.db.db.command({ buildInfo: 1 });
  const ferret = 'ferretdbVersion' in info;
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
  if (ferret) {
    // FerretDB answers {_id: {$in}} by reading the whole table; {_id: x} uses its index
    expect(filters).toHaveLength(20);
    expect(filters.every((f) => Object.keys(f).length === 1 && typeof f._id === 'string')).toBe(true);
  } else {
    expect(filters).toEqual([{ _id: { $in: expect.arrayContaining(['rt/bulk-0', 'rt/bulk-19']) } }]);
  }
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
