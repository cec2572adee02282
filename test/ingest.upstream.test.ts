// The second ISPyB-shaped database, with ISPyB's upstream tables and no update column, in real MariaDB and
// PostgreSQL: per-image files expanded from templates (measured on a storage root where the files exist, unknown
// where not), changes in joined processing tables found by content hash, zero writes on an identical re-run,
// access groups as arrays, instruments created, and bad rows quarantined with the mapping path that refused them.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMapping } from '../src/ingest/mapping/mapping.validate';
import { checkSource, rootParts, rootProblemPath } from '../src/ingest';
import { ensureDatabase, openTarget, withDatabase, insertRows, type SqlTarget } from '../seeds/mx/ispyb.load';
import { ddl, type Dialect } from '../seeds/mx/ispyb.schema';
import { imageDirectory, upstreamRows, UPSTREAM_TABLES } from '../seeds/ispyb/upstream';
import { startHarness, testDbName, type Harness } from './helpers/harness';

jest.setTimeout(300_000);
const ROOT = path.resolve(__dirname, '..');
const N = 24;

const sources: [Dialect, string, string][] = [
  ['mariadb', 'MX_MARIADB_ADMIN_URL', 'MX_MARIADB_URL'],
  ['postgres', 'MX_POSTGRES_ADMIN_URL', 'MX_POSTGRES_URL'],
];

