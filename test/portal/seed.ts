// The catalog the portal's browser tests read: two groups' beamlines, proposals, samples and datasets
// (MX with energies in keV and eV, tomography with voxel sizes in µm), a derived dataset, a dataset with
// 45 files, a published one, and a label set.
import type { Services } from '../../src/app/services';
import { SYSTEM } from '../helpers/harness';

export const P = {
  groupA: 'pA',
  groupB: 'pB',
  mx: ['mx/a1', 'mx/a2', 'mx/a3', 'mx/a4', 'mx/a5'],
  derived: 'mx/a1-refined',
  tomo: ['tomo/b1', 'tomo/b2', 'tomo/b3'],
  published: 'tomo/public-1',
  filesOf: 'mx/a1',
  files: 45,
};

const ENERGY = [{ value: 12, unit: 'keV' }, { value: 12500, unit: 'eV' }, { value: 11000, unit: 'eV' }, { value: 9, unit: 'keV' }, { value: 13.5, unit: 'keV' }];

/** Writes the portal's test catalog through the services, as the system. */
export async function seedPortal(s: Services): Promise<void> {
  await s.instruments.upsert(SYSTEM, { pid: 'bl17u1', uniqueName: 'BL17U1', name: 'BL17U1 macromolecular crystallography', ownerGroup: 'facility', isPublished: true });
  await s.instruments.upsert(SYSTEM, { pid: 'bl13w1', uniqueName: 'BL13W1', name: 'BL13W1 tomography', ownerGroup: 'facility', isPublished: true });
  await s.proposals.upsert(SYSTEM, { proposalId: 'PA-2026', title: 'Lysozyme structures at room temperature', ownerGroup: P.groupA });
  await s.proposals.upsert(SYSTEM, { proposalId: 'PB-2026', title: 'Trabecular bone microstructure', ownerGroup: P.groupB, isPublished: false });
  await s.samples.upsert(SYSTEM, { sampleId: 'S-A1', description: 'lysozyme crystal', proposalId: 'PA-2026', ownerGroup: P.groupA });
  await s.samples.upsert(SYSTEM, { sampleId: 'S-B1', description: 'femur slice', proposalId: 'PB-2026', ownerGroup: P.groupB });
  const base = { owner: 'Ada Lovelace', contactEmail: 'ada@facility.example.org', creationLocation: '/SSRF/BL17U1' };
  for (const [i, pid] of P.mx.entries()) {
    await s.datasets.upsert(SYSTEM, {
      ...base, pid, type: 'raw', datasetName: `lysozyme scan ${i + 1}`, description: `diffraction of lysozyme at ${ENERGY[i].value} ${ENERGY[i].unit}`,
      sourceFolder: `/data/mx/${i}`, creationTime: `2026-0${(i % 3) + 3}-1${i}T10:00:00Z`, instrumentId: 'bl17u1', proposalIds: ['PA-2026'], sampleIds: ['S-A1'],
      keywords: ['mx', i % 2 ? 'room-temperature' : 'cryo'], ownerGroup: P.groupA, scientificMetadata: { energy: ENERGY[i], detector: { distance: { value: 200 + i * 10, unit: 'mm' } } },
    });
  }
  await s.datasets.upsert(SYSTEM, {
    ...base, pid: P.derived, type: 'derived', datasetName: 'refined lysozyme model', sourceFolder: '/data/mx/refined', creationTime: '2026-05-20T09:00:00Z',
    inputDatasets: [P.mx[0]], usedSoftware: ['phenix 1.21'], proposalIds: ['PA-2026'], ownerGroup: P.groupA, keywords: ['mx', 'model'],
  });
  for (const [i, pid] of P.tomo.entries()) {
    await s.datasets.upsert(SYSTEM, {
      ...base, owner: 'Grace Hopper', pid, type: 'raw', datasetName: `bone tomogram ${i + 1}`, sourceFolder: `/data/tomo/${i}`, creationTime: `2026-04-0${i + 1}T08:00:00Z`,
      creationLocation: '/SSRF/BL13W1', instrumentId: 'bl13w1', proposalIds: ['PB-2026'], sampleIds: ['S-B1'], keywords: ['tomo'], ownerGroup: P.groupB,
      scientificMetadata: { voxelSize: { value: 0.65 * (i + 1), unit: 'µm' }, secretTomoKey: 'b-only' },
    });
  }
  await s.datasets.upsert(SYSTEM, {
    ...base, pid: P.published, type: 'raw', datasetName: 'public bone tomogram', sourceFolder: '/data/tomo/public', creationTime: '2026-02-01T08:00:00Z', creationLocation: '/SSRF/BL13W1',
    instrumentId: 'bl13w1', ownerGroup: P.groupB, isPublished: true, keywords: ['tomo', 'open'], scientificMetadata: { voxelSize: { value: 1.3, unit: 'µm' } },
  });
  await s.origDatablocks.addFiles(SYSTEM, P.filesOf, Array.from({ length: P.files }, (_, i) => ({ path: `frames/frame_${String(i).padStart(4, '0')}.cbf`, size: 1000 + i, chk: `sha256-${i}` })), { chkAlg: 'sha256' });
  await s.publications.upsert(SYSTEM, { id: 'pub/lysozyme-2026', title: 'Lysozyme at room temperature: data', creator: [{ name: 'Lovelace, Ada' }], publisher: 'SSRF', publicationYear: 2026, datasetPids: [P.mx[0], P.derived], ownerGroup: P.groupA });
  await s.labelSets.declare(SYSTEM, { name: 'quality', kind: 'like', description: 'is this dataset usable?' } as never, async function* () {});
}
