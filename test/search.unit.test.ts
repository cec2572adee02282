// Pure search logic, no servers: units, metadata flattening, free-text parsing, access and filter compilation.
import { toSi, dimensionOf, knownUnit, convertUnit } from '../src/common/units';
import { flattenMetadata, MAX_ENTRIES } from '../src/search/metadata';
import { accessClause, fieldFilter, metadataFilter, parseText, type KeyInfo } from '../src/search/search.query';
import { CatalogError } from '../src/common/errors';

const close = (a: number, b: number) => expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(1e-12);

describe('units', () => {
  test('energies, lengths and temperatures convert to SI in both directions', () => {
    close(toSi(12.5, 'keV')!.si, toSi(12500, 'eV')!.si);
    expect(toSi(12.5, 'keV')!.dim).toBe(toSi(1, 'J')!.dim);
    close(toSi(1.5, 'Å')!.si, 1.5e-10);
    close(toSi(1.5, '\u212B')!.si, 1.5e-10);
    close(toSi(250, 'mm')!.si, toSi(0.25, 'm')!.si);
    close(toSi(0.65, 'µm')!.si, 6.5e-7);
    close(toSi(100, 'K')!.si, 100);
    close(toSi(-173.15, '°C')!.si, 100);
  });

  test('unknown and dimensionless units are not quantities', () => {
    expect(toSi(1, 'furlongs per flux')).toBeNull();
    for (const u of ['a.u.', 'arb. units', 'widgets', 'e', '']) expect({ u, known: knownUnit(u) }).toEqual({ u, known: false });
    // percent converts (50 % = 0.5) but has no dimension
    expect(dimensionOf('%')).toEqual({ dim: '1', kind: 'unitless' });
    expect(dimensionOf('keV')!.kind).toBe('energy');
    expect(dimensionOf('mm')!.dim).not.toBe(dimensionOf('keV')!.dim);
  });
});

