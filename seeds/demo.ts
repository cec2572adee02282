// The demo set: two beamlines (MX and tomography), their proposals, samples, raw and derived datasets
// with ~400 metadata keys each, files, and one published DOI. Written through the services, so every
// record is validated like any other write. Re-running it changes nothing (upserts by natural id).
import { systemIdentity, type Identity } from '../src/auth';
import type { Services } from '../src/app/services';
import type { DataFileRecord as DataFile } from '../src/catalog/origdatablock/origdatablock.service';
import { mxMetadata, rng, tomoMetadata, type Rng } from './metadata';
import { seedLabels } from './labels';

export const DEMO = {
  instruments: [
    { uniqueName: 'BL17U1', name: 'BL17U1 macromolecular crystallography beamline', technique: 'macromolecular crystallography', pid: 'instrument/bl17u1' },
    { uniqueName: 'BL13W1', name: 'BL13W1 X-ray imaging and tomography beamline', technique: 'X-ray tomography', pid: 'instrument/bl13w1' },
  ],
  /** Groups: each proposal has its own; users are members of the proposals they work on. */
  proposals: [
    { proposalId: '20261001', title: 'Ligand binding in hen egg-white lysozyme at room and cryo temperature', instrument: 'BL17U1', group: 'p20261001', pi: ['Wei', 'Zhang', 'wei.zhang@example.org'], published: true },
    { proposalId: '20261002', title: 'Structure of a thermostable thaumatin variant', instrument: 'BL17U1', group: 'p20261002', pi: ['Ana', 'Silva', 'ana.silva@example.org'], published: false },
    { proposalId: '20262001', title: 'Pore network of Berea sandstone under flow', instrument: 'BL13W1', group: 'p20262001', pi: ['Lars', 'Berg', 'lars.berg@example.org'], published: false },
    { proposalId: '20262002', title: 'Bone scaffold mineralisation in situ', instrument: 'BL13W1', group: 'p20262002', pi: ['Mei', 'Lin', 'mei.lin@example.org'], published: false },
  ],
  samples: {
    '20261001': ['lysozyme-apo', 'lysozyme-NAG3', 'lysozyme-RT'],
    '20261002': ['thaumatin-wt', 'thaumatin-T88A'],
    '20262001': ['berea-core-1', 'berea-core-2'],
    '20262002': ['scaffold-day7', 'scaffold-day21'],
  } as Record<string, string[]>,
  rawPerSample: 4,
  users: {
    alice: { groups: ['p20261001', 'p20261002'], role: 'user' },
    bob: { groups: ['p20262001'], role: 'user' },
    'bl17u1-adapter': { groups: ['p20261001', 'p20261002'], role: 'ingestor' },
  },
} as const;

const CHEMISTRY: Record<string, Record<string, unknown>> = {
  lysozyme: { protein: 'hen egg-white lysozyme', uniprot: 'P00698', molecularWeight: { value: 14.3, unit: 'kDa' }, crystallisation: 'NaCl 1.0 M, NaOAc pH 4.6' },
  thaumatin: { protein: 'thaumatin', uniprot: 'P02883', molecularWeight: { value: 22.2, unit: 'kDa' }, crystallisation: 'Na/K tartrate 0.9 M, ADA pH 6.5' },
  berea: { material: 'Berea sandstone', porosity: { value: 19.5, unit: '%' }, diameter: { value: 4, unit: 'mm' } },
  scaffold: { material: 'β-TCP scaffold seeded with MSC', diameter: { value: 3, unit: 'mm' }, medium: 'osteogenic' },
};

function pad(n: number, w = 3) {
  return String(n).padStart(w, '0');
}

function files(r: Rng, folder: string, n: number, kind: 'mx' | 'tomo', start: Date): DataFile[] {
  const out: DataFile[] = [];
  for (let i = 1; i <= n; i++) {
    const path = kind === 'mx' ? `${folder}/image_${pad(i, 5)}.cbf` : `${folder}/proj_${pad(i, 5)}.tif`;
    out.push({ path, size: Math.floor(6_000_000 + r() * 800_000), time: new Date(start.getTime() + i * 100), chk: hex(r, 64), uid: 'mxuser', gid: 'users', perm: '-rw-r--r--' });
  }
  return out;
}

