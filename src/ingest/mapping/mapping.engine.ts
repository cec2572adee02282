// Turns one nested source record into catalog records, as a mapping says. The mapping is compiled once
// (paths, expressions, lookups); each record is then a walk over plain functions. A value that is
// missing but required, or cannot be converted, is a problem naming the mapping path and the source
// path — the runner quarantines that record with those reasons.
import { setOwn } from '../../common/json';
import { validator, type SchemaName } from '../../common/validation';
import { convert, convertUnit, describe, toDate, ConversionError } from './convert';
import { evalExpr, parseExpr } from './expression';
import { compilePath, templatePaths, type Getter } from './paths';
import { ENTITY_ORDER, ID_FIELD, isGroup, normType, type EntityName, type FieldMap, type FieldSpec, type Mapping, type ValueSpec } from './mapping.types';

import type { Json } from '../../common/json';
export type { Json };

export interface MapProblem {
  path: string;
  message: string;
}

export interface Mapped {
  /** The root key of the source record. */
  key: string;
  entities: Partial<Record<EntityName, Json>>;
  problems: MapProblem[];
}

type Eval = (ctx: unknown, problems: MapProblem[]) => unknown;

const NAIVE_DT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

export interface CompiledMapping {
  mapping: Mapping;
  order: EntityName[];
  map(src: Json, key: string, runId: string): Mapped;
}

export function compileMapping(m: Mapping): CompiledMapping {
  const tz = m.source.timezone ?? 'UTC';
  const sourceName = m.source.name ?? `${m.source.adapter}:${m.source.root?.table ?? 'files'}`;
  const order = ENTITY_ORDER.filter((e) => m.entities[e]);
  const builders = order.map((name) => {
    const spec = m.entities[name]!;
    const at = `/entities/${name}`;
    const identity = compileSpec(spec.identity, `${at}/identity`, tz, true);
    const fields = compileFields(spec.fields, `${at}/fields`, tz);
    const when = spec.when ? compilePath(spec.when) : undefined;
    const props = (validator(name as SchemaName).schema as any).properties ?? {};
    const refs = Object.entries(spec.references ?? {}).map(([field, target]) => ({ field, target, many: props[field]?.type === 'array' }));
    const pt = spec.passthrough;
    const used = usedPaths(m);
    const passthrough = pt
      ? {
          get: compilePath(pt.from ?? '$'),
          prefix: pt.from && pt.from !== '$' ? pt.from.replace(/^\$\.?/, '') : '',
          into: pt.into.split('.'),
          exclude: new Set((pt.exclude ?? []).map((x) => x.replace(/^\$\.?/, ''))),
          units: pt.units ?? {},
        }
      : undefined;
    return { name, identity, fields, when, refs, passthrough, used };
  });

  return {
    mapping: m,
    order,
    map(src, key, runId) {
      const problems: MapProblem[] = [];
      const entities: Partial<Record<EntityName, Json>> = {};
      for (const b of builders) {
        if (b.when && b.when(src).every((v) => v === null || v === undefined)) continue;
        const n = problems.length;
        const id = b.identity(src, problems);
        const rec: Json = {};
        if (b.passthrough) {
          const base = b.passthrough.get(src)[0];
          if (base && typeof base === 'object') {
            const copied = copyUnmapped(base, b.passthrough.prefix, b.used, b.passthrough.exclude, b.passthrough.units, tz);
            setDeep(rec, b.passthrough.into, copied);
          }
        }
        for (const [field, ev] of b.fields) {
          const v = ev(src, problems);
          if (v === undefined) continue;
          rec[field] = rec[field] && isPlainObject(rec[field]) && isPlainObject(v) ? deepMerge(rec[field], v) : v;
        }
        for (const r of b.refs) {
          const target = entities[r.target];
          if (!target) continue;
          const tid = target[ID_FIELD[r.target]];
          rec[r.field] = r.many ? [tid] : tid;
        }
        if (problems.length > n) continue;
        rec[ID_FIELD[b.name]] = id;
        rec.provenance = { mappingId: m.id, mappingVersion: m.version, source: sourceName, key, runId };
        entities[b.name] = rec;
      }
      return { key, entities, problems };
    },
  };
}

function compileFields(fields: FieldMap, at: string, tz: string): [string, Eval][] {
  return Object.entries(fields).map(([k, f]) => [k, compileField(f, `${at}/${k}`, tz)]);
}

