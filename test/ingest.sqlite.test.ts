// The SQLite adapter: a beamline's scan logbook kept in an SQLite file (as small beamlines do), read by
// the same relational reader and mapping engine as MariaDB and PostgreSQL. Field by field, a one-to-many
// relation into a file list, incremental re-runs, a bad row quarantined, a file that is not SQLite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { validateMapping } from '../src/ingest/mapping/mapping.validate';
import type { Mapping } from '../src/ingest/mapping/mapping.types';
import { startHarness, type Harness } from './helpers/harness';
import { scans, watchFilters } from './helpers/keyed';

jest.setTimeout(120_000);

const MAPPING = {
  id: 'logbook-sqlite',
  version: '0.3.0',
  source: {
    adapter: 'sqlite',
    connection: { env: 'LOGBOOK_SQLITE' },
    name: 'logbook:scan',
    timezone: 'Europe/Berlin',
    root: { table: 'scan', key: 'scan_id', cursor: 'updated' },
    relations: [{ name: 'files', table: 'scan_file', cardinality: 'many', on: { parent: 'scan_id', child: 'scan_id' }, orderBy: 'file_id' }],
  },
  entities: {
    dataset: {
      identity: { field: 'pid', template: '10.99999/logbook/{$.scan_id}' },
      fields: {
        type: { const: 'raw' },
        datasetName: '$.title',
        owner: { template: 'Proposal {$.proposal}' },
        contactEmail: { const: 'beamline@facility.example.org' },
        sourceFolder: { template: '/data/{$.proposal}/scan{$.scan_id}', required: true },
        creationTime: { map: '$.started', type: 'datetime', required: true },
        creationLocation: { const: '/SSRF/BL09B' },
        ownerGroup: { template: 'p{$.proposal}', required: true },
        scientificMetadata: {
          fields: {
            energy: { map: '$.energy_kev', type: 'number', unit: 'keV', toUnit: 'eV' },
            frames: { map: '$.frames', type: 'int', required: true },
          },
        },
      },
      passthrough: { from: '$', into: 'scientificMetadata.logbook', exclude: ['note'], relations: ['files'] },
    },
    origdatablock: {
      identity: { field: 'id', template: '10.99999/logbook/{$.scan_id}/block/0' },
      references: { datasetId: 'dataset' },
      fields: {
        size: { expr: 'total', vars: { total: '$.total_bytes' }, type: 'long', value: 0 },
        ownerGroup: { template: 'p{$.proposal}', required: true },
        dataFileList: { forEach: '$.files[*]', fields: { path: { map: '$.path', required: true }, size: { map: '$.bytes', type: 'long' } } },
      },
    },
  },
};

