// SciCat's loopback-style `filter` ({where, fields, limit, skip, order}) as a catalog list: the `where` becomes
// one MongoDB filter the read index answers (the services add the caller's access rule), so REST lists read
// the same store with the same rule as GraphQL. A field is filterable when the entity has it and the read
// index holds it; anything else is a 400 naming it and listing what is filterable.
import { containsFilter, FOLDED_FIELDS } from '../common/text';
import { schemaProperties, type SchemaName } from '../common/validation';
import type { SortSpec } from '../common/pagination';
import { qFields } from '../search';
import { badRequest } from './scicat.http';

type Json = Record<string, any>;

/** The most records one REST list answers; more is a 400 asking for limit and skip. */
export const MAX_LIMIT = 1000;
/** How deep skip + limit may reach (the read index's result window). */
export const MAX_WINDOW = 10_000;

/** An entity as SciCat's REST API names it: its schema, its key, and fields clients spell differently. */
export interface RestEntity {
  schema: SchemaName;
  key: string;
  /** REST field → catalog field (e.g. a v3 dataset's proposalId → proposalIds). */
  aliases?: Record<string, string>;
}

export interface ListFilter {
  where: Json;
  fields: string[] | null;
  limit: number;
  /** True when the caller gave no limit: the list answers every match, or a 400 when there are more than MAX_LIMIT. */
  unbounded: boolean;
  skip: number;
  sort: SortSpec;
}

/** How deep `and`/`or` may nest in a where (the read index refuses much deeper queries). */
export const MAX_WHERE_DEPTH = 8;
/** The keys a loopback filter may hold. */
const FILTER_KEYS = new Set(['where', 'fields', 'limit', 'skip', 'offset', 'order']);

/** `table[key]` when the table has that key itself (never a name every object inherits, such as "constructor"). */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const OPS: Record<string, string> = { eq: '$eq', neq: '$ne', gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte', inq: '$in', nin: '$nin', exists: '$exists' };
const MONGO_OPS: Record<string, string> = Object.fromEntries(Object.values(OPS).map((o) => [o, o]));
const TOP_FIELDS: Record<string, string> = { ownerGroup: 'keyword', accessGroups: 'keyword', isPublished: 'boolean', createdAt: 'date', updatedAt: 'date' };
/** The fields of an entity's JSON Schema (its own and the access fields). */
function propsOf(schema: SchemaName): Set<string> {
  return new Set(schemaProperties(schema));
}

/** Every top-level field of an entity's records: its schema's, the access fields and the bookkeeping ones. */
export function fieldsOf(schema: SchemaName): string[] {
  return [...propsOf(schema), '_id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'];
}

/** REST field → [catalog path, index type] for every field a `where` may name. */
export function filterable(e: RestEntity): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>([[e.key, ['_id', 'keyword']], ['id', ['_id', 'keyword']]]);
  const q = qFields();
  const props = propsOf(e.schema);
  for (const [field, type] of [...q.entries(), ...Object.entries(TOP_FIELDS)]) {
    if (props.has(field.split('.')[0]) && field !== e.key) out.set(field, [field, type]);
  }
  for (const [rest, field] of Object.entries(e.aliases ?? {})) if (out.has(field)) out.set(rest, out.get(field)!);
  return out;
}

/** A query parameter's JSON, or a 400 naming the parameter. */
export function jsonParam(raw: unknown, name: string, list = false): Json | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw badRequest(`${name} must be given once, as JSON`, name);
  try {
    const v = JSON.parse(raw);
    if (list && !Array.isArray(v)) throw new Error(`${JSON.stringify(v)} is not a list`);
    if (!v || typeof v !== 'object' || (Array.isArray(v) && !list)) throw new Error(`${Array.isArray(v) ? 'a list' : JSON.stringify(v)} is not an object`);
    return v;
  } catch (e) {
    throw badRequest(`${name} is not a JSON ${list ? 'list' : 'object'}: ${(e as Error).message}`, name);
  }
}

