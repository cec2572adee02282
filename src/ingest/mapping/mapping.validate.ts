// Checks a mapping file before it runs: first against schema/mapping.schema.json (ajv), then what a
// schema cannot say — JSONPaths that parse, expressions over declared names, units and zones that
// exist, types that fit the catalog field, references that point at entities of the mapping and form
// no cycle. Every mistake comes back with its JSON path and a hint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { projectRoot } from '../../common/paths';
import { schemaProperties, validator, type SchemaName } from '../../common/validation';
import { parseExpr, exprVars, ExprError } from './expression';
import { pathProblem, templatePaths } from './paths';
import { unitProblem, sameDimension, validZone } from './convert';
import { ENTITY_ORDER, ID_FIELD, isGroup, normType, type EntityName, type FieldMap, type Mapping, type ValueSpec } from './mapping.types';

export interface MappingProblem {
  path: string;
  message: string;
  hint?: string;
}

export class MappingError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: MappingProblem[],
  ) {
    super(`mapping ${file} is invalid:\n${problems.map((p) => `  ${p.path || '/'}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}`).join('\n')}`);
    this.name = 'MappingError';
  }
}

let schemaFn: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!schemaFn) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    schemaFn = ajv.compile(JSON.parse(readFileSync(path.join(projectRoot(), 'schema', 'mapping.schema.json'), 'utf8')));
  }
  return schemaFn;
}

