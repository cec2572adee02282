// Search sorted by any column (record fields and metadata paths, quantities by SI value, missing values
// last both ways) and the histogram of a numeric metadata key, on a real Elasticsearch: real values,
// the access filter, and clear refusals naming the argument at fault.
import { GROUP_A, GROUP_B, SYSTEM, codes, rawDataset, startHarness, type Harness } from './helpers/harness';
import { edges, siUnit } from '../src/search/search.histogram';

let h: Harness;

const A = { o1: 'ds/ord-1', o2: 'ds/ord-2', o3: 'ds/ord-3', o4: 'ds/ord-4', o5: 'ds/ord-5' };
const B = { b1: 'ds/ord-b1', b2: 'ds/ord-b2' };

async function seed(): Promise<void> {
  const at = (day: number) => `2026-04-${String(day).padStart(2, '0')}T10:00:00Z`;
  await h.app.services.datasets.upsertMany(SYSTEM, [
    rawDataset(A.o1, GROUP_A, {
      owner: 'Carol', size: 5_000_000, creationTime: at(1),
      scientificMetadata: { energy: { value: 12500, unit: 'eV' }, detector: { distance: { value: 250, unit: 'mm' } }, crystal: { form: 'monoclinic' }, frames: 900, measuredAt: '2026-01-03', mixed: { value: 1, unit: 'm' } },
    }),
    rawDataset(A.o2, GROUP_A, {
      owner: 'Alice', size: 3_000_000, creationTime: at(2),
      scientificMetadata: { energy: { value: 12, unit: 'keV' }, detector: { distance: { value: 0.3, unit: 'm' } }, crystal: { form: 'cubic' }, frames: 3600, measuredAt: '2025-12-01', mixed: { value: 2, unit: 's' } },
    }),
    rawDataset(A.o3, GROUP_A, {
      owner: 'Bob', size: 1_000_000, creationTime: at(3),
      scientificMetadata: { energy: { value: 11000, unit: 'eV' }, detector: { distance: { value: 2, unit: 'm' } }, crystal: { form: 'tetragonal' }, frames: 1800, measuredAt: '2026-02-01' },
    }),
    // no size, no energy: sorts last in both directions
    rawDataset(A.o4, GROUP_A, { owner: 'Dave', creationTime: at(4), scientificMetadata: { note: 'alignment' } }),
    // two distances (0.4 m and 1.9 m): counted in each bucket it has one in
    rawDataset(A.o5, GROUP_A, { owner: 'Eve', size: 2_000_000, creationTime: at(5), scientificMetadata: { detector: { distance: { value: [400, 1900], unit: 'mm' } } } }),
    rawDataset(B.b1, GROUP_B, { owner: 'Zed', size: 9_000_000, creationTime: at(6), scientificMetadata: { energy: { value: 30, unit: 'keV' }, detector: { distance: { value: 5, unit: 'm' } }, secretB: 1 } }),
    rawDataset(B.b2, GROUP_B, { owner: 'Aaron', size: 10, creationTime: at(7), scientificMetadata: { energy: { value: 8000, unit: 'eV' } } }),
  ]);
  await h.app.services.search.sync.drain();
}

