// Search on a real Elasticsearch 8 (scripts/test.sh starts the integ-test node): free text, every
// operator, units both ways, facets, drill-down against MongoDB's counts, the logbook, highlights,
// the access filter on everything, and clear errors for bad queries.
import { GROUP_A, GROUP_B, SYSTEM, codes, rawDataset, startHarness, type Harness } from './helpers/harness';

let h: Harness;

const BL_MX = 'instrument/bl17u';
const BL_TOMO = 'instrument/bl13w';
const A = { lyso1: 'ds/lyso-1', lyso2: 'ds/lyso-2', thau: 'ds/thau-1', derived: 'ds/lyso-1-proc', loose: 'ds/a-loose' };
const B = { rock: 'ds/rock-1', pub: 'ds/rock-pub' };

async function seed(): Promise<void> {
  const s = h.app.services;
  await s.instruments.upsert(SYSTEM, { pid: BL_MX, uniqueName: 'BL17U', name: 'BL17U macromolecular crystallography', ownerGroup: 'facility', isPublished: true });
  await s.instruments.upsert(SYSTEM, { pid: BL_TOMO, uniqueName: 'BL13W', name: 'BL13W imaging', ownerGroup: 'facility', isPublished: true });
  await s.proposals.upsert(SYSTEM, { proposalId: 'P-A1', title: 'Binding studies in lysozyme', ownerGroup: GROUP_A });
  await s.proposals.upsert(SYSTEM, { proposalId: 'P-B1', title: 'Porosity of sandstone', ownerGroup: GROUP_B });
  await s.samples.upsert(SYSTEM, { sampleId: 'S-LYS', proposalId: 'P-A1', ownerGroup: GROUP_A, description: 'hen egg-white lysozyme crystal' });
  await s.samples.upsert(SYSTEM, { sampleId: 'S-THAU', proposalId: 'P-A1', ownerGroup: GROUP_A, description: 'thaumatin crystal' });
  await s.samples.upsert(SYSTEM, { sampleId: 'S-ROCK', proposalId: 'P-B1', ownerGroup: GROUP_B, description: 'berea sandstone core', sampleCharacteristics: { porosity: { value: 21, unit: '%' } } });
  const mx = (sample: string) => ({ instrumentId: BL_MX, proposalIds: ['P-A1'], sampleIds: [sample], techniques: [{ name: 'macromolecular crystallography' }] });
  await s.datasets.upsertMany(SYSTEM, [
    rawDataset(A.lyso1, GROUP_A, {
      ...mx('S-LYS'),
      datasetName: 'Lysozyme NAG3 soak',
      description: 'Ligand soak with chitotriose at 100 K',
      keywords: ['lysozyme', 'ligand'],
      creationTime: '2026-03-01T10:00:00Z',
      size: 5_000_000,
      scientificMetadata: {
        energy: { value: 12500, unit: 'eV' },
        wavelength: { value: 0.99, unit: 'Å' },
        temperature: { value: 100, unit: 'K' },
        detector: { model: 'EIGER2 X 16M', distance: { value: 250, unit: 'mm' } },
        exposure: { value: 0.01, unit: 's' },
        frames: 3600,
        measuredAt: '2026-03-01T10:00:00Z',
        beamlineMode: 'standard',
      },
    }),
    rawDataset(A.lyso2, GROUP_A, {
      ...mx('S-LYS'),
      datasetName: 'Lysozyme room temperature',
      keywords: ['lysozyme'],
      creationTime: '2026-03-01T14:00:00Z',
      size: 3_000_000,
      scientificMetadata: { energy: { value: 12.0, unit: 'keV' }, temperature: { value: 293, unit: 'K' }, detector: { model: 'PILATUS 6M', distance: { value: 0.3, unit: 'm' } }, frames: 1800, beamlineMode: 'standard' },
    }),
    rawDataset(A.thau, GROUP_A, {
      ...mx('S-THAU'),
      datasetName: 'Thaumatin native',
      keywords: ['thaumatin'],
      creationTime: '2026-03-02T09:00:00Z',
      size: 1_000_000,
      scientificMetadata: { energy: { value: 11000, unit: 'eV' }, frames: 900, beamlineMode: 'high flux' },
    }),
    rawDataset(A.loose, GROUP_A, { instrumentId: BL_TOMO, datasetName: 'Alignment scan', creationTime: '2026-02-01T08:00:00Z', scientificMetadata: { pixelSize: { value: 0.65, unit: 'µm' } } }),
    rawDataset(B.rock, GROUP_B, {
      instrumentId: BL_TOMO,
      proposalIds: ['P-B1'],
      sampleIds: ['S-ROCK'],
      datasetName: 'Sandstone tomography',
      keywords: ['sandstone', 'tomography'],
      techniques: [{ name: 'tomography' }],
      creationTime: '2026-03-05T12:00:00Z',
      scientificMetadata: { energy: { value: 30, unit: 'keV' }, secretKeyB: 'porosity study', pixelSize: { value: 1.3, unit: 'µm' } },
    }),
    rawDataset(B.pub, GROUP_B, {
      instrumentId: BL_TOMO,
      proposalIds: ['P-B1'],
      sampleIds: ['S-ROCK'],
      datasetName: 'Published sandstone scan',
      isPublished: true,
      techniques: [{ name: 'tomography' }],
      creationTime: '2026-03-06T12:00:00Z',
      scientificMetadata: { energy: { value: 25, unit: 'keV' } },
    }),
  ]);
  await s.datasets.upsert(SYSTEM, {
    ...rawDataset(A.derived, GROUP_A, { ...mx('S-LYS'), datasetName: 'Lysozyme NAG3 processed', creationTime: '2026-03-03T16:00:00Z' }),
    type: 'derived',
    creationLocation: undefined,
    inputDatasets: [A.lyso1],
    usedSoftware: ['XDS'],
  });
  await h.app.services.search.sync.drain();
}

