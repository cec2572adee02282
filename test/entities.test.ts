// Every entity through the GraphQL API on the real server: CRUD, relations both ways, pagination,
// filters, sorting, idempotent and bulk upserts, chunked file lists.
import { startHarness, rawDataset, GROUP_A, GROUP_B, SYSTEM, type Harness } from './helpers/harness';
import { F, seedFixture } from './helpers/fixture';
import { rebuildFileCounters } from '../src/catalog/dataset/dataset.counters';
import * as validation from '../src/common/validation';
import {
  AddDatasetFilesDocument, CreateDatasetDocument, CreatePublicationDocument, DatasetFilesDocument, DatasetRelationsDocument, DeleteDatasetDocument,
  DeleteProposalDocument, DeleteSampleDocument, GetDatasetDocument, InstrumentWithDatasetsDocument, ListDatasetsDocument, ListInstrumentsDocument,
  ListOrigDatablocksDocument, ListProposalsDocument, ListPublicationsDocument, ListSamplesDocument, ProposalWithChildrenDocument,
  PublicationWithDatasetsDocument, SampleWithDatasetsDocument, UpdateDatasetDocument, UpdateProposalDocument, UpsertDatasetDocument,
  UpsertDatasetsDocument, UpsertInstrumentDocument, UpsertOrigDatablockDocument, UpsertProposalDocument, UpsertSamplesDocument,
} from './generated/graphql';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('entities');
  await seedFixture(h.app.services);
});
afterAll(() => h?.close());