describe('units as facilities write them (issue 15, kind 7)', () => {
  // spellings from NeXus units attributes and ISPyB columns: each as a value in SI base units
  test.each([
    ['50 mK', 50, 'mK', 0.05, 'tempK'],
    ['2 µK', 2, 'µK', 2e-6, 'tempK'],
    ['300 K', 300, 'K', 300, 'tempK'],
    ['25 °C', 25, '°C', 298.15, 'tempK'],
    ['25 ℃', 25, '℃', 298.15, 'tempK'],
    ['1e12 ph/s', 1e12, 'ph/s', 1e12, 'each/s'],
    ['1e12 photons/s', 1e12, 'photons/s', 1e12, 'each/s'],
    ['5 kcounts/s', 5, 'kcounts/s', 5000, 'each/s'],
    ['1200 cps', 1200, 'cps', 1200, 'each/s'],
    ['40 counts', 40, 'counts', 40, 'each'],
    ['3 counts/s/mm^2', 3, 'counts/s/mm^2', 3e6, 'each/m2*s'],
    ['2 1/Å', 2, '1/Å', 2e10, '1/m'],
    ['2 Å^-1', 2, 'Å^-1', 2e10, '1/m'],
    ['2 1/angstrom', 2, '1/angstrom', 2e10, '1/m'],
    ['0.98 Angstrom', 0.98, 'Angstrom', 0.98e-10, 'm'],
    ['12 μm', 12, 'μm', 12e-6, 'm'],
    ['12 micron', 12, 'micron', 12e-6, 'm'],
    ['10 mrad', 10, 'mrad', 0.01, 'rad'],
    ['90 degrees', 90, 'degrees', Math.PI / 2, 'rad'],
    ['90 °', 90, '°', Math.PI / 2, 'rad'],
    ['1 Torr', 1, 'Torr', 133.322368, 'kg/m*s2'],
    ['1 W', 1, 'W', 1, 'kg*m2/s3'],
    ['3 counts/mm^2/s', 3, 'counts/mm^2/s', 3e6, 'each/m2*s'],
    ['5 mTorr', 5, 'mTorr', 0.66661184, 'kg/m*s2'],
    ['1e-6 mbar', 1e-6, 'mbar', 1e-4, 'kg/m*s2'],
    ['200 mA', 200, 'mA', 0.2, 'A'],
    ['0.1 s', 0.1, 'sec', 0.1, 's'],
    ['10 µs', 10, 'µs', 1e-5, 's'],
    ['2 K/min', 2, 'K/min', 2 / 60, 'degK/s'],
    ['5 kGy', 5, 'kGy', 5000, 'm2/s2'],
    ['3 Ω', 3, 'Ω', 3, 'kg*m2/A2*s3'],
    ['2 kcps', 2, 'kcps', 2000, 'each/s'],
    ['2 Mcps', 2, 'Mcps', 2e6, 'each/s'],
    ['25 ° C', 25, '° C', 298.15, 'tempK'],
    // superscripts, as NeXus files and ISPyB comments write them
    ['3 mm²', 3, 'mm²', 3e-6, 'm2'],
    ['2 Å⁻¹', 2, 'Å⁻¹', 2e10, '1/m'],
    ['5 cm³', 5, 'cm³', 5e-6, 'm3'],
    ['100 s⁻¹', 100, 's⁻¹', 100, '1/s'],
    ['9.81 m/s²', 9.81, 'm/s²', 9.81, 'm/s2'],
    ['3 counts/s/mm²', 3, 'counts/s/mm²', 3e6, 'each/m2*s'],
    // factors that cancel: a leak rate is a power, however it is spelled
    ['1e-9 mbar·L/s', 1e-9, 'mbar·L/s', 1e-10, 'kg*m2/s3'],
    ['1e-9 mbar·L·s⁻¹', 1e-9, 'mbar·L·s⁻¹', 1e-10, 'kg*m2/s3'],
    ['1 Pa·m³/s', 1, 'Pa·m³/s', 1, 'kg*m2/s3'],
    ['2 kg·m²/s³', 2, 'kg·m²/s³', 2, 'kg*m2/s3'],
  ])('%s', (_label, value, unit, si, dim) => {
    const r = toSi(value as number, unit as string);
    expect(r).not.toBeNull();
    close(r!.si, si as number);
    expect(r!.dim).toBe(dim);
  });

  test('a leak rate compares with watts, and converts between its spellings', () => {
    expect(dimensionOf('mbar·L/s')!.dim).toBe(dimensionOf('W')!.dim);
    close(convertUnit(1, 'mbar·L/s', 'Pa·m³/s'), 0.1);
    close(convertUnit(2, 'Å⁻¹', 'nm^-1'), 20);
    expect(() => convertUnit(1, 'mbar·L/s', 'J')).toThrow();
  });

  test('a milli-count is no unit: mph stays miles per hour, never milli-photons', () => {
    expect(dimensionOf('mph')?.dim).toBe('m/s');
    expect(dimensionOf('mcounts')).toBeNull();
  });

  test('ph is photons, never pico-hours; prefixed temperatures compare with kelvin', () => {
    expect(dimensionOf('ph/s')!.dim).toBe('each/s');
    expect(dimensionOf('ph/s')!.dim).not.toBe(dimensionOf('s/s')?.dim);
    expect(toSi(50, 'mK')!.si).toBeLessThan(toSi(1, 'K')!.si);
    expect(toSi(50, 'mK')!.si).toBeLessThan(toSi(100, 'mK')!.si);
    expect(dimensionOf('mK')!.dim).toBe(dimensionOf('K')!.dim);
  });
});

describe('metadata flattening', () => {
  test('typed entries with paths, units and SI values', () => {
    const e = flattenMetadata({
      energy: { value: 12500, unit: 'eV' },
      detector: { model: 'EIGER', distance: { value: 250, unit: 'mm' }, binned: true },
      frames: 10,
      when: '2026-03-01T10:00:00Z',
      odd: { value: 3, unit: 'widgets' },
      list: [1, 2],
      nothing: null,
    });
    const by = Object.fromEntries(e.map((x) => [`${x.key}#${x.n ?? x.s ?? x.b}`, x]));
    expect(by['energy#12500']).toMatchObject({ type: 'quantity', unit: 'eV', dim: 'kg*m2/s2' });
    expect(by['detector.distance#250']).toMatchObject({ type: 'quantity', si: 0.25, dim: 'm' });
    expect(by['detector.model#EIGER']).toMatchObject({ type: 'string' });
    expect(by['detector.binned#true']).toMatchObject({ type: 'boolean' });
    expect(by['frames#10']).toMatchObject({ type: 'number' });
    expect(e.find((x) => x.key === 'when')).toMatchObject({ type: 'date', d: '2026-03-01T10:00:00.000Z' });
    // a unit the catalog cannot convert is kept, as a plain number
    expect(by['odd#3']).toMatchObject({ type: 'number', unit: 'widgets' });
    expect(e.filter((x) => x.key === 'list').map((x) => x.n)).toEqual([1, 2]);
    expect(e.find((x) => x.key === 'nothing')).toBeUndefined();
  });

  test('a record with more keys than the index takes is cut at the limit, not refused', () => {
    const big = Object.fromEntries(Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => [`k${i}`, i]));
    expect(flattenMetadata(big)).toHaveLength(MAX_ENTRIES);
  });
});