function compileField(f: FieldSpec, at: string, tz: string): Eval {
  if (typeof f === 'string') return compileSpec({ map: f }, at, tz, false);
  if (isGroup(f)) {
    const inner = compileFields(f.fields, `${at}/fields`, tz);
    return (ctx, problems) => {
      const o: Json = {};
      for (const [k, ev] of inner) {
        const v = ev(ctx, problems);
        if (v !== undefined) o[k] = v;
      }
      return Object.keys(o).length ? o : undefined;
    };
  }
  return compileSpec(f, at, tz, false);
}

function compileSpec(s: ValueSpec, at: string, defaultTz: string, required: boolean): Eval {
  const type = normType(s.type);
  const tz = s.timezone ?? defaultTz;
  const isRequired = required || !!s.required;
  const omitEmpty = s.omitEmpty !== false;
  const where = s.map ?? s.forEach ?? s.pick?.from ?? s.template ?? s.expr ?? 'const';
  let raw: Eval;
  if (s.forEach) {
    const list = compilePath(s.forEach);
    const each = s.fields ? compileFields(s.fields, `${at}/fields`, tz) : undefined;
    const itemSpec = each ? undefined : compileSpec({ ...s, forEach: undefined, fields: undefined, required: false, value: undefined, unit: undefined, toUnit: undefined, omitEmpty: true, map: s.map ?? '$' }, at, tz, false);
    raw = (ctx, problems) => {
      const items = flat(list(ctx));
      const out: unknown[] = [];
      for (const item of items) {
        if (each) {
          const o: Json = {};
          for (const [k, ev] of each) {
            const v = ev(item, problems);
            if (v !== undefined) o[k] = v;
          }
          out.push(o);
        } else {
          const v = itemSpec!(item, problems);
          if (v !== undefined) out.push(v);
        }
      }
      return out;
    };
    return finish(raw, { ...s, type: undefined, unit: undefined }, at, where, tz, isRequired, omitEmpty, true);
  }
  if (s.pick) {
    const list = compilePath(s.pick.from);
    const conds = Object.entries(s.pick.where ?? {}).map(([p, v]) => [compilePath(p), v] as const);
    const orderBy = s.pick.orderBy ? compilePath(s.pick.orderBy) : undefined;
    const desc = s.pick.order === 'desc';
    const inner = s.fields ? compileFields(s.fields, `${at}/fields`, tz) : undefined;
    const itemSpec = inner ? undefined : compileSpec({ ...s, pick: undefined, fields: undefined, required: false, value: undefined, map: s.map ?? '$' }, at, tz, false);
    raw = (ctx, problems) => {
      let items = flat(list(ctx)).filter((it) => conds.every(([g, v]) => g(it).some((x) => x === v || String(x) === String(v))));
      if (orderBy) {
        const keyOf = (it: unknown) => orderBy(it)[0] as any;
        items = [...items].sort((a, b) => {
          const x = keyOf(a), y = keyOf(b);
          const c = x === y ? 0 : x === undefined || x === null ? 1 : y === undefined || y === null ? -1 : x < y ? -1 : 1;
          return desc ? -c : c;
        });
      }
      const it = items[0];
      if (it === undefined) return undefined;
      if (inner) {
        const o: Json = {};
        for (const [k, ev] of inner) {
          const v = ev(it, problems);
          if (v !== undefined) o[k] = v;
        }
        return o;
      }
      return itemSpec!(it, problems);
    };
    return finish(raw, { ...s, type: inner ? undefined : s.type, unit: inner ? undefined : s.unit }, at, where, tz, isRequired, omitEmpty, !!inner || !!itemSpec);
  }
  if (s.const !== undefined) raw = () => s.const;
  else if (s.template !== undefined) {
    const parts = s.template.split(/(\{\$[^{}]*\})/g).map((p) => (/^\{\$/.test(p) ? compilePath(p.slice(1, -1)) : p));
    raw = (ctx) => {
      let out = '';
      for (const p of parts) {
        if (typeof p === 'string') out += p;
        else {
          const v = p(ctx)[0];
          if (v === undefined || v === null || v === '') return undefined;
          out += v instanceof Date ? v.toISOString() : String(v);
        }
      }
      return out;
    };
  } else if (s.expr !== undefined) {
    const tree = parseExpr(s.expr);
    const vars = Object.entries(s.vars ?? {}).map(([k, p]) => [k, compilePath(p), p] as const);
    raw = (ctx, problems) => {
      const env: Record<string, number | undefined> = {};
      for (const [k, g, p] of vars) {
        const v = g(ctx)[0];
        if (v === undefined || v === null || v === '') env[k] = undefined;
        else {
          const n = typeof v === 'number' ? v : Number(v);
          if (!Number.isFinite(n)) {
            problems.push({ path: `${at}/vars/${k}`, message: `${describe(v)} at ${p} is not a number` });
            return undefined;
          }
          env[k] = n;
        }
      }
      const r = evalExpr(tree, env);
      if (r === undefined || Number.isFinite(r) || !s.type) return r; // untyped: stored as null with a storage note
      // typed (a division by zero, log of 0, ...): the record is quarantined with the inputs that gave it
      const given = vars.map(([k]) => `${k} = ${env[k]}`).join(', ');
      problems.push({ path: `${at}/expr`, message: `${s.expr} gives ${r}${given ? ` for ${given}` : ''}, not a number the catalog keeps` });
      return undefined;
    };
  } else if (s.map !== undefined) {
    const g: Getter = compilePath(s.map);
    const multi = !/^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\['[^']*'\])*$/.test(s.map);
    raw = (ctx) => {
      const v = g(ctx);
      return multi ? (v.length ? v : undefined) : v[0];
    };
  } else raw = () => undefined;
  return finish(raw, s, at, where, tz, isRequired, omitEmpty, false);
}

function finish(raw: Eval, s: ValueSpec, at: string, where: string, tz: string, required: boolean, omitEmpty: boolean, structured: boolean): Eval {
  const type = normType(s.type);
  const lookup = s.lookup;
  const dflt = s.value;
  return (ctx, problems) => {
    let v = raw(ctx, problems);
    if (v === null || (omitEmpty && v === '') || (Array.isArray(v) && v.length === 0 && omitEmpty && !structured)) v = undefined;
    if (v !== undefined && lookup) {
      const hit = lookup.table[String(v)];
      if (hit !== undefined) v = hit;
      else if (lookup.default !== undefined) v = lookup.default;
      else {
        problems.push({ path: `${at}/lookup`, message: `${describe(v)} (from ${where}) is not in the lookup table (known: ${Object.keys(lookup.table).slice(0, 10).join(', ')})` });
        return undefined;
      }
    }
    if (v === undefined && dflt !== undefined) v = dflt;
    if (v === undefined) {
      if (required) problems.push({ path: at, message: `is required but the source has no value at ${where}` });
      return undefined;
    }
    if (!structured) {
      try {
        v = Array.isArray(v) && type !== 'json' ? v.map((x) => convert(x, type, tz)) : convert(v, type, tz);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        problems.push({ path: at, message: `${e.message} (from ${where})` });
        return undefined;
      }
    }
    if (s.unit && typeof v === 'number') {
      let unit = s.unit;
      if (s.toUnit) {
        v = round(convertUnit(v, s.unit, s.toUnit));
        unit = s.toUnit;
      }
      return { value: v, unit };
    }
    if (v instanceof Date) return v.toISOString();
    return v;
  };
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}

function flat(vals: unknown[]): unknown[] {
  return vals.length === 1 && Array.isArray(vals[0]) ? (vals[0] as unknown[]) : vals.flatMap((v) => (Array.isArray(v) ? v : [v]));
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
      if (f.template) templatePaths(f.template).forEach(add);
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

function copyUnmapped(obj: Json, prefix: string, used: Set<string>, exclude: Set<string>, units: Record<string, string>, tz: string): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    const full = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined || exclude.has(k) || exclude.has(full) || used.has(full)) continue;
    // keys are kept as the source writes them: the record service stores "." and "$" the one way every path does, with a note
    const key = k;
    if (Array.isArray(v)) {
      const items = v.map((x) => (isPlainObject(x) ? copyUnmapped(x, '', new Set(), exclude, units, tz) : scalar(x, tz))).filter((x) => x !== undefined);
      if (items.length) setOwn(out, key, items);
    } else if (isPlainObject(v)) {
      const inner = copyUnmapped(v, full, used, exclude, units, tz);
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

