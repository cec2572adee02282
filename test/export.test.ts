// AI-ready exports end to end: a job through GraphQL with progress over graphql-ws, downloads whose
// sha256 match the manifest, a Croissant file the MLCommons validator accepts and can read, counts
// that match the selection, deterministic leak-free splits, access, cancel/resume, and bad requests.
import { mkdtempSync, readFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { ParquetReader } from '@dsnp/parquetjs';
import { issueToken } from '../src/auth';
import { ExportRunner } from '../src/export/export.runner';
import { codes, GROUP_A, GROUP_B, rawDataset, SECRET, startHarness, SYSTEM, type Harness } from './helpers/harness';
import { mlcroissant } from './helpers/croissant';
import { scans, watchFilters } from './helpers/keyed';

let h: Harness;
let base: string;
let carol: string;
const ALICE = { subject: 'alice', role: 'user' as const, groups: [GROUP_A], via: 'system' as const };
const SAMPLES = ['s-lyso', 's-thau', 's-insu', 's-myo', 's-ferr', 's-gfp'];

const CREATE = `mutation($input: ExportInput!) { createExport(input: $input) { id status progress { phase total done } } }`;
const JOB = `query($id: ID!) { exportJob(id: $id) { id status error runs progress { phase total done } splitCounts { train validation test } files { name recordSet format bytes sha256 records url } } }`;

const REQUEST = {
  name: 'Crystal quality',
  filter: { instrumentId: 'instrument/bl-x' },
  labelSets: ['quality', 'diffraction'],
  metadataFields: ['beamline.energy', 'detector.model', 'nosuch.path'],
  split: { train: 0.5, validation: 0.25, test: 0.25, seed: '7', groupBy: 'SAMPLE' },
};

beforeAll(async () => {
  // under a dot-folder, as the default .data/exports is: downloads must work from any folder (issue 15, kind 2)
  const exportDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'catalog-exports-')), '.data', 'exports');
  require('node:fs').mkdirSync(exportDir, { recursive: true });
  h = await startHarness('export', { exportDir, exportPollMs: 100 });
  base = new URL(h.app.url).origin;
  carol = await issueToken(SECRET, { subject: 'carol', role: 'user', groups: [GROUP_A] });
  const s = h.app.services;
  await s.instruments.upsert(SYSTEM, { pid: 'instrument/bl-x', uniqueName: 'BL-X', name: 'MX beamline', ownerGroup: 'facility', isPublished: true });
  const inputs = [];
  for (let i = 0; i < 24; i++) {
    const sample = SAMPLES[i % SAMPLES.length];
    // energies in keV and in eV: units travel with the values
    const energy = i % 3 === 0 ? { value: 12400 + i, unit: 'eV' } : { value: 12.4 + i / 100, unit: 'keV' };
    inputs.push(rawDataset(`exp/a${String(i).padStart(2, '0')}`, GROUP_A, {
      instrumentId: 'instrument/bl-x', sampleIds: [sample], proposalIds: ['prop-a'], license: 'CC-BY-4.0', techniques: [{ name: 'MX' }],
      scientificMetadata: { beamline: { energy }, detector: { model: i % 2 ? 'EIGER2 16M' : 'PILATUS 6M' } },
    }));
  }
  // one dataset of two samples ties them together: they must share a split
  inputs.push(rawDataset('exp/a99-two-samples', GROUP_A, { instrumentId: 'instrument/bl-x', sampleIds: ['s-ferr', 's-gfp'], license: 'CC-BY-4.0' }));
  inputs.push(rawDataset('exp/b00', GROUP_B, { instrumentId: 'instrument/bl-x', sampleIds: ['s-b'] }));
  inputs.push(rawDataset('exp/b01', GROUP_B, { instrumentId: 'instrument/bl-x', sampleIds: ['s-b'] }));
  await s.datasets.upsertMany(SYSTEM, inputs);
  await s.origDatablocks.addFiles(SYSTEM, 'exp/a00', [{ path: 'img_1.cbf', size: 100, chk: 'aa'.repeat(32) }, { path: 'img_2.cbf', size: 200, chk: 'bb'.repeat(32) }], { chkAlg: 'sha256', startChunk: 0 });
  await s.origDatablocks.addFiles(SYSTEM, 'exp/a05', [{ path: 'weird, "name".cbf', size: 5 }], { startChunk: 0 });
  await s.labelSets.declare(SYSTEM, { name: 'quality', kind: 'score', min: 1, max: 5, step: 1 }, () => s.labels.valuesOf('quality'));
  await s.labelSets.declare(SYSTEM, { name: 'diffraction', kind: 'class', values: ['strong', 'weak', 'none'] }, () => s.labels.valuesOf('diffraction'));
  const carolId = { subject: 'carol', role: 'user' as const, groups: [GROUP_A], via: 'system' as const };
  const bobId = { subject: 'bob', role: 'user' as const, groups: [GROUP_B], via: 'system' as const };
  for (let i = 0; i < 24; i += 2) {
    const pid = `exp/a${String(i).padStart(2, '0')}`;
    await s.labels.set(ALICE, { datasetPid: pid, labelSet: 'quality', score: 1 + (i % 5) });
    await s.labels.set(carolId, { datasetPid: pid, labelSet: 'quality', score: 3 });
    await s.labels.set(ALICE, { datasetPid: pid, labelSet: 'diffraction', class: i % 4 ? 'weak' : 'strong', model: { name: 'spotfinder', version: '2.1.0' } });
  }
  await s.labels.set(bobId, { datasetPid: 'exp/b00', labelSet: 'quality', score: 5 });
  const w = await s.labels.set(carolId, { datasetPid: 'exp/a02', labelSet: 'diffraction', class: 'none' });
  await s.labels.withdraw(carolId, w._id);
}, 120_000);