describe('datasets', () => {
  test('create, get, update, delete', async () => {
    const created = await h.gql(CreateDatasetDocument, { input: rawDataset('ds/crud-1', GROUP_A, { proposalIds: [F.proposalA], size: 5_000_000_000 }) }, h.tokens.ingestorA);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createDataset).toMatchObject({ pid: 'ds/crud-1', type: 'raw', ownerGroup: GROUP_A, accessGroups: [], isPublished: false, size: 5_000_000_000, createdBy: 'adapter-a' });

    const again = await h.gql(CreateDatasetDocument, { input: rawDataset('ds/crud-1', GROUP_A) }, h.tokens.ingestorA);
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');

    const upd = await h.gql(UpdateDatasetDocument, { pid: 'ds/crud-1', patch: { description: 'now with a description', keywords: ['x'] } }, h.tokens.ingestorA);
    expect(upd.data!.updateDataset).toMatchObject({ description: 'now with a description', keywords: ['x'], updatedBy: 'adapter-a', size: 5_000_000_000 });

    const unset = await h.gql(UpdateDatasetDocument, { pid: 'ds/crud-1', patch: { description: null } }, h.tokens.ingestorA);
    expect(unset.data!.updateDataset.description).toBeNull();

    const del = await h.gql(DeleteDatasetDocument, { pid: 'ds/crud-1' }, h.tokens.ingestorA);
    expect(del.data!.deleteDataset.pid).toBe('ds/crud-1');
    expect((await h.gql(GetDatasetDocument, { pid: 'ds/crud-1' }, h.tokens.admin)).data!.dataset).toBeNull();
    expect(await h.db.db.collection('outbox').countDocuments({ id: 'ds/crud-1' })).toBe(4); // created, updated twice, deleted
  });

  test('create without a pid gets one under the configured prefix', async () => {
    const { pid, ...input } = rawDataset('x', GROUP_A);
    void pid;
    const r = await h.gql(CreateDatasetDocument, { input }, h.tokens.admin);
    expect(r.data!.createDataset.pid).toMatch(/^20\.500\.12345\/[0-9a-f-]{36}$/);
  });

  test('upsert is idempotent: the same push twice stores one record and does not rewrite it', async () => {
    const input = rawDataset('ds/idem', GROUP_A, { scientificMetadata: { energy: { value: 12.4, unit: 'keV' } } });
    const first = await h.gql(UpsertDatasetDocument, { input }, h.tokens.ingestorA);
    const second = await h.gql(UpsertDatasetDocument, { input }, h.tokens.ingestorA);
    expect(first.data!.upsertDataset.outcome).toBe('created');
    expect(second.data!.upsertDataset.outcome).toBe('unchanged');
    expect(second.data!.upsertDataset.record.updatedAt).toBe(first.data!.upsertDataset.record.updatedAt);
    expect(await h.db.db.collection('datasets').countDocuments({ _id: 'ds/idem' } as any)).toBe(1);
    const changed = await h.gql(UpsertDatasetDocument, { input: { ...input, datasetName: 'renamed' } }, h.tokens.ingestorA);
    expect(changed.data!.upsertDataset.outcome).toBe('updated');
    expect(await h.db.db.collection('outbox').countDocuments({ id: 'ds/idem' })).toBe(2);
  });

  test('bulk upsert: created, updated and unchanged in one call; a retried push duplicates nothing', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => rawDataset(`ds/bulk-${i}`, GROUP_A, { proposalIds: [F.proposalA] }));
    const r1 = await h.gql(UpsertDatasetsDocument, { inputs: batch }, h.tokens.ingestorA);
    expect(r1.data!.upsertDatasets.summary).toEqual({ created: 30, updated: 0, unchanged: 0 });
    batch[3] = { ...batch[3], description: 'changed' };
    const r2 = await h.gql(UpsertDatasetsDocument, { inputs: batch }, h.tokens.ingestorA);
    expect(r2.data!.upsertDatasets.summary).toEqual({ created: 0, updated: 1, unchanged: 29 });
    expect(r2.data!.upsertDatasets.items[3]).toEqual({ id: 'ds/bulk-3', outcome: 'updated' });
    expect(await h.db.db.collection('datasets').countDocuments({ _id: { $regex: '^ds/bulk-' } } as any)).toBe(30);
  });

  test('derived datasets link to their inputs and back', async () => {
    const r = await h.gql(DatasetRelationsDocument, { pid: F.derivedA }, h.tokens.alice);
    expect(r.data!.dataset!.inputDatasetRecords.map((d) => d.pid)).toEqual([F.dsA[0]]);
    const back = await h.gql(DatasetRelationsDocument, { pid: F.dsA[0] }, h.tokens.alice);
    expect(back.data!.dataset!).toMatchObject({
      proposals: [{ proposalId: F.proposalA }],
      samples: [{ sampleId: F.sampleA }],
      instrument: { pid: F.instrument },
      publications: [{ id: F.publicationA }],
      derivedDatasets: { totalCount: 1, nodes: [{ pid: F.derivedA }] },
    });
    expect(back.data!.dataset!.origDatablocks).toEqual([{ id: `${F.dsA[0]}/block/0`, chunkIndex: 0, numberOfFiles: 3, size: 6000 }]);
  });

  test('filters and sorting', async () => {
    const byKeyword = await h.gql(ListDatasetsDocument, { filter: { keywords: ['lysozyme'] } }, h.tokens.admin);
    expect(byKeyword.data!.datasets.edges.map((e) => e.node.pid).sort()).toEqual([...F.dsA].sort());
    const derived = await h.gql(ListDatasetsDocument, { filter: { type: 'derived' } }, h.tokens.admin);
    expect(derived.data!.datasets.edges.map((e) => e.node.pid)).toEqual([F.derivedA]);
    const bySample = await h.gql(ListDatasetsDocument, { filter: { sampleId: F.sampleB, ownerGroup: GROUP_B } }, h.tokens.admin);
    expect(bySample.data!.datasets.totalCount).toBe(4);
    const window = await h.gql(ListDatasetsDocument, { filter: { creationTimeFrom: '2026-03-01T10:01:00Z', creationTimeTo: '2026-03-01T10:03:00Z' } }, h.tokens.admin);
    expect(window.data!.datasets.edges.map((e) => e.node.pid).sort()).toEqual([F.dsA[1], F.dsA[2], F.dsB[0]].sort());
    const text = await h.gql(ListDatasetsDocument, { filter: { text: 'DATASET DS/B', ownerGroup: GROUP_B } }, h.tokens.admin);
    expect(text.data!.datasets.edges.map((e) => e.node.pid).sort()).toEqual([...F.dsB, F.shared].sort());
    const asc = await h.gql(ListDatasetsDocument, { filter: { proposalId: F.proposalA, type: 'raw' }, sort: { field: 'CREATION_TIME', direction: 'ASC' } }, h.tokens.admin);
    const times = asc.data!.datasets.edges.map((e) => e.node.creationTime);
    expect([...times].sort()).toEqual(times);
  });

  test('cursor pagination walks every record once, in order', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    for (;;) {
      const r = await h.gql(ListDatasetsDocument, { first: 4, after, sort: { field: 'PID', direction: 'DESC' } }, h.tokens.admin);
      const c = r.data!.datasets;
      seen.push(...c.edges.map((e) => e.node.pid));
      pages++;
      expect(c.pageInfo.hasPreviousPage).toBe(!!after);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    const total = (await h.gql(ListDatasetsDocument, { first: 0 }, h.tokens.admin)).data!.datasets.totalCount;
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(pages).toBe(Math.ceil(total / 4));
  });

  test('a file of unknown size is listed with size null, never 0; a null chkAlg is no checksum algorithm, not an error on the files (issue 18, 19)', async () => {
    await h.gql(CreateDatasetDocument, { input: rawDataset('ds/unknown-sizes', GROUP_A) }, h.tokens.ingestorA);
    const add = await h.gql(`mutation { addDatasetFiles(pid: "ds/unknown-sizes", files: [{ path: "a_0001.cbf" }, { path: "a_0002.cbf", size: 7 }], chkAlg: null) { numberOfFiles size } }`, {}, h.tokens.ingestorA);
    expect([add.errors, add.data?.addDatasetFiles]).toEqual([undefined, { numberOfFiles: 2, size: 7 }]);
    await h.app.services.search.reads.settle();
    const files = await h.gql(`{ dataset(pid: "ds/unknown-sizes") { files(first: 10) { nodes { path size } } } }`, {}, h.tokens.alice);
    expect(files.data.dataset.files.nodes).toEqual([{ path: 'a_0001.cbf', size: null }, { path: 'a_0002.cbf', size: 7 }]);
  });

  test('a dataset with 12,000 files spans three blocks; files page across them; counters follow', async () => {
    await h.gql(CreateDatasetDocument, { input: rawDataset('ds/many-files', GROUP_A) }, h.tokens.ingestorA);
    const files = Array.from({ length: 12_000 }, (_, i) => ({ path: `/data/f${String(i).padStart(5, '0')}.cbf`, size: 3_000_000 + i }));
    const add = await h.gql(AddDatasetFilesDocument, { pid: 'ds/many-files', files }, h.tokens.ingestorA);
    expect(add.errors).toBeUndefined();
    const expectedSize = files.reduce((s, f) => s + f.size, 0);
    expect(add.data!.addDatasetFiles).toEqual({ pid: 'ds/many-files', numberOfFiles: 12_000, size: expectedSize });
    const blocks = await h.gql(ListOrigDatablocksDocument, { filter: { datasetId: 'ds/many-files' } }, h.tokens.alice);
    expect(blocks.data!.origDatablocks.nodes.map((b) => b.numberOfFiles)).toEqual([5000, 5000, 2000]);

    const page = await h.gql(DatasetFilesDocument, { pid: 'ds/many-files', first: 10, after: null }, h.tokens.alice);
    expect(page.data!.dataset!.files.totalCount).toBe(12_000);
    // jump across the block boundary at 5,000
    let after = page.data!.dataset!.files.pageInfo.endCursor;
    const paths: string[] = page.data!.dataset!.files.nodes.map((n) => n.path);
    for (let i = 0; i < 3; i++) {
      const r = await h.gql(DatasetFilesDocument, { pid: 'ds/many-files', first: 500, after }, h.tokens.alice);
      paths.push(...r.data!.dataset!.files.nodes.map((n) => n.path));
      after = r.data!.dataset!.files.pageInfo.endCursor;
    }
    expect(paths).toEqual(files.slice(0, 1510).map((f) => f.path));
    const r = await h.gql(DatasetFilesDocument, { pid: 'ds/many-files', first: 20, after: Buffer.from(JSON.stringify([4989, 'file', 'file'])).toString('base64url') }, h.tokens.alice);
    expect(r.data!.dataset!.files.nodes.map((n) => n.path)).toEqual(files.slice(4990, 5010).map((f) => f.path));
    const end = await h.gql(DatasetFilesDocument, { pid: 'ds/many-files', first: 500, after: Buffer.from(JSON.stringify([11_899, 'file', 'file'])).toString('base64url') }, h.tokens.alice);
    expect(end.data!.dataset!.files.nodes).toHaveLength(100);
    expect(end.data!.dataset!.files.pageInfo.hasNextPage).toBe(false);

    // deleting the dataset removes its blocks
    await h.gql(DeleteDatasetDocument, { pid: 'ds/many-files' }, h.tokens.ingestorA);
    expect(await h.db.db.collection('origdatablocks').countDocuments({ datasetId: 'ds/many-files' })).toBe(0);
  });

  test('origdatablock upsert keyed by dataset and chunk; it must match its dataset', async () => {
    const input = { datasetId: F.dsA[1], chunkIndex: 1, ownerGroup: GROUP_A, dataFileList: [{ path: '/x/extra.h5', size: 42 }] };
    const r1 = await h.gql(UpsertOrigDatablockDocument, { input }, h.tokens.ingestorA);
    const r2 = await h.gql(UpsertOrigDatablockDocument, { input }, h.tokens.ingestorA);
    expect([r1.data!.upsertOrigDatablock.outcome, r2.data!.upsertOrigDatablock.outcome]).toEqual(['created', 'unchanged']);
    expect(r1.data!.upsertOrigDatablock.record).toEqual({ id: `${F.dsA[1]}/block/1`, numberOfFiles: 1, size: 42 });
    const ds = await h.gql(DatasetFilesDocument, { pid: F.dsA[1], first: 10 }, h.tokens.alice);
    expect(ds.data!.dataset).toMatchObject({ numberOfFiles: 4, size: 6042 });
    const wrongGroup = await h.gql(UpsertOrigDatablockDocument, { input: { ...input, chunkIndex: 2, ownerGroup: GROUP_B } }, h.tokens.admin);
    expect(wrongGroup.errors![0].extensions!.problems).toEqual([{ path: '/ownerGroup', message: "must equal the dataset's ownerGroup" }]);
    const noDataset = await h.gql(UpsertOrigDatablockDocument, { input: { ...input, datasetId: 'ds/nope' } }, h.tokens.admin);
    expect(noDataset.errors![0].extensions!.problems[0].path).toBe('/datasetId');
  });
});

