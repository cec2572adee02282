// An ISPyB-style MX beamline database (the relational model MX beamlines at ESRF, Diamond, MAX IV and
// others keep): proposal → session → data collection group → data collection, with protein → crystal →
// sample, grid scans, screening, auto-processing (program, integration, scaling statistics per shell)
// and phasing. Column names follow ISPyB's. One definition yields DDL for MariaDB and PostgreSQL.

export type Dialect = 'mariadb' | 'postgres';
export type Col = [name: string, type: 'id' | 'ref' | 'int' | 'bigint' | 'float' | 'str' | 'text' | 'datetime' | 'bool'];

export interface Table {
  name: string;
  cols: Col[];
  index?: string[];
}

const f = (...names: string[]): Col[] => names.map((n) => [n, 'float']);
const shellStats = f('resolutionLimitLow', 'resolutionLimitHigh', 'rMerge', 'rMeasWithinIPlusIMinus', 'rMeasAllIPlusIMinus', 'rPimWithinIPlusIMinus', 'rPimAllIPlusIMinus', 'meanIOverSigI', 'completeness', 'multiplicity', 'anomalousCompleteness', 'anomalousMultiplicity', 'ccHalf', 'ccAnomalous', 'fractionalPartialBias');

export const TABLES: Table[] = [
  { name: 'Person', cols: [['personId', 'id'], ['givenName', 'str'], ['familyName', 'str'], ['emailAddress', 'str'], ['login', 'str'], ['orcid', 'str']] },
  { name: 'Proposal', cols: [['proposalId', 'id'], ['personId', 'ref'], ['proposalCode', 'str'], ['proposalNumber', 'str'], ['title', 'str'], ['proposalType', 'str'], ['state', 'str'], ['bltimeStamp', 'datetime']] },
  { name: 'BLSession', cols: [['sessionId', 'id'], ['proposalId', 'ref'], ['beamLineName', 'str'], ['visit_number', 'int'], ['startDate', 'datetime'], ['endDate', 'datetime'], ['beamLineOperator', 'str'], ['scheduled', 'bool'], ['comments', 'text']], index: ['proposalId'] },
  { name: 'Protein', cols: [['proteinId', 'id'], ['proposalId', 'ref'], ['name', 'str'], ['acronym', 'str'], ['molecularMass', 'float'], ['sequence', 'text'], ['proteinType', 'str']] },
  { name: 'Crystal', cols: [['crystalId', 'id'], ['proteinId', 'ref'], ['name', 'str'], ['spaceGroup', 'str'], ...f('cell_a', 'cell_b', 'cell_c', 'cell_alpha', 'cell_beta', 'cell_gamma', 'size_X', 'size_Y', 'size_Z'), ['morphology', 'str'], ['color', 'str']] },
  { name: 'BLSample', cols: [['blSampleId', 'id'], ['crystalId', 'ref'], ['name', 'str'], ['code', 'str'], ['location', 'int'], ['holderLength', 'float'], ['loopType', 'str'], ['comments', 'text'], ['recordTimeStamp', 'datetime']] },
  { name: 'Detector', cols: [['detectorId', 'id'], ['detectorType', 'str'], ['detectorManufacturer', 'str'], ['detectorModel', 'str'], ['detectorSerialNumber', 'str'], ...f('detectorPixelSizeHorizontal', 'detectorPixelSizeVertical', 'sensorThickness', 'detectorMaxResolution', 'detectorMinResolution', 'detectorDistanceMin', 'detectorDistanceMax'), ['numberOfPixelsX', 'int'], ['numberOfPixelsY', 'int'], ['detectorMode', 'str']] },
  { name: 'BeamLineSetup', cols: [['beamLineSetupId', 'id'], ['synchrotronName', 'str'], ['synchrotronMode', 'str'], ['undulatorType1', 'str'], ['focusingOptic', 'str'], ['monochromatorType', 'str'], ...f('beamDivergenceHorizontal', 'beamDivergenceVertical', 'polarisation', 'minExposureTimePerImage', 'goniostatMaxOscillationSpeed', 'goniostatMinOscillationWidth', 'minTransmission', 'maxExpTimePerDataCollection', 'CS'), ['setupDate', 'datetime']] },
  { name: 'DataCollectionGroup', cols: [['dataCollectionGroupId', 'id'], ['sessionId', 'ref'], ['blSampleId', 'ref'], ['experimentType', 'str'], ['startTime', 'datetime'], ['endTime', 'datetime'], ['crystalClass', 'str'], ['detectorMode', 'str'], ['actualSampleBarcode', 'str'], ['comments', 'text']], index: ['sessionId'] },
  { name: 'GridInfo', cols: [['gridInfoId', 'id'], ['dataCollectionGroupId', 'ref'], ...f('xOffset', 'yOffset', 'dx_mm', 'dy_mm', 'pixelsPerMicronX', 'pixelsPerMicronY', 'snapshot_offsetXPixel', 'snapshot_offsetYPixel'), ['steps_x', 'int'], ['steps_y', 'int'], ['meshAngle', 'float'], ['orientation', 'str']], index: ['dataCollectionGroupId'] },
  {
    name: 'DataCollection',
    cols: [
      ['dataCollectionId', 'id'], ['dataCollectionGroupId', 'ref'], ['detectorId', 'ref'], ['beamLineSetupId', 'ref'], ['dataCollectionNumber', 'int'],
      ['startTime', 'datetime'], ['endTime', 'datetime'], ['runStatus', 'str'], ['numberOfImages', 'int'], ['startImageNumber', 'int'], ['numberOfPasses', 'int'],
      ...f('axisStart', 'axisEnd', 'axisRange', 'overlap', 'exposureTime', 'wavelength', 'detectorDistance', 'xBeam', 'yBeam', 'resolution', 'resolutionAtCorner', 'transmission', 'flux', 'flux_end', 'beamSizeAtSampleX', 'beamSizeAtSampleY', 'slitGapVertical', 'slitGapHorizontal', 'kappaStart', 'phiStart', 'chiStart', 'omegaStart', 'detector2Theta', 'undulatorGap1', 'undulatorGap2', 'ringCurrent', 'averageTemperature', 'rotationAxis_tilt', 'focalSpotSizeAtSampleX', 'focalSpotSizeAtSampleY'),
      ['rotationAxis', 'str'], ['imageDirectory', 'str'], ['imagePrefix', 'str'], ['imageSuffix', 'str'], ['fileTemplate', 'str'], ['synchrotronMode', 'str'], ['printableForReport', 'bool'],
      ['totalFileSize', 'bigint'], ['comments', 'text'], ['lastUpdate', 'datetime'],
    ],
    index: ['dataCollectionGroupId', 'lastUpdate'],
  },
  { name: 'Screening', cols: [['screeningId', 'id'], ['dataCollectionId', 'ref'], ['programVersion', 'str'], ['shortComments', 'str'], ['bltimeStamp', 'datetime']], index: ['dataCollectionId'] },
  { name: 'ScreeningOutput', cols: [['screeningOutputId', 'id'], ['screeningId', 'ref'], ...f('mosaicity', 'spotsResolution', 'rankingResolution', 'beamShiftX', 'beamShiftY', 'iOverSigma'), ['totalSpotsCount', 'int'], ['goodBraggCandidates', 'int'], ['indexingSuccess', 'bool'], ['strategySuccess', 'bool']], index: ['screeningId'] },
  { name: 'AutoProcProgram', cols: [['autoProcProgramId', 'id'], ['dataCollectionId', 'ref'], ['processingPrograms', 'str'], ['processingCommandLine', 'str'], ['processingStatus', 'int'], ['processingMessage', 'str'], ['processingStartTime', 'datetime'], ['processingEndTime', 'datetime'], ['processingEnvironment', 'str']], index: ['dataCollectionId'] },
  { name: 'AutoProcIntegration', cols: [['autoProcIntegrationId', 'id'], ['autoProcProgramId', 'ref'], ['dataCollectionId', 'ref'], ['spaceGroup', 'str'], ...f('cell_a', 'cell_b', 'cell_c', 'cell_alpha', 'cell_beta', 'cell_gamma', 'refinedXBeam', 'refinedYBeam', 'refinedDetectorDistance', 'rotationAxisX', 'rotationAxisY', 'rotationAxisZ'), ['anomalous', 'bool'], ['startImageNumber', 'int'], ['endImageNumber', 'int']], index: ['autoProcProgramId'] },
  { name: 'AutoProcScalingStatistics', cols: [['autoProcScalingStatisticsId', 'id'], ['autoProcIntegrationId', 'ref'], ['scalingStatisticsType', 'str'], ...shellStats, ['nTotalObservations', 'int'], ['nTotalUniqueObservations', 'int']], index: ['autoProcIntegrationId'] },
  { name: 'Phasing', cols: [['phasingId', 'id'], ['dataCollectionId', 'ref'], ['method', 'str'], ['spaceGroup', 'str'], ...f('solventContent', 'enantiomorph', 'lowRes', 'highRes', 'figureOfMerit', 'pseudoFreeCC'), ['numberOfSites', 'int'], ['programs', 'str']], index: ['dataCollectionId'] },
];

