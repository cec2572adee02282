// A second ISPyB-shaped beamline database, closer to ISPyB's upstream schema than seeds/mx: the same table and
// column names (BLSession, DataCollectionGroup, DataCollection with imageDirectory, fileTemplate,
// startImageNumber and numberOfImages; processing as AutoProcIntegration → AutoProcProgram → AutoProc →
// AutoProcScaling → AutoProcScalingStatistics), per-image files stored only as a template, and no last-update
// column anywhere. Deterministic: the same size gives the same rows on MariaDB and PostgreSQL.
import { ddl, type Col, type Table } from '../mx/ispyb.schema';
import type { Row, Rows } from '../mx/ispyb.data';
import { insertRows, type SqlTarget } from '../mx/ispyb.load';

const f = (...names: string[]): Col[] => names.map((n) => [n, 'float']);

export const UPSTREAM_TABLES: Table[] = [
  { name: 'Person', cols: [['personId', 'id'], ['givenName', 'str'], ['familyName', 'str'], ['emailAddress', 'str'], ['login', 'str']] },
  { name: 'Proposal', cols: [['proposalId', 'id'], ['personId', 'ref'], ['proposalCode', 'str'], ['proposalNumber', 'str'], ['title', 'str'], ['proposalType', 'str'], ['state', 'str']] },
  { name: 'BLSession', cols: [['sessionId', 'id'], ['proposalId', 'ref'], ['beamLineName', 'str'], ['visit_number', 'int'], ['startDate', 'datetime'], ['endDate', 'datetime'], ['scheduled', 'bool'], ['comments', 'text']], index: ['proposalId'] },
  { name: 'Protein', cols: [['proteinId', 'id'], ['proposalId', 'ref'], ['name', 'str'], ['acronym', 'str'], ['molecularMass', 'float']] },
  { name: 'Crystal', cols: [['crystalId', 'id'], ['proteinId', 'ref'], ['name', 'str'], ['spaceGroup', 'str'], ...f('cell_a', 'cell_b', 'cell_c')] },
  { name: 'BLSample', cols: [['blSampleId', 'id'], ['crystalId', 'ref'], ['name', 'str'], ['code', 'str'], ['location', 'int']] },
  { name: 'DataCollectionGroup', cols: [['dataCollectionGroupId', 'id'], ['sessionId', 'ref'], ['blSampleId', 'ref'], ['experimentType', 'str'], ['startTime', 'datetime'], ['endTime', 'datetime'], ['comments', 'text']], index: ['sessionId'] },
  {
    name: 'DataCollection',
    cols: [
      ['dataCollectionId', 'id'], ['dataCollectionGroupId', 'ref'], ['dataCollectionNumber', 'int'], ['startTime', 'datetime'], ['endTime', 'datetime'], ['runStatus', 'str'],
      ['numberOfImages', 'int'], ['startImageNumber', 'int'], ...f('axisStart', 'axisRange', 'exposureTime', 'wavelength', 'detectorDistance', 'transmission'),
      ['imageDirectory', 'str'], ['imagePrefix', 'str'], ['imageSuffix', 'str'], ['fileTemplate', 'str'], ['comments', 'text'],
    ],
    index: ['dataCollectionGroupId'],
  },
  { name: 'AutoProcProgram', cols: [['autoProcProgramId', 'id'], ['processingCommandLine', 'str'], ['processingPrograms', 'str'], ['processingStatus', 'int'], ['processingStartTime', 'datetime'], ['processingEndTime', 'datetime']] },
  { name: 'AutoProcIntegration', cols: [['autoProcIntegrationId', 'id'], ['dataCollectionId', 'ref'], ['autoProcProgramId', 'ref'], ['startImageNumber', 'int'], ['endImageNumber', 'int'], ['refinedDetectorDistance', 'float']], index: ['dataCollectionId'] },
  { name: 'AutoProc', cols: [['autoProcId', 'id'], ['autoProcProgramId', 'ref'], ['spaceGroup', 'str'], ...f('refinedCell_a', 'refinedCell_b', 'refinedCell_c')], index: ['autoProcProgramId'] },
  { name: 'AutoProcScaling', cols: [['autoProcScalingId', 'id'], ['autoProcId', 'ref'], ['recordTimeStamp', 'datetime']], index: ['autoProcId'] },
  {
    name: 'AutoProcScalingStatistics',
    cols: [['autoProcScalingStatisticsId', 'id'], ['autoProcScalingId', 'ref'], ['scalingStatisticsType', 'str'], ...f('resolutionLimitLow', 'resolutionLimitHigh', 'rMerge', 'meanIOverSigI', 'completeness', 'multiplicity', 'ccHalf')],
    index: ['autoProcScalingId'],
  },
];