describe('a record is validated once', () => {
  test('prepare validates as a write would; the write of the prepared record does not validate it again, unless another caller writes it', async () => {
    const s = h.app.services;
    const spy = jest.spyOn(validation, 'validate');
    try {
      const [bad] = s.datasets.prepare(SYSTEM, [{ ...rawDataset('ds/prep-bad', GROUP_A), creationTime: 'yesterday' }]);
      expect(bad.problems.map((p) => p.path)).toEqual(['/creationTime']);
      const [good] = s.datasets.prepare(SYSTEM, [{ ...rawDataset('ds/prep-once', GROUP_A), scientificMetadata: { t: NaN } }]);
      expect(good.problems).toEqual([]);
      expect(good.notes.map((n) => n.path)).toEqual(['/scientificMetadata/t']);
      spy.mockClear();
      const [r] = await s.datasets.upsertMany(SYSTEM, [good.record]);
      expect(r.outcome).toBe('created');
      expect(r.notes?.map((n) => n.path)).toEqual(['/scientificMetadata/t']);
      expect(spy).not.toHaveBeenCalled();
      // another caller's write goes through the whole check again
      const other = { subject: 'someone', role: 'ingestor' as const, groups: [GROUP_A], via: 'jwt' as const };
      await s.datasets.upsertMany(other, [good.record]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('file counters kept on write', () => {
  const block = (pid: string, chunkIndex: number, sizes: number[]) => ({ datasetId: pid, chunkIndex, ownerGroup: GROUP_A, dataFileList: sizes.map((size, i) => ({ path: `/c/${chunkIndex}/${i}.h5`, size })) });
  const stored = async (pid: string) => (await h.db.db.collection('datasets').findOne({ _id: pid } as any, { projection: { size: 1, numberOfFiles: 1, _rev: 1 } }))!;
  const shares = async (pid: string) => (await h.db.db.collection('dataset_file_counters').findOne({ _id: pid } as any))?.blocks;
  const counters = async (pid: string) => {
    const d = await stored(pid);
    return { size: d.size, numberOfFiles: d.numberOfFiles };
  };
  const key = (id: string) => encodeURIComponent(id).replace(/\./g, '%2E');

  test('blocks written, rewritten, written at once and deleted move the counters', async () => {
    const s = h.app.services;
    const pid = 'ds/counters-1';
    await s.datasets.upsertMany(SYSTEM, [rawDataset(pid, GROUP_A, { size: 1 })]);
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [10, 20]), block(pid, 1, [5])]);
    expect(await counters(pid)).toEqual({ size: 35, numberOfFiles: 3 });
    expect(await shares(pid)).toEqual({ [key(`${pid}/block/0`)]: { size: 30, files: 2 }, [key(`${pid}/block/1`)]: { size: 5, files: 1 } });
    // a rewritten block replaces its share, it does not add to it
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 1, [7, 8, 9])]);
    expect(await counters(pid)).toEqual({ size: 54, numberOfFiles: 5 });
    // an unchanged push writes nothing
    const rev = (await stored(pid))._rev;
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [10, 20]), block(pid, 1, [7, 8, 9])]);
    expect((await stored(pid))._rev).toBe(rev);
    // writers of different blocks at once all count
    await Promise.all([2, 3, 4, 5].map((c) => s.origDatablocks.upsertMany(SYSTEM, [block(pid, c, [100])])));
    expect(await counters(pid)).toEqual({ size: 454, numberOfFiles: 9 });
    // and again with eight, some of them rewriting blocks the others just wrote
    await Promise.all([2, 3, 6, 7, 8, 9, 10, 11].map((c) => s.origDatablocks.upsertMany(SYSTEM, [block(pid, c, [1000, c])])));
    expect(await counters(pid)).toEqual({ size: 30 + 24 + 100 * 2 + 8 * 1000 + (2 + 3 + 6 + 7 + 8 + 9 + 10 + 11), numberOfFiles: 2 + 3 + 2 + 8 * 2 });
    await s.origDatablocks.remove(SYSTEM, `${pid}/block/0`);
    expect(await counters(pid)).toEqual({ size: 24 + 200 + 8000 + 56, numberOfFiles: 3 + 2 + 16 });
    expect(Object.keys((await shares(pid))!)).toHaveLength(11);
    // deleting the dataset deletes its blocks and their shares
    await s.datasets.remove(SYSTEM, pid);
    expect(await shares(pid)).toBeUndefined();
  });

  test('a dataset whose counters already match its blocks is not written at all', async () => {
    const s = h.app.services;
    const pid = 'ds/counters-given';
    await s.datasets.upsertMany(SYSTEM, [rawDataset(pid, GROUP_A, { size: 6, numberOfFiles: 3 })]);
    const rev = (await stored(pid))._rev;
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [1, 2, 3])]);
    expect((await stored(pid))._rev).toBe(rev);
    expect(await shares(pid)).toEqual({ [key(`${pid}/block/0`)]: { size: 6, files: 3 } });
  });

  test('a dataset whose counters come from its blocks, pushed again unchanged, is not rewritten (issue 18); a counter the caller does give still writes', async () => {
    const s = h.app.services;
    const pid = 'ds/counters-from-blocks';
    const input = rawDataset(pid, GROUP_A, {});
    delete (input as any).size;
    delete (input as any).numberOfFiles;
    await s.datasets.upsertMany(SYSTEM, [input]);
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [1, 2, 3])]);
    expect(await counters(pid)).toEqual({ size: 6, numberOfFiles: 3 });
    const rev = (await stored(pid))._rev;
    const [again] = await s.datasets.upsertMany(SYSTEM, [input]);
    expect(again.outcome).toBe('unchanged');
    expect((await stored(pid))._rev).toBe(rev);
    expect(await counters(pid)).toEqual({ size: 6, numberOfFiles: 3 });
    // the same record with a size of its own is a change, and is written
    const [given] = await s.datasets.upsertMany(SYSTEM, [{ ...input, size: 99 }]);
    expect(given.outcome).toBe('updated');
    expect((await counters(pid)).size).toBe(99);
  });

  test('one call with blocks of 150 datasets updates all their counters (one bulk of 150 updates)', async () => {
    const s = h.app.services;
    const pids = Array.from({ length: 150 }, (_, i) => `ds/counters-bulk-${i}`);
    await s.datasets.upsertMany(SYSTEM, pids.map((pid) => rawDataset(pid, GROUP_A)));
    await s.origDatablocks.upsertMany(SYSTEM, pids.map((pid, i) => block(pid, 0, [i, 1])));
    const docs = await h.db.db.collection('datasets').find({ _id: { $in: pids } } as any, { projection: { size: 1, numberOfFiles: 1 } }).toArray();
    expect(docs.map((d) => [d._id, d.size, d.numberOfFiles]).sort()).toEqual(pids.map((pid, i) => [pid, i + 1, 2]).sort());
  }, 60_000);

  test('a block pushed again repairs counters a crash left behind; counters set by hand are put back', async () => {
    const s = h.app.services;
    const pid = 'ds/counters-crash';
    await s.datasets.upsertMany(SYSTEM, [rawDataset(pid, GROUP_A)]);
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [1, 2, 3]), block(pid, 1, [4])]);
    // as if the process died after writing block 1 but before recording its share and the totals
    await h.db.db.collection('dataset_file_counters').updateOne({ _id: pid } as any, { $unset: { [`blocks.${key(`${pid}/block/1`)}`]: '' } });
    await h.db.db.collection('datasets').updateOne({ _id: pid } as any, { $set: { size: 6, numberOfFiles: 3 } });
    const again = await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 1, [4])]);
    expect(again.map((x) => x.outcome)).toEqual(['unchanged']);
    expect(await counters(pid)).toEqual({ size: 10, numberOfFiles: 4 });
    // died after the share but before the totals
    await h.db.db.collection('datasets').updateOne({ _id: pid } as any, { $set: { size: 6, numberOfFiles: 3 } });
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 1, [4])]);
    expect(await counters(pid)).toEqual({ size: 10, numberOfFiles: 4 });
    // counters someone set by hand are put back to the blocks' totals at the next block write
    await h.db.db.collection('datasets').updateOne({ _id: pid } as any, { $set: { size: 999 } });
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 2, [5])]);
    expect(await counters(pid)).toEqual({ size: 15, numberOfFiles: 5 });
  });

  test('a batch that guessed wrong (a block or shares left over under a new dataset\'s pid) retries, and duplicates nothing', async () => {
    const s = h.app.services;
    const pid = 'ds/counters-leftover';
    const created = await s.datasets.upsertMany(SYSTEM, [rawDataset(pid, GROUP_A)]);
    // as if an earlier dataset of this pid had been deleted mid-way: one block and its share remain
    await h.db.db.collection('origdatablocks').insertOne({ ...block(pid, 0, [1]), _id: `${pid}/block/0`, id: `${pid}/block/0`, size: 1, numberOfFiles: 1, accessGroups: [], isPublished: false, _rev: 1, _hash: 'old' } as any);
    await h.db.db.collection('dataset_file_counters').insertOne({ _id: pid, blocks: { [key(`${pid}/block/0`)]: { size: 1, files: 1 } } } as any);
    const rs = await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [5, 5]), block(pid, 1, [3])], { parents: new Map(created.map((r) => [r.id, r])) });
    expect(rs.map((r) => r.outcome)).toEqual(['updated', 'created']);
    expect(await h.db.db.collection('origdatablocks').countDocuments({ datasetId: pid })).toBe(2);
    expect(await shares(pid)).toEqual({ [key(`${pid}/block/0`)]: { size: 10, files: 2 }, [key(`${pid}/block/1`)]: { size: 3, files: 1 } });
    expect(await counters(pid)).toEqual({ size: 13, numberOfFiles: 3 });
  });

  test('the first blocks of a dataset that never counted one, written at once by several writers, all count (a writer whose share insert clashes reads and merges)', async () => {
    const s = h.app.services;
    const pid = 'ds/counters-first-race';
    await s.datasets.create(SYSTEM, rawDataset(pid, GROUP_A));
    await Promise.all([0, 1, 2, 3].map((i) => s.origDatablocks.create(SYSTEM, block(pid, i, [i + 1, 10]))));
    expect(Object.keys((await shares(pid)) ?? {}).length).toBe(4);
    expect(await counters(pid)).toEqual({ size: 1 + 2 + 3 + 4 + 40, numberOfFiles: 8 });
  });

  test('concurrent updates of one dataset: every success is its own revision, none is lost', async () => {
    const s = h.app.services;
    const pid = 'ds/concurrent';
    await s.datasets.upsertMany(SYSTEM, [rawDataset(pid, GROUP_A)]);
    const base = (await stored(pid))._rev;
    const outcomes = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => s.datasets.update(SYSTEM, pid, { description: `writer ${i}` })));
    const won = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<any>).value._rev);
    for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason)).toMatch(/being changed by someone else; retry/);
    expect(won.length).toBeGreaterThan(0);
    expect(new Set(won).size).toBe(won.length);
    expect((await stored(pid))._rev).toBe(base + won.length);
    const events = await h.db.db.collection('outbox').find({ id: pid, op: 'updated' }).toArray();
    expect(events.map((e) => e.rev).sort()).toEqual([...won].sort());
  });

  test('the migration fills the shares of datasets written before it from their blocks', async () => {
    const s = h.app.services;
    const pid = 'ds/counters.legacy';
    await s.datasets.upsertMany(SYSTEM, [rawDataset(pid, GROUP_A)]);
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 0, [1, 1]), block(pid, 1, [3])]);
    await h.db.db.collection('dataset_file_counters').deleteOne({ _id: pid } as any);
    expect(await rebuildFileCounters(h.db.db)).toBeGreaterThanOrEqual(1);
    // the dot in the pid is escaped: MongoDB field names may not hold one
    expect(await shares(pid)).toEqual({ [`ds%2Fcounters%2Elegacy%2Fblock%2F0`]: { size: 2, files: 2 }, [`ds%2Fcounters%2Elegacy%2Fblock%2F1`]: { size: 3, files: 1 } });
    await s.origDatablocks.upsertMany(SYSTEM, [block(pid, 1, [3, 4])]);
    expect(await counters(pid)).toEqual({ size: 9, numberOfFiles: 4 });
  });
});

