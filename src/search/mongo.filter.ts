// Answers a MongoDB filter on the read index: the services build one filter per list (the entity's
// query plus the caller's access rule, readFilter), and this turns it into the Elasticsearch query with
// the same meaning, so both stores apply literally the same rule. Only the operators the services use
// are known; anything else throws, so a new filter cannot silently match something else on the index.
import { indexDefinition } from './search.backend';
import { FOLDED_FIELDS, foldCase } from '../common/text';

type Clause = Record<string, unknown>;

/** Record fields kept at the top level of every document (access and bookkeeping). */
const TOP: Record<string, string> = { _id: 'id', ownerGroup: 'ownerGroup', accessGroups: 'accessGroups', isPublished: 'isPublished', createdAt: 'createdAt', updatedAt: 'updatedAt' };

let qTypes: Map<string, string> | undefined;

/** The `q` fields of the committed index definition, by MongoDB path, with their Elasticsearch type. */
export function qFields(): Map<string, string> {
  if (qTypes) return qTypes;
  const m = new Map<string, string>();
  const walk = (props: Record<string, any>, prefix: string) => {
    for (const [k, v] of Object.entries(props)) {
      if (v.properties) walk(v.properties, `${prefix}${k}.`);
      else m.set(`${prefix}${k}`, v.type);
    }
  };
  walk((indexDefinition().mappings.properties as any).q.properties, '');
  return (qTypes = m);
}

/** The index field that holds a MongoDB path, and its type. Throws for a path the index does not hold. */
export function indexField(path: string): { field: string; type: string } {
  if (path in TOP) return { field: TOP[path], type: path === 'isPublished' ? 'boolean' : path.endsWith('At') ? 'date' : 'keyword' };
  const type = qFields().get(path);
  if (!type) throw new Error(`the read index has no field for ${path}: add it to q in schema/elasticsearch/records.v<N>.json`);
  return { field: `q.${path}`, type };
}

/** A value as Elasticsearch takes it: dates as epoch milliseconds (an ISO string past year 9999, "+010000-…", is refused). */
export function esValue(v: unknown): unknown {
  return v instanceof Date ? v.getTime() : v;
}

/** The literal text of a regex built by containsFilter (escaped user words); null for anything else. */
function literalOf(pattern: string): string | null {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += pattern[++i] ?? '';
      continue;
    }
    if ('.*+?^${}()|[]'.includes(c)) return null;
    out += c;
  }
  return out;
}

const RANGE: Record<string, string> = { $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' };

function fieldClause(path: string, cond: unknown): Clause {
  const { field } = indexField(path);
  const exists = { exists: { field } };
  const missing = { bool: { must_not: [exists] } };
  if (cond === null) return missing;
  if (cond instanceof Date || typeof cond !== 'object' || Array.isArray(cond)) {
    if (Array.isArray(cond)) throw new Error(`${path}: matching a whole array is not supported on the read index`);
    return { term: { [field]: esValue(cond) } };
  }
  const ops = cond as Record<string, unknown>;
  const must: Clause[] = [];
  const range: Record<string, unknown> = {};
  for (const [op, v] of Object.entries(ops)) {
    if (op in RANGE) {
      if (v === null) return { bool: { must_not: [{ match_all: {} }] } }; // MongoDB: no value is above or below null
      range[RANGE[op]] = esValue(v);
    } else if (op === '$in' || op === '$nin') {
      const vals = (v as unknown[]).map(esValue);
      const nonNull = vals.filter((x) => x !== null);
      const anyOf: Clause[] = [{ terms: { [field]: nonNull } }];
      if (nonNull.length < vals.length) anyOf.push(missing);
      const c = { bool: { should: anyOf, minimum_should_match: 1 } };
      must.push(op === '$in' ? c : { bool: { must_not: [c] } });
    } else if (op === '$all') {
      for (const x of v as unknown[]) must.push({ term: { [field]: esValue(x) } });
    } else if (op === '$exists') {
      must.push(v ? exists : missing);
    } else if (op === '$ne') {
      must.push(v === null ? exists : { bool: { must_not: [{ term: { [field]: esValue(v) } }] } });
    } else if (op === '$eq') {
      must.push(fieldClause(path, v));
    } else if (op === '$regex') {
      const text = typeof v === 'string' ? literalOf(v) : null;
      if (text === null || ops.$options !== 'i') throw new Error(`${path}: only case-insensitive word matches (containsFilter) are supported on the read index`);
      // the index holds these fields case-folded (document.ts): fold the words the same way
      if (!FOLDED_FIELDS.has(path)) throw new Error(`${path}: word matches need a folded field on the read index (FOLDED_FIELDS)`);
      must.push({ wildcard: { [field]: { value: `*${foldCase(text).replace(/[\\*?]/g, '\\$&')}*` } } });
    } else if (op === '$options') {
      continue;
    } else {
      throw new Error(`${path}: the operator ${op} is not supported on the read index`);
    }
  }
  if (Object.keys(range).length) must.push({ range: { [field]: range } });
  return must.length === 1 ? must[0] : { bool: { filter: must } };
}

/** The Elasticsearch query with the meaning of a MongoDB filter over one record kind. */
export function toEsQuery(filter: Record<string, unknown>): Clause {
  const parts: Clause[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and') parts.push(...(v as Record<string, unknown>[]).map(toEsQuery));
    else if (k === '$or') parts.push({ bool: { should: (v as Record<string, unknown>[]).map(toEsQuery), minimum_should_match: 1 } });
    else if (k === '$nor') parts.push({ bool: { must_not: (v as Record<string, unknown>[]).map(toEsQuery) } });
    else if (k.startsWith('$')) throw new Error(`the operator ${k} is not supported on the read index`);
    else parts.push(fieldClause(k, v));
  }
  if (parts.length === 0) return { match_all: {} };
  return parts.length === 1 ? parts[0] : { bool: { filter: parts } };
}