export const UPSTREAM_BEAMLINES = ['i03', 'i04'];
/** File templates the fixture uses, in turn: a # run, printf %05d, and an Eiger master file with no number. */
const TEMPLATES = [(p: string) => `${p}_####.cbf`, (p: string) => `${p}_%05d.cbf`, (p: string) => `${p}_master.h5`];
const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const BASE = Date.UTC(2026, 5, 1, 9, 0, 0);

/** The folder of collection `dc`'s images, as the beamline writes it: /dls/<beamline>/data/2026/<visit>/<protein>/xtal<dc>. */
export function imageDirectory(dc: number): string {
  const s = Math.ceil(dc / 4);
  const p = Math.ceil(s / 2);
  return `/dls/${UPSTREAM_BEAMLINES[s % 2]}/data/2026/mx${30000 + p}-${s % 2 === 1 ? 1 : 2}/${['lyso', 'thau', 'ins'][dc % 3]}/xtal${dc}`;
}

/**
 * Rows for `collections` data collections (4 per session, 2 sessions per proposal); every third has no processing.
 * One more proposal follows with a session and a sample but no data collection (what a mapping's further roots find).
 */
export function upstreamRows(collections: number, opts: UpstreamOptions = {}): Rows {
  const rows = upstreamStatic(collections);
  const push = (t: string, r: Row) => rows.get(t)!.push(r);
  for (let dc = 1; dc <= collections; dc++) collectionRows(dc, push, opts.images);
  return rows;
}

export interface UpstreamOptions {
  /** Images of every collection (default: 3600, 1800, 900 and 1 in turn). */
  images?: number;
}

/**
 * Creates the tables in `t` (dropping them first) and loads `collections` data collections, 2,000 at a time, so memory
 * holds one chunk whatever the size. `onChunk` hears how many are loaded.
 */
export async function loadUpstream(t: SqlTarget, collections: number, opts: UpstreamOptions = {}, onChunk?: (done: number) => void): Promise<void> {
  for (const s of ddl(t.dialect, UPSTREAM_TABLES)) await t.exec(s);
  const write = async (rows: Rows) => {
    for (const tb of UPSTREAM_TABLES) await insertRows(t, tb.name, rows.get(tb.name) ?? [], UPSTREAM_TABLES);
  };
  await write(upstreamStatic(collections));
  for (let from = 1; from <= collections; from += 2000) {
    const rows: Rows = new Map(UPSTREAM_TABLES.map((tb) => [tb.name, [] as Row[]]));
    for (let dc = from; dc < Math.min(collections + 1, from + 2000); dc++) collectionRows(dc, (tb, r) => rows.get(tb)!.push(r), opts.images);
    await write(rows);
    onChunk?.(Math.min(collections, from + 1999));
  }
}