afterAll(async () => h?.close());

async function download(url: string, token = h.tokens.alice) {
  const res = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
}

async function waitFor(id: string, token = h.tokens.alice) {
  for (let i = 0; i < 600; i++) {
    const r = await h.gql(JOB, { id }, token);
    if (['completed', 'failed', 'cancelled'].includes(r.data.exportJob.status)) return r.data.exportJob;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`export ${id} did not finish`);
}

const jsonl = (buf: Buffer) => buf.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
const sha = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

describe('an export through GraphQL', () => {
  let job: any;
  let files: Record<string, Buffer>;
  let events: any[];

  beforeAll(async () => {
    const created = await h.gql(CREATE, { input: REQUEST }, h.tokens.alice);
    expect(created.errors).toBeUndefined();
    expect(created.data.createExport).toMatchObject({ status: 'queued', progress: { phase: 'queued', total: 25 } });
    const id = created.data.createExport.id;
    const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.tokens.alice}` }, retryAttempts: 0 });
    events = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe({ query: `subscription($id: ID!) { exportProgress(id: $id) { status progress { phase total done } } }`, variables: { id } }, { next: (v) => events.push(v.data!.exportProgress), error: reject, complete: resolve });
    });
    await client.dispose();
    job = await waitFor(id);
    if (job.status !== 'completed') throw new Error(`export ${job.status}: ${job.error}`);
    files = {};
    for (const f of job.files) files[f.name] = (await download(f.url)).body;
  }, 120_000);

  test('completes, and progress arrives as a subscription until the end', () => {
    expect(job.status).toBe('completed');
    expect(events.at(-1)).toMatchObject({ status: 'completed', progress: { phase: 'done', total: 25, done: 25 } });
    const done = events.map((e) => e.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  test('every file downloads with the sha256 and size the job and the manifest give', () => {
    const manifest = JSON.parse(files['manifest.json'].toString());
    expect(job.files.map((f: any) => f.name).sort()).toEqual(
      ['croissant.json', 'datasets.csv', 'datasets.jsonl', 'datasets.parquet', 'files.csv', 'files.jsonl', 'files.parquet', 'labels.csv', 'labels.jsonl', 'labels.parquet', 'manifest.json', 'provenance.json'].sort(),
    );
    for (const f of job.files) {
      expect(sha(files[f.name])).toBe(f.sha256);
      expect(files[f.name].length).toBe(f.bytes);
      if (f.name !== 'manifest.json') expect(manifest.files.find((m: any) => m.name === f.name)).toMatchObject({ sha256: f.sha256, bytes: f.bytes });
    }
  });

  test('record counts match the selection the caller may see', async () => {
    const visible = await h.gql(`{ datasets(filter: { instrumentId: "instrument/bl-x" }) { totalCount } }`, {}, h.tokens.alice);
    expect(visible.data.datasets.totalCount).toBe(25);
    const rows = jsonl(files['datasets.jsonl']);
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.pid.startsWith('exp/a'))).toBe(true);
    expect(rows.map((r) => r.pid)).toEqual([...rows.map((r) => r.pid)].sort());
    // 12 datasets × (2 quality + 1 model diffraction), carol's withdrawn label left out, bob's label on B invisible
    const labels = jsonl(files['labels.jsonl']);
    expect(labels).toHaveLength(36);
    expect(labels.filter((l) => l.source === 'model')).toHaveLength(12);
    expect(labels.some((l) => l.dataset_pid.startsWith('exp/b') || l.value === 'none')).toBe(false);
    expect(labels.some((l) => /alice|carol/.test(l.labeller))).toBe(false);
    expect(jsonl(files['files.jsonl'])).toHaveLength(3);
    expect(job.files.find((f: any) => f.name === 'datasets.csv').records).toBe(25);
  });

  test('rows carry typed metadata with units, label consensus and counts', () => {
    const rows = jsonl(files['datasets.jsonl']);
    const a00 = rows.find((r) => r.pid === 'exp/a00');
    expect(a00).toMatchObject({ md_beamline_energy: 12400, md_beamline_energy_unit: 'eV', md_detector_model: 'PILATUS 6M', md_nosuch_path: null, label_quality: 2, label_quality_count: 2, label_diffraction: 'strong', number_of_files: 2, size: 300 });
    expect(rows.find((r) => r.pid === 'exp/a01')).toMatchObject({ md_beamline_energy: 12.41, md_beamline_energy_unit: 'keV', label_quality: null, label_quality_count: 0 });
    const csv = files['datasets.csv'].toString().split('\r\n');
    expect(csv[0].split(',')).toEqual(Object.keys(a00));
    expect(files['files.csv'].toString()).toContain('"weird, ""name"".cbf"');
  });

  test('splits are leak-free: the datasets of one sample (and of samples a dataset ties together) share a split', () => {
    const rows = jsonl(files['datasets.jsonl']);
    const bySample = new Map<string, Set<string>>();
    for (const r of rows) for (const s of (r.sample ?? '').split(';')) bySample.set(s, (bySample.get(s) ?? new Set()).add(r.split));
    for (const [sample, splits] of bySample) expect([sample, splits.size]).toEqual([sample, 1]);
    expect(rows.find((r) => r.pid === 'exp/a99-two-samples').split_group).toBe('s-ferr');
    expect(rows.filter((r) => r.sample === 's-gfp').every((r) => r.split_group === 's-ferr')).toBe(true);
    expect(Object.values(job.splitCounts).reduce((a: number, b: any) => a + b, 0)).toBe(25);
  });

  test('the Croissant file passes the MLCommons validator, and mlcroissant reads every record set', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'croissant-'));
    for (const [name, buf] of Object.entries(files)) require('node:fs').writeFileSync(path.join(dir, name), buf);
    const ld = JSON.parse(files['croissant.json'].toString());
    expect(ld).toMatchObject({ '@type': 'sc:Dataset', conformsTo: 'http://mlcommons.org/croissant/1.0', name: 'Crystal quality', license: 'CC-BY-4.0' });
    expect(ld.distribution.every((d: any) => /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
    expect(ld.recordSet.find((r: any) => r['@id'] === 'splits').data.map((d: any) => d['splits/url'])).toEqual(['cr:TrainingSplit', 'cr:ValidationSplit', 'cr:TestSplit']);
    const dsFields = ld.recordSet.find((r: any) => r['@id'] === 'datasets').field;
    expect(dsFields.find((f: any) => f.name === 'label_quality').dataType).toEqual(['sc:Float', 'cr:Label']);
    expect(dsFields.find((f: any) => f.name === 'split').references).toEqual({ field: { '@id': 'splits/name' } });
    expect(ld['rai:dataAnnotationProtocol']).toMatch(/quality \(score 1\.\.5\)/);
    expect(ld['prov:wasGeneratedBy']['prov:wasAssociatedWith'].name).toBe('alice');
    const v = mlcroissant(['validate', '--jsonld', path.join(dir, 'croissant.json')]);
    expect(v.output).not.toMatch(/error|Traceback/i);
    expect(v.ok).toBe(true);
    const loaded = mlcroissant(['load', '--jsonld', path.join(dir, 'croissant.json'), '--record_set', 'datasets', '--num_records', '100']);
    expect(loaded.ok).toBe(true);
    expect(loaded.output.match(/'datasets\/pid'/g)).toHaveLength(25);
    const labels = mlcroissant(['load', '--jsonld', path.join(dir, 'croissant.json'), '--record_set', 'labels', '--num_records', '100']);
    expect(labels.output.match(/'labels\/label_id'/g)).toHaveLength(36);
  }, 240_000);

  test('the Parquet copy holds the same records', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parquet-'));
    require('node:fs').writeFileSync(path.join(dir, 'd.parquet'), files['datasets.parquet']);
    const reader = await ParquetReader.openFile(path.join(dir, 'd.parquet'));
    expect(Number(reader.getRowCount())).toBe(25);
    const cursor = reader.getCursor();
    const first: any = await cursor.next();
    expect(first.pid).toBe('exp/a00');
    expect(Number(first.size)).toBe(300);
    await reader.close();
  });

  test('provenance records the request, the user and the catalog version', () => {
    const p = JSON.parse(files['provenance.json'].toString());
    expect(p).toMatchObject({ requestedBy: { subject: 'alice', role: 'user', groups: [GROUP_A] }, catalog: { version: '0.1.0' }, selection: { datasets: 25 }, request: { name: 'Crystal quality', labelSets: ['quality', 'diffraction'] } });
  });

  test('the same selection and seed give the same split; only the owner may download', async () => {
    const again = await h.gql(CREATE, { input: { ...REQUEST, formats: ['JSONL'], includeFiles: false } }, h.tokens.alice);
    const second = await waitFor(again.data.createExport.id);
    const rows2 = jsonl((await download(second.files.find((f: any) => f.name === 'datasets.jsonl').url)).body);
    const split = (rs: any[]) => rs.map((r) => `${r.pid}:${r.split}`);
    expect(split(rows2)).toEqual(split(jsonl(files['datasets.jsonl'])));
    expect(second.files.map((f: any) => f.name)).not.toContain('datasets.csv');
    expect((await download(job.files[0].url, h.tokens.bob)).status).toBe(404);
    expect((await h.gql(JOB, { id: job.id }, h.tokens.bob)).data.exportJob).toBeNull();
    expect((await download(`/exports/${job.id}/nope.txt`)).status).toBe(404);
    // a file removed from the folder afterwards is GONE, with its name
    const folder = path.join(h.cfg.exportDir, second.id);
    const name = second.files[0].name;
    require('node:fs').renameSync(path.join(folder, name), path.join(folder, `${name}.moved`));
    const gone = await download(second.files[0].url);
    expect(gone.status).toBe(410);
    expect(gone.body.toString()).toContain(`GONE: ${name} is no longer in the export folder`);
    require('node:fs').renameSync(path.join(folder, `${name}.moved`), path.join(folder, name));
    expect((await download(second.files[0].url)).status).toBe(200);
  }, 60_000);

  test('another user\'s export holds only what they may see', async () => {
    const r = await h.gql(CREATE, { input: { name: 'B', filter: { instrumentId: 'instrument/bl-x' }, labelSets: ['quality'] } }, h.tokens.bob);
    const done = await waitFor(r.data.createExport.id, h.tokens.bob);
    const get = async (n: string) => jsonl((await download(done.files.find((f: any) => f.name === n).url, h.tokens.bob)).body);
    expect((await get('datasets.jsonl')).map((d) => d.pid)).toEqual(['exp/b00', 'exp/b01']);
    expect((await get('labels.jsonl')).map((l) => l.dataset_pid)).toEqual(['exp/b00']);
  }, 60_000);
});

describe('a metadata column with values of several types (issue 15, kind 2: Parquet)', () => {
  test('is text in JSONL, CSV, Parquet and Croissant alike, with the quantity\'s unit beside it; the job never fails with an internal message', async () => {
    const s = h.app.services;
    await s.instruments.upsert(SYSTEM, { pid: 'instrument/bl-mixed', uniqueName: 'BL-MIXED', name: 'Mixed', ownerGroup: 'facility', isPublished: true });
    const values: unknown[] = [5, 'n/a', { value: 3, unit: 'mm' }, 2.5, true, { nested: [1, 2] }];
    // `big` holds whole numbers beyond 2^53: not exact as integers, so the column is a float
    const big = [1, 2, 1e300, -1e20, 3, 4];
    await s.datasets.upsertMany(SYSTEM, values.map((mixed, i) => rawDataset(`exp/mixed-${i}`, GROUP_A, { instrumentId: 'instrument/bl-mixed', scientificMetadata: { mixed, plain: i, big: big[i] } })));
    await s.search.reads.settle();
    const r = await h.gql(CREATE, { input: { name: 'Mixed', filter: { instrumentId: 'instrument/bl-mixed' }, labelSets: ['quality'], metadataFields: ['mixed', 'plain', 'big'] } }, h.tokens.alice);
    expect(r.errors).toBeUndefined();
    const done = await waitFor(r.data.createExport.id);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: null });
    const get = async (name: string) => (await download(done.files.find((f: any) => f.name === name).url)).body;
    const expected = ['5', 'n/a', '3', '2.5', 'true', '{"nested":[1,2]}'];
    const rows = (await get('datasets.jsonl')).toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.md_mixed)).toEqual(expected);
    expect(rows.map((x) => x.md_mixed_unit)).toEqual([null, null, 'mm', null, null, null]);
    expect(rows.map((x) => x.md_plain)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.map((x) => x.md_big)).toEqual([1, 2, 1e300, -1e20, 3, 4]);
    const csv = (await get('datasets.csv')).toString().split('\r\n');
    const col = csv[0].split(',').indexOf('md_mixed');
    expect(csv.slice(1, 4).map((line) => line.split(',')[col])).toEqual(['5', 'n/a', '3']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mixed-'));
    require('node:fs').writeFileSync(path.join(dir, 'd.parquet'), await get('datasets.parquet'));
    const reader = await ParquetReader.openFile(path.join(dir, 'd.parquet'));
    const cursor = reader.getCursor();
    const fromParquet: unknown[] = [];
    for (let rec: any = await cursor.next(); rec; rec = await cursor.next()) fromParquet.push(rec.md_mixed);
    await reader.close();
    expect(fromParquet).toEqual(expected);
    const ld = JSON.parse((await get('croissant.json')).toString());
    const fields = ld.recordSet.find((x: any) => x['@id'] === 'datasets').field;
    expect(fields.find((f: any) => f.name === 'md_mixed').dataType).toBe('sc:Text');
    expect(fields.find((f: any) => f.name === 'md_plain').dataType).toBe('sc:Integer');
    expect(fields.find((f: any) => f.name === 'md_big').dataType).toBe('sc:Float');
  }, 60_000);
});

describe('cancel and resume', () => {
  const runner = () => new ExportRunner(h.app.services, h.app.services.exports, { catalogName: 'Test', publicUrl: () => base, version: '0.1.0', batchSize: 4 });
  const recordFiles = ['datasets.jsonl', 'datasets.csv', 'labels.jsonl', 'labels.csv', 'files.jsonl', 'files.csv', 'datasets.parquet'];
  const digests = (job: any) => Object.fromEntries(job.outputs.filter((o: any) => recordFiles.includes(o.name)).map((o: any) => [o.name, o.sha256]));

  test('a cancelled export resumed from its checkpoint gives exactly the files of an uninterrupted run', async () => {
    const s = h.app.services.exports;
    await h.app.worker!.stop(); // this test runs the jobs itself
    const whole = await s.create(ALICE, { ...REQUEST, split: { ...REQUEST.split, groupBy: 'sample' } } as any);
    expect(await runner().run((await s.claim('t-whole', whole._id))!, 't-whole')).toBe('completed');

    const cut = await s.create(ALICE, { ...REQUEST, split: { ...REQUEST.split, groupBy: 'sample' } } as any);
    let batches = 0;
    const outcome = await runner().run((await s.claim('t-cut', cut._id))!, 't-cut', async (p) => {
      if (p.phase === 'write' && ++batches === 2) await s.cancel(ALICE, cut._id);
    });
    expect(outcome).toBe('cancelled');
    const stopped = (await s.get(ALICE, cut._id))!;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.checkpoint!.lastPid).toBeTruthy();
    expect(stopped.progress.done).toBeLessThan(25);
    // a crash after the checkpoint leaves bytes behind: the resumed run cuts them off
    appendFileSync(path.join(stopped.outDir, 'datasets.jsonl'), '{"partial":');
    expect(codes(await h.gql(`mutation($id: ID!) { cancelExport(id: $id) { id } }`, { id: cut._id }, h.tokens.alice))).toEqual(['INVALID_TRANSITION']);
    await s.resume(ALICE, cut._id);
    expect(await runner().run((await s.claim('t-cut-2', cut._id))!, 't-cut-2')).toBe('completed');
    const a = (await s.get(ALICE, whole._id))!;
    const b = (await s.get(ALICE, cut._id))!;
    expect(b.runs).toBe(2);
    expect(digests(b)).toEqual(digests(a));
    expect(Object.keys(digests(a))).toHaveLength(7);
    expect(readFileSync(path.join(b.outDir, 'datasets.jsonl'), 'utf8')).not.toContain('partial');
  }, 120_000);

  test('a job whose worker died is taken over when its lease runs out', async () => {
    const s = h.app.services.exports;
    h.app.worker!.start();
    const job = await s.create(ALICE, { name: 'orphan', filter: { instrumentId: 'instrument/bl-x' } });
    await s.col.updateOne({ _id: job._id }, { $set: { status: 'running', runs: 1, lease: { worker: 'dead-worker', until: new Date(Date.now() - 1000) } } });
    const done = await waitFor(job._id);
    expect(done).toMatchObject({ status: 'completed', runs: 2 });
  }, 60_000);
});

describe('jobs are listed and claimed by key reads (the job history is never scanned)', () => {
  test('each user sees their own jobs newest first, stewards see all; a worker takes the oldest open job', async () => {
    const s = h.app.services.exports;
    await h.app.worker!.stop(); // this test claims the jobs itself
    const bob = { subject: 'bob', role: 'user', groups: [GROUP_B], via: 'token' } as any;
    const first = await s.create(ALICE, { name: 'k1', filter: { instrumentId: 'instrument/bl-x' } });
    const mine = await s.create(bob, { name: 'k2', filter: {} });
    const last = await s.create(ALICE, { name: 'k3', filter: { instrumentId: 'instrument/bl-x' } });
    const w = watchFilters(h.db.client);
    const r = await h.gql(`{ exportJobs(first: 2) { id name status } }`, {}, h.tokens.alice);
    const all = await h.gql(`{ exportJobs(first: 500) { id } }`, {}, h.tokens.steward);
    const taken = await s.claim('t-keyed');
    w.stop();
    expect(r.errors).toBeUndefined();
    expect(r.data.exportJobs).toEqual([last, first].map((j) => ({ id: j._id, name: j.request.name, status: 'queued' })));
    const ids = all.data.exportJobs.map((j: any) => j.id);
    expect(ids.slice(0, 3)).toEqual([last._id, mine._id, first._id]);
    expect(ids).toHaveLength(await s.col.countDocuments({}));
    // the oldest open job: earlier tests' jobs have all ended, and ended jobs leave the open list
    expect(taken).toMatchObject({ _id: first._id, status: 'running', lease: { worker: 't-keyed' } });
    expect(await s.claim('t-keyed-2', first._id)).toBeNull();
    expect(scans(w.sent)).toEqual([]);
    for (const j of [mine, last]) await s.cancel(SYSTEM, j._id);
    await s.col.updateOne({ _id: first._id }, { $set: { status: 'cancelled', lease: null } });
    expect(await s.claim('t-keyed-3')).toBeNull();
    h.app.worker!.start();
  });
});

describe('bad requests get a clear error and create no job', () => {
  test.each([
    [{ ...REQUEST, labelSets: ['quality', 'nosuch'] }, 'BAD_USER_INPUT', /unknown label set "nosuch" \(\/labelSets\[1\]\)/],
    [{ ...REQUEST, split: { train: 0.8, validation: 0.3, test: 0.1 } }, 'VALIDATION_FAILED', /\/split train \+ validation \+ test must be 1 \(got 1\.2\)/],
    [{ ...REQUEST, split: { train: 1.5, validation: -0.5, test: 0 } }, 'VALIDATION_FAILED', /\/split\/train must be a ratio between 0 and 1/],
    [{ ...REQUEST, filter: { instrumentId: 'instrument/none' } }, 'BAD_USER_INPUT', /the selection is empty/],
    [{ ...REQUEST, metadataFields: ['beamline..energy'] }, 'VALIDATION_FAILED', /\/metadataFields\/0 "beamline\.\.energy" is not a metadata path/],
    [{ ...REQUEST, metadataFields: ['beamline.  '] }, 'VALIDATION_FAILED', /\/metadataFields\/0 "beamline\.  " is not a metadata path/],
    [{ ...REQUEST, metadataFields: ['beam\u0000line'] }, 'VALIDATION_FAILED', /\/metadataFields\/0 .* is not a metadata path/],
    [{ ...REQUEST, name: ' ' }, 'VALIDATION_FAILED', /\/name is required/],
  ])('%#', async (input, code, msg) => {
    const before = await h.app.services.exports.col.countDocuments({});
    const r = await h.gql(CREATE, { input }, h.tokens.alice);
    expect(codes(r)).toEqual([code]);
    expect(r.errors![0].message).toMatch(msg);
    expect(await h.app.services.exports.col.countDocuments({})).toBe(before);
  });

  test('a filter field the dataset filter does not have is refused, named, before any job exists (the CLI path; it used to select everything)', async () => {
    const s = h.app.services.exports;
    const before = await s.col.countDocuments({});
    for (const [filter, at] of [[{ nope: 1 }, '/filter/nope'], [{ $where: '1', instrumentId: 'instrument/bl17u1' }, '/filter/$where'], [[1], '/filter']] as const) {
      const e = await s.create(ALICE, { ...REQUEST, filter } as any).then(() => null, (x) => x);
      expect(e?.code).toBe('VALIDATION_FAILED');
      expect(e.details.problems.map((p: any) => p.path)).toContain(at);
    }
    expect(await s.col.countDocuments({})).toBe(before);
  });

  test('a metadata key the store renamed (a dot kept as "．") is named as metadataKeys lists it', async () => {
    const r = await h.gql(CREATE, { input: { ...REQUEST, metadataFields: ['beam．size', 'sample temperature.value'] } }, h.tokens.alice);
    expect(r.errors).toBeUndefined();
    await h.app.services.exports.cancel(SYSTEM, r.data.createExport.id).catch(() => undefined);
  });

  test('anonymous callers may not export; unknown jobs are not found; a finished job cannot be resumed', async () => {
    expect(codes(await h.gql(CREATE, { input: REQUEST }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.gql(`mutation { cancelExport(id: "exp-00000000-0000-0000-0000-000000000000") { id } }`, {}, h.tokens.alice))).toEqual(['NOT_FOUND']);
    const [done] = await h.app.services.exports.list(ALICE, 50).then((js) => js.filter((j) => j.status === 'completed'));
    expect(codes(await h.gql(`mutation($id: ID!) { resumeExport(id: $id) { id } }`, { id: done._id }, h.tokens.alice))).toEqual(['INVALID_TRANSITION']);
    expect(codes(await h.gql(`mutation($id: ID!) { resumeExport(id: $id) { id } }`, { id: done._id }, carol))).toEqual(['NOT_FOUND']);
  });
});
