// Many datasets for benchmarks: N raw MX datasets (~400 metadata keys each) spread over proposals and
// samples, each with one small origdatablock, and a publication per proposal. Written in batches
// through the same services as every other write.
import { systemIdentity, type Identity } from '../src/auth';
import type { Services } from '../src/app/services';
import { mxMetadata, rng } from './metadata';

export const BULK_GROUP = 'bench';
export const DATASETS_PER_PROPOSAL = 1000;

export const bulkPid = (i: number) => `20.500.12345/bench-${String(i).padStart(7, '0')}`;

export function bulkDataset(i: number, r = rng(i + 1)): Record<string, any> {
  const proposalId = `bench-${String(Math.floor(i / DATASETS_PER_PROPOSAL)).padStart(4, '0')}`;
  return {
    pid: bulkPid(i),
    type: 'raw',
    datasetName: `bench dataset ${i}`,
    description: 'generated for benchmarks',
    keywords: ['bench', 'MX'],
    owner: 'Bench User',
    contactEmail: 'bench@example.org',
    sourceFolder: `/data/bench/${proposalId}/${i}`,
    creationTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    creationLocation: '/Demo Synchrotron/BL17U1',
    instrumentId: 'instrument/bl17u1',
    proposalIds: [proposalId],
    sampleIds: [`${proposalId}-s${i % 10}`],
    ownerGroup: BULK_GROUP,
    accessGroups: ['bl17u1-staff'],
    isPublished: false,
    scientificMetadata: mxMetadata(r),
  };
}

export async function seedBulk(services: Services, n: number, opts: { batch?: number; onProgress?: (done: number) => void; identity?: Identity; skipDatasets?: boolean } = {}): Promise<void> {
  const id = opts.identity ?? systemIdentity('seed');
  const batch = opts.batch ?? 500;
  await services.instruments.upsert(id, { pid: 'instrument/bl17u1', uniqueName: 'BL17U1', name: 'BL17U1 macromolecular crystallography beamline', ownerGroup: 'facility', isPublished: true });
  const proposals = Math.ceil(n / DATASETS_PER_PROPOSAL);
  for (let p = 0; p < proposals; p++) {
    const proposalId = `bench-${String(p).padStart(4, '0')}`;
    await services.proposals.upsert(id, { proposalId, title: `Benchmark proposal ${p}`, ownerGroup: BULK_GROUP, email: 'bench@example.org' });
    await services.samples.upsertMany(id, Array.from({ length: 10 }, (_, s) => ({ sampleId: `${proposalId}-s${s}`, proposalId, ownerGroup: BULK_GROUP, description: `bench sample ${s}` })));
  }
  for (let start = 0; !opts.skipDatasets && start < n; start += batch) {
    const docs = Array.from({ length: Math.min(batch, n - start) }, (_, k) => bulkDataset(start + k));
    await services.datasets.upsertMany(id, docs);
    await services.origDatablocks.upsertMany(
      id,
      docs.map((d) => ({
        datasetId: d.pid, chunkIndex: 0, chkAlg: 'sha256', ownerGroup: BULK_GROUP,
        dataFileList: Array.from({ length: 5 }, (_, f) => ({ path: `${d.sourceFolder}/image_${f}.cbf`, size: 6_291_456 + f })),
      })),
    );
    opts.onProgress?.(start + docs.length);
  }
  for (let p = 0; p < proposals; p++) {
    const first = p * DATASETS_PER_PROPOSAL;
    await services.publications.upsert(id, {
      id: `10.99999/bench.${p}`, doi: `10.99999/bench.${p}`, title: `Benchmark data ${p}`, creator: [{ name: 'Bench, User' }], publisher: 'Demo Synchrotron',
      publicationYear: 2026, ownerGroup: BULK_GROUP, status: 'draft',
      datasetPids: [...new Set(Array.from({ length: 20 }, (_, k) => bulkPid(Math.min(first + k * 7, n - 1))))],
    });
  }
}
