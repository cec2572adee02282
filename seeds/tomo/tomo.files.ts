// Tomography scans as the BL13W1 beamline writes them: one NeXus (NXtomo) file per scan, with the
// proposal, sample, instrument settings and the image stack's shape (the pixels themselves stay small).
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const esmImport = new Function('s', 'return import(s)') as (s: string) => Promise<any>;

export interface TomoScan {
  file: string;
  proposal: string;
  sample: string;
  energyKeV: number;
  projections: number;
  start: string;
  /** More 1-D float datasets under /entry, with their units (e.g. a temperature that reads Infinity). */
  /** Extra datasets under /entry: float64 unless `dtype` says int64; `shape` for more than one dimension. */
  extra?: Record<string, { values: (number | bigint)[]; units?: string; dtype?: 'float64' | 'int64'; shape?: number[] }>;
}

export function tomoScan(i: number): TomoScan {
  const proposal = String(20266001 + (i % 2));
  return {
    file: `${proposal}/scan_${String(i + 1).padStart(4, '0')}.nxs`,
    proposal,
    sample: ['limestone core', 'bone scaffold', 'battery cathode', 'wood section'][i % 4],
    energyKeV: [18, 22, 25, 30][i % 4],
    projections: [900, 1200, 1800, 3600][i % 4],
    start: new Date(Date.UTC(2026, 3, 1 + Math.floor(i / 6), 9 + (i % 6), 0, 0)).toISOString(),
  };
}

export async function writeTomoScans(dir: string, n: number, edit?: (s: TomoScan, i: number) => Partial<TomoScan> & { omit?: string[] }): Promise<string[]> {
  const h5 = await esmImport('h5wasm/node');
  await h5.ready;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = tomoScan(i);
    const change = edit?.(base, i) ?? {};
    const s = { ...base, ...change };
    const omit = new Set(change.omit ?? []);
    const full = path.join(dir, s.file);
    mkdirSync(path.dirname(full), { recursive: true });
    const f = new h5.File(full, 'w');
    try {
      const e = f.create_group('entry');
      e.create_attribute('NX_class', 'NXentry');
      e.create_dataset({ name: 'definition', data: 'NXtomo' });
      e.create_dataset({ name: 'title', data: `${s.sample} tomography` });
      if (!omit.has('start_time')) e.create_dataset({ name: 'start_time', data: s.start });
      e.create_dataset({ name: 'end_time', data: new Date(Date.parse(s.start) + s.projections * 100).toISOString() });
      if (!omit.has('proposal')) e.create_dataset({ name: 'experiment_identifier', data: s.proposal });
      const inst = e.create_group('instrument');
      inst.create_attribute('NX_class', 'NXinstrument');
      inst.create_dataset({ name: 'name', data: 'BL13W1' });
      const src = inst.create_group('source');
      src.create_attribute('NX_class', 'NXsource');
      src.create_dataset({ name: 'name', data: 'SSRF' });
      const en = src.create_dataset({ name: 'energy', data: new Float64Array([3.5]) });
      en.create_attribute('units', 'GeV');
      const mono = inst.create_group('monochromator');
      const me = mono.create_dataset({ name: 'energy', data: new Float64Array([s.energyKeV]) });
      me.create_attribute('units', 'keV');
      const det = inst.create_group('detector');
      det.create_attribute('NX_class', 'NXdetector');
      det.create_dataset({ name: 'description', data: 'PCO.edge 4.2' });
      const px = det.create_dataset({ name: 'x_pixel_size', data: new Float64Array([3.25]) });
      px.create_attribute('units', 'um');
      const et = det.create_dataset({ name: 'count_time', data: new Float64Array([0.1]) });
      et.create_attribute('units', 's');
      det.create_dataset({ name: 'data', data: new Uint16Array(4 * 8 * 8), shape: [4, 8, 8] });
      const sm = e.create_group('sample');
      sm.create_attribute('NX_class', 'NXsample');
      sm.create_dataset({ name: 'name', data: s.sample });
      const rot = sm.create_dataset({ name: 'rotation_angle', data: new Float64Array(Array.from({ length: 16 }, (_, k) => (k * 180) / 16)) });
      rot.create_attribute('units', 'degree');
      const d = e.create_group('data');
      d.create_attribute('NX_class', 'NXdata');
      d.create_dataset({ name: 'projections', data: new Int32Array([s.projections]) });
      // the frames are in a file of their own, reached by an external link, as many NeXus writers store them
      const frames = `${path.basename(full, '.nxs')}_frames.h5`;
      const ff = new h5.File(path.join(path.dirname(full), frames), 'w');
      try {
        ff.create_dataset({ name: 'frames', data: new Uint16Array(2 * 8 * 8), shape: [2, 8, 8] });
      } finally {
        ff.close();
      }
      d.create_external_link(frames, '/frames', 'frames');
      for (const [name, x] of Object.entries(s.extra ?? {})) {
        const data = x.dtype === 'int64' ? BigInt64Array.from(x.values, (v) => BigInt(v)) : Float64Array.from(x.values, Number);
        const ds = e.create_dataset({ name, data, ...(x.shape && { shape: x.shape }) });
        if (x.units) ds.create_attribute('units', x.units);
      }
    } finally {
      f.close();
    }
    out.push(full);
  }
  return out;
}
