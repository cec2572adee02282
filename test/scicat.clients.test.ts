// SciCat REST (issue 17) as facilities' own clients use it: pyscicat 0.4.8 and scitacean 26.10 from PyPI
// (installed by npm test into .cache/scicat-clients) run their documented flows against the catalog over
// HTTP, then the same records are read back through GraphQL and found by search, field for field.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startHarness, type Harness } from './helpers/harness';

let h: Harness;
let base: string;
const PASSWORD = 'correct horse battery staple';
const SCRIPT = path.join(ROOT, 'test', 'python', 'scicat_flows.py');

beforeAll(async () => {
  h = await startHarness('scicat-clients');
  base = new URL(h.app.url).origin;
  await h.app.services.accounts.set('ingestor1', PASSWORD, 'ingestor', ['pA'], 'ingest@facility.example.org');
}, 60_000);
afterAll(async () => h?.close());

/** Runs one flow with the real client; not execFileSync, since the catalog answering it runs in this process. */
async function flow(name: 'pyscicat' | 'scitacean', ...extra: string[]): Promise<any> {
  const python = process.env.SCICAT_PYTHON;
  if (!python) throw new Error('SCICAT_PYTHON is not set: run npm test (scripts/test.sh installs pyscicat and scitacean into .cache/scicat-clients)');
  const work = mkdtempSync(path.join(os.tmpdir(), `scicat-${name}-`));
  try {
    const { stdout } = await promisify(execFile)(python, [SCRIPT, name, base, 'ingestor1', PASSWORD, work, ...extra], { encoding: 'utf8', timeout: 120_000 });
    return { ...JSON.parse(stdout), work };
  } catch (e) {
    throw new Error(`the ${name} flow failed: ${(e as { stderr?: string }).stderr ?? e}`);
  }
}

async function settle(): Promise<void> {
  const s = h.app.services.search;
  await s.reads.settle();
  await s.sync.drain().catch(() => undefined);
  s.reads.invalidate();
  await s.backend.es().indices.refresh({ index: s.backend.alias });
}

