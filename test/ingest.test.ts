// The MX mapping against the ISPyB-style database in real MariaDB and PostgreSQL servers: the catalog
// matches the source field by field; a re-run after source changes updates exactly what changed and
// never duplicates; broken rows are quarantined with their reasons; a source that is down fails clearly.
import path from 'node:path';
import { loadMapping } from '../src/ingest/mapping/mapping.validate';
import { ensureDatabase, openTarget, loadMx, withDatabase, insertRows, type SqlTarget } from '../seeds/mx/ispyb.load';
import { naive } from '../seeds/mx/ispyb.data';
import { wallClock } from '../src/ingest/adapters/adapter';
import { MariaDbClient, PostgresClient } from '../src/ingest/adapters/sql.clients';
import type { Dialect } from '../seeds/mx/ispyb.schema';
import { startHarness, testDbName, type Harness } from './helpers/harness';

jest.setTimeout(300_000);
const ROOT = path.resolve(__dirname, '..');
const N = 40;

const sources: [Dialect, string, string, string][] = [
  ['mariadb', 'mx-ispyb.json', 'MX_MARIADB_ADMIN_URL', 'MX_MARIADB_URL'],
  ['postgres', 'mx-ispyb-pg.json', 'MX_POSTGRES_ADMIN_URL', 'MX_POSTGRES_URL'],
];