describe('ingest from an SQLite file', () => {
  let h: Harness;
  let dir: string;
  let file: string;
  let SQL: Awaited<ReturnType<typeof initSqlJs>>;
  let db: import('sql.js').Database;
  const mapping = MAPPING as unknown as Mapping;
  const col = (n: string) => h.db.db.collection<any>(n);
  const save = () => writeFileSync(file, Buffer.from(db.export()));
  const run = (mode: 'full' | 'incremental' = 'incremental', connection = file) => h.app.services.ingest.runner.run(mapping, { mode, connection, batchSize: 2 });

  beforeAll(async () => {
    expect(validateMapping(MAPPING)).toEqual([]);
    h = await startHarness('ingest-sqlite');
    dir = mkdtempSync(path.join(os.tmpdir(), 'logbook-'));
    file = path.join(dir, 'logbook.sqlite');
    SQL = await initSqlJs();
    db = new SQL.Database();
    db.run(`CREATE TABLE scan (scan_id INTEGER PRIMARY KEY, proposal TEXT, title TEXT, started TEXT, updated TEXT, energy_kev REAL, frames INTEGER, total_bytes INTEGER, note TEXT);
            CREATE TABLE scan_file (file_id INTEGER PRIMARY KEY, scan_id INTEGER, path TEXT, bytes INTEGER);`);
    for (let i = 1; i <= 5; i++) {
      db.run('INSERT INTO scan VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [i, '20267001', `scan ${i}`, `2026-07-0${i} 10:00:00`, `2026-07-0${i} 12:00:00`, 8 + i / 10, 100 * i, 3000 * i, 'internal']);
      for (let f = 1; f <= 3; f++) db.run('INSERT INTO scan_file (scan_id, path, bytes) VALUES (?, ?, ?)', [i, `/data/20267001/scan${i}/img_${f}.tif`, 1000 * i]);
    }
    save();
  });
  afterAll(async () => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    await h?.close();
  });

  it('maps rows and their one-to-many files field by field', async () => {
    const r = await run('full');
    expect(r.status).toBe('succeeded');
    expect(r.counts).toMatchObject({ read: 5, created: 5, quarantined: 0 });
    for (let i = 1; i <= 5; i++) {
      const d = await col('datasets').findOne({ _id: `10.99999/logbook/${i}` });
      expect(d).toMatchObject({
        type: 'raw', datasetName: `scan ${i}`, ownerGroup: 'p20267001', sourceFolder: `/data/20267001/scan${i}`,
        provenance: { mappingId: 'logbook-sqlite', mappingVersion: '0.3.0', source: 'logbook:scan', key: String(i) },
      });
      // a naive local time in Berlin (summer: UTC+2)
      expect(d.creationTime.toISOString()).toBe(`2026-07-0${i}T08:00:00.000Z`);
      expect(d.scientificMetadata.energy.unit).toBe('eV');
      expect(d.scientificMetadata.energy.value).toBeCloseTo((8 + i / 10) * 1000, 6);
      expect(d.scientificMetadata.frames).toBe(100 * i);
      // passthrough: what no field maps (the cursor column, read as a Berlin time; the file rows, a relation it lists), not
      // the excluded note, and not total_bytes or title, which fields map
      expect(d.scientificMetadata.logbook).toEqual({
        updated: `2026-07-0${i}T10:00:00.000Z`,
        files: [1, 2, 3].map((f) => ({ file_id: 3 * (i - 1) + f, scan_id: i, path: `/data/20267001/scan${i}/img_${f}.tif`, bytes: 1000 * i })),
      });
      const b = await col('origdatablocks').findOne({ _id: `10.99999/logbook/${i}/block/0` });
      expect(b).toMatchObject({ datasetId: `10.99999/logbook/${i}`, size: 3000 * i, numberOfFiles: 3 });
      expect(b.dataFileList.map((f: any) => [f.path, f.size])).toEqual([1, 2, 3].map((f) => [`/data/20267001/scan${i}/img_${f}.tif`, 1000 * i]));
    }
  });

  it('re-runs incrementally, quarantines a bad row with its reasons, and imports it once fixed', async () => {
    expect((await run()).counts.read).toBe(0);
    db.run("UPDATE scan SET frames = 999, updated = '2026-08-01 00:00:00' WHERE scan_id = 2");
    // no proposal (so no ownerGroup) and frames that are not a number
    db.run("INSERT INTO scan VALUES (6, NULL, 'scan 6', '2026-07-06 10:00:00', '2026-08-01 00:00:01', 8.6, 'lots', 0, NULL)");
    save();
    const r = await run();
    expect(r.counts).toMatchObject({ read: 2, updated: 1, created: 0, quarantined: 1 });
    expect((await col('datasets').findOne({ _id: '10.99999/logbook/2' })).scientificMetadata.frames).toBe(999);
    const [q] = await h.app.services.ingest.quarantine({ subject: 't', role: 'admin', groups: [], via: 'system' }, { mappingId: 'logbook-sqlite', runId: r._id }, 10);
    expect(q.key).toBe('6');
    const reasons = q.reasons.map((x) => `${x.path} ${x.message}`).join('\n');
    expect(reasons).toMatch(/ownerGroup/);
    expect(reasons).toMatch(/frames.*lots/);
    expect(await col('datasets').countDocuments({})).toBe(5);

    db.run("UPDATE scan SET proposal = '20267001', frames = 600, updated = '2026-08-02 00:00:00' WHERE scan_id = 6");
    save();
    const fixed = await run();
    expect(fixed.counts).toMatchObject({ read: 1, created: 1, quarantined: 0 });
    expect(await col('datasets').countDocuments({})).toBe(6);
    expect(await h.app.services.ingest.quarantine({ subject: 't', role: 'admin', groups: [], via: 'system' }, { mappingId: 'logbook-sqlite' }, 10)).toEqual([]);
  });

  it('lists runs and quarantine entries newest first by key reads only (no scan of the run history)', async () => {
    const quarantining = (await col('ingest_runs').findOne({ 'counts.quarantined': 1 }))._id;
    const w = watchFilters(h.db.client);
    const r = await h.gql(
      `query($run: ID) { runs: ingestRuns(mappingId: "logbook-sqlite", first: 2) { id status created quarantined }
         failed: ingestRuns(status: failed) { id }
         open: ingestQuarantine(mappingId: "logbook-sqlite") { key }
         all: ingestQuarantine(includeResolved: true) { key resolvedAt }
         byRun: ingestQuarantine(runId: $run, includeResolved: true) { key }
         none: ingestQuarantine(runId: "logbook-sqlite/none", includeResolved: true) { key } }`,
      { run: quarantining },
      h.tokens.admin,
    );
    w.stop();
    expect(r.errors).toBeUndefined();
    const stored = await col('ingest_runs').find({ mappingId: 'logbook-sqlite' }).sort({ startedAt: -1 }).limit(2).toArray();
    expect(r.data.runs.map((x: any) => x.id)).toEqual(stored.map((x: any) => x._id));
    expect(r.data.runs[0]).toMatchObject({ created: 1, quarantined: 0 });
    expect(r.data.failed).toEqual([]);
    expect(r.data.open).toEqual([]);
    // the entry a later run imported is listed as resolved
    expect(r.data.all).toEqual([{ key: '6', resolvedAt: expect.any(String) }]);
    // a run's entries come from that run's own list
    expect(r.data.byRun).toEqual([{ key: '6' }]);
    expect(r.data.none).toEqual([]);
    expect(scans(w.sent)).toEqual([]);
    expect(w.sent.length).toBeGreaterThan(0);
    // without a token: asked to sign in; a user: not allowed
    const anon = await h.gql('{ ingestRuns { id } }');
    expect([anon.errors?.[0].extensions?.code, anon.errors?.[0].message]).toEqual(['UNAUTHENTICATED', 'reading ingest runs needs a token or API key']);
    expect((await h.gql('{ ingestQuarantine { key } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.gql('{ ingestQuarantine { key } }', {}, h.tokens.alice)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a limit reads no more records than it says, below one batch and across batches, dry or not', async () => {
    const runner = h.app.services.ingest.runner;
    const dry = await runner.run(mapping, { mode: 'full', connection: file, dryRun: true, limit: 1, batchSize: 500 });
    expect(dry.counts.read).toBe(1);
    const three = await runner.run(mapping, { mode: 'full', connection: file, dryRun: true, limit: 3, batchSize: 2 });
    expect(three.counts.read).toBe(3);
  });

  it('creates and updates the instrument from the mapping, so a dataset never points at a missing one; an identical re-run writes none of them (issue 18)', async () => {
    const withInstrument = JSON.parse(JSON.stringify(MAPPING));
    withInstrument.id = 'logbook-instrument';
    withInstrument.entities.instrument = {
      identity: { field: 'pid', const: 'instrument/bl09b' },
      fields: { uniqueName: { const: 'BL09B' }, name: { template: 'BL09B at {$.proposal}' }, ownerGroup: { const: 'bl09b-staff' } },
    };
    withInstrument.entities.dataset.references = { instrumentId: 'instrument' };
    expect(validateMapping(withInstrument)).toEqual([]);
    const m = withInstrument as Mapping;
    const first = await h.app.services.ingest.runner.run(m, { mode: 'full', connection: file, batchSize: 2 });
    expect(first.counts.entities.instrument).toMatchObject({ created: 1 });
    const inst = await col('instruments').findOne({ _id: 'instrument/bl09b' });
    expect(inst).toMatchObject({ uniqueName: 'BL09B', name: 'BL09B at 20267001' });
    const ds = await col('datasets').find({ instrumentId: 'instrument/bl09b' }, { projection: { _id: 1 } }).toArray();
    expect(ds.length).toBe(first.counts.read - first.counts.quarantined);
    const again = await h.app.services.ingest.runner.run(m, { mode: 'full', connection: file, batchSize: 2 });
    expect(again.counts.entities.instrument).toEqual({ created: 0, updated: 0, unchanged: expect.any(Number) });
    expect(again.counts).toMatchObject({ created: 0, updated: 0 });
    // a reference to an entity the mapping does not produce is refused before anything runs
    const dangling = JSON.parse(JSON.stringify(withInstrument));
    delete dangling.entities.instrument;
    expect(validateMapping(dangling).map((p) => p.path)).toContain('/entities/dataset/references/instrumentId');
  });

  it('an incremental run after the mapping changed reads every record again and says why (issue 18)', async () => {
    const same = await run();
    expect([same.rereadReason, same.counts.read]).toEqual([undefined, 0]);
    // a checkpoint saved before checkpoints named their mapping (an upgraded catalog)
    await col('ingest_state').updateOne({ _id: 'logbook-sqlite' }, { $unset: { mapping: '' } });
    const old = await run();
    // (its datasets were last written by the mapping with an instrument above, so they are brought back to this mapping's output)
    expect([old.rereadReason, old.counts.read, old.counts.created]).toEqual(['the checkpoint of logbook-sqlite does not say which mapping reached it: every record is read again', 6, 0]);
    const renamed = JSON.parse(JSON.stringify(MAPPING));
    renamed.version = '0.3.1';
    renamed.entities.dataset.fields.datasetName = { template: 'Scan {$.title}' };
    const r = await h.app.services.ingest.runner.run(renamed, { mode: 'incremental', connection: file, batchSize: 2 });
    expect(r.rereadReason).toBe('mapping logbook-sqlite changed since the checkpoint (version 0.3.0 → 0.3.1): every record is read again');
    expect(r.counts.entities.dataset).toEqual({ created: 0, updated: 6, unchanged: 0 });
    expect((await col('datasets').findOne({ _id: '10.99999/logbook/1' })).datasetName).toBe('Scan scan 1');
    // back to the first mapping for the tests below: read again from the start, and then caught up
    expect((await run()).rereadReason).toMatch(/version 0\.3\.1 → 0\.3\.0/);
    expect((await run()).counts.read).toBe(0);
  });

  it('names a file that is not an SQLite database, and one that is missing', async () => {
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database, just text that is long enough to have a header');
    await expect(run('full', junk)).rejects.toThrow(/junk\.sqlite is not an SQLite database/);
    // a missing file is a source that is down: retried with backoff, then the run fails naming it
    const runner = new (h.app.services.ingest.runner.constructor as any)(h.app.services, { leaseMs: 5000, retries: 1, backoffMs: 10 });
    await expect(runner.run(mapping, { mode: 'full', connection: path.join(dir, 'missing.sqlite') })).rejects.toThrow(/missing\.sqlite is not reachable: ENOENT.*gave up after 2 attempts/);
    expect(await col('datasets').countDocuments({})).toBe(6);
  });
  it('keeps a whole number beyond 2^53 as its digits, with a storage note, instead of rounding it (issue 15)', async () => {
    db.run('ALTER TABLE scan ADD COLUMN counter INTEGER');
    db.run("INSERT INTO scan VALUES (7, '20267001', 'scan 7', '2026-07-07 10:00:00', '2026-09-01 00:00:00', 8.7, 700, 21000, 'internal', 9007199254740993)");
    db.run("UPDATE scan SET counter = 9007199254740991, updated = '2026-09-01 00:00:00' WHERE scan_id = 1");
    save();
    const r = await run();
    expect(r.counts).toMatchObject({ read: 2, created: 1, updated: 1, quarantined: 0 });
    const d7 = await col('datasets').findOne({ _id: '10.99999/logbook/7' });
    expect(d7.scientificMetadata.logbook.counter).toBe('9007199254740993');
    expect(d7._normalized).toEqual([{ path: '/scientificMetadata/logbook/counter', reason: '9007199254740993 is beyond 2^53: stored as its digits' }]);
    // 2^53 - 1 is exact: a number, no note
    const d1 = await col('datasets').findOne({ _id: '10.99999/logbook/1' });
    expect(d1.scientificMetadata.logbook.counter).toBe(9007199254740991);
    expect(d1._normalized).toBeUndefined();
    const g = await h.gql('{ dataset(pid: "10.99999/logbook/7") { storageNotes { path reason } } }', {}, h.tokens.admin);
    expect(g.data.dataset.storageNotes).toEqual(d7._normalized);
  });
});