const SEARCH = `query S($input: SearchInput, $first: Int, $offset: Int, $sort: SearchSort, $facets: [SearchFacet!]) {
  search(input: $input, first: $first, offset: $offset, sort: $sort, facets: $facets) {
    totalCount offset hits { kind id title time score highlights { field fragments } dataset { pid datasetName } sample { sampleId } }
    facets { facet otherCount buckets { value label count } }
  }
}`;

async function search(input: Record<string, unknown>, token = h.tokens.alice, extra: Record<string, unknown> = {}) {
  const r = await h.gql(SEARCH, { input, first: 50, ...extra }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.search;
}

async function ids(input: Record<string, unknown>, token = h.tokens.alice): Promise<string[]> {
  return (await search({ kinds: ['DATASET'], ...input }, token)).hits.map((x: any) => x.id).sort();
}

const meta = (path: string, op: string, rest: Record<string, unknown> = {}) => ({ filters: [{ path, op, ...rest }] });

beforeAll(async () => {
  h = await startHarness('search');
  await seed();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('free text', () => {
  test('matches titles, descriptions, keywords, sample codes and metadata values', async () => {
    expect(await ids({ text: 'thaumatin' })).toEqual([A.thau].sort());
    expect(await ids({ text: 'chitotriose' })).toEqual([A.lyso1].sort()); // description
    expect(await ids({ text: 'ligand' })).toEqual([A.lyso1].sort()); // keyword (and description)
    expect(await ids({ text: 'S-THAU' })).toEqual([A.thau].sort()); // sample code
    expect(await ids({ text: 'EIGER2' })).toEqual([A.lyso1].sort()); // metadata value
    expect(await ids({ text: '"high flux"' })).toEqual([A.thau].sort());
    // every word must match
    expect(await ids({ text: 'lysozyme PILATUS' })).toEqual([A.lyso2].sort());
    // all kinds: the sample record itself is found by its description
    const all = await search({ text: 'thaumatin' });
    expect(all.hits.map((x: any) => `${x.kind}:${x.id}`).sort()).toEqual(['DATASET:ds/thau-1', 'SAMPLE:S-THAU']);
  });

  test('hits resolve their records and carry highlights', async () => {
    const r = await search({ text: 'thaumatin', kinds: ['DATASET'] });
    expect(r.hits[0].dataset).toEqual({ pid: A.thau, datasetName: 'Thaumatin native' });
    const title = r.hits[0].highlights.find((x: any) => x.field === 'title');
    expect(title.fragments).toEqual(['<mark>Thaumatin</mark> native']);
  });

  test('a quantity in the text matches metadata values in any unit, within 5%', async () => {
    // "12 keV" finds 12.0 keV and 12500 eV (12.5 keV is within 5%), not 11000 eV
    expect(await ids({ text: 'lysozyme 12 keV' })).toEqual([A.lyso1, A.lyso2].sort());
    expect(await ids({ text: '11 keV' })).toEqual([A.thau].sort());
  });
});

describe('filters', () => {
  test('every operator on metadata, with units converted both ways', async () => {
    // stored in eV, asked in keV, and the other way round
    expect(await ids(meta('energy', 'GT', { value: '12', unit: 'keV' }))).toEqual([A.lyso1, B.pub].sort());
    expect(await ids(meta('energy', 'GTE', { value: '12000', unit: 'eV' }))).toEqual([A.lyso1, A.lyso2, B.pub].sort());
    expect(await ids(meta('energy', 'LT', { value: '12000', unit: 'eV' }))).toEqual([A.thau].sort());
    expect(await ids(meta('energy', 'LTE', { value: '12', unit: 'keV' }))).toEqual([A.lyso2, A.thau].sort());
    expect(await ids(meta('energy', 'EQ', { value: '12.5', unit: 'keV' }))).toEqual([A.lyso1].sort());
    expect(await ids(meta('energy', 'NE', { value: '12.5', unit: 'keV' }))).toEqual([A.lyso2, A.thau, B.pub].sort());
    expect(await ids(meta('energy', 'RANGE', { from: '11.5', to: '12.6', unit: 'keV' }))).toEqual([A.lyso1, A.lyso2].sort());
    expect(await ids(meta('energy', 'IN', { values: ['11', '25'], unit: 'keV' }))).toEqual([A.thau, B.pub].sort());
    expect(await ids(meta('detector.distance', 'GT', { value: '26', unit: 'cm' }))).toEqual([A.lyso2].sort());
    // kelvin against degrees Celsius (absolute temperatures)
    expect(await ids(meta('temperature', 'LT', { value: '-100', unit: '°C' }))).toEqual([A.lyso1].sort());
    // plain numbers, strings, dates
    expect(await ids(meta('frames', 'GTE', { value: '1800' }))).toEqual([A.lyso1, A.lyso2].sort());
    expect(await ids(meta('frames', 'EQ', { value: '900' }))).toEqual([A.thau].sort());
    expect(await ids(meta('detector.model', 'PREFIX', { value: 'EIG' }))).toEqual([A.lyso1].sort());
    expect(await ids(meta('detector.model', 'IN', { values: ['PILATUS 6M', 'nothing'] }))).toEqual([A.lyso2].sort());
    expect(await ids(meta('beamlineMode', 'NE', { value: 'standard' }))).toEqual([A.thau].sort());
    expect(await ids(meta('measuredAt', 'LT', { value: '2026-03-02' }))).toEqual([A.lyso1].sort());
    expect(await ids(meta('pixelSize', 'EXISTS'))).toEqual([A.loose].sort());
  });

  test('every operator on record fields', async () => {
    const f = (field: string, op: string, rest: Record<string, unknown> = {}) => ids({ filters: [{ field, op, ...rest }] });
    expect(await f('type', 'EQ', { value: 'derived' })).toEqual([A.derived].sort());
    expect(await f('instrumentId', 'NE', { value: BL_MX })).toEqual([A.loose, B.pub].sort());
    expect(await f('keyword', 'IN', { values: ['thaumatin', 'ligand'] })).toEqual([A.lyso1, A.thau].sort());
    expect(await f('title', 'PREFIX', { value: 'Lysozyme NAG3' })).toEqual([A.lyso1, A.derived].sort());
    expect(await f('creationTime', 'RANGE', { from: '2026-03-01', to: '2026-03-01T23:59:59Z' })).toEqual([A.lyso1, A.lyso2].sort());
    expect(await f('creationTime', 'GTE', { value: '2026-03-03' })).toEqual([A.derived, B.pub].sort());
    expect(await f('size', 'GT', { value: '2000000' })).toEqual([A.lyso1, A.lyso2].sort());
    expect(await f('size', 'LTE', { value: '1000000' })).toEqual([A.thau].sort());
    expect(await f('size', 'LT', { value: '3000000' })).toEqual([A.thau].sort());
    expect(await f('sampleId', 'EXISTS')).toEqual([A.derived, A.lyso1, A.lyso2, A.thau, B.pub].sort());
    expect(await f('isPublished', 'EQ', { value: 'true' })).toEqual([B.pub].sort());
  });
});

describe('facets, drill-down and logbook', () => {
  test('facets count under the other filters but not their own', async () => {
    const r = await search({ kinds: ['DATASET'], filters: [{ field: 'instrumentId', op: 'EQ', value: BL_MX }] }, h.tokens.alice, { facets: ['INSTRUMENT', 'TYPE', 'SAMPLE', 'YEAR', 'MONTH', 'TECHNIQUE'] });
    expect(r.totalCount).toBe(4);
    const facet = (name: string) => Object.fromEntries(r.facets.find((x: any) => x.facet === name).buckets.map((b: any) => [b.value, b.count]));
    // the instrument facet ignores the instrument filter, so the other choice stays visible
    expect(facet('INSTRUMENT')).toEqual({ [BL_MX]: 4, [BL_TOMO]: 2 });
    expect(facet('TYPE')).toEqual({ raw: 3, derived: 1 });
    expect(facet('SAMPLE')).toEqual({ 'S-LYS': 3, 'S-THAU': 1 });
    expect(facet('MONTH')).toEqual({ '2026-03': 4 });
    expect(facet('YEAR')).toEqual({ '2026': 4 });
    expect(facet('TECHNIQUE')).toEqual({ 'macromolecular crystallography': 4 });
    const labels = Object.fromEntries(r.facets.find((x: any) => x.facet === 'INSTRUMENT').buckets.map((b: any) => [b.value, b.label]));
    expect(labels[BL_MX]).toBe('BL17U macromolecular crystallography');
    // a metadata filter narrows every facet
    const r2 = await search({ kinds: ['DATASET'], ...meta('energy', 'GT', { value: '12', unit: 'keV' }) }, h.tokens.alice, { facets: ['INSTRUMENT'] });
    expect(Object.fromEntries(r2.facets[0].buckets.map((b: any) => [b.value, b.count]))).toEqual({ [BL_MX]: 1, [BL_TOMO]: 1 });
  });

  test('drill-down counts equal the dataset counts MongoDB gives the same user', async () => {
    const TREE = `query T($path: TreePathInput) { searchTree(path: $path) { level datasetCount missingCount nodes { id label count } datasets { id } } }`;
    const LIST = `query L($f: DatasetFilter) { datasets(filter: $f) { totalCount } }`;
    for (const token of [h.tokens.alice, h.tokens.bob, h.tokens.admin]) {
      const total = (await h.gql(LIST, { f: {} }, token)).data.datasets.totalCount;
      const root = (await h.gql(TREE, {}, token)).data.searchTree;
      expect(root.level).toBe('INSTRUMENT');
      expect(root.datasetCount).toBe(total);
      for (const inst of root.nodes) {
        expect(inst.count).toBe((await h.gql(LIST, { f: { instrumentId: inst.id } }, token)).data.datasets.totalCount);
        const props = (await h.gql(TREE, { path: { instrumentId: inst.id } }, token)).data.searchTree;
        expect(props.level).toBe('PROPOSAL');
        for (const p of props.nodes) {
          expect(p.count).toBe((await h.gql(LIST, { f: { instrumentId: inst.id, proposalId: p.id } }, token)).data.datasets.totalCount);
          const samples = (await h.gql(TREE, { path: { instrumentId: inst.id, proposalId: p.id } }, token)).data.searchTree;
          for (const smp of samples.nodes) {
            const n = (await h.gql(LIST, { f: { instrumentId: inst.id, proposalId: p.id, sampleId: smp.id } }, token)).data.datasets.totalCount;
            expect(smp.count).toBe(n);
            const leaf = (await h.gql(TREE, { path: { instrumentId: inst.id, proposalId: p.id, sampleId: smp.id } }, token)).data.searchTree;
            expect(leaf.level).toBe('DATASET');
            expect(leaf.datasets).toHaveLength(n);
          }
        }
      }
    }
    const alice = (await h.gql(TREE, { path: { instrumentId: BL_TOMO } }, h.tokens.alice)).data.searchTree;
    // alice's alignment scan has no proposal; bob's published scan is under P-B1
    expect(alice.missingCount).toBe(1);
    expect(alice.nodes).toEqual([{ id: 'P-B1', label: null, count: 1 }]);
  });

  test('logbook: newest first, grouped by day, cursor pages cover everything once', async () => {
    const LOG = `query L($first: Int, $after: String, $input: SearchInput) { logbook(first: $first, after: $after, input: $input) { totalCount endCursor hasNextPage days { day count entries { id time } } } }`;
    const seen: { id: string; time: string; day: string }[] = [];
    const dayCounts = new Map<string, number>();
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = (await h.gql(LOG, { first: 2, after, input: { kinds: ['DATASET'] } }, h.tokens.alice)).data.logbook;
      expect(r.totalCount).toBe(6);
      for (const d of r.days) {
        dayCounts.set(d.day, d.count);
        for (const e of d.entries) seen.push({ ...e, day: d.day });
      }
      after = r.endCursor;
      if (!r.hasNextPage) break;
    }
    expect(seen.map((x) => x.id)).toEqual([B.pub, A.derived, A.thau, A.lyso2, A.lyso1, A.loose]);
    const times = seen.map((x) => Date.parse(x.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const x of seen) expect(x.day).toBe(x.time.slice(0, 10));
    // the day count is the whole day, even when a page holds part of it
    expect(dayCounts.get('2026-03-01')).toBe(2);
    const bad = await h.gql(LOG, { first: 2, after: 'not-a-cursor' }, h.tokens.alice);
    expect(codes(bad)).toEqual(['INVALID_CURSOR']);
  });
});

describe('access', () => {
  test('results, counts, facets, drill-down and metadata keys only reflect what the caller may see', async () => {
    // bob (group B) sees his own and the published dataset; nothing of group A
    expect(await ids({}, h.tokens.bob)).toEqual([B.pub, B.rock].sort());
    expect(await ids({ text: 'lysozyme' }, h.tokens.bob)).toEqual([].sort());
    const r = await search({ text: 'crystal' }, h.tokens.bob, { facets: ['INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'KEYWORD'] });
    expect(r.totalCount).toBe(0);
    for (const f of r.facets) expect(f.buckets).toEqual([]);
    const all = await search({}, h.tokens.bob, { facets: ['INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'KEYWORD', 'KIND'] });
    const values = all.facets.flatMap((f: any) => f.buckets.map((b: any) => b.value));
    expect(values).not.toContain(BL_MX);
    expect(values).not.toContain('P-A1');
    expect(values).not.toContain('S-LYS');
    expect(values).not.toContain('lysozyme');
    const KEYS = `query K($prefix: String) { metadataKeys(prefix: $prefix) { key count types units dimensions unknownUnits } }`;
    const bobKeys = (await h.gql(KEYS, {}, h.tokens.bob)).data.metadataKeys.map((k: any) => k.key);
    expect(bobKeys).toEqual(['energy', 'pixelSize', 'porosity', 'secretKeyB']);
    const aliceKeys = (await h.gql(KEYS, {}, h.tokens.alice)).data.metadataKeys;
    expect(aliceKeys.map((k: any) => k.key)).not.toContain('secretKeyB');
    expect(aliceKeys.map((k: any) => k.key)).toContain('detector.model');
    const energy = aliceKeys.find((k: any) => k.key === 'energy');
    // alice: her three MX datasets and the published one
    expect(energy).toEqual({ key: 'energy', count: 4, types: ['quantity'], units: expect.arrayContaining(['eV', 'keV']), dimensions: ['kg*m2/s2'], unknownUnits: [] });
    // anonymous callers see published records only
    expect(await ids({}, '')).toEqual([B.pub]);
    const anonKeys = (await h.gql(KEYS, {}, '')).data.metadataKeys.map((k: any) => k.key);
    expect(anonKeys).toEqual(['energy']);
    // a path bob cannot see is unknown to him, exactly like one that does not exist
    const hidden = await h.gql(SEARCH, { input: meta('detector.model', 'EXISTS') }, h.tokens.bob);
    expect(codes(hidden)).toEqual(['BAD_USER_INPUT']);
  });

  test('hits load their records through one batched read', async () => {
    h.resetCommands();
    const r = await search({ kinds: ['DATASET'] }, h.tokens.alice);
    expect(r.hits.length).toBe(6);
    expect(r.hits.every((x: any) => x.dataset)).toBe(true);
    // one find for the six datasets (the hits' sample field is null for datasets and reads nothing)
    expect(h.commands.filter((c) => c === 'find')).toHaveLength(1);
  });
});

describe('highlights are escaped HTML in which only <mark> is markup', () => {
  test('markup stored in any field of any record kind comes back escaped', async () => {
    const s = h.app.services;
    const evil = '<img src=x onerror=alert(1)>';
    await s.proposals.upsert(SYSTEM, { proposalId: 'P-XSS', title: `zebrafinch study ${evil}`, abstract: 'zebrafinch <script>alert(2)</script>', ownerGroup: GROUP_B, isPublished: true });
    await s.samples.upsert(SYSTEM, { sampleId: 'S-XSS', proposalId: 'P-XSS', ownerGroup: GROUP_B, isPublished: true, description: `zebrafinch tissue "><svg onload=alert(3)>` });
    await s.datasets.upsert(SYSTEM, rawDataset('ds/xss', GROUP_B, { isPublished: true, proposalIds: ['P-XSS'], sampleIds: ['S-XSS'], datasetName: `zebrafinch sample ${evil}`, description: 'zebrafinch &amp; <b>bold</b>', keywords: ['zebrafinch<i>'], scientificMetadata: { note: "zebrafinch <a href='javascript:alert(4)'>x</a>" } }));
    await s.search.sync.drain();
    const r = await h.gql('{ search(input: { text: "zebrafinch" }, first: 20) { hits { id highlights { field fragments } } } }');
    expect(r.errors).toBeUndefined();
    const hits = (r.data as any).search.hits;
    expect(hits.map((x: any) => x.id).sort()).toEqual(['P-XSS', 'S-XSS', 'ds/xss']);
    const fragments: string[] = hits.flatMap((x: any) => x.highlights.flatMap((hl: any) => hl.fragments));
    expect(fragments.length).toBeGreaterThan(4);
    for (const f of fragments) {
      // the only tags left are <mark> and </mark>
      expect(f.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      expect(f).toContain('<mark>zebrafinch</mark>');
    }
    const all = fragments.join(' ');
    expect(all).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(all).toContain('&lt;script&gt;');
    expect(all).toContain('&amp;amp;'); // stored text that looks like an entity stays text
    // leave the fixture as the other tests count it
    await s.datasets.remove(SYSTEM, 'ds/xss');
    await s.samples.remove(SYSTEM, 'S-XSS');
    await s.proposals.remove(SYSTEM, 'P-XSS');
    await s.search.sync.drain();
  });
});

describe('sync', () => {
  test('changes reach the index: renames travel down the hierarchy, deletes remove documents', async () => {
    const s = h.app.services;
    await s.proposals.update(SYSTEM, 'P-A1', { title: 'Carbohydrate recognition by lysozyme' });
    await s.datasets.update(SYSTEM, A.thau, { keywords: ['thaumatin', 'sweet'] });
    await s.search.sync.drain();
    expect(await ids({ text: 'carbohydrate' })).toEqual([A.derived, A.lyso1, A.lyso2, A.thau].sort());
    expect(await ids({ text: 'sweet' })).toEqual([A.thau].sort());
    await s.datasets.remove(SYSTEM, A.loose);
    await s.search.sync.drain();
    expect(await ids({ filters: [{ field: 'pid', op: 'EQ', value: A.loose }] })).toEqual([].sort());
    const check = await s.search.indexer.check();
    expect({ missing: check.missing, stale: check.stale, orphaned: check.orphaned }).toEqual({ missing: [], stale: [], orphaned: [] });
  });
});

describe('bad input gets a clear error', () => {
  const err = async (input: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const r = await h.gql(SEARCH, { input, ...extra }, h.tokens.alice);
    expect(r.data).toBeFalsy();
    return { code: r.errors![0].extensions!.code, message: r.errors![0].message };
  };

  test('unknown metadata path, with suggestions', async () => {
    const e = await err(meta('energyy', 'GT', { value: '1', unit: 'keV' }));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/filters\[0\].*"energyy".*similar paths: energy/);
  });

  test('a unit that does not convert, and an unknown unit', async () => {
    const e = await err(meta('energy', 'GT', { value: '3', unit: 'mm' }));
    expect(e.message).toMatch(/mm \(length\) does not convert to the units energy is stored in \((eV, keV|keV, eV)\)/);
    const u = await err(meta('energy', 'GT', { value: '3', unit: 'furlongs per flux' }));
    expect(u.message).toMatch(/unknown unit "furlongs per flux"/);
  });

  test('malformed query syntax names the problem', async () => {
    const e = await err({ text: 'lysozyme AND (' });
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/^text: the query cannot be parsed/);
  });

  test('a page beyond the end, and beyond what offset paging reaches', async () => {
    const e = await err({ kinds: ['DATASET'] }, { offset: 40, first: 5 });
    expect(e.message).toBe('offset 40 is beyond the last result: the query matches 5 records');
    const w = await err({}, { offset: 9999, first: 5 });
    expect(w.message).toMatch(/beyond the 10000 results.*logbook's cursor/);
  });

  test('wrong operators, values and fields', async () => {
    expect((await err({ filters: [{ field: 'colour', op: 'EQ', value: 'x' }] })).message).toMatch(/unknown field "colour"; fields: kind, pid/);
    expect((await err({ filters: [{ field: 'type', op: 'GT', value: 'x' }] })).message).toMatch(/GT compares numbers or dates; type is text/);
    expect((await err({ filters: [{ field: 'size', op: 'GT', value: 'big' }] })).message).toMatch(/"big" is not a number/);
    expect((await err({ filters: [{ field: 'creationTime', op: 'GT', value: 'yesterday' }] })).message).toMatch(/"yesterday" is not a date/);
    expect((await err({ filters: [{ field: 'size', path: 'energy', op: 'EXISTS' }] })).message).toMatch(/either field or path/);
    expect((await err(meta('frames', 'RANGE'))).message).toMatch(/RANGE needs from, to or both/);
    expect((await err(meta('detector.model', 'GT', { value: '3' }))).message).toMatch(/GT compares numbers or dates; detector.model holds string values/);
  });
});

describe('without Elasticsearch', () => {
  test('search says it is unavailable and the rest of the API keeps working', async () => {
    const off = await startHarness('nosearch', { elasticsearchUrl: undefined });
    try {
      await off.app.services.datasets.upsert(SYSTEM, rawDataset('ds/plain', GROUP_A));
      const r = await off.gql(SEARCH, { input: { text: 'x' } }, off.tokens.alice);
      expect(codes(r)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(r.errors![0].message).toMatch(/search is unavailable: ELASTICSEARCH_URL is not set/);
      const list = await off.gql(`{ datasets { totalCount } }`, {}, off.tokens.alice);
      expect(list.data.datasets.totalCount).toBe(1);
      const st = await off.gql(`{ searchStatus { available reason } }`, {}, off.tokens.alice);
      expect(st.data.searchStatus).toEqual({ available: false, reason: 'ELASTICSEARCH_URL is not set' });
    } finally {
      await off.close();
    }
  });

  test('an unreachable Elasticsearch is reported as such', async () => {
    const down = await startHarness('esdown', { elasticsearchUrl: 'http://127.0.0.1:9' });
    try {
      const r = await down.gql(SEARCH, { input: { text: 'x' } }, down.tokens.alice);
      expect(codes(r)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(r.errors![0].message).toBe('search is unavailable: Elasticsearch is not reachable');
      // the address is the operator's business, not the caller's
      expect(JSON.stringify(r.errors)).not.toContain('127.0.0.1');
    } finally {
      await down.close();
    }
  });
});

describe('units as facilities write them (issue 15, kind 7)', () => {
  test('50 mK is below 1 K and below 100 mK; ph/s is photons per second; an unknown unit is reported, not guessed', async () => {
    const s = h.app.services;
    await s.datasets.upsert(SYSTEM, rawDataset('ds/units', GROUP_A, { scientificMetadata: { cryo: { value: 50, unit: 'mK' }, photonFlux: { value: 2e12, unit: 'ph/s' }, intensity: { value: 3, unit: 'a.u.' } } }));
    await s.search.sync.drain();
    try {
      expect(await ids(meta('cryo', 'LT', { value: '1', unit: 'K' }))).toEqual(['ds/units']);
      expect(await ids(meta('cryo', 'LT', { value: '100', unit: 'mK' }))).toEqual(['ds/units']);
      expect(await ids(meta('cryo', 'GT', { value: '60', unit: 'mK' }))).toEqual([]);
      expect(await ids(meta('cryo', 'LT', { value: '-273', unit: '°C' }))).toEqual(['ds/units']);
      expect(await ids(meta('photonFlux', 'GT', { value: '1e12', unit: 'photons/s' }))).toEqual(['ds/units']);
      expect(await ids(meta('photonFlux', 'GT', { value: '3', unit: 'kcounts/s' }))).toEqual(['ds/units']);
      // a time is not a photon rate: ph/s never meant pico-hours per second
      const wrong = await h.gql('query($input: SearchInput) { search(input: $input) { totalCount } }', { input: { filters: [{ path: 'photonFlux', op: 'GT', value: '1', unit: 's/s' }] } }, h.tokens.alice);
      expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
      const keys = (await h.gql('{ metadataKeys(prefix: "intensity") { key units dimensions unknownUnits } }', {}, h.tokens.alice)).data.metadataKeys;
      expect(keys).toEqual([{ key: 'intensity', units: ['a.u.'], dimensions: [], unknownUnits: ['a.u.'] }]);
    } finally {
      await s.datasets.remove(SYSTEM, 'ds/units');
      await s.search.sync.drain();
    }
  });
});
