// Generated, deterministic content for the ISPyB-style database: the same seed and size give the same
// rows on MariaDB and PostgreSQL. Rows are produced a chunk of data collections at a time, so loading
// 100,000 collections holds one chunk in memory.
import { TABLES, type Table } from './ispyb.schema';

export type Row = Record<string, unknown>;
export type Rows = Map<string, Row[]>;

export interface MxSize {
  collections: number;
  /** Data collections per proposal (default 500). */
  perProposal?: number;
  seed?: number;
}

const BEAMLINES = ['BL17U1', 'BL18U1', 'BL19U1'];
const PROGRAMS = ['xia2 dials', 'autoPROC', 'fast_dp'];
const SPACE_GROUPS = ['P 21 21 21', 'P 43 21 2', 'C 2', 'P 1', 'I 2 3', 'P 61 2 2'];
const PROTEINS = ['Lysozyme', 'Thaumatin', 'Insulin', 'Proteinase K', 'Glucose isomerase', 'Thermolysin', 'Trypsin', 'Concanavalin A'];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** "YYYY-MM-DD hh:mm:ss", the way the beamline database stores local times. */
export function naive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const BASE = Date.UTC(2026, 2, 1, 8, 0, 0);

export function proposalNumber(p: number): string {
  return String(20265001 + p);
}

export function layout(size: MxSize) {
  const per = size.perProposal ?? 500;
  const proposals = Math.max(1, Math.ceil(size.collections / per));
  return { per, proposals, sessionsPer: 4, proteinsPer: 3, crystalsPer: 2, samplesPer: 2 };
}

/** The fixed rows: people, proposals, sessions, proteins, crystals, samples, detectors, beamline set-ups. */
export function staticRows(size: MxSize): Rows {
  const r = rng(size.seed ?? 42);
  const L = layout(size);
  const rows: Rows = new Map(TABLES.map((t) => [t.name, []]));
  const push = (t: string, row: Row) => rows.get(t)!.push(row);
  for (let d = 1; d <= 3; d++) {
    push('Detector', {
      detectorId: d, detectorType: 'Photon counting', detectorManufacturer: 'Dectris', detectorModel: ['EIGER2 X 16M', 'PILATUS3 6M', 'EIGER2 X 9M'][d - 1], detectorSerialNumber: `E-32-0${d}1${d}`,
      detectorPixelSizeHorizontal: d === 2 ? 0.172 : 0.075, detectorPixelSizeVertical: d === 2 ? 0.172 : 0.075, sensorThickness: 0.45, detectorMaxResolution: 0.8, detectorMinResolution: 50,
      detectorDistanceMin: 100, detectorDistanceMax: 1200, numberOfPixelsX: [4148, 2463, 3108][d - 1], numberOfPixelsY: [4362, 2527, 3262][d - 1], detectorMode: 'ROI',
    });
    push('BeamLineSetup', {
      beamLineSetupId: d, synchrotronName: 'SSRF', synchrotronMode: 'top-up', undulatorType1: 'IVU25', focusingOptic: 'KB mirrors', monochromatorType: 'Si(111) DCM',
      beamDivergenceHorizontal: 80, beamDivergenceVertical: 20, polarisation: 0.99, minExposureTimePerImage: 0.002, goniostatMaxOscillationSpeed: 360, goniostatMinOscillationWidth: 0.01,
      minTransmission: 0.1, maxExpTimePerDataCollection: 3600, CS: 0, setupDate: naive(BASE - 86_400_000 * 30 * d),
    });
  }
  let person = 0, session = 0, protein = 0, crystal = 0, sample = 0;
  for (let p = 0; p < L.proposals; p++) {
    const pid = p + 1;
    person++;
    push('Person', { personId: person, givenName: ['Ada', 'Max', 'Lin', 'Rosalind', 'Dorothy'][p % 5], familyName: ['Hodgkin', 'Perutz', 'Wang', 'Franklin', 'Crowfoot'][p % 5], emailAddress: `pi${pid}@facility.example.org`, login: `pi${pid}`, orcid: `0000-0002-${String(1000 + pid).padStart(4, '0')}-000${pid % 10}` });
    push('Proposal', { proposalId: pid, personId: person, proposalCode: 'mx', proposalNumber: proposalNumber(p), title: `Structures of ${PROTEINS[p % PROTEINS.length]} variants, part ${pid}`, proposalType: 'MX', state: 'Open', bltimeStamp: naive(BASE - 86_400_000 * 60) });
    for (let s = 0; s < L.sessionsPer; s++) {
      session++;
      const start = BASE + (p * L.sessionsPer + s) * 86_400_000;
      push('BLSession', { sessionId: session, proposalId: pid, beamLineName: BEAMLINES[(p + s) % BEAMLINES.length], visit_number: s + 1, startDate: naive(start), endDate: naive(start + 86_400_000 - 1000), beamLineOperator: 'Local contact', scheduled: 1, comments: null });
    }
    for (let q = 0; q < L.proteinsPer; q++) {
      protein++;
      const name = PROTEINS[(p + q) % PROTEINS.length];
      push('Protein', { proteinId: protein, proposalId: pid, name, acronym: `${name.slice(0, 3).toUpperCase()}${q + 1}`, molecularMass: Math.round(10000 + r() * 50000), sequence: 'KVFGRCELAAAMKRHGLDNYRGYSLGNWVCAAKFESNFNTQATNRNTDGSTDYGILQINSRWWCNDGRTPGSRNLCNIPCSALLSSDITASVNCAKKIVSDGNGMNAWVAWRNRCKGTDVQAWIRGCRL', proteinType: 'Enzyme' });
      for (let c = 0; c < L.crystalsPer; c++) {
        crystal++;
        push('Crystal', { crystalId: crystal, proteinId: protein, name: `${name} crystal ${c + 1}`, spaceGroup: SPACE_GROUPS[(crystal) % SPACE_GROUPS.length], cell_a: 79.1 + r(), cell_b: 79.1 + r(), cell_c: 37.9 + r(), cell_alpha: 90, cell_beta: 90, cell_gamma: 90, size_X: 50 + r() * 100, size_Y: 50 + r() * 100, size_Z: 20 + r() * 50, morphology: 'rod', color: 'colourless' });
        for (let b = 0; b < L.samplesPer; b++) {
          sample++;
          push('BLSample', { blSampleId: sample, crystalId: crystal, name: `${name.replace(/\s+/g, '')}-${pid}-${c + 1}${String.fromCharCode(97 + b)}`, code: `PUCK${String(sample).padStart(4, '0')}`, location: (sample % 16) + 1, holderLength: 22, loopType: 'MiTeGen', comments: 'cryo-cooled in 25% glycerol', recordTimeStamp: naive(BASE - 86_400_000) });
        }
      }
    }
  }
  return rows;
}