describe('pyscicat and scitacean against the catalog', () => {
  let py: any;

  test('pyscicat: sample, proposal, instrument, raw dataset, its block and attachment; find, get_many, update, delete', async () => {
    py = await flow('pyscicat');
    expect([py.sample, py.proposal, py.instrument, py.pid]).toEqual(['als-sample-1', 'als-prop-1', 'als-bl832', '20.500.12269/als-scan-1']);
    expect(py.block).toMatchObject({ datasetId: py.pid, size: 3000, ownerGroup: 'pA', dataFileList: [{ path: 'scan1.h5', size: 1000, chk: 'aa11' }, { path: 'frames/0001.tif', size: 2000 }] });
    expect(py.attachment).toMatchObject({ datasetId: py.pid, caption: 'first projection', ownerGroup: 'pA', accessGroups: ['bl832'] });
    expect([py.found, py.many, py.instrumentByName]).toEqual([[py.pid], [py.pid], 'als-bl832']);
    expect(py.blocks.map((b: any) => b.dataFileList.length)).toEqual([2]);
    expect(py.updated).toMatchObject({ pid: py.pid, datasetName: 'tomo scan 1 (reconstructed)', proposalId: 'als-prop-1', sampleId: 'als-sample-1', size: 3000, numberOfFiles: 2 });
    expect(py.deletedReadsAs).toBe(`Error in operation datasets_get_one: {'statusCode': 404, 'message': 'Dataset "20.500.12269/als-test-delete" not found', 'error': 'Not Found'}`);
  }, 180_000);

  test('the pyscicat records read back through GraphQL field for field, and search finds them', async () => {
    await settle();
    const g = await h.gql(
      `{ dataset(pid: "20.500.12269/als-scan-1") { datasetName owner contactEmail creationLocation principalInvestigator sourceFolder sourceFolderHost creationTime endTime dataFormat
           proposalIds sampleIds instrumentId keywords size numberOfFiles scientificMetadata techniques { pid name } ownerGroup accessGroups createdBy
           proposals { title } samples { description } instrument { name uniqueName } attachments { caption thumbnail } files(first: 5) { nodes { path size chk } } } }`,
      {},
      h.tokens.alice,
    );
    expect(g.errors).toBeUndefined();
    expect(g.data.dataset).toEqual({
      datasetName: 'tomo scan 1 (reconstructed)', owner: 'Ada', contactEmail: 'ada@facility.example.org', creationLocation: '/ALS/BL832', principalInvestigator: 'Ada Lovelace',
      sourceFolder: '/data/als/scan1', sourceFolderHost: 'data832.als.lbl.gov', creationTime: '2026-11-20T10:00:00.000Z', endTime: '2026-11-20T10:30:00.000Z', dataFormat: 'DXfile',
      proposalIds: ['als-prop-1'], sampleIds: ['als-sample-1'], instrumentId: 'als-bl832', keywords: ['tomography', 'bone'], size: 3000, numberOfFiles: 2,
      scientificMetadata: { energy: { value: 25, unit: 'keV' }, exposure: { value: 0.1, unit: 's' } }, techniques: [{ pid: 'http://purl.org/pan-science/PaNET/PaNET01190', name: 'tomography' }],
      ownerGroup: 'pA', accessGroups: ['bl832'], createdBy: 'ingestor1',
      proposals: [{ title: 'Bone microstructure' }], samples: [{ description: 'Bone, 2 mm' }], instrument: { name: 'ALS BL 8.3.2', uniqueName: 'ALS BL 8.3.2' },
      attachments: [{ caption: 'first projection', thumbnail: expect.stringMatching(/^data:image\/png;base64,/) }],
      files: { nodes: [{ path: 'scan1.h5', size: 1000, chk: 'aa11' }, { path: 'frames/0001.tif', size: 2000, chk: null }] },
    });
    const s = await h.gql(`{ search(input: { text: "microstructure bone", kinds: [DATASET] }) { totalCount hits { id } } }`, {}, h.tokens.alice);
    expect(s.data.search).toEqual({ totalCount: 1, hits: [{ id: '20.500.12269/als-scan-1' }] });
    // bob is in neither pA nor bl832: the records are in none of his reads
    const bob = await h.gql(`{ dataset(pid: "20.500.12269/als-scan-1") { pid } search(input: { text: "bone" }) { totalCount } }`, {}, h.tokens.bob);
    expect(bob.data).toEqual({ dataset: null, search: { totalCount: 0 } });
  });

  test('scitacean: downloads a dataset, uploads a new one with files and an attachment (v4 routes), reads a derived dataset with its inputs', async () => {
    const derived = await h.gql(
      `mutation { createDataset(input: { pid: "20.500.12269/als-recon-1", type: derived, owner: "Ada", contactEmail: "ada@facility.example.org", sourceFolder: "/data/als/recon1",
         creationTime: "2026-11-22T00:00:00Z", inputDatasets: ["20.500.12269/als-scan-1"], usedSoftware: ["tomopy 1.15"], ownerGroup: "pA" }) { pid } }`,
      {},
      h.tokens.ingestorA,
    );
    expect(derived.errors).toBeUndefined();
    const sc = await flow('scitacean', '20.500.12269/als-recon-1');
    expect(sc.downloaded).toEqual({ name: 'tomo scan 1 (reconstructed)', files: ['frames/0001.tif', 'scan1.h5'], size: 3000, proposals: ['als-prop-1'], attachments: [['first projection', 'image/png']] });
    expect(sc.uploaded.files).toEqual([['notes.txt', 16, 'blake2b'], ['sample.nxs', 1200, 'blake2b']]);
    expect(sc.uploaded.copied).toEqual(['notes.txt', 'sample.nxs']);
    expect(sc.derived).toEqual({ type: 'derived', inputs: ['20.500.12269/als-scan-1'], software: ['tomopy 1.15'] });
    const g = await h.gql(`query($pid: String!) { dataset(pid: $pid) { datasetName proposalIds principalInvestigator numberOfFiles size scientificMetadata attachments { caption } files(first: 5) { nodes { path size chk } } } }`, { pid: sc.uploaded.pid }, h.tokens.alice);
    expect(g.data.dataset).toMatchObject({ datasetName: 'ESS scan via scitacean', proposalIds: ['als-prop-1'], principalInvestigator: 'Grace Hopper', numberOfFiles: 2, size: 1216, scientificMetadata: { temperature: { value: 293.1, unit: 'K' } }, attachments: [{ caption: 'detector image' }] });
    expect(g.data.dataset.files.nodes.map((f: any) => [f.path, f.size, f.chk.length])).toEqual([['sample.nxs', 1200, 128], ['notes.txt', 16, 128]]);
  }, 180_000);
});
