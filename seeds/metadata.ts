// Realistic scientific metadata for seeded datasets: ~400 keys per dataset, the figure the seed
// facility reports for its MX beamline. Deterministic for a given seed so tests can rely on it.

export type Rng = () => number;

/** mulberry32: a small, fast, deterministic PRNG. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number, digits = 3) => Number(v.toFixed(digits));
const q = (value: number, unit: string, digits = 3) => ({ value: round(value, digits), unit });
const between = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export const SPACE_GROUPS = ['P212121', 'P43212', 'C2', 'P21', 'I222', 'P6122', 'R3', 'P1'] as const;

/** Counts leaves, treating a {value, unit} quantity as one key. */
export function countKeys(o: unknown): number {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    if ('value' in o && 'unit' in o) return 1;
    return Object.values(o).reduce<number>((s, v) => s + countKeys(v), 0);
  }
  return 1;
}

export function mxMetadata(r: Rng, opts: { energyKeV?: number; derived?: boolean } = {}): Record<string, unknown> {
  const energy = opts.energyKeV ?? round(between(r, 7, 18), 3);
  const wavelength = 12.398419843320026 / energy;
  const images = pick(r, [360, 720, 1800, 3600]);
  const width = pick(r, [0.1, 0.2, 0.5, 1.0]);
  const dMin = between(r, 1.1, 2.8);
  const shells: Record<string, unknown> = {};
  for (let i = 1; i <= 20; i++) {
    const d = dMin + (20 - i) * 0.15;
    shells[`shell${String(i).padStart(2, '0')}`] = {
      dMin: q(d, 'Å'),
      dMax: q(d + 0.15, 'Å'),
      nObservations: Math.floor(between(r, 2000, 40000)),
      nUnique: Math.floor(between(r, 500, 6000)),
      completeness: q(between(r, 85, 100), '%', 1),
      multiplicity: round(between(r, 3, 13), 2),
      iOverSigma: round(between(r, 1, 60), 2),
      rMerge: round(between(r, 0.02, 0.9), 3),
      rMeas: round(between(r, 0.02, 1.0), 3),
      rPim: round(between(r, 0.01, 0.5), 3),
      cc12: round(between(r, 0.3, 1), 3),
      ccAnomalous: round(between(r, -0.1, 0.6), 3),
      anomalousCompleteness: q(between(r, 70, 100), '%', 1),
      anomalousMultiplicity: round(between(r, 1.5, 7), 2),
    };
  }
  const sweeps: Record<string, unknown> = {};
  for (let i = 1; i <= 10; i++) {
    sweeps[`segment${String(i).padStart(2, '0')}`] = {
      firstImage: (i - 1) * Math.floor(images / 10) + 1,
      meanIntensity: round(between(r, 5, 400), 2),
      spotCount: Math.floor(between(r, 50, 2500)),
      goodBraggCandidates: Math.floor(between(r, 20, 2000)),
      iceRings: Math.floor(between(r, 0, 4)),
      estimatedResolution: q(between(r, dMin, dMin + 1.5), 'Å'),
    };
  }
  const md: Record<string, unknown> = {
    beamline: {
      energy: q(energy, 'keV'),
      wavelength: q(wavelength, 'Å', 5),
      flux: q(between(r, 1e11, 5e12), 'ph/s', 0),
      beamSizeX: q(between(r, 5, 50), 'µm', 1),
      beamSizeY: q(between(r, 5, 30), 'µm', 1),
      transmission: q(between(r, 1, 100), '%', 1),
      undulatorGap: q(between(r, 8, 25), 'mm'),
      ringCurrent: q(between(r, 180, 220), 'mA', 1),
      ringEnergy: q(3.5, 'GeV'),
      monochromator: 'Si(111) double crystal',
      focusingOptics: 'KB mirrors',
      attenuator: pick(r, ['none', 'Al 100 µm', 'Al 200 µm', 'Cu 50 µm']),
      shutterMode: 'fast',
      beamPositionX: q(between(r, -5, 5), 'µm', 2),
      beamPositionY: q(between(r, -5, 5), 'µm', 2),
    },
    detector: {
      model: pick(r, ['EIGER2 X 16M', 'PILATUS3 6M', 'EIGER2 XE 9M']),
      serialNumber: `E-32-${Math.floor(between(r, 100, 999))}`,
      distance: q(between(r, 120, 600), 'mm', 2),
      beamCenterX: q(between(r, 2000, 2100), 'px', 2),
      beamCenterY: q(between(r, 2100, 2200), 'px', 2),
      pixelSizeX: q(75, 'µm'),
      pixelSizeY: q(75, 'µm'),
      thresholdEnergy: q(energy / 2, 'keV'),
      readoutTime: q(0.1, 'ms'),
      frameRate: q(between(r, 10, 500), 'Hz', 1),
      sensorMaterial: 'Si',
      sensorThickness: q(450, 'µm'),
      countRateCorrection: true,
      flatfieldCorrection: true,
      bitDepth: 32,
    },
    goniometer: {
      omegaStart: q(between(r, 0, 360), 'deg', 2),
      omegaRange: q(images * width, 'deg', 2),
      oscillationWidth: q(width, 'deg'),
      numberOfImages: images,
      exposureTime: q(between(r, 0.002, 0.2), 's', 4),
      kappa: q(pick(r, [0, 0, 30, 60]), 'deg'),
      phi: q(between(r, 0, 360), 'deg', 2),
      chi: q(0, 'deg'),
      sampleX: q(between(r, -1, 1), 'mm', 4),
      sampleY: q(between(r, -1, 1), 'mm', 4),
      sampleZ: q(between(r, -1, 1), 'mm', 4),
      rotationAxis: 'omega',
    },
    sampleEnvironment: {
      temperature: q(between(r, 95, 105), 'K', 1),
      cryoStream: true,
      humidity: q(between(r, 0, 5), '%', 1),
      loopType: pick(r, ['MiTeGen 50 µm', 'MiTeGen 100 µm', 'Hampton 0.1 mm']),
      crystalSizeX: q(between(r, 10, 300), 'µm', 0),
      crystalSizeY: q(between(r, 10, 300), 'µm', 0),
      crystalSizeZ: q(between(r, 10, 200), 'µm', 0),
      mountedBy: pick(r, ['robot', 'manual']),
    },
    collection: { strategy: pick(r, ['native', 'SAD', 'MAD', 'helical']), segments: sweeps, dose: q(between(r, 0.5, 20), 'MGy', 2) },
    quality: { shells },
  };
  if (opts.derived) {
    md.processing = {
      pipeline: pick(r, ['autoPROC', 'xia2/DIALS', 'XDS/XSCALE', 'fast_dp']),
      spaceGroup: pick(r, SPACE_GROUPS),
      unitCell: {
        a: q(between(r, 30, 150), 'Å'),
        b: q(between(r, 30, 150), 'Å'),
        c: q(between(r, 30, 250), 'Å'),
        alpha: q(90, 'deg'),
        beta: q(pick(r, [90, 90, 95.3, 102.1]), 'deg'),
        gamma: q(pick(r, [90, 120]), 'deg'),
      },
      resolutionHigh: q(dMin, 'Å'),
      resolutionLow: q(between(r, 40, 60), 'Å'),
      completeness: q(between(r, 90, 100), '%', 1),
      multiplicity: round(between(r, 3, 13), 2),
      iOverSigma: round(between(r, 5, 30), 2),
      rMerge: round(between(r, 0.03, 0.15), 3),
      cc12: round(between(r, 0.95, 1), 3),
      wilsonB: q(between(r, 10, 60), 'Å^2', 2),
      mosaicity: q(between(r, 0.05, 0.6), 'deg'),
    };
  }
  return md;
}

