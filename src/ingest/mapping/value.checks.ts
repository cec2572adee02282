// Checks one field of a mapping beyond its schema: JSONPaths that parse, expressions over declared vars,
// pick and fields that fit together, units, zones, and constants and defaults of the declared type.
import { parseExpr, exprVars, ExprError } from './expression';
import { pathProblem, templatePaths } from './paths';
import { unitProblem, sameDimension, validZone } from './convert';
import { isGroup, normType, type FieldMap, type ValueSpec, type ValueType } from './mapping.types';

/** One mistake in a mapping: `path` is a JSON pointer into the mapping file ('' for the whole file). */
export interface MappingProblem {
  path: string;
  message: string;
  hint?: string;
}

/**
 * Checks a field spec at the mapping path `at` (a JSONPath string, a group of fields or a value spec)
 * and pushes its problems onto `out`. `tz` is the source's time zone, if it says one.
 */
export function checkField(spec: unknown, at: string, tz: string | undefined, out: MappingProblem[]): void {
  if (typeof spec === 'string') {
    const pp = pathProblem(spec);
    if (pp) out.push({ path: at, message: `is not a valid JSONPath: ${pp}` });
    return;
  }
  if (isGroup(spec as any)) {
    checkFields((spec as { fields: FieldMap }).fields, `${at}/fields`, tz, out);
    return;
  }
  checkSpec(spec as ValueSpec, at, tz, out);
}

function checkFields(fields: FieldMap, at: string, tz: string | undefined, out: MappingProblem[]): void {
  for (const [k, f] of Object.entries(fields)) checkField(f, `${at}/${k}`, tz, out);
}

/** Checks a value spec at the mapping path `at` and pushes its problems onto `out`. `tz` is passed on to its fields. */
export function checkSpec(s: ValueSpec, at: string, tz: string | undefined, out: MappingProblem[]): void {
  checkSource(s, at, out);
  checkTemplate(s, at, out);
  s.coalesce?.forEach((f, i) => checkField(f, `${at}/coalesce/${i}`, tz, out));
  checkSwitch(s, at, tz, out);
  checkSeries(s, at, out);
  checkExpr(s, at, out);
  checkPick(s, at, out);
  if (s.fields) {
    if (!s.forEach && !s.pick) out.push({ path: `${at}/fields`, message: 'fields beside a value need forEach or pick' });
    checkFields(s.fields, `${at}/fields`, tz, out);
  }
  const t = normType(s.type);
  checkUnits(s, t, at, out);
  const tzs = s.timezone ?? undefined;
  if (tzs && !validZone(tzs)) out.push({ path: `${at}/timezone`, message: `"${tzs}" is not a time zone` });
  if (s.timezone && t !== 'datetime') out.push({ path: `${at}/timezone`, message: 'only applies to type datetime' });
  checkConstants(s, t, at, out);
  if (s.required && s.value !== undefined) out.push({ path: `${at}/required`, message: 'a required field with a default can never be missing', hint: 'drop one of required or value' });
}

/** One source of the value at most, and map and forEach JSONPaths that parse. */
function checkSource(s: ValueSpec, at: string, out: MappingProblem[]): void {
  // beside forEach or pick, map reads from each item (the engine takes it so): not a second source
  const sources = ['map', 'const', 'template', 'expr', 'forEach', 'pick', 'coalesce', 'switch', 'fileSeries'].filter((k) => k in s && !(k === 'map' && (s.forEach || s.pick)));
  if (sources.length > 1) out.push({ path: at, message: `takes its value from one of map, const, template, expr, forEach, pick, coalesce, switch or fileSeries, not ${sources.join(' and ')}` });
  for (const k of ['map', 'forEach'] as const) {
    if (s[k] !== undefined) {
      const pp = pathProblem(s[k]!);
      if (pp) out.push({ path: `${at}/${k}`, message: `is not a valid JSONPath: ${pp}` });
    }
  }
}

/** A switch's JSONPath and each case (and the default) checked as a field; cases or default without switch is a mistake. */
function checkSwitch(s: ValueSpec, at: string, tz: string | undefined, out: MappingProblem[]): void {
  if (s.switch === undefined) {
    for (const k of ['cases', 'default'] as const) if (s[k] !== undefined) out.push({ path: `${at}/${k}`, message: 'only means something with switch' });
    return;
  }
  const pp = pathProblem(s.switch);
  if (pp) out.push({ path: `${at}/switch`, message: `is not a valid JSONPath: ${pp}` });
  for (const [k, f] of Object.entries(s.cases ?? {})) checkField(f, `${at}/cases/${k}`, tz, out);
  if (s.default !== undefined) checkField(s.default, `${at}/default`, tz, out);
}

