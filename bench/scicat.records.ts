// The records of the SciCat REST bench (bench/scicat.ts): an ALS tomography scan as pyscicat 0.4.8 sends it
// (RawDataset.model_dump(exclude_none=True), ~30 metadata quantities, and one block of files), deterministic.

type Json = Record<string, any>;

/** A deterministic pseudo-random number in [0, 1) for scan `i`, draw `k`. */
function rand(i: number, k: number): number {
  let h = (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** ~30 scientific metadata keys of an ALS 8.3.2 tomography scan (ingest_tomo832's keys), each {value, unit}. */
function scanMetadata(i: number): Json {
  const r = (k: number, lo: number, hi: number, digits = 3) => +(lo + rand(i, k) * (hi - lo)).toFixed(digits);
  const int = (k: number, lo: number, hi: number) => Math.floor(lo + rand(i, k) * (hi - lo + 1));
  return {
    energy: { value: r(1, 10, 40), unit: 'keV' },
    exposure_time: { value: r(2, 0.01, 2), unit: 's' },
    num_angles: { value: int(3, 1000, 3000), unit: '' },
    rotation_range: { value: 180, unit: 'deg' },
    pixel_size: { value: r(4, 0.65, 6.5, 2), unit: 'um' },
    camera_distance: { value: r(5, 10, 200, 1), unit: 'mm' },
    camera_elevation: { value: r(6, -5, 5), unit: 'mm' },
    dimension_x: { value: 2560, unit: 'pixel' },
    dimension_y: { value: int(7, 200, 2160), unit: 'pixel' },
    binning_x: { value: 1, unit: '' },
    binning_y: { value: 1, unit: '' },
    detector_model: { value: i % 3 ? 'PCO Edge 5.5' : 'PCO.dimax', unit: '' },
    detector_temperature: { value: r(8, 5, 25, 1), unit: 'degC' },
    dark_field_value: { value: int(9, 90, 110), unit: 'counts' },
    delay_time: { value: r(10, 0, 50, 1), unit: 'ms' },
    scintillator_type: { value: ['LuAG', 'LYSO', 'CdWO4'][i % 3], unit: '' },
    camera_objective: { value: [2, 5, 10][i % 3], unit: 'x' },
    attenuator_filter_y: { value: r(11, 0, 30, 2), unit: 'mm' },
    mono_z2: { value: r(12, 0, 100, 2), unit: 'mm' },
    mono_temperature_tc2: { value: r(13, 20, 30, 2), unit: 'degC' },
    mono_temperature_tc3: { value: r(14, 20, 30, 2), unit: 'degC' },
    hslits_size: { value: r(15, 1, 40, 2), unit: 'mm' },
    hslits_center: { value: r(16, -2, 2), unit: 'mm' },
    vslits_lead_flag: { value: r(17, 0, 10, 2), unit: 'mm' },
    source_current: { value: r(18, 495, 502, 2), unit: 'mA' },
    num_dark_fields: { value: int(19, 10, 40), unit: '' },
    num_flat_fields: { value: int(20, 10, 40), unit: '' },
    i0_move_x: { value: r(21, -20, 20, 2), unit: 'mm' },
    tile_xnumimg: { value: int(22, 1, 4), unit: '' },
    tile_ynumimg: { value: int(23, 1, 4), unit: '' },
    blur_limit: { value: r(24, 0.5, 2, 2), unit: 'pixel' },
    acquisition_name: { value: `scan_${String(i).padStart(6, '0')}`, unit: '' },
  };
}

/** Scan `i` as pyscicat sends it: the RawDataset and its block (CreateDatasetOrigDatablockDto, the dataset named by the path). */
export function alsScan(i: number, fileCount = 10, group = 'als-832'): { dataset: Json; block: Json } {
  const proposal = `ALS-${11000 + (i % 40)}`;
  const t0 = Date.UTC(2026, 0, 5) + i * 137_000;
  const name = `20260105_${String(i).padStart(6, '0')}_lysozyme_foam_${i % 7}`;
  const folder = `/global/cfs/cdirs/als/data_mover/8.3.2/raw/${proposal}/${name}`;
  const files = Array.from({ length: fileCount }, (_, k) => ({
    path: k === 0 ? `${name}.h5` : `${name}/proj_${String(k).padStart(4, '0')}.tif`,
    size: 1_000_000 + Math.floor(rand(i, 100 + k) * 4_000_000_000),
    time: new Date(t0 + k * 1000).toISOString(),
    chk: (rand(i, 200 + k).toString(16).slice(2) + rand(i, 300 + k).toString(16).slice(2)).padEnd(64, '0').slice(0, 64),
  }));
  const size = files.reduce((s, f) => s + f.size, 0);
  const dataset = {
    pid: `20.500.12269/als832-${String(i).padStart(6, '0')}`,
    owner: 'Dula Parkinson',
    contactEmail: 'dyparkinson@lbl.example',
    creationLocation: 'ALS 8.3.2',
    datasetName: name,
    type: 'raw',
    instrumentId: 'ALS-8.3.2',
    proposalId: proposal,
    dataFormat: 'DX',
    principalInvestigator: 'Dula Parkinson',
    sourceFolder: folder,
    sourceFolderHost: 'data-mover.als.example',
    size,
    scientificMetadata: scanMetadata(i),
    sampleId: `${proposal}-lysozyme_foam_${i % 7}`,
    isPublished: false,
    description: `lysozyme foam ${i % 7} tomography`,
    keywords: ['tomography', 'als', '8.3.2', `foam_${i % 7}`],
    techniques: [{ pid: 'http://purl.org/pan-science/PaNET/PaNET01203', name: 'x-ray tomography' }],
    creationTime: new Date(t0).toISOString(),
    endTime: new Date(t0 + 120_000).toISOString(),
    ownerGroup: group,
    accessGroups: [proposal, 'als-832-staff'],
  };
  return { dataset, block: { chkAlg: 'sha256', size, dataFileList: files } };
}