/** People, proposals, proteins, sessions, crystals and samples for `collections` data collections (and the one more proposal). */
function upstreamStatic(collections: number): Rows {
  const rows: Rows = new Map(UPSTREAM_TABLES.map((t) => [t.name, [] as Row[]]));
  const push = (t: string, r: Row) => rows.get(t)!.push(r);
  const sessions = Math.ceil(collections / 4);
  for (let s = 1; s <= sessions + 1; s++) {
    const p = s > sessions ? Math.ceil(sessions / 2) + 1 : Math.ceil(s / 2);
    if (s % 2 === 1 || s > sessions) {
      push('Person', { personId: p, givenName: ['Ada', 'Ben', 'Chen'][p % 3], familyName: ['Okafor', 'Lindqvist', 'Wei'][p % 3], emailAddress: `pi${p}@example.org`, login: `pi${p}` });
      push('Proposal', { proposalId: p, personId: p, proposalCode: 'mx', proposalNumber: String(30000 + p), title: `Structure of target ${p}`, proposalType: 'MX', state: 'Open' });
      push('Protein', { proteinId: p, proposalId: p, name: ['Lysozyme', 'Thaumatin', 'Insulin'][p % 3], acronym: ['lyso', 'thau', 'ins'][p % 3], molecularMass: [14313, 22205, 5808][p % 3] });
    }
    push('BLSession', { sessionId: s, proposalId: p, beamLineName: UPSTREAM_BEAMLINES[s % 2], visit_number: s % 2 === 1 ? 1 : 2, startDate: naive(BASE + s * 86_400_000), endDate: naive(BASE + s * 86_400_000 + 8 * 3_600_000), scheduled: 1 });
    push('Crystal', { crystalId: s, proteinId: p, name: `xtal-${s}`, spaceGroup: 'P 43 21 2', cell_a: 79.1, cell_b: 79.1, cell_c: 37.9 });
    push('BLSample', { blSampleId: s, crystalId: s, name: `sample-${s}`, code: `puck${s}`, location: s % 16 + 1 });
  }
  return rows;
}

function collectionRows(dc: number, push: (t: string, r: Row) => void, fixedImages?: number): void {
  const s = Math.ceil(dc / 4);
  const start = BASE + s * 86_400_000 + (dc % 4) * 600_000;
  const prefix = `${['lyso', 'thau', 'ins'][dc % 3]}_${dc}`;
  const images = fixedImages ?? ([3600, 1800, 900, 0][dc % 4] || 1);
  push('DataCollectionGroup', { dataCollectionGroupId: dc, sessionId: s, blSampleId: s, experimentType: dc % 4 === 3 ? 'Characterization' : 'OSC', startTime: naive(start), endTime: naive(start + 500_000) });
  push('DataCollection', {
    dataCollectionId: dc, dataCollectionGroupId: dc, dataCollectionNumber: 1, startTime: naive(start), endTime: naive(start + 500_000), runStatus: 'DataCollection Successful',
    numberOfImages: images, startImageNumber: 1, axisStart: 0, axisRange: 0.1, exposureTime: 0.01, wavelength: 0.9763, detectorDistance: 250 + dc, transmission: 20,
    imageDirectory: imageDirectory(dc), imagePrefix: prefix, imageSuffix: 'cbf', fileTemplate: TEMPLATES[dc % 3](prefix),
  });
  if (dc % 3 === 0) return;
  push('AutoProcProgram', { autoProcProgramId: dc, processingCommandLine: 'xia2 pipeline=dials', processingPrograms: 'xia2 dials', processingStatus: 1, processingStartTime: naive(start + 600_000), processingEndTime: naive(start + 1_800_000) });
  push('AutoProcIntegration', { autoProcIntegrationId: dc, dataCollectionId: dc, autoProcProgramId: dc, startImageNumber: 1, endImageNumber: images, refinedDetectorDistance: 250.2 + dc });
  push('AutoProc', { autoProcId: dc, autoProcProgramId: dc, spaceGroup: 'P 43 21 2', refinedCell_a: 79.05, refinedCell_b: 79.05, refinedCell_c: 37.88 });
  push('AutoProcScaling', { autoProcScalingId: dc, autoProcId: dc, recordTimeStamp: naive(start + 1_800_000) });
  ['overall', 'innerShell', 'outerShell'].forEach((type, i) =>
    push('AutoProcScalingStatistics', { autoProcScalingStatisticsId: dc * 3 + i, autoProcScalingId: dc, scalingStatisticsType: type, resolutionLimitLow: [60, 60, 1.6][i], resolutionLimitHigh: [1.5, 4.1, 1.5][i], rMerge: [0.061, 0.032, 0.52][i], meanIOverSigI: [14.2, 38.5, 1.9][i], completeness: [99.8, 99.9, 98.7][i], multiplicity: [6.5, 6.1, 6.3][i], ccHalf: [0.999, 0.999, 0.61][i] }),
  );
}