function hex(r: Rng, n: number) {
  let s = '';
  while (s.length < n) s += Math.floor(r() * 0xffffffff).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

export interface SeedSummary {
  instruments: number;
  proposals: number;
  samples: number;
  datasets: number;
  files: number;
  publications: number;
  labelSets: number;
  labels: number;
}

export async function seedDemo(services: Services, identity: Identity = systemIdentity('seed')): Promise<SeedSummary> {
  const r = rng(20261121);
  const summary: SeedSummary = { instruments: 0, proposals: 0, samples: 0, datasets: 0, files: 0, publications: 0, labelSets: 0, labels: 0 };

  for (const i of DEMO.instruments) {
    await services.instruments.upsert(identity, {
      pid: i.pid, uniqueName: i.uniqueName, name: i.name, ownerGroup: 'facility', isPublished: true,
      customMetadata: { technique: i.technique, facility: 'Demo Synchrotron', source: 'undulator' },
    });
    summary.instruments++;
  }

  let day = Date.UTC(2026, 2, 2, 8, 0, 0);
  const publishedPids: string[] = [];
  const draftPids: string[] = [];
  for (const p of DEMO.proposals) {
    const inst = DEMO.instruments.find((i) => i.uniqueName === p.instrument)!;
    const mx = inst.uniqueName === 'BL17U1';
    const start = new Date(day);
    const end = new Date(day + 3 * 86400_000);
    await services.proposals.upsert(identity, {
      proposalId: p.proposalId, title: p.title, ownerGroup: p.group, isPublished: p.published,
      pi_firstname: p.pi[0], pi_lastname: p.pi[1], pi_email: p.pi[2], firstname: p.pi[0], lastname: p.pi[1], email: p.pi[2],
      abstract: `${p.title}. Beamtime on ${inst.uniqueName}.`, type: 'standard', startTime: start, endTime: end,
      measurementPeriodList: [{ id: `${p.proposalId}-1`, instrument: inst.uniqueName, start, end, comment: '72 h user beamtime' }],
    });
    summary.proposals++;

    let t = day + 3600_000;
    for (const sampleId of DEMO.samples[p.proposalId]) {
      const family = sampleId.split('-')[0];
      await services.samples.upsert(identity, {
        sampleId, proposalId: p.proposalId, ownerGroup: p.group, isPublished: p.published, owner: `${p.pi[0]} ${p.pi[1]}`,
        description: `${family} sample ${sampleId} for proposal ${p.proposalId}`, sampleCharacteristics: { ...CHEMISTRY[family], label: sampleId },
      });
      summary.samples++;

      for (let k = 1; k <= DEMO.rawPerSample; k++) {
        t += 47 * 60_000;
        const when = new Date(t);
        const folder = `/data/${inst.uniqueName.toLowerCase()}/${p.proposalId}/${sampleId}/run${pad(k, 2)}`;
        const pid = `20.500.12345/${p.proposalId}-${sampleId}-${pad(k, 2)}`;
        const common = {
          ownerGroup: p.group, accessGroups: [`${inst.uniqueName.toLowerCase()}-staff`], isPublished: p.published,
          owner: `${p.pi[0]} ${p.pi[1]}`, ownerEmail: p.pi[2], contactEmail: p.pi[2], principalInvestigator: `${p.pi[0]} ${p.pi[1]}`,
          instrumentId: inst.pid, proposalIds: [p.proposalId], sampleIds: [sampleId], license: 'CC-BY-4.0',
          techniques: [{ pid: mx ? 'PaNET01188' : 'PaNET01126', name: inst.technique }],
        };
        await services.datasets.upsert(identity, {
          ...common, pid, type: 'raw', datasetName: `${sampleId} ${mx ? 'diffraction' : 'scan'} ${k}`,
          description: mx ? `Rotation data of ${sampleId} on ${inst.uniqueName}` : `Tomographic scan of ${sampleId} on ${inst.uniqueName}`,
          keywords: [inst.uniqueName, sampleId.split('-')[0], mx ? 'MX' : 'tomography'], sourceFolder: folder, creationTime: when,
          creationLocation: `/Demo Synchrotron/${inst.uniqueName}`, scientificMetadata: mx ? mxMetadata(r) : tomoMetadata(r),
        });
        const nFiles = p.proposalId === '20262001' && sampleId === 'berea-core-1' && k === 1 ? 12_000 : mx ? 360 : 120;
        const fl = files(r, folder, nFiles, mx ? 'mx' : 'tomo', when);
        await services.origDatablocks.addFiles(identity, pid, fl, { chkAlg: 'sha256', startChunk: 0 });
        summary.datasets++;
        summary.files += fl.length;
        if (p.published && publishedPids.length < 2) publishedPids.push(pid);
        if (p.proposalId === '20262001' && draftPids.length < 3) draftPids.push(pid);

        if (k % 2 === 0) {
          const dpid = `${pid}-processed`;
          await services.datasets.upsert(identity, {
            ...common, pid: dpid, type: 'derived', datasetName: `${sampleId} ${mx ? 'processed (autoPROC)' : 'reconstruction'} ${k}`,
            description: mx ? `Integrated and scaled data from ${pid}` : `Reconstructed volume from ${pid}`,
            keywords: [inst.uniqueName, sampleId.split('-')[0], mx ? 'processed' : 'reconstruction'],
            sourceFolder: `${folder}/processed`, creationTime: new Date(t + 20 * 60_000), inputDatasets: [pid],
            usedSoftware: mx ? ['autoPROC 1.0.5', 'XDS 20240630', 'AIMLESS 0.7.13'] : ['TomoPy 1.15'],
            jobParameters: mx ? { anomalous: k % 4 === 0, highResolutionCutoff: 'auto' } : { algorithm: 'gridrec', center: 'auto' },
            jobLogData: 'finished successfully', scientificMetadata: mx ? mxMetadata(r, { derived: true }) : tomoMetadata(r, { derived: true }),
          });
          const out = mx ? [`${folder}/processed/truncate-unique.mtz`, `${folder}/processed/aimless.log`] : [`${folder}/processed/volume.h5`];
          await services.origDatablocks.addFiles(identity, dpid, out.map((path) => ({ path, size: Math.floor(1e6 + r() * 5e8), time: new Date(t + 20 * 60_000), chk: hex(r, 64) })), { chkAlg: 'sha256', startChunk: 0 });
          summary.datasets++;
          summary.files += out.length;
        }
      }
    }
    day += 14 * 86400_000;
  }

  await services.publications.upsert(identity, {
    id: '10.99999/demo.lysozyme.2026', doi: '10.99999/demo.lysozyme.2026', ownerGroup: 'p20261001', isPublished: true, status: 'findable',
    title: 'Diffraction data: ligand binding in hen egg-white lysozyme', publisher: 'Demo Synchrotron', publicationYear: 2026, resourceType: 'Dataset', license: 'CC-BY-4.0',
    abstract: 'Raw rotation data of lysozyme crystals soaked with NAG3, measured at 100 K on BL17U1.',
    creator: [{ name: 'Zhang, Wei', givenName: 'Wei', familyName: 'Zhang', orcid: '0000-0002-1825-0097', affiliation: 'Demo University' }],
    datasetPids: publishedPids,
    relatedPublications: [{ identifier: '10.1107/S2059798326000001', identifierType: 'DOI', relationType: 'IsSupplementTo' }],
    landingPage: 'http://127.0.0.1:4000/pid/10.99999/demo.lysozyme.2026',
  });
  summary.publications++;
  // a complete draft for the steward to approve and publish through the local DataCite server
  await services.publications.upsert(identity, {
    id: 'publication/demo-sandstone-draft', ownerGroup: 'p20262001',
    title: 'Tomography of Berea sandstone under flow', publisher: 'Demo Synchrotron', publicationYear: 2026, license: 'CC-BY-4.0',
    abstract: 'Raw projections of a Berea sandstone core during brine injection, BL13W1.',
    creator: [{ name: 'Berg, Lars', givenName: 'Lars', familyName: 'Berg', affiliation: 'Demo University' }],
    datasetPids: draftPids,
  });
  summary.publications++;
  Object.assign(summary, await seedLabels(services, r));
  return summary;
}
