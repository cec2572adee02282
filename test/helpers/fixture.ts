// A small catalog with records of two groups, one shared and one published, for access and relation tests.
import type { Services } from '../../src/app/services';
import { GROUP_A, GROUP_B, rawDataset, SYSTEM } from './harness';

export const F = {
  instrument: 'instrument/bl-test',
  proposalA: 'PA-001',
  proposalB: 'PB-001',
  sampleA: 'sample-a1',
  sampleB: 'sample-b1',
  dsA: ['ds/a1', 'ds/a2', 'ds/a3'],
  dsB: ['ds/b1', 'ds/b2'],
  shared: 'ds/b-shared-with-a',
  published: 'ds/pub1',
  derivedA: 'ds/a1-derived',
  publicationA: 'pub/a',
  publicationPub: '10.99999/pub.1',
};

/** Pids visible to each identity in the fixture (anonymous sees the published one only). */
export const VISIBLE = {
  anonymous: [F.published],
  alice: [...F.dsA, F.derivedA, F.shared, F.published],
  bob: [...F.dsB, F.shared, F.published],
  ingestorA: [...F.dsA, F.derivedA, F.shared, F.published],
  admin: [...F.dsA, F.derivedA, ...F.dsB, F.shared, F.published],
};

export async function seedFixture(s: Services): Promise<void> {
  await s.instruments.upsert(SYSTEM, { pid: F.instrument, uniqueName: 'BL-TEST', name: 'Test beamline', ownerGroup: 'facility', isPublished: true });
  await s.proposals.upsert(SYSTEM, { proposalId: F.proposalA, title: 'Proposal of group A', ownerGroup: GROUP_A });
  await s.proposals.upsert(SYSTEM, { proposalId: F.proposalB, title: 'Proposal of group B', ownerGroup: GROUP_B });
  await s.samples.upsert(SYSTEM, { sampleId: F.sampleA, proposalId: F.proposalA, ownerGroup: GROUP_A, description: 'lysozyme crystal' });
  await s.samples.upsert(SYSTEM, { sampleId: F.sampleB, proposalId: F.proposalB, ownerGroup: GROUP_B, description: 'sandstone core' });
  const common = (g: string, p: string, smp: string) => ({ instrumentId: F.instrument, proposalIds: [p], sampleIds: [smp] });
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 2, 1, 10, minute++)).toISOString();
  for (const pid of F.dsA) await s.datasets.upsert(SYSTEM, rawDataset(pid, GROUP_A, { ...common(GROUP_A, F.proposalA, F.sampleA), creationTime: at(), keywords: ['lysozyme', 'MX'] }));
  for (const pid of F.dsB) await s.datasets.upsert(SYSTEM, rawDataset(pid, GROUP_B, { ...common(GROUP_B, F.proposalB, F.sampleB), creationTime: at(), keywords: ['sandstone'] }));
  await s.datasets.upsert(SYSTEM, rawDataset(F.shared, GROUP_B, { ...common(GROUP_B, F.proposalB, F.sampleB), accessGroups: [GROUP_A], creationTime: at() }));
  await s.datasets.upsert(SYSTEM, rawDataset(F.published, GROUP_B, { ...common(GROUP_B, F.proposalB, F.sampleB), isPublished: true, creationTime: at() }));
  await s.datasets.upsert(SYSTEM, {
    ...rawDataset(F.derivedA, GROUP_A, { ...common(GROUP_A, F.proposalA, F.sampleA), creationTime: at() }),
    type: 'derived', creationLocation: undefined, inputDatasets: [F.dsA[0]], usedSoftware: ['XDS'],
  });
  for (const pid of [...F.dsA, ...F.dsB, F.shared, F.published]) {
    await s.origDatablocks.addFiles(SYSTEM, pid, [1, 2, 3].map((i) => ({ path: `/data/${pid}/f${i}.h5`, size: 1000 * i })), { startChunk: 0 });
  }
  await s.publications.upsert(SYSTEM, { id: F.publicationA, title: 'A paper', creator: [{ name: 'A, Alice' }], publisher: 'Test', publicationYear: 2026, datasetPids: [F.dsA[0], F.dsB[0]], ownerGroup: GROUP_A });
  await s.publications.upsert(SYSTEM, {
    id: F.publicationPub, doi: F.publicationPub, title: 'Published data', creator: [{ name: 'B, Bob' }], publisher: 'Test', publicationYear: 2026,
    datasetPids: [F.published], ownerGroup: GROUP_B, isPublished: true, status: 'findable',
    relatedPublications: [{ identifier: '10.1107/S000000', identifierType: 'DOI', relationType: 'IsSupplementTo' }],
  });
}
