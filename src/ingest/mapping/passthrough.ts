// An entity's passthrough: the source values no field maps, copied as they are into one field of the
// record (scientificMetadata, say), and the deep merge that puts them and the mapped fields together.
import { setOwn, type Json } from '../../common/json';
import { toDate } from './convert';
import { compilePath, templatePaths, type Getter } from './paths';
import { isGroup, type EntitySpec, type FieldSpec, type Mapping, type Relation } from './mapping.types';

const NAIVE_DT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** A compiled passthrough: where to read (`get`, `prefix` its dotted path), where to write (`into`), what to leave out. */
export interface Passthrough {
  get: Getter;
  prefix: string;
  into: string[];
  exclude: Set<string>;
  units: Record<string, string>;
  /** Dotted paths the mapping's fields already read. */
  used: Set<string>;
  /** Dotted paths of every relation of the source, and of those whose rows are copied too (opt-in). */
  relations: { all: Set<string>; copied: Set<string> };
}

/** The dotted path of every relation of `m`'s source ("group", "group.session", …), depth first. */
export function relationPaths(m: Mapping): string[] {
  const walk = (rels: Relation[] = [], at: string): string[] => rels.flatMap((r) => [`${at}${r.name}`, ...walk(r.relations, `${at}${r.name}.`)]);
  return walk(m.source?.relations, '');
}

/** The entity's passthrough compiled, or undefined when it has none. `m` is the whole mapping (what it reads is left out). */
export function compilePassthrough(m: Mapping, pt: EntitySpec['passthrough']): Passthrough | undefined {
  if (!pt) return undefined;
  return {
    get: compilePath(pt.from ?? '$'),
    prefix: pt.from && pt.from !== '$' ? pt.from.replace(/^\$\.?/, '') : '',
    into: pt.into.split('.'),
    exclude: new Set((pt.exclude ?? []).map((x) => x.replace(/^\$\.?/, ''))),
    units: pt.units ?? {},
    used: usedPaths(m),
    relations: { all: new Set(relationPaths(m)), copied: new Set(pt.relations ?? []) },
  };
}

/**
 * Copies the unmapped values of `src` into `rec` at the passthrough's `into` path (merged with what is
 * there). Naive date-times are read in `tz` and written as ISO strings; a column with a unit becomes { value, unit }.
 */
export function applyPassthrough(rec: Json, p: Passthrough, src: Json, tz: string): void {
  const base = p.get(src)[0];
  if (base && typeof base === 'object') {
    const copied = copyUnmapped(base, p.prefix, p.used, p, tz);
    setDeep(rec, p.into, copied);
  }
}

/** The new value of a record field that has `cur` and is given `v`: two objects are merged deeply, anything else is replaced. */
export function mergeValue(cur: unknown, v: unknown): unknown {
  return cur && isPlainObject(cur) && isPlainObject(v) ? deepMerge(cur, v) : v;
}

/** Dotted paths every plain `map` of the mapping reads, relative to the source root: passthrough leaves them out. */
function usedPaths(m: Mapping): Set<string> {
  const out = new Set<string>();
  const walk = (f: FieldSpec) => {
    if (typeof f === 'string') add(f);
    else if (isGroup(f)) Object.values(f.fields).forEach(walk);
    else {
      if (f.map && !f.forEach && !f.pick) add(f.map);
      for (const p of Object.values(f.vars ?? {})) add(p);
      for (const t of ([] as string[]).concat(f.template ?? [])) templatePaths(t).forEach(add);
      f.coalesce?.forEach(walk);
    }
  };
  const add = (p: string) => {
    if (/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(p)) out.add(p.slice(2));
  };
  for (const e of Object.values(m.entities)) {
    if (!e) continue;
    walk(e.identity);
    Object.values(e.fields).forEach(walk);
  }
  return out;
}

function copyUnmapped(obj: Json, prefix: string, used: Set<string>, p: Pick<Passthrough, 'exclude' | 'units' | 'relations'>, tz: string): Json {
  const { exclude, units, relations } = p;
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    const full = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined || exclude.has(k) || exclude.has(full) || used.has(full)) continue;
    // a joined table's rows are copied only when its relation is listed (personal data in a joined Person row stays out)
    if (relations.all.has(full) && !relations.copied.has(full)) continue;
    // keys are kept as the source writes them: the record service stores "." and "$" the one way every path does, with a note
    const key = k;
    if (Array.isArray(v)) {
      const items = v.map((x) => (isPlainObject(x) ? copyUnmapped(x, full, new Set(), p, tz) : scalar(x, tz))).filter((x) => x !== undefined);
      if (items.length) setOwn(out, key, items);
    } else if (isPlainObject(v)) {
      const inner = copyUnmapped(v, full, used, p, tz);
      if (Object.keys(inner).length) setOwn(out, key, inner);
    } else {
      const s = scalar(v, tz);
      if (s === undefined) continue;
      setOwn(out, key, units[k] && typeof s === 'number' ? { value: s, unit: units[k] } : s);
    }
  }
  return out;
}

/**
 * A passed-through source value in the catalog's form. What the store cannot keep as it is (an invalid
 * date, a whole number beyond 2^53, binary data, NaN) goes on unchanged: the write stores it in a form
 * it keeps and records a storage note with its path, rather than dropping it here without a word.
 */
function scalar(v: unknown, tz: string): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? v : v.toISOString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (typeof v === 'string' && v.length >= 19 && v.length <= 26 && NAIVE_DT.test(v)) {
    try {
      return toDate(v, tz).toISOString();
    } catch {
      return v;
    }
  }
  return v;
}

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

function deepMerge(a: Json, b: Json): Json {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) setOwn(out, k, isPlainObject(out[k]) && isPlainObject(v) ? deepMerge(out[k] as Json, v) : v);
  return out;
}

function setDeep(o: Json, keys: string[], v: Json): void {
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = cur[k] ??= {};
  const last = keys[keys.length - 1];
  cur[last] = isPlainObject(cur[last]) ? deepMerge(cur[last], v) : v;
}