export function tomoMetadata(r: Rng, opts: { derived?: boolean } = {}): Record<string, unknown> {
  const projections = pick(r, [900, 1500, 1800, 3600]);
  const blocks: Record<string, unknown> = {};
  for (let i = 1; i <= 34; i++) {
    blocks[`block${String(i).padStart(2, '0')}`] = {
      firstProjection: (i - 1) * Math.floor(projections / 34),
      meanCounts: round(between(r, 1000, 30000), 1),
      minCounts: Math.floor(between(r, 0, 900)),
      maxCounts: Math.floor(between(r, 30000, 65535)),
      saturatedPixels: Math.floor(between(r, 0, 50)),
      beamCurrent: q(between(r, 180, 220), 'mA', 1),
      sampleTemperature: q(between(r, 293, 298), 'K', 2),
      stageDrift: q(between(r, 0, 2), 'µm', 3),
      exposureScale: round(between(r, 0.98, 1.02), 4),
      darkMean: round(between(r, 90, 110), 2),
      flatMean: round(between(r, 30000, 40000), 1),
    };
  }
  const md: Record<string, unknown> = {
    beamline: {
      energy: q(between(r, 10, 40), 'keV'),
      bandwidth: q(between(r, 0.01, 2), '%'),
      filter: pick(r, ['Al 1 mm', 'Cu 0.2 mm', 'none']),
      ringCurrent: q(between(r, 180, 220), 'mA', 1),
      sourceDistance: q(34, 'm'),
      sampleDetectorDistance: q(between(r, 20, 500), 'mm', 1),
      monochromator: pick(r, ['DMM', 'Si(111)', 'pink beam']),
      beamHeight: q(between(r, 2, 5), 'mm', 2),
      beamWidth: q(between(r, 10, 45), 'mm', 2),
    },
    detector: {
      camera: pick(r, ['PCO.edge 5.5', 'Hamamatsu ORCA-Flash4.0', 'Andor Zyla']),
      scintillator: pick(r, ['LuAG:Ce 20 µm', 'GGG:Eu 10 µm', 'LSO:Tb 8 µm']),
      objective: pick(r, ['2x', '4x', '10x', '20x']),
      effectivePixelSize: q(between(r, 0.3, 6.5), 'µm', 3),
      exposureTime: q(between(r, 0.001, 0.5), 's', 4),
      binning: pick(r, [1, 2]),
      roiWidth: 2560,
      roiHeight: 2160,
      bitDepth: 16,
    },
    scan: {
      projections,
      rotationRange: q(pick(r, [180, 360]), 'deg'),
      flatFields: 100,
      darkFields: 30,
      continuous: true,
      angularStep: q(180 / projections, 'deg', 5),
      scanTime: q(between(r, 10, 1800), 's', 1),
      helical: false,
      verticalSteps: pick(r, [1, 2, 4]),
      blocks,
    },
  };
  if (opts.derived) {
    md.reconstruction = {
      algorithm: pick(r, ['gridrec', 'FBP', 'SIRT']),
      software: pick(r, ['TomoPy 1.15', 'Savu 4.2', 'ASTRA 2.1']),
      centerOfRotation: q(between(r, 1270, 1290), 'px', 2),
      ringRemoval: pick(r, ['Fourier-wavelet', 'none']),
      phaseRetrieval: pick(r, ['Paganin', 'none']),
      deltaBeta: round(between(r, 50, 400), 1),
      outputDataType: 'float32',
      voxelSize: q(between(r, 0.3, 6.5), 'µm', 3),
      sliceCount: 2160,
    };
  }
  return md;
}
