// Mapping files are checked before they run: each broken mapping is refused with the JSON path of its
// mistake; the engine converts types, zones and units and reports bad rows with the field at fault.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateMapping } from '../src/ingest/mapping/mapping.validate';
import { mappingWarnings } from '../src/ingest/mapping/mapping.warnings';
import { compileMapping } from '../src/ingest/mapping/mapping.engine';
import { parseExpr, evalExpr } from '../src/ingest/mapping/expression';
import { toDate } from '../src/ingest/mapping/convert';
import type { Mapping } from '../src/ingest/mapping/mapping.types';
import { storable, type StorageNote } from '../src/common/storable';

const ROOT = path.resolve(__dirname, '..');
const mx = (): any => JSON.parse(readFileSync(path.join(ROOT, 'mappings/mx-ispyb.json'), 'utf8'));

describe('mapping validation', () => {
  it('accepts every committed mapping', () => {
    for (const f of ['mx-ispyb.json', 'mx-ispyb-pg.json', 'mx-ispyb-upstream.json', 'tomo-nexus.json']) {
      expect([f, validateMapping(JSON.parse(readFileSync(path.join(ROOT, 'mappings', f), 'utf8')))]).toEqual([f, []]);
    }
  });

  const broken: [string, (m: any) => void, string, RegExp][] = [
    ['unknown adapter', (m) => (m.source.adapter = 'oracle'), '/source/adapter', /not one of/],
    ['bad JSONPath', (m) => (m.entities.dataset.fields.sourceFolder = { map: '$.group[?(@.x==)]' }), '/entities/dataset/fields/sourceFolder/map', /not a valid JSONPath/],
    ['unbalanced JSONPath', (m) => (m.entities.dataset.fields.datasetName = '$.a[0'), '/entities/dataset/fields/datasetName', /unclosed/],
    ['type mismatch with the catalog field', (m) => (m.entities.dataset.fields.size = { map: '$.totalFileSize', type: 'string' }), '/entities/dataset/fields/size/type', /does not fit dataset.size/],
    ['default of the wrong type', (m) => (m.entities.dataset.fields.numberOfFiles = { map: '$.n', type: 'int', value: 'many' }), '/entities/dataset/fields/numberOfFiles/value', /not a int/],
    ['unit on a boolean', (m) => (m.entities.dataset.fields.scientificMetadata.fields.flag = { map: '$.x', type: 'boolean', unit: 'mm' }), '/entities/dataset/fields/scientificMetadata/fields/flag/type', /cannot carry the unit/],
    ['unknown unit', (m) => (m.entities.dataset.fields.scientificMetadata.fields.wavelength.unit = 'furlongs-ish'), '/entities/dataset/fields/scientificMetadata/fields/wavelength/unit', /not a unit/],
    ['missing identity', (m) => delete m.entities.sample.identity, '/entities/sample', /must have "identity"/],
    ['wrong identity field', (m) => (m.entities.sample.identity.field = 'pid'), '/entities/sample/identity/field', /is "sampleId"/],
    ['cycle in references', (m) => (m.entities.proposal.references = { parentProposalId: 'dataset' }), '/entities/', /cycle/],
    ['reference to an entity not produced', (m) => { delete m.entities.sample; }, '/entities/dataset/references/sampleIds', /does not produce/],
    ['unknown catalog field', (m) => (m.entities.dataset.fields.sizee = '$.x'), '/entities/dataset/fields/sizee', /not a field of a dataset/],
    ['expression over an undeclared name', (m) => (m.entities.dataset.fields.scientificMetadata.fields.energy.expr = '12.4 / lambda'), '/entities/dataset/fields/scientificMetadata/fields/energy/expr', /uses "lambda"/],
    ['expression that does not parse', (m) => (m.entities.dataset.fields.scientificMetadata.fields.energy.expr = '12.4 / (wavelength'), '/entities/dataset/fields/scientificMetadata/fields/energy/expr', /expected "\)"/],
    ['bad time zone', (m) => (m.source.timezone = 'Mars/Olympus'), '/source/timezone', /not a time zone/],
    ['unknown property', (m) => (m.source.root.cursr = 'x'), '/source/root/cursr', /not allowed/],
    ['missing connection', (m) => delete m.source.connection, '/source', /must have "connection"/],
    ['two value sources', (m) => (m.entities.dataset.fields.owner = { map: '$.a', const: 'x' }), '/entities/dataset/fields/owner', /not map and const/],
    // issue 18: these passed validation and then quarantined every record with "must be array"
    ['one template into a list field', (m) => (m.entities.dataset.fields.accessGroups = { template: 'p{$.proposal.code}' }), '/entities/dataset/fields/accessGroups', /dataset.accessGroups is a list, but this spec gives one value/],
    ['an expression into a list field', (m) => (m.entities.dataset.fields.keywords = { expr: 'a', vars: { a: '$.x' } }), '/entities/dataset/fields/keywords', /dataset.keywords is a list/],
    ['a list into a single-valued field', (m) => (m.entities.dataset.fields.owner = { template: ['{$.a}', '{$.b}'] }), '/entities/dataset/fields/owner', /dataset.owner is string, but this spec gives a list/],
    ['a coalesce of one-value specs into a list field', (m) => (m.entities.dataset.fields.accessGroups = { coalesce: [{ template: '{$.a}' }, { const: 'staff' }] }), '/entities/dataset/fields/accessGroups', /is a list/],
    ['a bad placeholder in a list of templates', (m) => (m.entities.dataset.fields.accessGroups = { template: ['staff', '{$.a[}'] }), '/entities/dataset/fields/accessGroups/template/1', /not a valid JSONPath/],
    ['a bad JSONPath among coalesce alternatives', (m) => (m.entities.dataset.fields.owner = { coalesce: ['$.who', '$.a[0'] }), '/entities/dataset/fields/owner/coalesce/1', /unclosed/],
    ['a coalesce whose list alternative cannot fill a one-value field', (m) => (m.entities.dataset.fields.owner = { coalesce: [{ template: ['p{$.a}', 'x{$.b}'] }, { const: 'x' }] }), '/entities/dataset/fields/owner/coalesce/0', /dataset.owner is string, but this spec gives a list/],
    ['a template placeholder left open', (m) => (m.entities.dataset.fields.owner = { template: 'x{$.a' }), '/entities/dataset/fields/owner/template', /not closed/],
    ['a file series into a one-value field', (m) => (m.entities.dataset.fields.owner = { fileSeries: { template: '$.t', count: '$.n' } }), '/entities/dataset/fields/owner', /dataset.owner is string, but this spec gives a list/],
    ['a file series with a bad JSONPath', (m) => (m.entities.origdatablock.fields.dataFileList = { fileSeries: { template: '$.t[', count: '$.n' } }), '/entities/origdatablock/fields/dataFileList/fileSeries/template', /not a valid JSONPath/],
    ['a file series without its count', (m) => (m.entities.origdatablock.fields.dataFileList = { fileSeries: { template: '$.t' } }), '/entities/origdatablock/fields/dataFileList/fileSeries', /must have "count"/],
    ['a switch case that gives a list into a one-value field', (m) => (m.entities.dataset.fields.owner = { switch: '$.k', cases: { a: { const: 'x' }, b: { template: ['{$.a}', 'y'] } } }), '/entities/dataset/fields/owner/cases/b', /gives a list/],
    ['cases without switch', (m) => (m.entities.dataset.fields.owner = { map: '$.who', cases: { a: { const: 'x' } } }), '/entities/dataset/fields/owner/cases', /only means something with switch/],
    ['a switch and a map together', (m) => (m.entities.dataset.fields.owner = { map: '$.who', switch: '$.k', cases: {} }), '/entities/dataset/fields/owner', /not map and switch/],
    ['a passthrough relation the source does not have', (m) => (m.entities.dataset.passthrough.relations = ['group', 'detectr']), '/entities/dataset/passthrough/relations/1', /"detectr" is not a relation of the source/],
    ['a passthrough relation whose parent is not listed', (m) => (m.entities.dataset.passthrough.relations = ['group.session']), '/entities/dataset/passthrough/relations/0', /"group.session" is reached through "group", which is not listed/],
    ['a further root whose entity has the wrong identity field', (m) => (m.roots = [{ name: 'sessions', root: { table: 'BLSession', key: 'sessionId' }, entities: { proposal: { identity: { field: 'pid', template: 'p{$.proposalId}' }, fields: { title: '$.title' } } } }]), '/roots/0/entities/proposal/identity/field', /the identity of a proposal is "proposalId"/],
    ['a further root with a field the catalog does not have', (m) => (m.roots = [{ name: 'sessions', root: { table: 'BLSession', key: 'sessionId' }, entities: { proposal: { identity: { field: 'proposalId', template: 'p{$.proposalId}' }, fields: { titel: '$.title' } } } }]), '/roots/0/entities/proposal/fields/titel', /"titel" is not a field of a proposal/],
    ['a further root in a file mapping', (m) => { m.source = { adapter: 'hdf5', connection: { env: 'X' } }; m.roots = [{ name: 'x', root: { table: 'T', key: 'id' }, entities: { proposal: { identity: { field: 'proposalId', template: 'p{$.id}' }, fields: { title: '$.t' } } } }]; }, '/roots', /a file source \(hdf5\) has no further roots/],
    ['a dataset that never writes a field the catalog requires', (m) => delete m.entities.dataset.fields.owner, '/entities/dataset/fields', /a dataset needs owner, which this mapping does not write, so every record would be refused/],
    ['a raw dataset without creationLocation', (m) => delete m.entities.dataset.fields.creationLocation, '/entities/dataset/fields', /a dataset needs creationLocation/],
    ['passthrough into a field that is not an object', (m) => (m.entities.dataset.passthrough.into = 'owner'), '/entities/dataset/passthrough/into', /dataset.owner is string, so the copied columns would be lost/],
    ['two further roots with one name', (m) => (m.roots = ['sessions', 'sessions'].map((name) => ({ name, root: { table: 'BLSession', key: 'sessionId' }, entities: { proposal: { identity: { field: 'proposalId', template: 'p{$.proposalId}' }, fields: { title: '$.title', ownerGroup: { const: 'g' } } } } }))), '/roots/1/name', /"sessions" is also the name of root 0/],
    ['an instrument with the wrong identity field', (m) => (m.entities.instrument.identity.field = 'instrumentId'), '/entities/instrument/identity/field', /the identity of an instrument is "pid"/],
  ];
  it('warns when incremental runs cannot see changes: a root cursor blind to joined tables, or no cursor at all; hashes silence it (issue 18)', () => {
    const m = mx();
    expect(mappingWarnings(m)).toEqual([{ path: '/source/root/cursor', message: expect.stringMatching(/^DataCollection.lastUpdate does not see changes in the joined tables DataCollectionGroup, BLSession, .*Phasing: an incremental run or a sweep re-reads a record only when its lastUpdate moves$/), hint: 'set "changes": "hash" under source to find changes anywhere in the joined record' }]);
    delete m.source.root.cursor;
    expect(mappingWarnings(m)[0]).toMatchObject({ path: '/source/root', message: expect.stringMatching(/^has no cursor: incremental runs read only keys past the checkpoint/) });
    m.source.changes = 'hash';
    expect(mappingWarnings(m)).toEqual([]);
    expect(mappingWarnings(JSON.parse(readFileSync(path.join(ROOT, 'mappings/tomo-nexus.json'), 'utf8')))).toEqual([]);
  });

  it('reports schema and semantic problems in one pass: a wrong type does not hide an unknown field or a bad unit (issue 18)', () => {
    const m = mx();
    m.entities.dataset.fields.size = { map: '$.totalFileSize', type: 'integer' }; // schema: not a type name
    m.entities.dataset.fields.sizee = '$.x'; // semantic: not a dataset field
    m.entities.dataset.fields.scientificMetadata.fields.wavelength.unit = 'furlongs-ish'; // semantic: not a unit
    const problems = validateMapping(m);
    const at = (p: string, re: RegExp) => problems.some((x) => x.path.startsWith(p) && re.test(x.message));
    expect(at('/entities/dataset/fields/size/type', /.+/)).toBe(true);
    expect(at('/entities/dataset/fields/sizee', /not a field of a dataset/)).toBe(true);
    expect(at('/entities/dataset/fields/scientificMetadata/fields/wavelength/unit', /not a unit/)).toBe(true);
    // one line each: no problem is repeated
    expect(new Set(problems.map((p) => `${p.path}|${p.message}`)).size).toBe(problems.length);
  });

  it('one mistake is one line: a wrong type name on a field is reported once, without the other branches of a field', () => {
    const m = mx();
    m.entities.dataset.fields.size = { map: '$.totalFileSize', type: 'integer', value: 0 };
    expect(validateMapping(m)).toEqual([{ path: '/entities/dataset/fields/size/type', message: expect.stringMatching(/^"integer" is not one of "string", "int"/) }]);
    const empty = mx();
    empty.entities.dataset.fields.accessGroups = { template: [] };
    expect(validateMapping(empty).map((p) => p.path)).toEqual(['/entities/dataset/fields/accessGroups/template']);
    const noDollar = mx();
    noDollar.entities.dataset.fields.owner = { coalesce: ['$.who', 'who'] };
    expect(validateMapping(noDollar)).toEqual([{ path: '/entities/dataset/fields/owner/coalesce/1', message: expect.stringMatching(/does not match/), hint: 'a JSONPath starts with $' }]);
  });

  it.each(broken)('rejects %s with its path', (_name, breakIt, at, message) => {
    const m = mx();
    breakIt(m);
    const problems = validateMapping(m);
    expect(problems.length).toBeGreaterThan(0);
    const hit = problems.find((p) => p.path.startsWith(at) && message.test(p.message));
    if (!hit) throw new Error(`expected a problem at ${at} matching ${message}, got ${JSON.stringify(problems, null, 1)}`);
  });
});

