// Compiles a field of a mapping into an evaluator, one compiler per kind of value spec: map, forEach,
// pick, template (one, or a list), expr, coalesce, switch, fileSeries and const. Each kind only reads its raw value; finish (value.finish.ts) does the rest.
import type { Json } from '../../common/json';
import { describe } from './convert';
import { evalExpr, parseExpr } from './expression';
import { compilePath, type Getter } from './paths';
import { isGroup, type FieldMap, type FieldSpec, type ValueSpec } from './mapping.types';
import { finish, type Eval, type MapProblem } from './value.finish';
import { compileFileSeries, compileSwitch } from './value.series';

/** Compiles every field of `fields`: [name, evaluator] pairs in the mapping's order; `at` is their parent's mapping path. */
export function compileFields(fields: FieldMap, at: string, tz: string): [string, Eval][] {
  return Object.entries(fields).map(([k, f]) => [k, compileField(f, `${at}/${k}`, tz)]);
}

/** A field: a bare JSONPath string, a group of fields (an object, or undefined when none has a value) or a value spec. */
function compileField(f: FieldSpec, at: string, tz: string): Eval {
  if (typeof f === 'string') return compileSpec({ map: f }, at, tz, false);
  if (isGroup(f)) {
    const inner = compileFields(f.fields, `${at}/fields`, tz);
    return (ctx, problems) => {
      const o = evalFields(inner, ctx, problems);
      return Object.keys(o).length ? o : undefined;
    };
  }
  return compileSpec(f, at, tz, false);
}

/**
 * Compiles one value spec. `at` is its mapping path (what problems name), `defaultTz` the IANA zone of
 * naive date-times unless the spec says its own, `required` whether a missing value is a problem even
 * when the spec does not say so (an identity). Throws ExprError for an expression that does not parse.
 */
export function compileSpec(s: ValueSpec, at: string, defaultTz: string, required: boolean): Eval {
  const tz = s.timezone ?? defaultTz;
  const isRequired = required || !!s.required;
  const omitEmpty = s.omitEmpty !== false;
  const where = s.map ?? s.forEach ?? s.pick?.from ?? (Array.isArray(s.template) ? s.template.join(', ') : s.template) ?? s.expr ?? s.switch ?? (s.fileSeries ? `${s.fileSeries.template} and ${s.fileSeries.count}` : undefined) ?? (s.coalesce ? 'coalesce' : 'const');
  if (s.fileSeries) return finish(compileFileSeries(s.fileSeries, at), { ...s, type: undefined, unit: undefined }, at, where, tz, isRequired, omitEmpty, true);
  if (s.switch) return finish(compileSwitch(s, at, (f, p) => compileField(f, p, tz)), { ...s, type: undefined, unit: undefined }, at, where, tz, isRequired, omitEmpty, true);
  if (s.forEach) return finish(compileForEach(s, at, tz), { ...s, type: undefined, unit: undefined }, at, where, tz, isRequired, omitEmpty, true);
  if (s.pick) {
    const { raw, fielded } = compilePick(s, at, tz);
    // structured either way: an item built from fields is an object, a single item was finished by its own spec
    return finish(raw, { ...s, type: fielded ? undefined : s.type, unit: fielded ? undefined : s.unit }, at, where, tz, isRequired, omitEmpty, true);
  }
  let raw: Eval;
  if (s.const !== undefined) raw = () => s.const;
  else if (Array.isArray(s.template)) raw = compileTemplateList(s.template);
  else if (s.template !== undefined) raw = compileTemplate(s.template);
  else if (s.coalesce) raw = compileCoalesce(s.coalesce, at, tz);
  else if (s.expr !== undefined) raw = compileExpr(s, at);
  else if (s.map !== undefined) raw = compileMap(s.map);
  else raw = () => undefined;
  return finish(raw, s, at, where, tz, isRequired, omitEmpty, false);
}

/** forEach: a list with one entry per source item, each an object of `fields` or the item's own value (the spec without forEach). */
function compileForEach(s: ValueSpec, at: string, tz: string): Eval {
  const list = compilePath(s.forEach!);
  const each = s.fields ? compileFields(s.fields, `${at}/fields`, tz) : undefined;
  const itemSpec = each ? undefined : compileSpec({ ...s, forEach: undefined, fields: undefined, required: false, value: undefined, unit: undefined, toUnit: undefined, omitEmpty: true, map: s.map ?? '$' }, at, tz, false);
  return (ctx, problems) => {
    const items = flat(list(ctx));
    const out: unknown[] = [];
    for (const item of items) {
      if (each) out.push(evalFields(each, item, problems));
      else {
        const v = itemSpec!(item, problems);
        if (v !== undefined) out.push(v);
      }
    }
    return out;
  };
}