/** A file series' JSONPaths that parse. */
function checkSeries(s: ValueSpec, at: string, out: MappingProblem[]): void {
  for (const [k, p] of Object.entries(s.fileSeries ?? {})) {
    if (typeof p !== 'string') continue;
    const pp = pathProblem(p);
    if (pp) out.push({ path: `${at}/fileSeries/${k}`, message: `is not a valid JSONPath: ${pp}` });
  }
}

/** Template placeholders that parse, at least one across the template (a list may hold fixed entries beside them). */
function checkTemplate(s: ValueSpec, at: string, out: MappingProblem[]): void {
  if (s.template === undefined) return;
  const list = Array.isArray(s.template);
  const templates = ([] as string[]).concat(s.template);
  if (!templates.some((t) => t.includes('{$'))) out.push({ path: `${at}/template`, message: 'has no {$…} placeholder', hint: 'use const for fixed text' });
  templates.forEach((t, i) => {
    const opened = t.split('{$').length - 1;
    if (opened > templatePaths(t).length) out.push({ path: list ? `${at}/template/${i}` : `${at}/template`, message: `${JSON.stringify(t)} has a {$… placeholder that is not closed with }` });
    for (const p of templatePaths(t)) {
      const pp = pathProblem(p);
      if (pp) out.push({ path: list ? `${at}/template/${i}` : `${at}/template`, message: `placeholder {${p}} is not a valid JSONPath: ${pp}` });
    }
  });
}

/** An expression that parses and uses only declared vars, each a JSONPath; vars without expr is a mistake too. */
function checkExpr(s: ValueSpec, at: string, out: MappingProblem[]): void {
  if (s.expr === undefined) {
    if (s.vars) out.push({ path: `${at}/vars`, message: 'only means something with expr' });
    return;
  }
  try {
    const e = parseExpr(s.expr);
    for (const v of exprVars(e)) if (!s.vars?.[v]) out.push({ path: `${at}/expr`, message: `uses "${v}", which vars does not declare`, hint: `add "vars": {"${v}": "$.…"}` });
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    out.push({ path: `${at}/expr`, message: err.message });
  }
  for (const [k, p] of Object.entries(s.vars ?? {})) {
    const pp = pathProblem(p);
    if (pp) out.push({ path: `${at}/vars/${k}`, message: `is not a valid JSONPath: ${pp}` });
  }
}

function checkPick(s: ValueSpec, at: string, out: MappingProblem[]): void {
  if (!s.pick) return;
  const pp = pathProblem(s.pick.from);
  if (pp) out.push({ path: `${at}/pick/from`, message: `is not a valid JSONPath: ${pp}` });
  for (const k of Object.keys(s.pick.where ?? {})) {
    const wp = pathProblem(k);
    if (wp) out.push({ path: `${at}/pick/where/${k}`, message: `is not a valid JSONPath: ${wp}` });
  }
  if (s.pick.orderBy) {
    const op = pathProblem(s.pick.orderBy);
    if (op) out.push({ path: `${at}/pick/orderBy`, message: `is not a valid JSONPath: ${op}` });
  }
}

/** A unit that exists on a numeric type; toUnit only beside unit, and of the same dimension. */
function checkUnits(s: ValueSpec, t: ValueType | undefined, at: string, out: MappingProblem[]): void {
  if (s.unit) {
    const up = unitProblem(s.unit);
    if (up) out.push({ path: `${at}/unit`, message: up });
    if (t && !['number', 'int', 'long'].includes(t)) out.push({ path: `${at}/type`, message: `type ${t} cannot carry the unit "${s.unit}"`, hint: 'a quantity is a number, int or long' });
  }
  if (s.toUnit) {
    if (!s.unit) out.push({ path: `${at}/toUnit`, message: 'needs unit (the unit the source uses)' });
    else if (!unitProblem(s.unit) && !sameDimension(s.unit, s.toUnit)) out.push({ path: `${at}/toUnit`, message: `"${s.toUnit}" does not measure the same thing as "${s.unit}"` });
  }
}

/** const and value (the default) of the declared type `t`, when there is one. */
function checkConstants(s: ValueSpec, t: ValueType | undefined, at: string, out: MappingProblem[]): void {
  for (const k of ['const', 'value'] as const) {
    if (s[k] === undefined || !t) continue;
    const v = s[k];
    const ok = t === 'json' || (t === 'string' && typeof v === 'string') || (['int', 'long'].includes(t) && (Number.isInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v)))) || (t === 'number' && (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))))) || (t === 'boolean' && typeof v === 'boolean') || (t === 'datetime' && typeof v === 'string');
    if (!ok) out.push({ path: `${at}/${k}`, message: `${JSON.stringify(v)} is not a ${t}`, hint: 'the default or constant must have the declared type' });
  }
}