describe.each(sources)('ISPyB upstream-shaped source on %s', (dialect, adminEnv, roEnv) => {
  let h: Harness;
  let admin: SqlTarget;
  let roUrl: string;
  const storage = mkdtempSync(path.join(os.tmpdir(), 'catalog-dls-'));
  const mapping = loadMapping(path.join(ROOT, 'mappings', 'mx-ispyb-upstream.json'));
  mapping.source.adapter = dialect;
  mapping.id = `mx-ispyb-upstream-${dialect}`;
  const q = (n: string) => (dialect === 'mariadb' ? `\`${n}\`` : `"${n}"`);
  const onDisk = (dc: number, name: string, bytes: number) => {
    const dir = path.join(storage, imageDirectory(dc).slice('/dls/'.length));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), Buffer.alloc(bytes, 7));
    return statSync(path.join(dir, name)).mtime.toISOString();
  };

  beforeAll(async () => {
    h = await startHarness(`upstream-${dialect}`, { storageRoots: [{ instrumentId: '*', prefix: '/dls', path: storage }] });
    const db = testDbName(`ispybup-${dialect}`).toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await ensureDatabase(dialect, process.env[adminEnv]!, db);
    admin = await openTarget(dialect, withDatabase(process.env[adminEnv]!, db));
    for (const s of ddl(dialect, UPSTREAM_TABLES)) await admin.exec(s);
    for (const [t, rows] of upstreamRows(N)) await insertRows(admin, t, rows, UPSTREAM_TABLES);
    roUrl = withDatabase(process.env[roEnv]!, db);
  });
  afterAll(async () => {
    await admin?.close();
    await h?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const run = (opts: Partial<Parameters<Harness['app']['services']['ingest']['runner']['run']>[1]> = {}) =>
    h.app.services.ingest.runner.run(mapping, { mode: 'incremental', connection: roUrl, batchSize: 10, ...opts });
  const col = (n: string) => h.db.db.collection<any>(n);

  it('expands file templates into one entry per image, measured where the files are, unknown (not 0) where not', async () => {
    // collection 3 ("lyso_3_####.cbf", 1 image) is on storage; of collection 1 ("thau_1_%05d.cbf", 1800 images) only the first two are
    const t3 = onDisk(3, 'lyso_3_0001.cbf', 1234);
    const t1 = onDisk(1, 'thau_1_00001.cbf', 100);
    onDisk(1, 'thau_1_00002.cbf', 200);
    const r = await run({ mode: 'full' });
    expect(r.counts).toMatchObject({ read: N, created: N, quarantined: 0 });
    const b1 = await col('origdatablocks').findOne({ _id: '10.99999/dls.mx.1/block/0' });
    expect(b1.dataFileList).toHaveLength(1800);
    expect(b1.dataFileList.slice(0, 3)).toEqual([{ path: 'thau_1_00001.cbf', size: 100, time: new Date(t1) }, { path: 'thau_1_00002.cbf', size: 200, time: expect.any(Date) }, { path: 'thau_1_00003.cbf' }]);
    expect(b1.dataFileList[1799]).toEqual({ path: 'thau_1_01800.cbf' });
    expect(b1).toMatchObject({ size: 300, numberOfFiles: 1800 });
    // an Eiger master file has no image number: one entry; a #### run is zero-padded to its width
    expect((await col('origdatablocks').findOne({ _id: '10.99999/dls.mx.2/block/0' })).dataFileList).toEqual([{ path: 'ins_2_master.h5' }]);
    expect((await col('origdatablocks').findOne({ _id: '10.99999/dls.mx.3/block/0' })).dataFileList).toEqual([{ path: 'lyso_3_0001.cbf', size: 1234, time: new Date(t3) }]);
    expect((await col('origdatablocks').findOne({ _id: '10.99999/dls.mx.4/block/0' })).dataFileList.at(-1)).toEqual({ path: 'thau_4_03600.cbf' });
    // the further roots: every session and every sample, so a proposal and a sample with no collection are there too
    expect(r.parts!.map((p) => [p.mappingId, p.status, p.counts.read, p.counts.quarantined])).toEqual([[`${mapping.id}.sessions`, 'succeeded', 7, 0], [`${mapping.id}.samples`, 'succeeded', 7, 0]]);
    expect(await col('proposals').findOne({ _id: 'mx30004' })).toMatchObject({ title: 'Structure of target 4', pi_email: 'pi4@example.org', ownerGroup: 'mx30004' });
    expect(await col('samples').findOne({ _id: 'dls-sample-7' })).toMatchObject({ proposalId: 'mx30004', description: 'Thaumatin, sample-7', accessGroups: ['mx-staff'] });
    expect(await col('datasets').countDocuments({ proposalIds: 'mx30004' })).toBe(0);
    const d1 = await col('datasets').findOne({ _id: '10.99999/dls.mx.1' });
    expect(d1).toMatchObject({ size: 300, numberOfFiles: 1800, sourceFolder: imageDirectory(1), instrumentId: 'instrument/dls-i04' });
    // each dataset is written once, with the counters its block gives it: no second write (and outbox entry) to correct them
    expect(await col('outbox').countDocuments({ entity: 'Dataset' })).toBe(N);
    expect(d1._rev).toBe(1);
  });

  it('computes access groups as arrays, creates the instruments, and chooses values by switch', async () => {
    const d1 = await col('datasets').findOne({ _id: '10.99999/dls.mx.1' });
    expect(d1.ownerGroup).toBe('mx30001');
    expect(d1.accessGroups).toEqual(['mx30001-1', 'mx-staff']);
    expect((await col('datasets').findOne({ _id: '10.99999/dls.mx.5' })).accessGroups).toEqual(['mx30001-2', 'mx-staff']);
    expect((await col('samples').findOne({ _id: 'dls-sample-1' })).accessGroups).toEqual(['mx-staff']);
    const instruments = await col('instruments').find({ _id: { $in: ['instrument/dls-i03', 'instrument/dls-i04'] } }).toArray();
    expect(instruments.map((i) => [i._id, i.uniqueName]).sort()).toEqual([['instrument/dls-i03', 'DLS i03'], ['instrument/dls-i04', 'DLS i04']]);
    expect(d1.techniques).toEqual([{ name: 'macromolecular crystallography', pid: 'PaNET01188' }]);
    expect((await col('datasets').findOne({ _id: '10.99999/dls.mx.3' })).techniques[0].name).toBe('crystal screening');
    // processing joined through five tables; a collection without processing has an empty keyword list, not none
    expect(d1.scientificMetadata.processing).toEqual({ program: 'xia2 dials', spaceGroup: 'P 43 21 2', resolution: { value: 1.5, unit: 'Å' }, completeness: { value: 99.8, unit: '%' } });
    expect((await col('datasets').findOne({ _id: '10.99999/dls.mx.3' })).keywords).toEqual([]);
  });

  it('an identical re-run reads every row, maps none and writes nothing; the dry run predicted exactly that', async () => {
    const outbox = await col('outbox').estimatedDocumentCount();
    const dry = await run({ dryRun: true });
    const again = await run();
    for (const r of [dry, again]) {
      expect(r.reads).toBe('every row of DataCollection; records whose content (with everything joined) hashes as when last written are not mapped again');
      expect(r.counts).toMatchObject({ read: N, skipped: N, created: 0, updated: 0, quarantined: 0 });
      for (const c of Object.values(r.counts.entities)) expect(c).toEqual({ created: 0, updated: 0, unchanged: 0 });
    }
    expect(await col('outbox').estimatedDocumentCount()).toBe(outbox);
    // the further roots write nothing either: a proposal or sample reached from two roots is written alike from both
    for (const p of again.parts!) expect(p.counts).toMatchObject({ read: 7, skipped: 7, created: 0, updated: 0 });
    // a full run maps everything again, and still writes nothing
    const full = await run({ mode: 'full' });
    expect(full.counts).toMatchObject({ read: N, created: 0, updated: 0, unchanged: N });
    for (const r of [full, ...full.parts!]) for (const c of Object.values(r.counts.entities)) expect([c.created, c.updated]).toEqual([0, 0]);
    expect(await col('outbox').estimatedDocumentCount()).toBe(outbox);
  });

  it('finds a change in a joined processing table, and a renamed proposal, with no update column', async () => {
    await admin.exec(`UPDATE ${q('AutoProcScalingStatistics')} SET ${q('resolutionLimitHigh')} = 1.21 WHERE ${q('autoProcScalingStatisticsId')} = 3`);
    const r = await run();
    expect(r.counts).toMatchObject({ read: N, skipped: N - 1, updated: 1, created: 0 });
    expect((await col('datasets').findOne({ _id: '10.99999/dls.mx.1' })).scientificMetadata.processing.resolution).toEqual({ value: 1.21, unit: 'Å' });
    // proposal 1 holds collections 1–8: each is mapped again, the proposal is written once, its datasets not at all
    await admin.exec(`UPDATE ${q('Proposal')} SET ${q('title')} = 'Structure of target 1, revised' WHERE ${q('proposalId')} = 1`);
    const t = await run();
    expect(t.counts).toMatchObject({ skipped: N - 8, updated: 0, unchanged: 8 });
    expect(t.counts.entities.proposal).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await col('proposals').findOne({ _id: 'mx30001' })).title).toBe('Structure of target 1, revised');
  });

  it('a key import names the keys the source does not have', async () => {
    const r = await run({ mode: 'keys', keys: ['2', '999'] });
    expect([r.counts.read, r.missingKeys]).toEqual([1, ['999']]);
    // a key that is not even of the key column's type: MariaDB finds nothing, PostgreSQL refuses it, named
    if (dialect === 'mariadb') expect((await run({ mode: 'keys', keys: ['abc'] })).missingKeys).toEqual(['abc']);
    else await expect(run({ mode: 'keys', keys: ['abc'] })).rejects.toThrow(/refused a value of the query: invalid input syntax for type bigint: "abc"; a key given is not of the root key column's type/);
  });

  it('validate --source finds every table, column and path each root names in the real schema, and names a misspelt one in a further root', async () => {
    for (const part of rootParts(mapping)) expect([part.id, await checkSource(part, roUrl)]).toEqual([part.id, []]);
    const broken = JSON.parse(JSON.stringify(mapping));
    broken.roots[1].relations[0].relations[0].table = 'Protien';
    const [, , samples] = rootParts(broken);
    const problems = (await checkSource(samples, roUrl)).map((p) => rootProblemPath(p, 1) ?? p);
    expect(problems).toEqual([{ path: '/roots/1/relations/0/relations/0/table', message: expect.stringMatching(/^table "Protien" does not exist/), hint: 'did you mean "Protein"?' }]);
    // a misspelt column a field maps, and a misspelt relation column, in the main root: each one line with its path
    const main = JSON.parse(JSON.stringify(rootParts(mapping)[0]));
    main.entities.dataset.fields.sourceFolder.map = '$.imageDirectry';
    main.source.relations[1].on.child = 'dataColectionId';
    const found = await checkSource(main, roUrl);
    expect(found.map((p) => [p.path, p.hint])).toEqual([
      ['/source/relations/1/on/child', 'did you mean "dataCollectionId"?'],
      ['/entities/dataset/fields/sourceFolder/map', 'did you mean "imageDirectory"?'],
    ]);
  });

  it('quarantines a row with a bad image count or template, naming the mapping path, and imports it once fixed', async () => {
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('numberOfImages')} = -5 WHERE ${q('dataCollectionId')} = 6`);
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('fileTemplate')} = 'x_##_##.cbf' WHERE ${q('dataCollectionId')} = 7`);
    const r = await run();
    expect(r.counts).toMatchObject({ quarantined: 2, skipped: N - 2 });
    const open = await h.app.services.ingest.runner.repo.listQuarantine({ mappingId: mapping.id }, 100);
    const byKey = Object.fromEntries(open.map((e: any) => [e.key, e.reasons]));
    expect(byKey['6']).toEqual(expect.arrayContaining([{ path: '/entities/origdatablock/fields/dataFileList/fileSeries/count', message: '-5 at $.numberOfImages is not a whole number ≥ 0' }]));
    expect(byKey['7']).toEqual([{ path: '/entities/origdatablock/fields/dataFileList/fileSeries/template', message: '"x_##_##.cbf" has 2 image-number placeholders; a file template has one (#### or %05d) (from $.fileTemplate)' }]);
    // the stored records are untouched, and the source rows are kept whole in the quarantine
    expect((await col('origdatablocks').findOne({ _id: '10.99999/dls.mx.7/block/0' })).dataFileList[0].path).toBe('thau_7_00001.cbf');
    expect((open.find((e: any) => e.key === '7')!.record as any).fileTemplate).toBe('x_##_##.cbf');
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('numberOfImages')} = 900, ${q('fileTemplate')} = 'ins_6_####.cbf' WHERE ${q('dataCollectionId')} = 6`);
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('fileTemplate')} = 'thau_7_%05d.cbf' WHERE ${q('dataCollectionId')} = 7`);
    const fixed = await run();
    expect(fixed.counts).toMatchObject({ quarantined: 0, skipped: N - 2 });
    expect(await h.app.services.ingest.runner.repo.listQuarantine({ mappingId: mapping.id }, 100)).toEqual([]);
    expect((await col('origdatablocks').findOne({ _id: '10.99999/dls.mx.6/block/0' })).dataFileList).toHaveLength(900);
  });
});