describe.each(sources)('MX ingest from %s', (dialect, file, adminEnv, roEnv) => {
  let h: Harness;
  let admin: SqlTarget;
  let roUrl: string;
  const mapping = loadMapping(path.join(ROOT, 'mappings', file));
  const q = (n: string) => (dialect === 'mariadb' ? `\`${n}\`` : `"${n}"`);
  const ph = (i: number) => (dialect === 'mariadb' ? '?' : `$${i}`);

  beforeAll(async () => {
    for (const v of [adminEnv, roEnv]) if (!process.env[v]) throw new Error(`${v} is not set: run npm test (scripts/services.sh starts MariaDB and PostgreSQL)`);
    h = await startHarness(`ingest-${dialect}`);
    const db = testDbName(`ispyb-${dialect}`).toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await ensureDatabase(dialect, process.env[adminEnv]!, db);
    admin = await openTarget(dialect, withDatabase(process.env[adminEnv]!, db));
    await loadMx(admin, { collections: N });
    roUrl = withDatabase(process.env[roEnv]!, db);
  });
  afterAll(async () => {
    await admin?.close();
    await h?.close();
  });

  const run = (opts: Partial<Parameters<Harness['app']['services']['ingest']['runner']['run']>[1]> = {}) =>
    h.app.services.ingest.runner.run(mapping, { mode: 'incremental', connection: roUrl, batchSize: 16, ...opts });
  const col = (n: string) => h.db.db.collection<any>(n);

  it('a misspelt table or column in the mapping fails the run with a message naming it, not a driver stack, and writes nothing', async () => {
    const broken = (edit: (m: any) => void) => {
      const m = JSON.parse(JSON.stringify(mapping));
      m.id = `broken-${dialect}`;
      edit(m);
      return m;
    };
    const runner = h.app.services.ingest.runner;
    const before = await col('datasets').countDocuments({});
    const table = broken((m) => (m.source.relations.find((r: any) => r.name === 'detector').table = 'Detektor'));
    await expect(runner.run(table, { mode: 'full', connection: roUrl })).rejects.toThrow(/refused the mapping's query: .*Detektor.*check the table and column names/);
    const column = broken((m) => (m.source.root.cursor = 'lastUpdat'));
    await expect(runner.run(column, { mode: 'full', connection: roUrl })).rejects.toThrow(/refused the mapping's query: .*lastUpdat/);
    expect(await col('datasets').countDocuments({})).toBe(before);
    const [failed] = await col('ingest_runs').find({ mappingId: `broken-${dialect}` }).toArray();
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/refused the mapping's query/) });
  });

  it('reads with SELECT rights alone and matches the source field by field', async () => {
    // the read-only user really cannot write
    const ro = await openTarget(dialect, roUrl);
    await expect(ro.exec(`DELETE FROM ${q('DataCollection')}`)).rejects.toThrow(/denied|permission/i);
    await ro.close();

    const r = await run({ mode: 'full' });
    expect(r.status).toBe('succeeded');
    expect(r.counts).toMatchObject({ read: N, created: N, updated: 0, unchanged: 0, quarantined: 0 });
    expect(await col('datasets').countDocuments({})).toBe(N);
    expect(await col('origdatablocks').countDocuments({})).toBe(N);

    const rows = await admin.exec(`SELECT dc.*, g.${q('experimentType')}, s.${q('beamLineName')}, p.${q('proposalNumber')}, p.${q('title')}, pe.${q('emailAddress')}, pe.${q('givenName')}, pe.${q('familyName')}, b.${q('blSampleId')}
      FROM ${q('DataCollection')} dc JOIN ${q('DataCollectionGroup')} g ON g.${q('dataCollectionGroupId')} = dc.${q('dataCollectionGroupId')}
      JOIN ${q('BLSession')} s ON s.${q('sessionId')} = g.${q('sessionId')} JOIN ${q('Proposal')} p ON p.${q('proposalId')} = s.${q('proposalId')}
      JOIN ${q('Person')} pe ON pe.${q('personId')} = p.${q('personId')} JOIN ${q('BLSample')} b ON b.${q('blSampleId')} = g.${q('blSampleId')} ORDER BY dc.${q('dataCollectionId')}`);
    expect(rows).toHaveLength(N);
    for (const row of rows) {
      const pid = `10.99999/ssrf.mx.${row.dataCollectionId}`;
      const d = await col('datasets').findOne({ _id: pid });
      expect(d).not.toBeNull();
      const start = String(row.startTime).slice(0, 19);
      expect([pid, d.creationTime.toISOString()]).toEqual([pid, new Date(`${start.replace(' ', 'T')}+08:00`).toISOString()]);
      expect(d).toMatchObject({
        type: 'raw', ownerGroup: `p${row.proposalNumber}`, accessGroups: ['mx-staff'], sourceFolder: row.imageDirectory, size: Number(row.totalFileSize),
        contactEmail: row.emailAddress, owner: `${row.givenName} ${row.familyName}`, creationLocation: `/SSRF/${row.beamLineName}`,
        instrumentId: `instrument/${String(row.beamLineName).toLowerCase()}`, proposalIds: [String(row.proposalNumber)], sampleIds: [`ssrf-mx-${row.blSampleId}`],
        provenance: { mappingId: mapping.id, mappingVersion: '1.2.0', source: 'ispyb:DataCollection', key: String(row.dataCollectionId), runId: r._id },
      });
      // the mapping writes the instrument too: a dataset never points at a missing one
      expect(await col('instruments').findOne({ _id: d.instrumentId })).toMatchObject({ uniqueName: row.beamLineName, ownerGroup: 'facility' });
      const sm = d.scientificMetadata;
      expect(sm.wavelength).toEqual({ value: Number(row.wavelength), unit: 'Å' });
      expect(sm.energy.value).toBeCloseTo(12.398419843320026 / Number(row.wavelength), 3);
      expect(sm.numberOfImages).toBe(Number(row.numberOfImages));
      expect(sm.beamSize.x).toEqual({ value: Number(row.beamSizeAtSampleX) * 1000, unit: 'um' });
      expect(sm.experimentType).toBe(row.experimentType);
      expect(sm.ispyb.xBeam).toBe(Number(row.xBeam)); // passthrough of an unmapped column
      expect(sm.ispyb.comments).toBeUndefined(); // excluded
      expect(sm.ispyb.imageDirectory).toBeUndefined(); // mapped, so not repeated
      // joined tables are copied only when listed: the detector is, the proposal and its PI (personal data) are not
      expect(sm.ispyb.detector.detectorSerialNumber).toMatch(/^E-32-0/);
      expect(sm.ispyb.group.session.visit_number).toEqual(expect.any(Number));
      expect(sm.ispyb.group.session.proposal).toBeUndefined();
      expect(JSON.stringify(sm.ispyb)).not.toContain(String(row.emailAddress));
      const procs = await admin.exec(`SELECT * FROM ${q('AutoProcProgram')} WHERE ${q('dataCollectionId')} = ${ph(1)} ORDER BY ${q('autoProcProgramId')}`, [row.dataCollectionId]);
      expect((sm.processing ?? []).map((p: any) => p.program)).toEqual(procs.map((p) => p.processingPrograms));
      expect(d.keywords ?? []).toEqual(procs.map((p) => p.processingPrograms));
      const block = await col('origdatablocks').findOne({ _id: `${pid}/block/0` });
      expect(block).toMatchObject({ datasetId: pid, size: Number(row.totalFileSize), dataFileList: [{ path: `${row.imageDirectory}/${row.fileTemplate}`, size: Number(row.totalFileSize) }] });
    }
    const proposals = await col('proposals').find({}).toArray();
    expect(proposals.map((p) => p._id).sort()).toEqual([...new Set(rows.map((r) => String(r.proposalNumber)))].sort());
    expect(await col('samples').countDocuments({})).toBe(new Set(rows.map((r) => r.blSampleId)).size);
  });

  it('reads big whole numbers exactly and non-finite floats as what they are, never rounded or turned to text (issue 15)', async () => {
    const client = dialect === 'mariadb' ? new MariaDbClient(roUrl) : new PostgresClient(roUrl);
    await client.open();
    try {
      const sql =
        dialect === 'mariadb'
          ? 'SELECT CAST(9007199254740993 AS SIGNED) AS big, CAST(9007199254740991 AS SIGNED) AS exact, CAST(7 AS DECIMAL(10,0)) AS dec0, 1.5 AS frac'
          : "SELECT 9007199254740993::int8 AS big, 9007199254740991::int8 AS exact, 7::numeric AS dec0, 1.5::numeric AS frac, 'NaN'::float8 AS nan, '-Infinity'::float8 AS inf, 9007199254740993::numeric AS bignum";
      const [row] = await client.query(sql, []);
      expect(row).toEqual({ big: 9007199254740993n, exact: 9007199254740991, dec0: 7, frac: 1.5, ...(dialect === 'postgres' && { nan: NaN, inf: -Infinity, bignum: 9007199254740993n }) });
    } finally {
      await client.close();
    }
  });

  it('re-runs incrementally: updates what changed, rewrites nothing else, never duplicates', async () => {
    const before = new Map((await col('datasets').find({}, { projection: { _rev: 1, updatedAt: 1 } }).toArray()).map((d) => [d._id, d._rev]));
    const outboxBefore = await col('outbox').estimatedDocumentCount();
    const predicted = await run({ mode: 'full', dryRun: true });
    const again = await run({ mode: 'full' });
    expect(again.counts).toMatchObject({ read: N, created: 0, updated: 0, unchanged: N });
    // nothing at all is written: no dataset, block, proposal or sample (shared ones included), no outbox entry
    for (const [entity, c] of Object.entries(again.counts.entities)) expect({ entity, ...c }).toEqual({ entity, created: 0, updated: 0, unchanged: c.unchanged });
    expect(Object.keys(again.counts.entities).sort()).toEqual(['dataset', 'instrument', 'origdatablock', 'proposal', 'sample']);
    expect(await col('outbox').estimatedDocumentCount()).toBe(outboxBefore);
    // and the dry run predicted exactly that
    expect(predicted.counts.entities).toEqual(again.counts.entities);
    const later = naive(Date.UTC(2027, 0, 1));
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('detectorDistance')} = 333.3, ${q('lastUpdate')} = ${ph(1)} WHERE ${q('dataCollectionId')} IN (3, 4)`, [later]);
    const inc = await run();
    expect(inc.counts).toMatchObject({ read: 2, updated: 2, created: 0, unchanged: 0 });
    expect(await col('datasets').countDocuments({})).toBe(N);
    const after = await col('datasets').find({}, { projection: { _rev: 1, scientificMetadata: 1 } }).toArray();
    for (const d of after) {
      const changed = d._id.endsWith('.mx.3') || d._id.endsWith('.mx.4');
      expect([d._id, d._rev]).toEqual([d._id, changed ? before.get(d._id) + 1 : before.get(d._id)]);
      if (changed) expect(d.scientificMetadata.detectorDistance).toEqual({ value: 333.3, unit: 'mm' });
    }
    // nothing new past the checkpoint: nothing read
    expect((await run()).counts.read).toBe(0);
  });

  it('a sweep over a time window repairs a change the incremental cursor missed', async () => {
    // rows 5 and 6 change now (source wall clock), behind the checkpoint the last run left (2027-01-01),
    // as when a job-finished message is lost and the row's stamp is older than the cursor
    const now = wallClock(new Date(), mapping.source.timezone ?? 'UTC');
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('detectorDistance')} = 444.4, ${q('lastUpdate')} = ${ph(1)} WHERE ${q('dataCollectionId')} IN (5, 6)`, [now]);
    expect((await run()).counts.read).toBe(0); // the cursor is past them: incremental cannot see them
    const sweep = await run({ mode: 'sweep', windowMs: 3_600_000 });
    // the window holds rows 5 and 6 and the two dated 2027 by the test before (unchanged)
    expect(sweep).toMatchObject({ status: 'succeeded', mode: 'sweep' });
    expect(sweep.counts).toMatchObject({ read: 4, updated: 2, unchanged: 2, created: 0, quarantined: 0 });
    for (const id of [5, 6]) {
      const d = await col('datasets').findOne({ _id: `10.99999/ssrf.mx.${id}` });
      expect(d.scientificMetadata.detectorDistance).toEqual({ value: 444.4, unit: 'mm' });
    }
    // the sweep leaves the incremental checkpoint where it was
    const state = await col('ingest_state').findOne({ _id: mapping.id });
    expect(state.checkpoint.cursor).toMatch(/^2027-01-01/);
    expect(await col('datasets').countDocuments({})).toBe(N);
  });

  it('quarantines broken rows with their reasons, counts them, loses nothing, and carries on', async () => {
    const later = naive(Date.UTC(2027, 1, 1));
    const good = await admin.exec(`SELECT * FROM ${q('DataCollection')} WHERE ${q('dataCollectionId')} = 1`);
    const base = { ...good[0], lastUpdate: later };
    // 9001: its group's session has no proposal (no ownerGroup); 9002: a fraction where an int belongs; 9003: fine
    await insertRows(admin, 'BLSession', [{ sessionId: 9001, proposalId: null, beamLineName: 'BL17U1', visit_number: 1, startDate: later, endDate: later, scheduled: 1 }]);
    await insertRows(admin, 'DataCollectionGroup', [{ dataCollectionGroupId: 9001, sessionId: 9001, blSampleId: 1, experimentType: 'OSC', startTime: later, endTime: later }]);
    await insertRows(admin, 'DataCollection', [
      { ...base, dataCollectionId: 9001, dataCollectionGroupId: 9001 },
      { ...base, dataCollectionId: 9002, numberOfImages: null, imagePrefix: 'x', axisRange: 0.1 },
      { ...base, dataCollectionId: 9003 },
    ]);
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('numberOfImages')} = NULL WHERE ${q('dataCollectionId')} = 9002`);
    if (dialect === 'mariadb') {
      // MariaDB keeps a zero date when strict mode is off, as old beamline databases do
      await admin.exec("SET SESSION sql_mode = ''");
      await insertRows(admin, 'DataCollection', [{ ...base, dataCollectionId: 9004, startTime: '0000-00-00 00:00:00' }]);
    }
    const r = await run();
    const bad = dialect === 'mariadb' ? 3 : 2;
    expect(r.counts).toMatchObject({ read: bad + 1, created: 1, quarantined: bad });
    expect(await col('datasets').countDocuments({ _id: /mx\.900[124]$/ })).toBe(0);
    expect(await col('datasets').countDocuments({ _id: '10.99999/ssrf.mx.9003' })).toBe(1);
    const q1 = await h.app.services.ingest.quarantine({ subject: 't', role: 'admin', groups: [], via: 'system' }, { mappingId: mapping.id, runId: r._id }, 50);
    const byKey = Object.fromEntries(q1.map((e) => [e.key, e]));
    expect(Object.keys(byKey).sort()).toEqual(dialect === 'mariadb' ? ['9001', '9002', '9004'] : ['9001', '9002']);
    expect(byKey['9001'].reasons.map((x) => `${x.path} ${x.message}`).join('\n')).toMatch(/ownerGroup.*required/);
    expect(byKey['9002'].reasons.map((x) => `${x.path} ${x.message}`).join('\n')).toMatch(/numberOfImages is required/);
    if (dialect === 'mariadb') expect(byKey['9004'].reasons.map((x) => `${x.path} ${x.message}`).join('\n')).toMatch(/creationTime.*"0000-00-00 00:00:00" is not a valid date-time/);
    expect((byKey['9002'].record as any).dataCollectionId).toBe(9002); // the source row is kept

    // fixed at the source: the next run imports it and the quarantine entry is resolved
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('numberOfImages')} = 100, ${q('lastUpdate')} = ${ph(1)} WHERE ${q('dataCollectionId')} = 9002`, [naive(Date.UTC(2027, 2, 1))]);
    const fix = await run();
    expect(fix.counts).toMatchObject({ read: 1, created: 1, quarantined: 0 });
    const entry = await col('ingest_quarantine').findOne({ _id: `${mapping.id}:9002` });
    expect(entry.resolvedAt).toBeInstanceOf(Date);
  });

  it('shows a dry run as a diff and writes nothing', async () => {
    await admin.exec(`UPDATE ${q('DataCollection')} SET ${q('exposureTime')} = 0.5, ${q('lastUpdate')} = ${ph(1)} WHERE ${q('dataCollectionId')} = 5`, [naive(Date.UTC(2027, 3, 1))]);
    const revBefore = (await col('datasets').findOne({ _id: '10.99999/ssrf.mx.5' }))._rev;
    const diffs: any[] = [];
    const r = await run({ dryRun: true, onDiff: (d) => diffs.push(d) });
    expect(r.counts.updated).toBe(1);
    const d = diffs.find((x) => x.entity === 'dataset');
    expect(d).toMatchObject({ id: '10.99999/ssrf.mx.5', outcome: 'updated' });
    expect(d.changes).toEqual(expect.arrayContaining([{ path: '/scientificMetadata/exposureTime/value', before: expect.any(Number), after: 0.5 }]));
    expect((await col('datasets').findOne({ _id: '10.99999/ssrf.mx.5' }))._rev).toBe(revBefore);
    expect(await col('ingest_runs').countDocuments({ dryRun: true })).toBe(0);
  });

  it('fails clearly when the source is down, after retrying with backoff, and records the run', async () => {
    const down = roUrl.replace(/:(\d+)\//, ':1/');
    const runner = new (h.app.services.ingest.runner.constructor as any)(h.app.services, { leaseMs: 5000, retries: 2, backoffMs: 50 });
    const t0 = Date.now();
    await expect(runner.run(mapping, { mode: 'incremental', connection: down })).rejects.toThrow(/source (MariaDB|PostgreSQL) at .*127\.0\.0\.1:1.* is not reachable: .*ECONNREFUSED.*gave up after 3 attempts/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50 + 100);
    const last = (await h.app.services.ingest.runs({ subject: 't', role: 'admin', groups: [], via: 'system' }, { mappingId: mapping.id }, 1))[0];
    expect(last).toMatchObject({ status: 'failed', attempts: 3 });
    expect(last.error).toMatch(/not reachable/);
    expect(last.source).not.toMatch(/catalog_ro:[^*]/); // no password in what is stored
  });
});