beforeAll(async () => {
  h = await startHarness('searchorder');
  await seed();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const SEARCH = `query S($input: SearchInput, $order: SearchOrderInput, $sort: SearchSort) {
  search(input: $input, order: $order, sort: $sort, first: 50) { totalCount hits { id } }
}`;

async function ordered(order: Record<string, unknown>, token = h.tokens.alice, extra: Record<string, unknown> = {}): Promise<string[]> {
  const r = await h.gql(SEARCH, { input: { kinds: ['DATASET'] }, order, ...extra }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.search.hits.map((x: any) => x.id);
}

async function refused(order: Record<string, unknown>, token = h.tokens.alice): Promise<string> {
  const r = await h.gql(SEARCH, { input: { kinds: ['DATASET'] }, order }, token);
  expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  return r.errors![0].message;
}

describe('order by a record field', () => {
  test('size both ways, missing last both ways', async () => {
    expect(await ordered({ field: 'size', direction: 'DESC' })).toEqual([A.o1, A.o2, A.o5, A.o3, A.o4]);
    expect(await ordered({ field: 'size', direction: 'ASC' })).toEqual([A.o3, A.o5, A.o2, A.o1, A.o4]);
    // ASC is the default
    expect(await ordered({ field: 'size' })).toEqual([A.o3, A.o5, A.o2, A.o1, A.o4]);
  });

  test('owner, creationTime, ties newest first, and order wins over sort', async () => {
    expect(await ordered({ field: 'owner' })).toEqual([A.o2, A.o3, A.o1, A.o4, A.o5]);
    expect(await ordered({ field: 'owner', direction: 'DESC' })).toEqual([A.o5, A.o4, A.o1, A.o3, A.o2]);
    expect(await ordered({ field: 'creationTime' })).toEqual([A.o1, A.o2, A.o3, A.o4, A.o5]);
    // every record is raw: the tie goes newest first
    expect(await ordered({ field: 'type' })).toEqual([A.o5, A.o4, A.o3, A.o2, A.o1]);
    expect(await ordered({ field: 'size', direction: 'DESC' }, h.tokens.alice, { sort: 'OLDEST' })).toEqual([A.o1, A.o2, A.o5, A.o3, A.o4]);
  });

  test('another user sees only their records, in order', async () => {
    expect(await ordered({ field: 'size', direction: 'DESC' }, h.tokens.bob)).toEqual([B.b1, B.b2]);
    expect(await ordered({ path: 'energy' }, h.tokens.bob)).toEqual([B.b2, B.b1]);
    expect(await ordered({ field: 'owner' }, h.tokens.bob)).toEqual([B.b2, B.b1]);
  });
});

describe('order by a metadata path', () => {
  test('quantities by SI value across units (11000 eV < 12 keV < 12500 eV), missing last both ways', async () => {
    expect(await ordered({ path: 'energy' })).toEqual([A.o3, A.o2, A.o1, A.o5, A.o4]);
    expect(await ordered({ path: 'energy', direction: 'DESC' })).toEqual([A.o1, A.o2, A.o3, A.o5, A.o4]);
    // mm and m; a record with two values sorts by its smallest going up and its largest going down
    expect(await ordered({ path: 'detector.distance' })).toEqual([A.o1, A.o2, A.o5, A.o3, A.o4]);
    expect(await ordered({ path: 'detector.distance', direction: 'DESC' })).toEqual([A.o3, A.o5, A.o2, A.o1, A.o4]);
  });

  test('strings as text, numbers as numbers, dates as dates', async () => {
    expect(await ordered({ path: 'crystal.form' })).toEqual([A.o2, A.o1, A.o3, A.o5, A.o4]);
    expect(await ordered({ path: 'crystal.form', direction: 'DESC' })).toEqual([A.o3, A.o1, A.o2, A.o5, A.o4]);
    // 900 < 1800 < 3600 (as text it would be 1800, 3600, 900)
    expect(await ordered({ path: 'frames' })).toEqual([A.o1, A.o3, A.o2, A.o5, A.o4]);
    expect(await ordered({ path: 'measuredAt', direction: 'DESC' })).toEqual([A.o3, A.o1, A.o2, A.o5, A.o4]);
  });

  test('bad orders are refused naming order and what is wrong', async () => {
    expect(await refused({ field: 'size', path: 'energy' })).toMatch(/^order: give either field .* not both/);
    expect(await refused({ direction: 'DESC' })).toMatch(/^order: give either field .* not neither/);
    const unknown = await refused({ field: 'bogus' });
    expect(unknown).toContain('order: unknown field "bogus"');
    expect(unknown).toContain('sortable fields: kind, pid, type');
    expect(unknown).toContain('creationTime');
    expect(unknown).toContain('numberOfFiles');
    expect(await refused({ path: 'energyy' })).toBe('order.path: no record you may see has the metadata path "energyy"; similar paths: energy (metadataKeys lists them)');
    // a path only bob's records have is unknown to alice, like one that does not exist
    expect(await refused({ path: 'secretB' })).toContain('no record you may see has the metadata path "secretB"');
    expect(await ordered({ path: 'secretB' }, h.tokens.bob)).toEqual([B.b1, B.b2]);
    const mixed = await refused({ path: 'mixed' });
    expect(mixed).toContain('order.path: mixed holds quantities of 2 dimensions');
    expect(mixed).toMatch(/length \(m\)/);
    expect(mixed).toMatch(/time \(s\)/);
  });
});

const HIST = `query H($input: SearchInput, $path: String!, $buckets: Int!) {
  metadataHistogram(input: $input, path: $path, buckets: $buckets) { path unit count min max buckets { from to count } }
}`;

async function histogram(path: string, buckets: number, token = h.tokens.alice, input?: Record<string, unknown>) {
  const r = await h.gql(HIST, { path, buckets, input }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.metadataHistogram;
}

async function histogramRefused(path: string, buckets: number): Promise<string> {
  const r = await h.gql(HIST, { path, buckets }, h.tokens.alice);
  expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  return r.errors![0].message;
}

describe('metadataHistogram', () => {
  test('distances in mm and m, in metres; records counted once per bucket they have a value in', async () => {
    const r = await histogram('detector.distance', 4);
    expect(r.path).toBe('detector.distance');
    expect(r.unit).toBe('m');
    // o1 0.25, o2 0.3, o3 2, o5 0.4 and 1.9 (bob's 5 m is not alice's to count)
    expect(r.count).toBe(4);
    expect(r.min).toBeCloseTo(0.25, 12);
    expect(r.max).toBeCloseTo(2, 12);
    const w = (2 - 0.25) / 4;
    expect(r.buckets).toHaveLength(4);
    r.buckets.forEach((b: any, i: number) => {
      expect(b.from).toBeCloseTo(0.25 + i * w, 12);
      expect(b.to).toBeCloseTo(0.25 + (i + 1) * w, 12);
    });
    expect(r.buckets.map((b: any) => b.count)).toEqual([3, 0, 0, 2]);
  });

  test('the access filter and the search narrow what is counted', async () => {
    const bob = await histogram('detector.distance', 4, h.tokens.bob);
    expect(bob).toEqual({ path: 'detector.distance', unit: 'm', count: 1, min: 5, max: 5, buckets: [{ from: 5, to: 5, count: 1 }] });
    const narrowed = await histogram('detector.distance', 2, h.tokens.alice, { filters: [{ field: 'owner', op: 'IN', values: ['Alice', 'Bob'] }] });
    expect(narrowed.count).toBe(2);
    expect(narrowed.min).toBeCloseTo(0.3, 12);
    expect(narrowed.max).toBeCloseTo(2, 12);
    expect(narrowed.buckets.map((b: any) => b.count)).toEqual([1, 1]);
    const none = await histogram('detector.distance', 5, h.tokens.alice, { filters: [{ field: 'pid', op: 'EQ', value: A.o4 }] });
    expect(none).toEqual({ path: 'detector.distance', unit: 'm', count: 0, min: null, max: null, buckets: [] });
  });

  test('energies in joules; plain numbers without a unit', async () => {
    const energy = await histogram('energy', 2);
    expect(energy.unit).toBe('J');
    expect(energy.count).toBe(3);
    const eV = 1.602176634e-19;
    expect(energy.min / (11000 * eV)).toBeCloseTo(1, 12);
    expect(energy.max / (12500 * eV)).toBeCloseTo(1, 12);
    expect(energy.buckets.map((b: any) => b.count)).toEqual([1, 2]);
    const frames = await histogram('frames', 3);
    expect(frames).toEqual({ path: 'frames', unit: null, count: 3, min: 900, max: 3600, buckets: [{ from: 900, to: 1800, count: 1 }, { from: 1800, to: 2700, count: 1 }, { from: 2700, to: 3600, count: 1 }] });
  });

  test('refused: a non-numeric key, an unknown key, mixed dimensions, buckets out of 1..100', async () => {
    expect(await histogramRefused('crystal.form', 10)).toBe('path: crystal.form holds string values; a histogram needs numbers or quantities');
    expect(await histogramRefused('detector.distanse', 10)).toBe('path: no record you may see has the metadata path "detector.distanse"; similar paths: detector.distance (metadataKeys lists them)');
    const mixed = await histogramRefused('mixed', 10);
    expect(mixed).toMatch(/^path: mixed holds quantities of 2 dimensions: /);
    expect(mixed).toMatch(/length \(m\)/);
    expect(mixed).toMatch(/time \(s\)/);
    expect(mixed).toContain('a histogram needs values of one dimension');
    expect(await histogramRefused('energy', 0)).toBe('buckets must be between 1 and 100 (got 0)');
    expect(await histogramRefused('energy', 101)).toBe('buckets must be between 1 and 100 (got 101)');
    expect(await histogramRefused('secretB', 10)).toContain('no record you may see has the metadata path "secretB"');
  });

  test('bucket edges and SI unit names (pure)', () => {
    expect(edges(0, 10, 5)).toEqual([0, 2, 4, 6, 8].map((from) => ({ from, to: from + 2 })));
    expect(edges(3, 3, 20)).toEqual([{ from: 3, to: 3 }]);
    expect(siUnit('kg*m2/s2')).toBe('J');
    expect(siUnit('kg/m*s2')).toBe('Pa');
    expect(siUnit('tempK')).toBe('K');
    expect(siUnit('m2')).toBe('m2');
  });
});