/** pick: the first source item that matches `where` (after `orderBy`), as an object of `fields` or its own value. `fielded` says which. */
function compilePick(s: ValueSpec, at: string, tz: string): { raw: Eval; fielded: boolean } {
  const pick = s.pick!;
  const list = compilePath(pick.from);
  const conds = Object.entries(pick.where ?? {}).map(([p, v]) => [compilePath(p), v] as const);
  const orderBy = pick.orderBy ? compilePath(pick.orderBy) : undefined;
  const desc = pick.order === 'desc';
  const inner = s.fields ? compileFields(s.fields, `${at}/fields`, tz) : undefined;
  const itemSpec = inner ? undefined : compileSpec({ ...s, pick: undefined, fields: undefined, required: false, value: undefined, map: s.map ?? '$' }, at, tz, false);
  const raw: Eval = (ctx, problems) => {
    let items = flat(list(ctx)).filter((it) => conds.every(([g, v]) => g(it).some((x) => x === v || String(x) === String(v))));
    if (orderBy) items = sortBy(items, orderBy, desc);
    const it = items[0];
    if (it === undefined) return undefined;
    if (inner) return evalFields(inner, it, problems);
    return itemSpec!(it, problems);
  };
  return { raw, fielded: !!inner };
}

/** Items ordered by the first value at `key`; items without one go last (first when `desc`). A new array. */
function sortBy(items: unknown[], key: Getter, desc: boolean): unknown[] {
  const keyOf = (it: unknown) => key(it)[0] as any;
  return [...items].sort((a, b) => {
    const x = keyOf(a), y = keyOf(b);
    const c = x === y ? 0 : x === undefined || x === null ? 1 : y === undefined || y === null ? -1 : x < y ? -1 : 1;
    return desc ? -c : c;
  });
}

/** template: text with {$…} placeholders; no value when a placeholder has none (or an empty string). */
/** A list of templates: one string per template whose placeholders all have a value, repeats dropped (an empty list when none has). */
function compileTemplateList(templates: string[]): Eval {
  const each = templates.map(compileTemplate);
  return (ctx, problems) => [...new Set(each.map((t) => t(ctx, problems)).filter((v): v is string => v !== undefined))];
}

/** The first alternative that gives a value; an alternative's own problems (a value it cannot convert) are reported. */
function compileCoalesce(alternatives: FieldSpec[], at: string, tz: string): Eval {
  const each = alternatives.map((f, i) => compileField(f, `${at}/coalesce/${i}`, tz));
  return (ctx, problems) => {
    for (const e of each) {
      const v = e(ctx, problems);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

function compileTemplate(template: string): Eval {
  const parts = template.split(/(\{\$[^{}]*\})/g).map((p) => (/^\{\$/.test(p) ? compilePath(p.slice(1, -1)) : p));
  return (ctx) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p(ctx)[0];
        if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
        out += v instanceof Date ? v.toISOString() : String(v);
      }
    }
    return out;
  };
}

/**
 * expr: arithmetic over `vars` (each a JSONPath to a number). No value when a var has none; a var that
 * is not a number is a problem at `${at}/vars/<name>`; with a type, a result that is not finite is one at `${at}/expr`.
 */
function compileExpr(s: ValueSpec, at: string): Eval {
  const expr = s.expr!;
  const tree = parseExpr(expr);
  const vars = Object.entries(s.vars ?? {}).map(([k, p]) => [k, compilePath(p), p] as const);
  return (ctx, problems) => {
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
    problems.push({ path: `${at}/expr`, message: `${expr} gives ${r}${given ? ` for ${given}` : ''}, not a number the catalog keeps` });
    return undefined;
  };
}

/** map: the value at a plain path; every value (a list, or undefined when none) for a path that can match several. */
function compileMap(path: string): Eval {
  const g: Getter = compilePath(path);
  const multi = !/^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\['[^']*'\])*$/.test(path);
  return (ctx) => {
    const v = g(ctx);
    return multi ? (v.length ? v : undefined) : v[0];
  };
}

/** The object of `fields` evaluated on `ctx`, without the fields that have no value. */
function evalFields(fields: [string, Eval][], ctx: unknown, problems: MapProblem[]): Json {
  const o: Json = {};
  for (const [k, ev] of fields) {
    const v = ev(ctx, problems);
    if (v !== undefined) o[k] = v;
  }
  return o;
}

function flat(vals: unknown[]): unknown[] {
  return vals.length === 1 && Array.isArray(vals[0]) ? (vals[0] as unknown[]) : vals.flatMap((v) => (Array.isArray(v) ? v : [v]));
}
