// Compiles a catalog search request into an Elasticsearch query: the caller's access filter, free text
// (with quantities such as "12 keV" matched by value), field and metadata filters with operators and
// units. Pure functions: what they need to know about metadata keys is passed in.
import { readFilter, type Identity } from '../auth';
import { toEsQuery } from './mongo.filter';
import { errors } from '../common/errors';
import { dimensionOf, toSi } from '../common/units';
import type { SearchKind } from './document';

export const FILTER_OPS = ['EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE', 'RANGE', 'EXISTS', 'PREFIX', 'IN'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const FACETS = ['KIND', 'INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'TYPE', 'TECHNIQUE', 'KEYWORD', 'YEAR', 'MONTH', 'OWNER', 'OWNER_GROUP'] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchFilter {
  /** A record field (see FIELDS) … */
  field?: string;
  /** … or a scientific metadata path such as "beam.energy". */
  path?: string;
  op: FilterOp;
  value?: string;
  values?: string[];
  from?: string;
  to?: string;
  /** The unit of value/values/from/to, for metadata quantities. */
  unit?: string;
}

export interface SearchQuery {
  text?: string;
  kinds?: SearchKind[];
  filters?: SearchFilter[];
}

type FieldType = 'keyword' | 'date' | 'number' | 'boolean';

/** Filterable record fields: the name callers use, the index field, its type and the facet it drives. */
export const FIELDS: Record<string, { es: string; type: FieldType; facets?: Facet[] }> = {
  kind: { es: 'kind', type: 'keyword', facets: ['KIND'] },
  pid: { es: 'id', type: 'keyword' },
  type: { es: 'type', type: 'keyword', facets: ['TYPE'] },
  instrumentId: { es: 'instrumentId', type: 'keyword', facets: ['INSTRUMENT'] },
  proposalId: { es: 'proposalIds', type: 'keyword', facets: ['PROPOSAL'] },
  sampleId: { es: 'sampleIds', type: 'keyword', facets: ['SAMPLE'] },
  keyword: { es: 'keywords', type: 'keyword', facets: ['KEYWORD'] },
  technique: { es: 'techniques', type: 'keyword', facets: ['TECHNIQUE'] },
  ownerGroup: { es: 'ownerGroup', type: 'keyword', facets: ['OWNER_GROUP'] },
  accessGroup: { es: 'accessGroups', type: 'keyword' },
  owner: { es: 'owner', type: 'keyword', facets: ['OWNER'] },
  principalInvestigator: { es: 'principalInvestigator', type: 'keyword' },
  license: { es: 'license', type: 'keyword' },
  title: { es: 'title.raw', type: 'keyword' },
  isPublished: { es: 'isPublished', type: 'boolean' },
  creationTime: { es: 'time', type: 'date', facets: ['YEAR', 'MONTH'] },
  createdAt: { es: 'createdAt', type: 'date' },
  updatedAt: { es: 'updatedAt', type: 'date' },
  size: { es: 'size', type: 'number' },
  numberOfFiles: { es: 'numberOfFiles', type: 'number' },
};

/** What the index knows about one metadata key, among the records the caller may see. */
export interface KeyInfo {
  key: string;
  count: number;
  types: string[];
  units: string[];
  /** SI base units of its quantities. */
  dims: string[];
}

export type Clause = Record<string, unknown>;

export interface CompiledFilter {
  clause: Clause;
  /** The facets this filter narrows: their own counts ignore it (multi-select facets). */
  facets: Facet[];
}

/**
 * The Elasticsearch form of the one access rule: readFilter(id), compiled by the same translator the
 * read store uses (mongo.filter.ts), so search and lists cannot disagree. Null: no limit.
 */
export function accessClause(id: Identity): Clause | null {
  const filter = readFilter(id);
  return Object.keys(filter).length ? toEsQuery(filter) : null;
}

const TEXT_FIELDS = ['title^4', 'id^4', 'description^2', 'proposalTitles^2', 'sampleNames^2', 'fulltext'];
const QUANTITY = /(^|[\s,;(])(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s?([A-Za-zµμÅ°%][A-Za-z0-9µμÅ°/*^-]*)(?=$|[\s,;)])/g;

/** Splits free text into words for query_string and quantities ("12 keV") matched against metadata values. */
export function parseText(text: string): { words: string; quantities: { raw: string; value: number; unit: string }[] } {
  const quantities: { raw: string; value: number; unit: string }[] = [];
  // quantities inside quotes stay words
  const parts = text.split(/("[^"]*")/);
  const words = parts
    .map((part) => {
      if (part.startsWith('"')) return part;
      return part.replace(QUANTITY, (all, lead: string, num: string, unit: string) => {
        // "12 keV", "12keV" and "1.5Å" are quantities; "12b" is more likely a sample label than 12 barn
        const spaced = all.slice(lead.length + num.length).startsWith(' ');
        const dim = dimensionOf(unit);
        if (!dim || dim.dim === '1' || (!spaced && unit.length < 2 && unit !== 'Å')) return all;
        quantities.push({ raw: `${num} ${unit}`, value: Number(num), unit });
        return lead;
      });
    })
    .join('')
    .trim();
  return { words, quantities };
}

/** The text part of the query: every word must match (AND); a quantity matches a value within 5% or its words. */
export function textClause(text: string | undefined): { must: Clause[]; should: Clause[] } {
  const t = text?.trim();
  if (!t) return { must: [], should: [] };
  const { words, quantities } = parseText(t);
  const must: Clause[] = [];
  const should: Clause[] = [];
  if (words) {
    must.push({ query_string: { query: words, default_field: 'fulltext', default_operator: 'AND', allow_leading_wildcard: false, lenient: true } });
    should.push({ query_string: { query: words, fields: TEXT_FIELDS, default_operator: 'AND', allow_leading_wildcard: false, lenient: true } });
  }
  for (const q of quantities) {
    const si = toSi(q.value, q.unit)!;
    const tol = Math.abs(si.si) * 0.05;
    must.push({
      bool: {
        should: [
          { nested: { path: 'meta', query: { bool: { filter: [{ term: { 'meta.dim': si.dim } }, { range: { 'meta.si': { gte: si.si - tol, lte: si.si + tol } } }] } } } },
          { match_phrase: { fulltext: q.raw } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  return { must, should };
}

function where(i: number, f: SearchFilter): string {
  return `filters[${i}]${f.path ? ` (metadata ${JSON.stringify(f.path)})` : f.field ? ` (${f.field})` : ''}`;
}

function operands(i: number, f: SearchFilter): string[] {
  const at = where(i, f);
  switch (f.op) {
    case 'EXISTS':
      return [];
    case 'IN':
      if (!f.values?.length) throw errors.badInput(`${at}: IN needs values`, { field: `filters.${i}.values` });
      return f.values;
    case 'RANGE':
      if (f.from === undefined && f.to === undefined) throw errors.badInput(`${at}: RANGE needs from, to or both`, { field: `filters.${i}.from` });
      return [f.from, f.to].filter((x): x is string => x !== undefined);
    default:
      if (f.value === undefined) throw errors.badInput(`${at}: ${f.op} needs a value`, { field: `filters.${i}.value` });
      return [f.value];
  }
}

const RANGE_KEY: Partial<Record<FilterOp, string>> = { LT: 'lt', LTE: 'lte', GT: 'gt', GTE: 'gte' };

/** A range/term clause over one typed field, shared by record fields and metadata values. */
function valueClause(field: string, op: FilterOp, conv: (s: string) => unknown, f: SearchFilter, exact?: (v: unknown) => Clause): Clause {
  const term = exact ?? ((v: unknown) => ({ term: { [field]: v } }));
  switch (op) {
    case 'EQ':
      return term(conv(f.value!));
    case 'NE':
      return { bool: { must_not: [term(conv(f.value!))] } };
    case 'IN':
      return { bool: { should: f.values!.map((v) => term(conv(v))), minimum_should_match: 1 } };
    case 'RANGE':
      return { range: { [field]: { ...(f.from !== undefined && { gte: conv(f.from) }), ...(f.to !== undefined && { lte: conv(f.to) }) } } };
    case 'PREFIX':
      return { prefix: { [field]: f.value } };
    case 'EXISTS':
      return { exists: { field } };
    default:
      return { range: { [field]: { [RANGE_KEY[op]!]: conv(f.value!) } } };
  }
}

function numberOf(at: string, what: string) {
  return (s: string): number => {
    const n = Number(s);
    if (s.trim() === '' || !Number.isFinite(n)) throw errors.badInput(`${at}: ${JSON.stringify(s)} is not a number (${what} holds numbers)`, { value: s });
    return n;
  };
}

function dateOf(at: string) {
  return (s: string): string => {
    const t = Date.parse(s);
    if (Number.isNaN(t)) throw errors.badInput(`${at}: ${JSON.stringify(s)} is not a date (use ISO 8601, e.g. 2024-05-01 or 2024-05-01T12:00:00Z)`, { value: s });
    return new Date(t).toISOString();
  };
}

function boolOf(at: string) {
  return (s: string): boolean => {
    if (s === 'true' || s === 'false') return s === 'true';
    throw errors.badInput(`${at}: ${JSON.stringify(s)} is not true or false`, { value: s });
  };
}

/** A filter on a record field. */
export function fieldFilter(i: number, f: SearchFilter): CompiledFilter {
  const at = where(i, f);
  const spec = FIELDS[f.field!];
  if (!spec) throw errors.badInput(`${at}: unknown field ${JSON.stringify(f.field)}; fields: ${Object.keys(FIELDS).join(', ')} (metadata goes in path)`, { field: `filters.${i}.field` });
  if (f.unit) throw errors.badInput(`${at}: a unit applies to metadata paths, not to the field ${f.field}`, { field: `filters.${i}.unit` });
  operands(i, f);
  const ordered = ['LT', 'LTE', 'GT', 'GTE', 'RANGE'].includes(f.op);
  if (spec.type === 'keyword' && ordered) throw errors.badInput(`${at}: ${f.op} compares numbers or dates; ${f.field} is text (use EQ, NE, IN, PREFIX or EXISTS)`, { field: `filters.${i}.op` });
  if (spec.type !== 'keyword' && f.op === 'PREFIX') throw errors.badInput(`${at}: PREFIX applies to text fields; ${f.field} holds ${spec.type}s`, { field: `filters.${i}.op` });
  if (spec.type === 'boolean' && ordered) throw errors.badInput(`${at}: ${f.op} does not apply to the true/false field ${f.field}`, { field: `filters.${i}.op` });
  const conv = spec.type === 'number' ? numberOf(at, f.field!) : spec.type === 'date' ? dateOf(at) : spec.type === 'boolean' ? boolOf(at) : (s: string) => s;
  return { clause: valueClause(spec.es, f.op, conv, f), facets: spec.facets ?? [] };
}

/** A filter on a metadata path, typed by what the index holds for that key. */
export function metadataFilter(i: number, f: SearchFilter, info: KeyInfo | undefined, suggestions: string[]): CompiledFilter {
  const at = where(i, f);
  const key = f.path!;
  if (!info) {
    throw errors.badInput(`${at}: no record you may see has the metadata path ${JSON.stringify(key)}${suggestions.length ? `; similar paths: ${suggestions.join(', ')}` : ''} (metadataKeys lists them)`, { field: `filters.${i}.path`, path: key });
  }
  operands(i, f);
  const nested = (inner: Clause[]): Clause => ({ nested: { path: 'meta', query: { bool: { filter: [{ term: { 'meta.key': key } }, ...inner] } } } });
  if (f.op === 'EXISTS') return { clause: nested([]), facets: [] };
  // NE: the record has the key, and no value of it equals the operand
  if (f.op === 'NE') return { clause: { bool: { filter: [nested([])], must_not: [metadataFilter(i, { ...f, op: 'EQ' }, info, suggestions).clause] } }, facets: [] };
  const numeric = info.types.some((t) => t === 'number' || t === 'quantity');
  const ordered = ['LT', 'LTE', 'GT', 'GTE', 'RANGE'].includes(f.op);
  let inner: Clause;
  if (f.unit) {
    const dim = dimensionOf(f.unit);
    if (!dim) throw errors.badInput(`${at}: unknown unit ${JSON.stringify(f.unit)}`, { field: `filters.${i}.unit` });
    if (!info.dims.length) throw errors.badInput(`${at}: ${key} has no values with convertible units (${info.units.join(', ') || 'no units'}); leave out unit`, { field: `filters.${i}.unit` });
    if (!info.dims.includes(dim.dim)) {
      throw errors.badInput(`${at}: ${f.unit} (${dim.kind}) does not convert to the units ${key} is stored in (${info.units.join(', ')})`, { field: `filters.${i}.unit`, unit: f.unit, units: info.units });
    }
    if (f.op === 'PREFIX') throw errors.badInput(`${at}: PREFIX does not apply to quantities`, { field: `filters.${i}.op` });
    const num = numberOf(at, key);
    const conv = (s: string) => toSi(num(s), f.unit!)!.si;
    // equality within a relative 1e-9: SI conversion of 12.5 keV and 12500 eV differ in the last bits
    const exact = (v: unknown) => ({ range: { 'meta.si': { gte: (v as number) - Math.abs(v as number) * 1e-9, lte: (v as number) + Math.abs(v as number) * 1e-9 } } });
    inner = { bool: { filter: [{ term: { 'meta.dim': dim.dim } }, valueClause('meta.si', f.op, conv, f, exact)] } };
  } else if (info.types.includes('date') && !numeric && f.op !== 'PREFIX' && (ordered || f.op === 'EQ' || f.op === 'IN')) {
    inner = valueClause('meta.d', f.op, dateOf(at), f);
  } else if (numeric && (ordered || operands(i, f).every((v) => v.trim() !== '' && Number.isFinite(Number(v))))) {
    if (f.op === 'PREFIX') throw errors.badInput(`${at}: PREFIX applies to text values; ${key} holds numbers`, { field: `filters.${i}.op` });
    inner = valueClause('meta.n', f.op, numberOf(at, key), f);
  } else {
    if (ordered) throw errors.badInput(`${at}: ${f.op} compares numbers or dates; ${key} holds ${info.types.join(', ')} values`, { field: `filters.${i}.op` });
    if (info.types.includes('boolean') && !info.types.includes('string')) inner = valueClause('meta.b', f.op, boolOf(at), f);
    else inner = valueClause('meta.s', f.op, (s) => s, f);
  }
  return { clause: nested([inner]), facets: [] };
}

/** Checks the `i`-th search filter names exactly one of `field` and `path` and a known operator; raises BAD_USER_INPUT naming the filter otherwise. */
export function checkFilterShape(i: number, f: SearchFilter): void {
  if (!!f.field === !!f.path) throw errors.badInput(`filters[${i}]: give either field or path (metadata), not ${f.field ? 'both' : 'neither'}`, { field: `filters.${i}` });
  if (!FILTER_OPS.includes(f.op)) throw errors.badInput(`filters[${i}]: unknown operator ${f.op}`, { field: `filters.${i}.op` });
}