describe('proposals, samples, instruments, publications', () => {
  test('proposal CRUD and its children both ways', async () => {
    const up = await h.gql(UpsertProposalDocument, { input: { proposalId: 'PA-002', title: 'Second', ownerGroup: GROUP_A, measurementPeriodList: [{ instrument: 'BL-TEST', start: '2026-04-01T08:00:00Z' }] } }, h.tokens.ingestorA);
    expect(up.data!.upsertProposal.outcome).toBe('created');
    const patched = await h.gql(UpdateProposalDocument, { proposalId: 'PA-002', patch: { abstract: 'An abstract' } }, h.tokens.ingestorA);
    expect(patched.data!.updateProposal.abstract).toBe('An abstract');
    const list = await h.gql(ListProposalsDocument, { filter: { instrument: 'BL-TEST' } }, h.tokens.alice);
    expect(list.data!.proposals.nodes.map((p) => p.proposalId)).toEqual(['PA-002']);
    expect((await h.gql(DeleteProposalDocument, { proposalId: 'PA-002' }, h.tokens.ingestorA)).data!.deleteProposal.proposalId).toBe('PA-002');

    const p = await h.gql(ProposalWithChildrenDocument, { proposalId: F.proposalA, first: 2 }, h.tokens.alice);
    expect(p.data!.proposal!.samples).toEqual({ totalCount: 1, nodes: [{ sampleId: F.sampleA, proposal: { proposalId: F.proposalA } }] });
    const total = p.data!.proposal!.datasets.totalCount;
    expect(total).toBeGreaterThanOrEqual(4);
    const next = await h.gql(ProposalWithChildrenDocument, { proposalId: F.proposalA, first: 100, after: p.data!.proposal!.datasets.pageInfo.endCursor }, h.tokens.alice);
    expect(p.data!.proposal!.datasets.nodes.length + next.data!.proposal!.datasets.nodes.length).toBe(total);

    const blocked = await h.gql(DeleteProposalDocument, { proposalId: F.proposalA }, h.tokens.ingestorA);
    expect(blocked.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  test('samples: bulk upsert, filters, relation to datasets; referenced samples cannot be deleted', async () => {
    const inputs = [1, 2, 3].map((i) => ({ sampleId: `smp-${i}`, proposalId: F.proposalA, ownerGroup: GROUP_A, description: `crystal ${i}`, sampleCharacteristics: { formula: 'C613H951N193O185S10' } }));
    expect((await h.gql(UpsertSamplesDocument, { inputs }, h.tokens.ingestorA)).data!.upsertSamples.summary).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect((await h.gql(UpsertSamplesDocument, { inputs }, h.tokens.ingestorA)).data!.upsertSamples.summary).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const l = await h.gql(ListSamplesDocument, { filter: { descriptionContains: 'CRYSTAL' } }, h.tokens.alice);
    expect(l.data!.samples.totalCount).toBe(4); // the three new ones and the fixture's lysozyme crystal
    const s = await h.gql(SampleWithDatasetsDocument, { sampleId: F.sampleA }, h.tokens.alice);
    expect(s.data!.sample!.proposal!.proposalId).toBe(F.proposalA);
    expect(s.data!.sample!.datasets.nodes.map((d) => d.pid)).toEqual(expect.arrayContaining([...F.dsA, F.derivedA]));
    expect((await h.gql(DeleteSampleDocument, { sampleId: 'smp-1' }, h.tokens.ingestorA)).data!.deleteSample.sampleId).toBe('smp-1');
    expect(codesOf(await h.gql(DeleteSampleDocument, { sampleId: F.sampleA }, h.tokens.ingestorA))).toEqual(['CONFLICT']);
  });

  test('instruments: pid derived from uniqueName, so an upsert by name is idempotent', async () => {
    const input = { uniqueName: 'BL02U1', name: 'Imaging', ownerGroup: 'facility', isPublished: true };
    const a = await h.gql(UpsertInstrumentDocument, { input }, h.tokens.admin);
    const b = await h.gql(UpsertInstrumentDocument, { input }, h.tokens.admin);
    expect(a.data!.upsertInstrument.record.pid).toBe('instrument/bl02u1');
    expect(b.data!.upsertInstrument.outcome).toBe('unchanged');
    const l = await h.gql(ListInstrumentsDocument, { filter: { nameContains: 'imag' } });
    expect(l.data!.instruments.nodes).toEqual([{ pid: 'instrument/bl02u1', uniqueName: 'BL02U1' }]);
    const i = await h.gql(InstrumentWithDatasetsDocument, { pid: F.instrument }, h.tokens.admin);
    expect(i.data!.instrument!.datasets.totalCount).toBeGreaterThanOrEqual(8);
    // another pid with a uniqueName already taken is a CONFLICT that names the name, not a retry message (issue 18 review)
    const clash = await h.gql(`mutation { upsertInstrument(input: { pid: "instrument/other", uniqueName: "BL02U1", name: "x", ownerGroup: "facility" }) { outcome } }`, {}, h.tokens.admin);
    expect(clash.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'Instrument instrument/other: uniqueName "BL02U1" is already taken by another record' });
  });

  test('publications: papers find their datasets, datasets list their papers', async () => {
    const r = await h.gql(CreatePublicationDocument, {
      input: { doi: '10.99999/new.1', title: 'New', creator: [{ name: 'A, Alice', orcid: '0000-0002-1825-0097' }], publisher: 'Test', publicationYear: 2026, datasetPids: [F.dsA[2]], ownerGroup: GROUP_A,
        relatedPublications: [{ identifier: '10.1000/article.7', identifierType: 'DOI', relationType: 'IsCitedBy' }] },
    }, h.tokens.ingestorA);
    expect(r.data!.createPublication).toEqual({ id: '10.99999/new.1', doi: '10.99999/new.1', status: 'draft', datasetPids: [F.dsA[2]] });
    const byPaper = await h.gql(ListPublicationsDocument, { filter: { relatedIdentifier: '10.1000/article.7' } }, h.tokens.alice);
    expect(byPaper.data!.publications.nodes).toEqual([{ id: '10.99999/new.1' }]);
    const pub = await h.gql(PublicationWithDatasetsDocument, { id: F.publicationPub });
    expect(pub.data!.publication).toMatchObject({ status: 'findable', datasets: [{ pid: F.published }], relatedPublications: [{ identifier: '10.1107/S000000', relationType: 'IsSupplementTo' }] });
    const byDataset = await h.gql(ListPublicationsDocument, { filter: { datasetPid: F.dsA[0] } }, h.tokens.alice);
    expect(byDataset.data!.publications.nodes).toEqual([{ id: F.publicationA }]);
  });
});

describe('writes are refused where the caller may not write', () => {
  test('users cannot write; ingestors only into their groups; forbidden records cannot be changed', async () => {
    expect(codesOf(await h.gql(CreateDatasetDocument, { input: rawDataset('ds/w1', GROUP_A) }, h.tokens.alice))).toEqual(['FORBIDDEN']);
    expect(codesOf(await h.gql(CreateDatasetDocument, { input: rawDataset('ds/w1', GROUP_A) }))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await h.gql(CreateDatasetDocument, { input: rawDataset('ds/w1', GROUP_B) }, h.tokens.ingestorA))).toEqual(['FORBIDDEN']);
    // B's record is invisible to ingestor A: update and delete answer NOT_FOUND, as for a missing record
    expect(codesOf(await h.gql(UpdateDatasetDocument, { pid: F.dsB[0], patch: { description: 'x' } }, h.tokens.ingestorA))).toEqual(['NOT_FOUND']);
    expect(codesOf(await h.gql(DeleteDatasetDocument, { pid: F.dsB[0] }, h.tokens.ingestorA))).toEqual(['NOT_FOUND']);
    // an upsert cannot take over another group's record
    expect(codesOf(await h.gql(UpsertDatasetDocument, { input: rawDataset(F.dsB[0], GROUP_A) }, h.tokens.ingestorA))).toEqual(['FORBIDDEN']);
    // the shared record is visible to A but owned by B: readable, not writable
    expect(codesOf(await h.gql(UpdateDatasetDocument, { pid: F.shared, patch: { description: 'x' } }, h.tokens.ingestorA))).toEqual(['FORBIDDEN']);
    const stored = await h.app.services.datasets.get(SYSTEM, F.dsB[0]);
    expect(stored!.ownerGroup).toBe(GROUP_B);
    expect(stored!.description).toBeUndefined();
  });
});

function codesOf(r: { errors?: { extensions?: Record<string, any> }[] }): string[] {
  return (r.errors ?? []).map((e) => e.extensions?.code);
}

test('when a dataset changes hands or is published, its files follow', async () => {
  const s = h.app.services;
  await s.datasets.upsert(SYSTEM, rawDataset('ds/moves', GROUP_A));
  await s.origDatablocks.addFiles(SYSTEM, 'ds/moves', [{ path: '/m/a.h5', size: 1 }], { startChunk: 0 });
  const filesFor = async (tok?: string) => (await h.gql(ListOrigDatablocksDocument, { filter: { datasetId: 'ds/moves' } }, tok)).data!.origDatablocks.totalCount;
  expect([await filesFor(h.tokens.alice), await filesFor(h.tokens.bob), await filesFor()]).toEqual([1, 0, 0]);
  await h.gql(UpdateDatasetDocument, { pid: 'ds/moves', patch: { ownerGroup: GROUP_B } }, h.tokens.admin);
  expect([await filesFor(h.tokens.alice), await filesFor(h.tokens.bob), await filesFor()]).toEqual([0, 1, 0]);
  await s.datasets.upsert(SYSTEM, rawDataset('ds/moves', GROUP_B, { isPublished: true }));
  expect([await filesFor(h.tokens.alice), await filesFor(h.tokens.bob), await filesFor()]).toEqual([1, 1, 1]);
});

test('a block for a dataset the ingestor cannot see reads as a missing dataset', async () => {
  const r = await h.gql(UpsertOrigDatablockDocument, { input: { datasetId: F.dsB[0], chunkIndex: 5, ownerGroup: GROUP_A, dataFileList: [{ path: '/x', size: 1 }] } }, h.tokens.ingestorA);
  expect(r.errors![0].extensions!.problems).toEqual([{ path: '/datasetId', message: `dataset "${F.dsB[0]}" does not exist` }]);
});