describe('mapping engine', () => {
  const m: Mapping = {
    id: 't', version: '1', source: { adapter: 'sqlite', connection: { env: 'X' }, timezone: 'Asia/Shanghai', root: { table: 'r', key: 'id' } },
    entities: {
      dataset: {
        identity: { field: 'pid', template: 'ds/{$.id}' },
        fields: {
          type: { const: 'raw' },
          owner: { map: '$.who', required: true },
          contactEmail: { const: 'a@b.org' },
          creationLocation: { const: '/lab' },
          sourceFolder: { map: '$.dir', value: '/unknown' },
          creationTime: { map: '$.t', type: 'datetime', required: true },
          ownerGroup: { template: 'p{$.prop}' },
          size: { map: '$.bytes', type: 'java.lang.Long', value: 0 },
          scientificMetadata: {
            fields: {
              energy: { expr: 'round(12.398419843320026 / w, 3)', vars: { w: '$.w' }, type: 'number', unit: 'keV' },
              beam: { map: '$.beam', type: 'number', unit: 'mm', toUnit: 'um' },
              shells: { forEach: '$.stats[*]', fields: { name: '$.n', res: { map: '$.r', type: 'number', unit: 'Å' } } },
              best: { pick: { from: '$.stats[*]', orderBy: '$.r', order: 'asc' }, map: '$.n' },
              mode: { map: '$.m', lookup: { table: { '1': 'fast', '2': 'slow' } } },
            },
          },
        },
        passthrough: { into: 'scientificMetadata.raw', exclude: ['secret'] },
      },
    },
  };
  const c = compileMapping(m);
  const row = { id: 7, who: 'Ada', t: '2026-03-01 08:00:00', prop: '20261001', bytes: '123456789012', w: 0.9792, beam: 0.05, stats: [{ n: 'outer', r: 2.1 }, { n: 'overall', r: 1.5 }], m: 1, extra: 'kept', secret: 'no', dir: null };

  it('maps a row field by field', () => {
    const out = c.map(row, '7', 'run-1');
    expect(out.problems).toEqual([]);
    const d = out.entities.dataset!;
    expect(d.pid).toBe('ds/7');
    expect(d.creationTime).toBe('2026-03-01T00:00:00.000Z'); // 08:00 in Shanghai is midnight UTC
    expect(d.size).toBe(123456789012);
    expect(d.sourceFolder).toBe('/unknown');
    expect(d.ownerGroup).toBe('p20261001');
    expect(d.scientificMetadata.energy).toEqual({ value: 12.662, unit: 'keV' });
    expect(d.scientificMetadata.beam).toEqual({ value: 50, unit: 'um' });
    expect(d.scientificMetadata.shells).toEqual([{ name: 'outer', res: { value: 2.1, unit: 'Å' } }, { name: 'overall', res: { value: 1.5, unit: 'Å' } }]);
    expect(d.scientificMetadata.best).toBe('overall');
    expect(d.scientificMetadata.mode).toBe('fast');
    expect(d.scientificMetadata.raw).toEqual({ extra: 'kept', stats: [{ n: 'outer', r: 2.1 }, { n: 'overall', r: 1.5 }] });
    expect(d.provenance).toEqual({ mappingId: 't', mappingVersion: '1', source: 'sqlite:r', key: '7', runId: 'run-1' });
  });

  it('reports every bad value of a row with the field and the source path', () => {
    const out = c.map({ ...row, who: null, t: '2026-13-45 99:00:00', bytes: 'lots', m: 9 }, '8', 'run-1');
    expect(out.entities.dataset).toBeUndefined();
    const byPath = Object.fromEntries(out.problems.map((p) => [p.path, p.message]));
    expect(byPath['/entities/dataset/fields/owner']).toMatch(/required but the source has no value at \$\.who/);
    expect(byPath['/entities/dataset/fields/creationTime']).toMatch(/not a valid date-time.*\$\.t/);
    expect(byPath['/entities/dataset/fields/size']).toMatch(/"lots" is not a number/);
    expect(byPath['/entities/dataset/fields/scientificMetadata/fields/mode/lookup']).toMatch(/9.*not in the lookup table/);
  });

  it('values a driver hands over that JSON cannot write (an invalid Date, a bigint inside an object, an epoch beyond year 275760) quarantine the row naming them; they never stop the run', () => {
    const sm = (x: any) => x.entities.dataset.fields.scientificMetadata.fields;
    const variant = JSON.parse(JSON.stringify(m));
    sm(variant).asText = { map: '$.obj', type: 'string' };
    sm(variant).when = { map: '$.when', type: 'datetime' };
    sm(variant).untypedWhen = { map: '$.when2' };
    sm(variant).coded = { map: '$.code', lookup: { table: { a: 'A' } } };
    const cv = compileMapping(variant);
    const bad = { ...row, t: new Date(NaN), obj: { n: 2n ** 70n }, when: 1e20, when2: new Date(NaN), code: new Date(NaN) };
    const out = cv.map(bad, '11', 'run-1');
    expect(out.entities.dataset).toBeUndefined();
    const byPath = Object.fromEntries(out.problems.map((p) => [p.path, p.message]));
    const f = '/entities/dataset/fields';
    expect(byPath[`${f}/creationTime`]).toBe('an invalid date is not a date-time (from $.t)');
    expect(byPath[`${f}/scientificMetadata/fields/asText`]).toBe('{"n":1180591620717411303424} is an object or list, not a string (from $.obj)');
    expect(byPath[`${f}/scientificMetadata/fields/when`]).toBe('100000000000000000000 is not a date-time: beyond the dates JavaScript and JSON can hold (from $.when)');
    expect(byPath[`${f}/scientificMetadata/fields/untypedWhen`]).toBe('an invalid date is not a date-time (from $.when2)');
    expect(byPath[`${f}/scientificMetadata/fields/coded/lookup`]).toMatch(/^an invalid date \(from \$\.code\) is not in the lookup table/);
    expect(Object.keys(byPath)).toHaveLength(5);
    // the same values where they are fine: a bigint in an untyped object goes on (the write keeps its digits)
    const ok = cv.map({ ...row, obj: 'x', when: 1767225600, when2: new Date('2026-01-01T00:00:00Z'), code: 'a' }, '12', 'run-1');
    expect(ok.problems).toEqual([]);
    expect(ok.entities.dataset!.scientificMetadata).toMatchObject({ asText: 'x', when: '2026-01-01T00:00:00.000Z', untypedWhen: '2026-01-01T00:00:00.000Z', coded: 'A' });
  });

  it('a list of templates gives a list (entries without a value left out, repeats dropped); coalesce gives the first alternative with a value (issue 18)', () => {
    const variant = JSON.parse(JSON.stringify(m));
    const f = variant.entities.dataset.fields;
    f.accessGroups = { template: ['{$.visit}', 'p{$.prop}', 'bl-staff', 'p{$.prop}'] };
    f.owner = { coalesce: ['$.who', { template: 'user {$.uid}' }, { const: 'unknown' }], required: true };
    expect(validateMapping(variant).filter((p) => /accessGroups|owner/.test(p.path))).toEqual([]);
    const cv = compileMapping(variant);
    const a = cv.map({ ...row, visit: 'mx1-3' }, '20', 'run-1').entities.dataset!;
    expect(a.accessGroups).toEqual(['mx1-3', 'p20261001', 'bl-staff']);
    expect(a.owner).toBe('Ada');
    const b = cv.map({ ...row, who: null, uid: 42 }, '21', 'run-1').entities.dataset!;
    expect(b.accessGroups).toEqual(['p20261001', 'bl-staff']);
    expect(b.owner).toBe('user 42');
    const c = cv.map({ ...row, who: '' }, '22', 'run-1');
    expect(c.problems).toEqual([]);
    expect(c.entities.dataset!.owner).toBe('unknown');
  });

  it('a file series gives one entry per image: # runs and printf numbers zero-padded, a template without one names one file; bad counts and templates are problems (issue 18)', () => {
    const variant = JSON.parse(JSON.stringify(m));
    variant.entities.dataset.fields.scientificMetadata.fields.files = { fileSeries: { template: '$.tpl', first: '$.first', count: '$.n', directory: '$.dir' }, omitEmpty: false };
    variant.entities.dataset.fields.scientificMetadata.fields.kind = { switch: '$.k', cases: { '1': { const: 'fast' }, '2': { map: '$.who' } }, default: { const: 'other' } };
    expect(validateMapping(variant)).toEqual([]);
    const cv = compileMapping(variant);
    const files = (extra: object) => {
      const r = cv.map({ ...row, ...extra }, '1', 'run');
      return [r.entities.dataset?.scientificMetadata.files, r.problems];
    };
    expect(files({ tpl: 'a_####.cbf', first: 9, n: 3 })).toEqual([[{ path: 'a_0009.cbf' }, { path: 'a_0010.cbf' }, { path: 'a_0011.cbf' }], []]);
    expect(files({ tpl: 'b_%05d.tif', first: 99999, n: 2, dir: '/data/x/' })).toEqual([[{ path: '/data/x/b_99999.tif' }, { path: '/data/x/b_100000.tif' }], []]);
    expect(files({ tpl: 'c_%d.h5', first: null, n: '2' })).toEqual([[{ path: 'c_1.h5' }, { path: 'c_2.h5' }], []]);
    expect(files({ tpl: 'scan_master.h5', n: 3600 })).toEqual([[{ path: 'scan_master.h5' }], []]);
    // an Eiger master file is one file however many images (no maxFiles check); printf's %5d pads with spaces, %% is a %
    expect(files({ tpl: 'scan_master.h5', n: 36000 })).toEqual([[{ path: 'scan_master.h5' }], []]);
    expect(files({ tpl: 'p%%_%3d.cbf', first: 7, n: 1 })).toEqual([[{ path: 'p%_  7.cbf' }], []]);
    expect(files({ tpl: '../../etc/x_%d', n: 1 })[1]).toEqual([{ path: '/entities/dataset/fields/scientificMetadata/fields/files/fileSeries/template', message: '"../../etc/x_%d" leads out of the collection\'s folder; a file template names files inside it (from $.tpl)' }]);
    expect(files({ tpl: 'a_####.cbf', n: null })[1]).toEqual([]);
    expect(files({ tpl: 'a_####.cbf', n: 0 })).toEqual([[], []]);
    const at = '/entities/dataset/fields/scientificMetadata/fields/files/fileSeries';
    expect(files({ tpl: 'a_####.cbf', n: 2.5 })[1]).toEqual([{ path: `${at}/count`, message: '2.5 at $.n is not a whole number ≥ 0' }]);
    expect(files({ tpl: 'a_####.cbf', n: 'many' })[1]).toEqual([{ path: `${at}/count`, message: '"many" at $.n is not a whole number ≥ 0' }]);
    expect(files({ tpl: 'a_####.cbf', first: -1, n: 2 })[1]).toEqual([{ path: `${at}/first`, message: '-1 at $.first is not a whole number ≥ 0' }]);
    expect(files({ tpl: 'a_####.cbf', n: 20001 })[1]).toEqual([{ path: `${at}/count`, message: '20001 images (from $.n) is more than maxFiles (20000)' }]);
    expect(files({ tpl: 'a_%03d_%03d.cbf', n: 2 })[1]).toEqual([{ path: `${at}/template`, message: '"a_%03d_%03d.cbf" has 2 image-number placeholders; a file template has one (#### or %05d) (from $.tpl)' }]);
    // a switch takes the case the value names (as text), else the default
    expect(cv.map({ ...row, k: 2 }, '1', 'run').entities.dataset!.scientificMetadata.kind).toBe('Ada');
    expect(cv.map({ ...row, k: '1' }, '1', 'run').entities.dataset!.scientificMetadata.kind).toBe('fast');
    expect(cv.map({ ...row, k: 7 }, '1', 'run').entities.dataset!.scientificMetadata.kind).toBe('other');
    expect(cv.map({ ...row, k: null }, '1', 'run').entities.dataset!.scientificMetadata.kind).toBe('other');
  });

  it('evaluates expressions without running code', () => {
    expect(evalExpr(parseExpr('2 ** 3 ** 2 - -1'), {})).toBe(513);
    expect(evalExpr(parseExpr('max(a, b) / 2'), { a: 3, b: 8 })).toBe(4);
    expect(evalExpr(parseExpr('a * 2'), {})).toBeUndefined();
    expect(() => parseExpr('process.exit(1)')).toThrow(/unexpected/);
    expect(() => parseExpr('require("fs")')).toThrow(/unknown function "require"/);
  });

  it('a typed expression that gives no finite number (division by zero, log of 0) quarantines the record naming its inputs; an untyped one passes on, to be stored as null with a note (issue 15)', () => {
    const sm = (m: any) => m.entities.dataset.fields.scientificMetadata.fields;
    const variant = JSON.parse(JSON.stringify(m));
    sm(variant).rate = { expr: 'n / t', vars: { n: '$.bytes', t: '$.w' } };
    sm(variant).logged = { expr: 'log10(w)', vars: { w: '$.w' }, type: 'number' };
    const cv = compileMapping(variant);
    const zero = cv.map({ ...row, w: 0 }, '9', 'run-1');
    expect(zero.entities.dataset).toBeUndefined();
    const byPath = Object.fromEntries(zero.problems.map((p) => [p.path, p.message]));
    expect(byPath['/entities/dataset/fields/scientificMetadata/fields/energy/expr']).toBe('round(12.398419843320026 / w, 3) gives Infinity for w = 0, not a number the catalog keeps');
    expect(byPath['/entities/dataset/fields/scientificMetadata/fields/logged/expr']).toBe('log10(w) gives -Infinity for w = 0, not a number the catalog keeps');
    expect(Object.keys(byPath)).toHaveLength(2);
    // a source NaN (PostgreSQL float8 'NaN') is named as NaN, not as JSON's null
    const nan = cv.map({ ...row, w: NaN }, '10', 'run-1');
    expect(nan.problems.map((p) => p.message)).toContain('NaN at $.w is not a number');
    // untyped: the value goes on as it is; the write stores it as null with a storage note
    const untyped = JSON.parse(JSON.stringify(variant));
    delete sm(untyped).energy.type;
    delete sm(untyped).logged;
    const u = compileMapping(untyped).map({ ...row, w: 0 }, '9', 'run-1');
    expect(u.problems).toEqual([]);
    expect(u.entities.dataset!.scientificMetadata.rate).toEqual(Infinity);
    expect(u.entities.dataset!.scientificMetadata.energy).toEqual({ value: Infinity, unit: 'keV' });
  });

  it('passes source keys JavaScript treats specially ("__proto__", "constructor") through as data, for the write to rename with notes', () => {
    const src = JSON.parse('{"__proto__": {"p": 1}, "constructor": {"a": 1}, "a.b": 7}');
    const out = c.map({ ...row, extra: src }, '11', 'run-1');
    expect(out.problems).toEqual([]);
    const raw = out.entities.dataset!.scientificMetadata.raw.extra;
    expect(Object.keys(raw).sort()).toEqual(['__proto__', 'a.b', 'constructor']);
    const notes: StorageNote[] = [];
    expect(storable(raw, notes)).toEqual({ '＿＿proto＿＿': { p: 1 }, constructor: { a: 1 }, 'a．b': 7 });
    expect(notes.map((n) => n.path)).toEqual(['/__proto__', '/a.b']);
  });

  it('reads naive date-times in the source zone, across a DST change', () => {
    expect(toDate('2026-07-01 12:00:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(toDate('2026-01-01 12:00:00', 'Europe/Berlin').toISOString()).toBe('2026-01-01T11:00:00.000Z');
    expect(() => toDate('0000-00-00 00:00:00', 'UTC')).toThrow(/not a valid date-time/);
  });
});