describe('free text', () => {
  test('quantities are taken out of the words, except inside quotes', () => {
    expect(parseText('lysozyme 12 keV BL17U')).toEqual({ words: 'lysozyme  BL17U', quantities: [{ raw: '12 keV', value: 12, unit: 'keV' }] });
    expect(parseText('"12 keV" run').quantities).toEqual([]);
    expect(parseText('sample 12b').quantities).toEqual([]);
    expect(parseText('transmission 50 %').quantities).toEqual([]);
    expect(parseText('at 12keV').quantities).toEqual([{ raw: '12 keV', value: 12, unit: 'keV' }]);
    expect(parseText('1.5Å').quantities).toEqual([{ raw: '1.5 Å', value: 1.5, unit: 'Å' }]);
  });
});

describe('access and filters', () => {
  test('the access clause is readFilter compiled for the index: one rule, two forms', () => {
    expect(accessClause({ subject: 'a', role: 'admin', groups: [], via: 'jwt' })).toBeNull();
    expect(accessClause({ subject: 's', role: 'steward', groups: [], via: 'jwt' })).toBeNull();
    expect(accessClause({ subject: 'anonymous', role: 'anonymous', groups: [], via: 'anonymous' })).toEqual({ term: { isPublished: true } });
    expect(accessClause({ subject: 'u', role: 'user', groups: [], via: 'jwt' })).toEqual({ term: { isPublished: true } });
    // readFilter's $or of three conditions, each as the translator writes an $in (test/access.test.ts runs it on the index)
    const any = (c: object) => ({ bool: { should: [c], minimum_should_match: 1 } });
    expect(accessClause({ subject: 'u', role: 'user', groups: ['g1'], via: 'jwt' })).toEqual({
      bool: { should: [{ term: { isPublished: true } }, any({ terms: { ownerGroup: ['g1'] } }), any({ terms: { accessGroups: ['g1'] } })], minimum_should_match: 1 },
    });
  });

  const energy: KeyInfo = { key: 'energy', count: 3, types: ['quantity'], units: ['eV', 'keV'], dims: ['kg*m2/s2'] };
  const refused = (fn: () => unknown, re: RegExp) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogError);
      expect((e as CatalogError).message).toMatch(re);
      return;
    }
    throw new Error('expected a refusal');
  };

  test('metadata filters are typed by the key and converted to SI', () => {
    const c = metadataFilter(0, { path: 'energy', op: 'GT', value: '12', unit: 'keV' }, energy, []).clause as any;
    const inner = c.nested.query.bool.filter;
    expect(inner[0]).toEqual({ term: { 'meta.key': 'energy' } });
    const range = inner[1].bool.filter[1].range['meta.si'].gt;
    close(range, toSi(12000, 'eV')!.si);
    refused(() => metadataFilter(0, { path: 'energy', op: 'GT', value: '3', unit: 'mm' }, energy, []), /mm \(length\) does not convert/);
    refused(() => metadataFilter(0, { path: 'energy', op: 'GT', value: 'high', unit: 'keV' }, energy, []), /"high" is not a number/);
    refused(() => metadataFilter(0, { path: 'energyy', op: 'EXISTS' }, undefined, ['energy']), /similar paths: energy/);
  });

  test('field filters check operator and operand types', () => {
    expect(fieldFilter(0, { field: 'instrumentId', op: 'EQ', value: 'x' })).toEqual({ clause: { term: { instrumentId: 'x' } }, facets: ['INSTRUMENT'] });
    expect(fieldFilter(0, { field: 'size', op: 'RANGE', from: '1', to: '2' }).clause).toEqual({ range: { size: { gte: 1, lte: 2 } } });
    refused(() => fieldFilter(0, { field: 'type', op: 'LT', value: 'x' }), /LT compares numbers or dates/);
    refused(() => fieldFilter(0, { field: 'size', op: 'PREFIX', value: '1' }), /PREFIX applies to text fields/);
    refused(() => fieldFilter(0, { field: 'size', op: 'IN' }), /IN needs values/);
    refused(() => fieldFilter(0, { field: 'size', op: 'EQ', value: '1', unit: 'kB' }), /a unit applies to metadata paths/);
  });
});