/** Data collections [from, to) with their groups, grid scans, screenings, auto-processing and phasing. */
export function collectionRows(size: MxSize, from: number, to: number): Rows {
  const L = layout(size);
  const rows: Rows = new Map(TABLES.map((t) => [t.name, []]));
  const push = (t: string, row: Row) => rows.get(t)!.push(row);
  for (let i = from; i < to; i++) {
    const r = rng((size.seed ?? 42) * 1_000_003 + i);
    const dc = i + 1;
    const p = Math.min(Math.floor(i / L.per), L.proposals - 1);
    const inP = i - p * L.per;
    const session = p * L.sessionsPer + (inP % L.sessionsPer) + 1;
    const sample = p * L.proteinsPer * L.crystalsPer * L.samplesPer + (Math.floor(inP / 2) % (L.proteinsPer * L.crystalsPer * L.samplesPer)) + 1;
    const dcg = Math.floor(i / 2) + 1;
    const start = BASE + (p * L.sessionsPer + (inP % L.sessionsPer)) * 86_400_000 + Math.floor(inP / L.sessionsPer) * 120_000;
    const kind = ['OSC', 'OSC', 'Mesh', 'Characterization', 'SAD'][dcg % 5];
    if (i % 2 === 0 || i === from) {
      if (i % 2 === 0) {
        push('DataCollectionGroup', { dataCollectionGroupId: dcg, sessionId: session, blSampleId: sample, experimentType: kind, startTime: naive(start), endTime: naive(start + 240_000), crystalClass: null, detectorMode: 'ROI', actualSampleBarcode: `BC${dcg}`, comments: null });
        if (kind === 'Mesh') push('GridInfo', { gridInfoId: dcg, dataCollectionGroupId: dcg, xOffset: 0, yOffset: 0, dx_mm: 0.01, dy_mm: 0.01, pixelsPerMicronX: 0.8, pixelsPerMicronY: 0.8, snapshot_offsetXPixel: 320, snapshot_offsetYPixel: 240, steps_x: 20, steps_y: 12, meshAngle: 0, orientation: 'horizontal' });
      }
    }
    const wavelength = [0.9792, 0.9795, 1.0332, 0.7749][i % 4];
    const images = kind === 'Characterization' ? 4 : kind === 'Mesh' ? 240 : 3600;
    const prefix = `${['lyso', 'thau', 'ins', 'prk'][i % 4]}_${dc}`;
    push('DataCollection', {
      dataCollectionId: dc, dataCollectionGroupId: dcg, detectorId: (i % 3) + 1, beamLineSetupId: (i % 3) + 1, dataCollectionNumber: (i % 2) + 1,
      startTime: naive(start + (i % 2) * 120_000), endTime: naive(start + (i % 2) * 120_000 + 100_000), runStatus: 'DataCollection Successful', numberOfImages: images, startImageNumber: 1, numberOfPasses: 1,
      axisStart: 0, axisEnd: images * 0.1, axisRange: 0.1, overlap: 0, exposureTime: 0.01 + Math.round(r() * 100) / 1000, wavelength, detectorDistance: 150 + Math.round(r() * 3000) / 10, xBeam: 155.1 + r(), yBeam: 163.7 + r(),
      resolution: 1.2 + Math.round(r() * 200) / 100, resolutionAtCorner: 1.0 + r(), transmission: Math.round(r() * 100), flux: 1e12 * (1 + r()), flux_end: 1e12 * (1 + r()), beamSizeAtSampleX: 0.05, beamSizeAtSampleY: 0.02,
      slitGapVertical: 0.1, slitGapHorizontal: 0.1, kappaStart: 0, phiStart: r() * 360, chiStart: 0, omegaStart: 0, detector2Theta: 0, undulatorGap1: 7.5 + r(), undulatorGap2: null, ringCurrent: 200 + r() * 2,
      averageTemperature: 100, rotationAxis_tilt: 0, focalSpotSizeAtSampleX: 0.05, focalSpotSizeAtSampleY: 0.02, rotationAxis: 'Omega',
      imageDirectory: `/data/ssrf/mx/${proposalNumber(p)}/${naive(start).slice(0, 10).replace(/-/g, '')}/${prefix}`, imagePrefix: prefix, imageSuffix: 'h5', fileTemplate: `${prefix}_master.h5`,
      synchrotronMode: 'top-up', printableForReport: 1, totalFileSize: images * 4_194_304 + (i % 997), comments: i % 7 === 0 ? 'good diffraction to the edge' : null, lastUpdate: naive(start + 400_000),
    });
    if (kind === 'Characterization') {
      push('Screening', { screeningId: dc, dataCollectionId: dc, programVersion: 'EDNA 2.1', shortComments: 'EDNAStrategy', bltimeStamp: naive(start + 300_000) });
      push('ScreeningOutput', { screeningOutputId: dc, screeningId: dc, mosaicity: 0.1 + r() * 0.3, spotsResolution: 1.5 + r(), rankingResolution: 1.6 + r(), beamShiftX: r() / 10, beamShiftY: r() / 10, iOverSigma: 10 + r() * 10, totalSpotsCount: Math.round(500 + r() * 2000), goodBraggCandidates: Math.round(300 + r() * 1000), indexingSuccess: 1, strategySuccess: 1 });
    }
    if (kind !== 'Mesh' && kind !== 'Characterization') {
      PROGRAMS.forEach((prog, k) => {
        const app = dc * 3 + k;
        push('AutoProcProgram', { autoProcProgramId: app, dataCollectionId: dc, processingPrograms: prog, processingCommandLine: `${prog.split(' ')[0]} image=${prefix}_master.h5`, processingStatus: k === 2 && i % 11 === 0 ? 0 : 1, processingMessage: 'processing successful', processingStartTime: naive(start + 200_000), processingEndTime: naive(start + 200_000 + 60_000 * (k + 1)), processingEnvironment: 'cluster' });
        push('AutoProcIntegration', { autoProcIntegrationId: app, autoProcProgramId: app, dataCollectionId: dc, spaceGroup: SPACE_GROUPS[dc % SPACE_GROUPS.length], cell_a: 79.2 + r() / 5, cell_b: 79.2 + r() / 5, cell_c: 38 + r() / 5, cell_alpha: 90, cell_beta: 90, cell_gamma: 90, refinedXBeam: 155.2, refinedYBeam: 163.8, refinedDetectorDistance: 200, rotationAxisX: 1, rotationAxisY: 0, rotationAxisZ: 0, anomalous: kind === 'SAD' ? 1 : 0, startImageNumber: 1, endImageNumber: images });
        const hi = 1.3 + k * 0.05 + Math.round(r() * 100) / 100;
        ['overall', 'innerShell', 'outerShell'].forEach((shell, s) => {
          push('AutoProcScalingStatistics', {
            autoProcScalingStatisticsId: app * 3 + s, autoProcIntegrationId: app, scalingStatisticsType: shell,
            resolutionLimitLow: s === 2 ? hi + 0.05 : 40, resolutionLimitHigh: s === 1 ? 5.0 : hi, rMerge: [0.06, 0.03, 0.9][s] + r() / 50, rMeasWithinIPlusIMinus: 0.07, rMeasAllIPlusIMinus: 0.07, rPimWithinIPlusIMinus: 0.03, rPimAllIPlusIMinus: 0.03,
            meanIOverSigI: [14, 40, 1.5][s] + r(), completeness: [99.5, 99.9, 97][s] + r() / 2, multiplicity: [6.5, 6.2, 6.0][s] + r(), anomalousCompleteness: 98, anomalousMultiplicity: 3.2, ccHalf: [0.998, 0.999, 0.55][s], ccAnomalous: 0.1, fractionalPartialBias: 0,
            nTotalObservations: Math.round(300000 + r() * 100000), nTotalUniqueObservations: Math.round(50000 + r() * 10000),
          });
        });
      });
    }
    if (kind === 'SAD') push('Phasing', { phasingId: dc, dataCollectionId: dc, method: 'SAD', spaceGroup: SPACE_GROUPS[dc % SPACE_GROUPS.length], solventContent: 0.35 + r() / 10, enantiomorph: 0, lowRes: 40, highRes: 1.8, figureOfMerit: 0.3 + r() / 3, pseudoFreeCC: 60 + r() * 20, numberOfSites: 8, programs: 'SHELXC/D/E' });
  }
  return rows;
}

export function tableOf(name: string): Table {
  return TABLES.find((t) => t.name === name)!;
}