const SQL_TYPE: Record<Dialect, Record<Col[1], string>> = {
  mariadb: { id: 'BIGINT NOT NULL PRIMARY KEY', ref: 'BIGINT NULL', int: 'INT NULL', bigint: 'BIGINT NULL', float: 'DOUBLE NULL', str: 'VARCHAR(255) NULL', text: 'TEXT NULL', datetime: 'DATETIME NULL', bool: 'TINYINT(1) NULL' },
  postgres: { id: 'BIGINT NOT NULL PRIMARY KEY', ref: 'BIGINT NULL', int: 'INTEGER NULL', bigint: 'BIGINT NULL', float: 'DOUBLE PRECISION NULL', str: 'VARCHAR(255) NULL', text: 'TEXT NULL', datetime: 'TIMESTAMP NULL', bool: 'SMALLINT NULL' },
};

export function quote(d: Dialect, n: string): string {
  return d === 'mariadb' ? `\`${n}\`` : `"${n}"`;
}

/** DROP and CREATE statements (with indexes) for `tables` (default: this database's) in dialect `d`. */
export function ddl(d: Dialect, tables: Table[] = TABLES): string[] {
  const out: string[] = [];
  for (const t of [...tables].reverse()) out.push(`DROP TABLE IF EXISTS ${quote(d, t.name)}`);
  for (const t of tables) {
    out.push(`CREATE TABLE ${quote(d, t.name)} (${t.cols.map(([n, ty]) => `${quote(d, n)} ${SQL_TYPE[d][ty]}`).join(', ')})${d === 'mariadb' ? ' ENGINE=InnoDB' : ''}`);
    for (const c of t.index ?? []) out.push(`CREATE INDEX ${quote(d, `ix_${t.name}_${c}`)} ON ${quote(d, t.name)} (${quote(d, c)})`);
  }
  return out;
}