/** One value of a field as the store holds it: dates as Dates, numbers as numbers, booleans as booleans. */
function typed(v: unknown, type: string, at: string): unknown {
  if (v === null) return null;
  if (type === 'date') {
    const d = typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
    if (!d || Number.isNaN(d.getTime())) throw badRequest(`${at}: ${JSON.stringify(v)} is not a date (ISO 8601)`, at);
    return d;
  }
  if (type === 'long' || type === 'double') {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`${at}: ${typeof v === 'number' ? String(v) : JSON.stringify(v)} is not a number this field holds`, at);
    return v;
  }
  if (type === 'boolean') {
    if (typeof v !== 'boolean') throw badRequest(`${at}: ${JSON.stringify(v)} is not true or false`, at);
    return v;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw badRequest(`${at}: ${JSON.stringify(v)} is not a text value`, at);
  return String(v);
}

/** One field's condition: a value, or loopback (`inq`, `gt`, `between`, `like`, …) or MongoDB (`$in`, `$gt`, …) operators. */
function condition(field: string, type: string, cond: unknown, at: string): unknown {
  const folded = FOLDED_FIELDS.has(field);
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) {
    if (Array.isArray(cond)) throw badRequest(`${at}: use {"inq": [...]} to match any of several values`, at);
    // text fields match words, case-insensitively (the read index holds them folded)
    return folded && cond !== null ? containsFilter(String(cond), at) : typed(cond, type, at);
  }
  const out: Json = {};
  for (const [op, v] of Object.entries(cond as Json)) {
    const name = op.replace(/^\$/, '');
    const mongo = op.startsWith('$') ? own(MONGO_OPS, op) : own(OPS, op);
    if (name === 'between') {
      if (!Array.isArray(v) || v.length !== 2) throw badRequest(`${at}.between takes [from, to]`, `${at}.between`);
      Object.assign(out, { $gte: typed(v[0], type, `${at}.between`), $lte: typed(v[1], type, `${at}.between`) });
    } else if (name === 'like' || name === 'ilike' || name === 'regex') {
      if (!folded) throw badRequest(`${at}.${name}: word matches work on datasetName, description, title and name only`, `${at}.${name}`);
      if (typeof v !== 'string' || !v.trim()) throw badRequest(`${at}.${name} takes the words to match, as text`, `${at}.${name}`);
      Object.assign(out, containsFilter(v, `${at}.${name}`));
    } else if (mongo === '$in' || mongo === '$nin') {
      if (!Array.isArray(v)) throw badRequest(`${at}.${name} takes a list`, `${at}.${name}`);
      out[mongo] = v.map((x, i) => typed(x, type, `${at}.${name}[${i}]`));
    } else if (mongo === '$exists') {
      if (typeof v !== 'boolean') throw badRequest(`${at}.${name} takes true or false`, `${at}.${name}`);
      out.$exists = v;
    } else if (mongo) {
      if (folded) throw badRequest(`${at}.${name}: text fields match words (give the words, or use like)`, `${at}.${name}`);
      out[mongo] = typed(v, type, `${at}.${name}`);
    } else {
      throw badRequest(`${at}: the operator ${JSON.stringify(op)} is not supported (use eq, neq, gt, gte, lt, lte, between, inq, nin, exists, like)`, at);
    }
  }
  return out;
}

