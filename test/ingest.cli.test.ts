// The ingest as operators and triggers drive it: `catalog ingest run` killed with SIGKILL mid-run and
// resumed from its checkpoint; the tomography mapping over NeXus files on disk; a job-finished message
// on the real Kafka broker; the GraphQL mutation and run history.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { loadMapping } from '../src/ingest/mapping/mapping.validate';
import { IngestTriggers } from '../src/ingest/run/ingest.trigger';
import { ensureDatabase, openTarget, loadMx, withDatabase, type SqlTarget } from '../seeds/mx/ispyb.load';
import { startHarness, testDbName, SECRET, ROOT, type Harness } from './helpers/harness';

jest.setTimeout(600_000);
const N = 120;
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

describe('ingest from the command line, files and triggers', () => {
  let h: Harness;
  let admin: SqlTarget;
  let roUrl: string;
  let env: NodeJS.ProcessEnv;
  const col = (n: string) => h.db.db.collection<any>(n);

  beforeAll(async () => {
    h = await startHarness('ingest-cli');
    const db = testDbName('ispyb-cli').toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await ensureDatabase('mariadb', process.env.MX_MARIADB_ADMIN_URL!, db);
    admin = await openTarget('mariadb', withDatabase(process.env.MX_MARIADB_ADMIN_URL!, db));
    await loadMx(admin, { collections: N });
    roUrl = withDatabase(process.env.MX_MARIADB_URL!, db);
    env = { ...process.env, CATALOG_DB: h.cfg.dbName, CATALOG_JWT_SECRET: SECRET, MX_MARIADB_URL: roUrl, CATALOG_INGEST_LEASE_MS: '1500', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await admin?.close();
    await h?.close();
  });

  it('resumes a run killed with SIGKILL from its checkpoint: exactly the expected records, no duplicates', async () => {
    const child = spawn(process.execPath, [CLI, 'ingest', 'run', 'mx-ispyb', '--full', '--batch', '8', '-q'], { env, stdio: 'ignore' });
    // wait until some batches are written, then kill it without warning
    for (let i = 0; i < 600; i++) {
      const r = await col('ingest_runs').findOne({ mappingId: 'mx-ispyb', status: 'running' });
      if (r && r.counts.read >= 24) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    const killed = await col('ingest_runs').findOne({ mappingId: 'mx-ispyb' });
    expect(killed.status).toBe('running'); // the dead worker never finished it
    expect(killed.counts.read).toBeGreaterThanOrEqual(24);
    expect(killed.counts.read).toBeLessThan(N);
    const partial = await col('datasets').countDocuments({});
    expect(partial).toBeGreaterThanOrEqual(killed.counts.read);

    await new Promise((res) => setTimeout(res, 1600)); // the dead worker's lease runs out
    const out = execFileSync(process.execPath, [CLI, 'ingest', 'run', 'mx-ispyb', '--batch', '8', '-q'], { env, encoding: 'utf8' });
    expect(out).toMatch(/resumed 1× from its checkpoint/);
    expect(out).toMatch(new RegExp(`read\\s+${N}\\b`));
    expect(await col('ingest_runs').countDocuments({ mappingId: 'mx-ispyb' })).toBe(1);
    const ids = (await col('datasets').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id).sort();
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => `10.99999/ssrf.mx.${i + 1}`).sort());
    expect(await col('origdatablocks').countDocuments({})).toBe(N);
    // a dry sweep over everything reads every record, predicts no change, and writes nothing, not even a run
    const outbox = await col('outbox').estimatedDocumentCount();
    const sweep = execFileSync(process.execPath, [CLI, 'ingest', 'sweep', 'mx-ispyb', '--window', '3650d', '--dry-run'], { env, encoding: 'utf8' });
    expect(sweep).toMatch(new RegExp(`read\\s+${N}\\b`));
    expect(sweep).toMatch(new RegExp(`unchanged\\s+${N}\\b`));
    expect(await col('outbox').estimatedDocumentCount()).toBe(outbox);
    expect(await col('ingest_runs').countDocuments({ mappingId: 'mx-ispyb' })).toBe(1);
  });

  it('imports tomography scans from NeXus files, and quarantines a file without its proposal', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tomo-'));
    try {
      execFileSync(process.execPath, [CLI, 'seed-source', 'tomo', '--out', dir, '-n', '6'], { env, encoding: 'utf8' });
      const out = execFileSync(process.execPath, [CLI, 'ingest', 'run', 'tomo-nexus', '--full', '-q'], { env: { ...env, TOMO_DATA_DIR: dir }, encoding: 'utf8' });
      expect(out).toMatch(/read\s+6\b/);
      expect(out).toMatch(/created\s+6\b/);
      const d = await col('datasets').findOne({ _id: '10.99999/bl13w1/20266001/scan_0001.nxs' });
      expect(d).toMatchObject({ ownerGroup: 'p20266001', datasetName: 'limestone core tomography', creationTime: new Date('2026-04-01T09:00:00.000Z'), instrumentId: 'instrument/bl13w1', proposalIds: ['20266001'] });
      expect(d.scientificMetadata).toMatchObject({ definition: 'NXtomo', energy: { value: 18, unit: 'keV' }, pixelSize: { value: 3.25, unit: 'um' }, exposureTime: { value: 100, unit: 'ms' }, projections: 900, imageShape: [4, 8, 8] });
      expect(d.scientificMetadata.nexus.sample.rotation_angle.value).toHaveLength(16);
      expect(d.scientificMetadata.nexus._attrs).toEqual({ NX_class: 'NXentry' });
      const blk = await col('origdatablocks').findOne({ datasetId: d._id });
      expect(blk.dataFileList[0]).toMatchObject({ path: 'scan_0001.nxs', chk: createHash('sha256').update(readFileSync(path.join(dir, '20266001/scan_0001.nxs'))).digest('hex') });
      // the master file's external link counts its frames file: listed beside it, measured and hashed (issue 18)
      const frames = readFileSync(path.join(dir, '20266001/scan_0001_frames.h5'));
      expect(blk.dataFileList).toHaveLength(2);
      expect(blk.dataFileList[1]).toMatchObject({ path: 'scan_0001_frames.h5', size: frames.length, chk: createHash('sha256').update(frames).digest('hex') });
      expect(d.scientificMetadata.nexus.data.frames).toEqual({ _externalLink: { file: 'scan_0001_frames.h5', path: '/frames' } });
      expect((await col('datasets').findOne({ _id: d._id })).numberOfFiles).toBe(2);
      expect(blk.chkAlg).toBe('sha256');

      // a scan written without its proposal and start time is kept in quarantine with both reasons
      execFileSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'dist/seeds/tomo/tomo.files.js'))}).writeTomoScans(${JSON.stringify(path.join(dir, 'late'))}, 1, () => ({ file: 'broken.nxs', omit: ['proposal', 'start_time'] }))`], { env });
      const out2 = execFileSync(process.execPath, [CLI, 'ingest', 'run', 'tomo-nexus', '-q'], { env: { ...env, TOMO_DATA_DIR: dir }, encoding: 'utf8' });
      expect(out2).toMatch(/read\s+1\b/);
      expect(out2).toMatch(/quarantined 1\b/);
      const q = await col('ingest_quarantine').findOne({ _id: 'tomo-nexus:late/broken.nxs' });
      const reasons = q.reasons.map((r: any) => `${r.path} ${r.message}`).join('\n');
      expect(reasons).toMatch(/proposal\/identity is required.*experiment_identifier/);
      expect(reasons).toMatch(/creationTime is required/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('values the store cannot hold (NaN, ±Infinity) never block a run: a typed one is quarantined, an untyped one stored as null with a note (issue 15, kind 1)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tomo-nan-'));
    const write = (file: string, energy: string) =>
      `require(${JSON.stringify(path.join(ROOT, 'dist/seeds/tomo/tomo.files.js'))}).writeTomoScans(${JSON.stringify(dir)}, 1, () => ({ file: ${JSON.stringify(file)}, energyKeV: ${energy}, extra: { temperature: { values: [Infinity], units: 'K' }, readings: { values: [1.5, NaN, -Infinity] }, counter: { values: [9007199254740993n], dtype: 'int64' }, counts: { values: [7n, -2n], dtype: 'int64' }, image: { values: [1, 2, 3, 4, 5, 6], shape: [2, 3], units: 'counts' } } }))`;
    try {
      execFileSync(process.execPath, ['-e', write('20266001/nan_energy.nxs', 'NaN')], { env });
      execFileSync(process.execPath, ['-e', write('20266001/inf_temperature.nxs', '18')], { env });
      const run = () => execFileSync(process.execPath, [CLI, 'ingest', 'run', 'tomo-nexus', '--full', '-q'], { env: { ...env, TOMO_DATA_DIR: dir }, encoding: 'utf8' });
      const out = run();
      expect(out).toMatch(/read\s+2\b/);
      expect(out).toMatch(/quarantined 1\b/);
      // the typed energy is quarantined with its reason, and the quarantine copy holds the source as it came
      const q = await col('ingest_quarantine').findOne({ _id: 'tomo-nexus:20266001/nan_energy.nxs' });
      expect(q.reasons.map((r: any) => r.path).join(' ')).toMatch(/energy/);
      expect(JSON.stringify(q.record)).toContain('"NaN"');
      expect(JSON.stringify(q.record)).toContain('"-Infinity"');
      // the untyped readings are stored as null, each with a note by JSON path
      const d = await col('datasets').findOne({ _id: '10.99999/bl13w1/20266001/inf_temperature.nxs' });
      expect(d).not.toBeNull();
      const nexus = JSON.stringify(d.scientificMetadata.nexus);
      expect(nexus).not.toMatch(/Infinity|NaN/);
      expect(d.scientificMetadata.nexus.readings).toEqual([1.5, null, null]);
      expect(d.scientificMetadata.nexus.temperature).toEqual({ value: null, _attrs: { units: 'K' } });
      // a whole number beyond 2^53 is kept as its digits, with a note; a 2-D dataset keeps its shape
      expect(d.scientificMetadata.nexus.counter).toBe('9007199254740993');
      expect(d.scientificMetadata.nexus.counts).toEqual([7, -2]);
      expect(d.scientificMetadata.nexus.image).toEqual({ value: [1, 2, 3, 4, 5, 6], _shape: [2, 3], _attrs: { units: 'counts' } });
      const notes = d._normalized.map((n: any) => n.path);
      expect([...notes].sort()).toEqual(['/scientificMetadata/nexus/counter', '/scientificMetadata/nexus/readings/1', '/scientificMetadata/nexus/readings/2', '/scientificMetadata/nexus/temperature/value']);
      const reason = (p: string) => d._normalized.find((n: any) => n.path === p).reason;
      expect(reason('/scientificMetadata/nexus/readings/1')).toMatch(/is not a number the store keeps: stored as null/);
      expect(reason('/scientificMetadata/nexus/counter')).toBe('9007199254740993 is beyond 2^53: stored as its digits');
      // GraphQL shows the notes with the record
      const g = await h.gql('query($pid: String!) { dataset(pid: $pid) { storageNotes { path reason } } }', { pid: d._id }, h.tokens.admin);
      expect(g.data.dataset.storageNotes.map((n: any) => n.path)).toEqual(notes);
      // the next run is not blocked by either record
      const again = run();
      expect(again).toMatch(/read\s+2\b/);
      expect(again).toMatch(/unchanged\s+\d+/);
      expect(again).toMatch(/quarantined 1\b/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports a record when a job-finished message arrives on Kafka, and by GraphQL mutation', async () => {
    const brokers = process.env.CATALOG_KAFKA_BROKERS?.split(',');
    if (!brokers) throw new Error('CATALOG_KAFKA_BROKERS is not set: run npm test (scripts/services.sh starts Kafka)');
    const mapping = loadMapping(path.join(ROOT, 'mappings/mx-ispyb.json'));
    const topic = `mx.job-finished.${h.cfg.dbName.toLowerCase()}`;
    mapping.triggers = { message: { ...mapping.triggers!.message!, topic } };
    process.env.MX_MARIADB_URL = roUrl;
    await admin.exec('UPDATE `DataCollection` SET `comments` = ? WHERE `dataCollectionId` IN (7, 8)', ['re-processed']);
    await admin.exec('UPDATE `DataCollection` SET `detectorDistance` = 444.4 WHERE `dataCollectionId` = 7');
    const logs: string[] = [];
    const triggers = new IngestTriggers(h.app.services.ingest, brokers, { info: (m) => logs.push(m), error: (m) => logs.push(`ERR ${m}`) }, `test-${h.cfg.dbName}`);
    const kafka = new Kafka({ clientId: 'test', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    try {
      await triggers.start([mapping]);
      await producer.send({ topic, messages: [{ value: 'not json' }, { value: JSON.stringify({ event: 'other', dataCollectionId: 8 }) }, { value: JSON.stringify({ event: 'data-collection-finished', dataCollectionId: 7 }) }] });
      let d: any;
      for (let i = 0; i < 300; i++) {
        d = await col('datasets').findOne({ _id: '10.99999/ssrf.mx.7' });
        if (d?.scientificMetadata?.detectorDistance?.value === 444.4) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect(d.scientificMetadata.detectorDistance).toEqual({ value: 444.4, unit: 'mm' });
      expect(logs.join('\n')).toMatch(/ignored \(the message is not JSON\)/);
      expect(logs.join('\n')).toMatch(/ignored \(\$\.event is not "data-collection-finished"\)/);
      let runs: any[] = [];
      for (let i = 0; i < 100; i++) {
        runs = await col('ingest_runs').find({ trigger: `kafka:${topic}` }).toArray();
        if (runs[0]?.status !== 'running') break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ mode: 'keys', keys: ['7'], status: 'succeeded' });
    } finally {
      await triggers.stop();
      await producer.disconnect();
    }

    // the same through GraphQL: an ingestor imports key 8; a user may not; an unknown mapping is named
    await admin.exec('UPDATE `DataCollection` SET `detectorDistance` = 555.5 WHERE `dataCollectionId` = 8');
    const m = 'mutation($k: [String!]!) { ingestKeys(mappingId: "mx-ispyb", keys: $k) { status read updated created quarantined mode trigger } }';
    const ok = await h.gql(m, { k: ['8'] }, h.tokens.ingestorA);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.ingestKeys).toMatchObject({ status: 'succeeded', read: 1, updated: 1, mode: 'keys', trigger: 'graphql' });
    expect((await col('datasets').findOne({ _id: '10.99999/ssrf.mx.8' })).scientificMetadata.detectorDistance.value).toBe(555.5);
    expect((await h.gql(m, { k: ['8'] }, h.tokens.alice)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await h.gql('mutation { ingestKeys(mappingId: "nope", keys: ["1"]) { status } }', {}, h.tokens.admin);
    expect(unknown.errors?.[0].message).toMatch(/Mapping.*nope/);
    const hist = await h.gql('{ ingestRuns(mappingId: "mx-ispyb", first: 10) { mode trigger status read resumed entities { entity created updated unchanged } } ingestMappings { file valid } }', {}, h.tokens.steward);
    expect(hist.errors).toBeUndefined();
    expect(hist.data.ingestRuns.map((r: any) => r.trigger)).toEqual(expect.arrayContaining(['graphql', `kafka:${topic}`, 'cli']));
    expect(hist.data.ingestRuns.find((r: any) => r.trigger === 'cli').resumed).toBe(1);
    expect(hist.data.ingestMappings).toEqual(expect.arrayContaining([{ file: 'mx-ispyb.json', valid: true }, { file: 'tomo-nexus.json', valid: true }]));
  });
  it('publishes run progress as a GraphQL subscription, to ingestors and stewards only', async () => {
    const subscribe = (token: string, query: string, onEvent: (e: any) => void) => {
      const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      const done = new Promise<void>((resolve, reject) => {
        client.subscribe({ query }, { next: (v) => (v.errors ? reject(new Error(v.errors[0].message)) : onEvent((v.data as any).ingestProgress)), error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))), complete: resolve });
      });
      return { client, done };
    };
    // every run of the mapping from now on: a full re-run in batches of 30 (4 batches)
    const live: any[] = [];
    const all = subscribe(h.tokens.steward, 'subscription { ingestProgress(mappingId: "mx-ispyb") { id status read total mode } }', (e) => live.push(e));
    await new Promise((res) => setTimeout(res, 300));
    const mapping = loadMapping(path.join(ROOT, 'mappings', 'mx-ispyb.json'));
    const run = await h.app.services.ingest.runner.run(mapping, { mode: 'full', batchSize: 30, connection: roUrl, trigger: 'test' });
    for (let i = 0; i < 50 && !live.some((e) => e.id === run._id && e.status === 'succeeded'); i++) await new Promise((res) => setTimeout(res, 100));
    await all.client.dispose();
    const mine = live.filter((e) => e.id === run._id);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine[mine.length - 1]).toMatchObject({ status: 'succeeded', read: N, total: N, mode: 'full' });
    const reads = mine.map((e) => e.read);
    expect(reads).toEqual([...reads].sort((a, b) => a - b)); // progress never goes backwards

    // one run by id: its final state, then the subscription completes by itself
    const one: any[] = [];
    const byId = subscribe(h.tokens.ingestorA, `subscription { ingestProgress(runId: "${run._id}") { id status read } }`, (e) => one.push(e));
    await byId.done;
    await byId.client.dispose();
    expect(one).toEqual([{ id: run._id, status: 'succeeded', read: N }]);

    // a scientist may not follow ingest runs
    const denied = subscribe(h.tokens.alice, 'subscription { ingestProgress { id } }', () => undefined);
    await expect(denied.done).rejects.toThrow(/ingest runs are visible to ingestors, stewards and admins/);
    await denied.client.dispose();
  });

  it('refuses bad command-line input with a message that names it, and writes nothing', async () => {
    const fails = (args: string[]) => {
      try {
        execFileSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        const err = e as { status: number; stderr: string };
        return { status: err.status, stderr: err.stderr };
      }
      throw new Error(`catalog ${args.join(' ')} succeeded`);
    };
    const before = await col('ingest_runs').countDocuments({});
    expect(fails(['ingest', 'run', 'no-such-mapping']).stderr).toMatch(/no-such-mapping/);
    expect(fails(['ingest', 'run', 'mx-ispyb', '--batch', '0']).stderr).toMatch(/"0" is not a positive integer/);
    expect(fails(['ingest', 'sweep', 'mx-ispyb', '--window', 'soon']).stderr).toMatch(/soon/);
    expect(fails(['ingest', 'key', 'mx-ispyb']).stderr).toMatch(/missing required argument/i);
    expect(fails(['seed-source', 'mx', '--target', 'oracle']).stderr).toMatch(/--target is mariadb or postgres/);
    // a broken mapping file is refused before anything runs, each mistake at its path
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mapping-'));
    try {
      const broken = path.join(dir, 'broken.json');
      const m = JSON.parse(readFileSync(path.join(ROOT, 'mappings', 'mx-ispyb.json'), 'utf8'));
      m.source.adapter = 'oracle';
      writeFileSync(broken, JSON.stringify(m));
      const r = fails(['ingest', 'run', broken]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/\/source\/adapter/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await col('ingest_runs').countDocuments({})).toBe(before);
  });
});