/** Reads, parses and validates a mapping file; throws MappingError with every problem. */
export function loadMapping(file: string): Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MappingError(file, [{ path: '', message: `cannot be read: ${(e as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MappingError(file, [{ path: '', message: `is not JSON: ${(e as Error).message}` }]);
  }
  const problems = validateMapping(json);
  if (problems.length) throw new MappingError(file, problems);
  return json as Mapping;
}

export function validateMapping(json: unknown): MappingProblem[] {
  const fn = schemaValidator();
  if (!fn(json)) return schemaProblems(fn.errors ?? [], json);
  return semanticProblems(json as Mapping);
}

// ---- schema errors, made readable ----

function schemaProblems(errs: ErrorObject[], json: unknown): MappingProblem[] {
  // oneOf/anyOf report every branch; keep the deepest, most specific errors at each place
  const skip = new Set(['oneOf', 'anyOf', 'if', 'allOf', 'not']);
  const specific = errs.filter((e) => !skip.has(e.keyword));
  const chosen = specific.length ? specific : errs;
  const out = new Map<string, MappingProblem>();
  for (const e of chosen) {
    const p = e.instancePath;
    // a field that is a spec object fails the "string" branch too: drop type errors where a deeper error exists
    if (e.keyword === 'type' && chosen.some((o) => o !== e && o.instancePath.startsWith(p) && o.keyword !== 'type')) continue;
    const pr = describeError(e, json);
    const key = `${pr.path}|${pr.message}`;
    if (!out.has(key)) out.set(key, pr);
  }
  // a field spec that matched no branch at all: say what a field may be
  if (!out.size) for (const e of errs) out.set(e.instancePath, describeError(e, json));
  return [...out.values()];
}

function describeError(e: ErrorObject, json: unknown): MappingProblem {
  const p = e.instancePath;
  const params = e.params as any;
  switch (e.keyword) {
    case 'required':
      return { path: p, message: `must have "${params.missingProperty}"`, hint: params.missingProperty === 'identity' ? 'every entity needs an identity so that re-running updates instead of duplicating' : undefined };
    case 'additionalProperties':
      return { path: `${p}/${params.additionalProperty}`, message: `"${params.additionalProperty}" is not allowed here`, hint: `allowed: ${allowedAt(e)}` };
    case 'enum':
      return { path: p, message: `${JSON.stringify(valueAt(json, p))} is not one of ${params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}` };
    case 'pattern':
      return { path: p, message: `${JSON.stringify(valueAt(json, p))} does not match ${params.pattern}`, hint: p.endsWith('/map') || p.endsWith('/forEach') ? 'a JSONPath starts with $' : undefined };
    case 'minProperties':
      return { path: p, message: 'is empty', hint: 'a field needs one of map, const, template, expr, forEach, pick or value' };
    default:
      return { path: p, message: e.message ?? e.keyword };
  }
}

function allowedAt(e: ErrorObject): string {
  const props = (e.parentSchema as any)?.properties;
  return props ? Object.keys(props).join(', ') : 'see schema/mapping.schema.json';
}

function valueAt(json: unknown, pointer: string): unknown {
  let cur: any = json;
  for (const k of pointer.split('/').slice(1)) cur = cur?.[k.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur;
}

// ---- what the schema cannot say ----

const JSON_TYPE: Record<string, string[]> = {
  string: ['string'],
  int: ['integer', 'number'],
  long: ['integer', 'number'],
  number: ['number'],
  boolean: ['boolean'],
  datetime: ['string'],
};

function semanticProblems(m: Mapping): MappingProblem[] {
  const out: MappingProblem[] = [];
  const src = m.source;
  if (src.timezone && !validZone(src.timezone)) out.push({ path: '/source/timezone', message: `"${src.timezone}" is not a time zone`, hint: 'use an IANA name such as Europe/Berlin or UTC' });
  const relNames = (rels: Mapping['source']['relations'], at: string) => {
    const seen = new Set<string>();
    (rels ?? []).forEach((r, i) => {
      if (seen.has(r.name)) out.push({ path: `${at}/${i}/name`, message: `relation "${r.name}" is declared twice at this level` });
      seen.add(r.name);
      relNames(r.relations, `${at}/${i}/relations`);
    });
  };
  relNames(src.relations, '/source/relations');
  if (m.triggers?.message) {
    const pp = pathProblem(m.triggers.message.key);
    if (pp) out.push({ path: '/triggers/message/key', message: `is not a valid JSONPath: ${pp}` });
  }

  const declared = new Set(Object.keys(m.entities) as EntityName[]);
  for (const name of ENTITY_ORDER) {
    const ent = m.entities[name];
    if (!ent) continue;
    const at = `/entities/${name}`;
    if (ent.identity.field !== ID_FIELD[name]) {
      out.push({ path: `${at}/identity/field`, message: `the identity of a ${name} is "${ID_FIELD[name]}", not "${ent.identity.field}"` });
    }
    checkSpec(ent.identity, `${at}/identity`, src.timezone, out);
    if (ent.when) {
      const pp = pathProblem(ent.when);
      if (pp) out.push({ path: `${at}/when`, message: `is not a valid JSONPath: ${pp}` });
    }
    const props = new Set(schemaProperties(name as SchemaName));
    for (const [field, target] of Object.entries(ent.references ?? {})) {
      if (!declared.has(target)) out.push({ path: `${at}/references/${field}`, message: `points at "${target}", which this mapping does not produce`, hint: `declared entities: ${[...declared].join(', ')}` });
      if (!props.has(field)) out.push({ path: `${at}/references/${field}`, message: `"${field}" is not a field of a ${name}` });
    }
    for (const [field, spec] of Object.entries(ent.fields)) {
      const fat = `${at}/fields/${field}`;
      if (!props.has(field)) {
        out.push({ path: fat, message: `"${field}" is not a field of a ${name}`, hint: closest(field, [...props]) });
        continue;
      }
      checkField(spec, fat, src.timezone, out);
      const t = typeof spec === 'object' && !isGroup(spec) ? normType(spec.type) : undefined;
      const want = fieldJsonTypes(name as SchemaName, field);
      if (t && want && !(JSON_TYPE[t] ?? []).some((x) => want.includes(x)) && !(typeof spec === 'object' && (spec as ValueSpec).forEach)) {
        out.push({ path: `${fat}/type`, message: `type ${t} does not fit ${name}.${field}, which is ${want.join(' or ')}` });
      }
      if (typeof spec === 'object' && !isGroup(spec) && spec.unit && want && !want.includes('object')) {
        out.push({ path: `${fat}/unit`, message: `${name}.${field} is ${want.join(' or ')}, so it cannot hold a quantity with a unit`, hint: 'units belong in scientificMetadata' });
      }
    }
    if (ent.passthrough) {
      if (ent.passthrough.from) {
        const pp = pathProblem(ent.passthrough.from);
        if (pp) out.push({ path: `${at}/passthrough/from`, message: `is not a valid JSONPath: ${pp}` });
      }
      if (!props.has(ent.passthrough.into.split('.')[0])) out.push({ path: `${at}/passthrough/into`, message: `"${ent.passthrough.into.split('.')[0]}" is not a field of a ${name}` });
      for (const [col, u] of Object.entries(ent.passthrough.units ?? {})) {
        const up = unitProblem(u);
        if (up) out.push({ path: `${at}/passthrough/units/${col}`, message: up });
      }
    }
  }
  // references between entities must not loop (each entity is written after the ones it points at)
  const graph = new Map<EntityName, EntityName[]>();
  for (const [n, e] of Object.entries(m.entities) as [EntityName, NonNullable<Mapping['entities'][EntityName]>][]) graph.set(n, Object.values(e.references ?? {}));
  const cycle = findCycle(graph);
  if (cycle) out.push({ path: `/entities/${cycle[0]}/references`, message: `references form a cycle: ${cycle.join(' → ')}`, hint: 'a child points at its parent (dataset → sample → proposal), never back' });
  return out;
}

function fieldJsonTypes(entity: SchemaName, field: string): string[] | undefined {
  const s = (validator(entity).schema as any).properties?.[field];
  if (!s) return undefined;
  if (s.type) return ([] as string[]).concat(s.type);
  if (typeof s.$ref === 'string' && s.$ref.includes('common.schema.json')) {
    const name = s.$ref.split('/').pop();
    return { id: ['string'], group: ['string'], dateTime: ['string'], email: ['string'], size: ['integer'], quantity: ['object'] }[name as string];
  }
  return undefined;
}

function checkField(spec: unknown, at: string, tz: string | undefined, out: MappingProblem[]): void {
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

function checkSpec(s: ValueSpec, at: string, tz: string | undefined, out: MappingProblem[]): void {
  const sources = ['map', 'const', 'template', 'expr', 'forEach', 'pick'].filter((k) => k in s);
  if (sources.length > 1) out.push({ path: at, message: `takes its value from one of map, const, template, expr, forEach or pick, not ${sources.join(' and ')}` });
  for (const k of ['map', 'forEach'] as const) {
    if (s[k] !== undefined) {
      const pp = pathProblem(s[k]!);
      if (pp) out.push({ path: `${at}/${k}`, message: `is not a valid JSONPath: ${pp}` });
    }
  }
  if (s.template !== undefined) {
    const paths = templatePaths(s.template);
    if (!paths.length) out.push({ path: `${at}/template`, message: 'has no {$…} placeholder', hint: 'use const for fixed text' });
    for (const p of paths) {
      const pp = pathProblem(p);
      if (pp) out.push({ path: `${at}/template`, message: `placeholder {${p}} is not a valid JSONPath: ${pp}` });
    }
  }
  if (s.expr !== undefined) {
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
  } else if (s.vars) out.push({ path: `${at}/vars`, message: 'only means something with expr' });
  if (s.pick) {
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
  if (s.fields) {
    if (!s.forEach && !s.pick) out.push({ path: `${at}/fields`, message: 'fields beside a value need forEach or pick' });
    checkFields(s.fields, `${at}/fields`, tz, out);
  }
  const t = normType(s.type);
  if (s.unit) {
    const up = unitProblem(s.unit);
    if (up) out.push({ path: `${at}/unit`, message: up });
    if (t && !['number', 'int', 'long'].includes(t)) out.push({ path: `${at}/type`, message: `type ${t} cannot carry the unit "${s.unit}"`, hint: 'a quantity is a number, int or long' });
  }
  if (s.toUnit) {
    if (!s.unit) out.push({ path: `${at}/toUnit`, message: 'needs unit (the unit the source uses)' });
    else if (!unitProblem(s.unit) && !sameDimension(s.unit, s.toUnit)) out.push({ path: `${at}/toUnit`, message: `"${s.toUnit}" does not measure the same thing as "${s.unit}"` });
  }
  const tzs = s.timezone ?? undefined;
  if (tzs && !validZone(tzs)) out.push({ path: `${at}/timezone`, message: `"${tzs}" is not a time zone` });
  if (s.timezone && t !== 'datetime') out.push({ path: `${at}/timezone`, message: 'only applies to type datetime' });
  for (const k of ['const', 'value'] as const) {
    if (s[k] === undefined || !t) continue;
    const v = s[k];
    const ok = t === 'json' || (t === 'string' && typeof v === 'string') || (['int', 'long'].includes(t) && (Number.isInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v)))) || (t === 'number' && (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))))) || (t === 'boolean' && typeof v === 'boolean') || (t === 'datetime' && typeof v === 'string');
    if (!ok) out.push({ path: `${at}/${k}`, message: `${JSON.stringify(v)} is not a ${t}`, hint: 'the default or constant must have the declared type' });
  }
  if (s.required && s.value !== undefined) out.push({ path: `${at}/required`, message: 'a required field with a default can never be missing', hint: 'drop one of required or value' });
}

function findCycle(graph: Map<EntityName, EntityName[]>): EntityName[] | null {
  const state = new Map<EntityName, 1 | 2>();
  const stack: EntityName[] = [];
  const visit = (n: EntityName): EntityName[] | null => {
    if (state.get(n) === 2) return null;
    if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const t of graph.get(n) ?? []) {
      const c = visit(t);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

function closest(word: string, options: string[]): string | undefined {
  const d = (a: string, b: string) => {
    const m = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) m[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) m[i][j] = Math.min(m[i - 1][j] + 1, m[i][j - 1] + 1, m[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    return m[a.length][b.length];
  };
  const best = options.map((o) => [o, d(word, o)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 3 ? `did you mean "${best[0]}"?` : undefined;
}