/** A loopback `where` as a MongoDB filter over catalog fields; a 400 names any field or operator it cannot answer. */
export function whereFilter(e: RestEntity, where: unknown, at = 'where', depth = 0): Json {
  if (where === undefined || where === null) return {};
  if (typeof where !== 'object' || Array.isArray(where)) throw badRequest(`${at} must be a JSON object`, at);
  if (depth > MAX_WHERE_DEPTH) throw badRequest(`${at}: "and" and "or" nest at most ${MAX_WHERE_DEPTH} deep`, at);
  const fields = filterable(e);
  const out: Json[] = [];
  for (const [k, v] of Object.entries(where as Json)) {
    if (k === 'and' || k === 'or' || k === '$and' || k === '$or') {
      if (!Array.isArray(v) || !v.length) throw badRequest(`${at}.${k} takes a non-empty list of conditions`, `${at}.${k}`);
      out.push({ [k.startsWith('$') ? k : `$${k}`]: v.map((c, i) => whereFilter(e, c, `${at}.${k}[${i}]`, depth + 1)) });
      continue;
    }
    const f = fields.get(k);
    if (!f) throw badRequest(`${at}.${k}: not a field this catalog filters ${e.schema}s on; it filters on ${[...fields.keys()].sort().join(', ')}${e.schema === 'dataset' ? ' (scientific metadata: Datasets/fullquery\'s "scientific" conditions)' : ''}`, `${at}.${k}`);
    out.push({ [f[0]]: condition(f[0], f[1], v, `${at}.${k}`) });
  }
  return out.length === 0 ? {} : out.length === 1 ? out[0] : { $and: out };
}

/** A loopback `order` ("field DESC", "field:desc" or a list of one): the field must be sortable on the read index. */
export function orderOf(e: RestEntity, order: unknown, def: SortSpec, at = 'order'): SortSpec {
  if (order === undefined || order === null || (Array.isArray(order) && !order.length)) return def;
  const list = Array.isArray(order) ? order : [order];
  if (list.length > 1) throw badRequest(`${at}: lists sort by one field (got ${list.length})`, at);
  const m = typeof list[0] === 'string' ? list[0].trim().match(/^([\w.]+)(?:[\s:]+(asc|desc))?$/i) : null;
  if (!m) throw badRequest(`${at}: ${JSON.stringify(list[0])} is not "field ASC" or "field DESC"`, at);
  const f = filterable(e).get(m[1]);
  if (!f || FOLDED_FIELDS.has(f[0])) throw badRequest(`${at}: ${m[1]} is not a field ${e.schema}s can be sorted by`, at);
  return { field: f[0], direction: m[2]?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC' };
}

/** A whole `filter` parameter (or its parts given alone as `where`, `fields`, `limit`, `skip`, `order`). */
export function listFilter(e: RestEntity, query: Json, def: SortSpec): ListFilter {
  // pyscicat's findOne sends the filter as the bare query string (`findOne?{"where": …}`)
  const bare = query.filter === undefined ? Object.keys(query).find((k) => k.trim().startsWith('{') && query[k] === '') : undefined;
  const f = jsonParam(bare ?? query.filter, 'filter') ?? {};
  const unknown = Object.keys(f).filter((k) => !FILTER_KEYS.has(k));
  if (unknown.length) throw badRequest(`filter.${unknown[0]}: not part of a filter; a filter holds where, fields, limit, skip and order`, `filter.${unknown[0]}`);
  const where = f.where ?? jsonParam(query.where, 'where');
  const num = (v: unknown, name: string, max: number): number | undefined => {
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) throw badRequest(`${name} must be an integer from 0 to ${max} (got ${JSON.stringify(v)})`, name);
    return n;
  };
  const limit = num(f.limit ?? query.limit, 'limit', MAX_LIMIT);
  const skip = num(f.skip ?? f.offset ?? query.skip, 'skip', MAX_WINDOW) ?? 0;
  if (skip + (limit ?? MAX_LIMIT) > MAX_WINDOW) throw badRequest(`skip + limit may reach ${MAX_WINDOW} records deep at most; narrow the where instead`, 'skip');
  let fields: string[] | null = null;
  if (f.fields !== undefined && f.fields !== null) {
    if (Array.isArray(f.fields) && f.fields.every((x: unknown) => typeof x === 'string')) fields = f.fields;
    else if (typeof f.fields === 'object' && !Array.isArray(f.fields)) fields = Object.entries(f.fields).filter(([, v]) => v === true).map(([k]) => k);
    else throw badRequest('filter.fields takes a list of field names, or an object of name: true', 'filter.fields');
  }
  return { where: whereFilter(e, where), fields, limit: limit ?? MAX_LIMIT, unbounded: limit === undefined, skip, sort: orderOf(e, f.order ?? query.order, def) };
}
