// Every write is checked against the committed JSON Schemas in schema/json/ (the contract), with ajv.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { projectRoot } from './paths';
import type { Problem } from './errors';

export type SchemaName = 'proposal' | 'sample' | 'dataset' | 'origdatablock' | 'publication' | 'instrument' | 'label' | 'attachment';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  const dir = path.join(projectRoot(), 'schema', 'json');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  }
  return ajv;
}

/**
 * The compiled validator of one of the committed JSON Schemas (draft 2020-12) in schema/json/, compiled once and kept.
 * Throws a plain Error when the schema file is missing.
 */
export function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = instance().getSchema(`https://catalog.schemas/${name}.schema.json`);
    if (!fn) throw new Error(`schema/json/${name}.schema.json is missing`);
    compiled.set(name, fn);
  }
  return fn;
}

/** The names of the top-level properties a schema allows. */
export function schemaProperties(name: SchemaName): string[] {
  const schema = validator(name).schema as { properties?: Record<string, unknown> };
  const common = (instance().getSchema('https://catalog.schemas/common.schema.json')!.schema as any).$defs.accessFields.properties;
  return [...Object.keys(schema.properties ?? {}), ...Object.keys(common)];
}

/**
 * The top-level fields a record must have: the schema's `required`, and those its `allOf` if/then adds for records whose
 * fields hold the given constants (`{type: 'raw'}` → a raw dataset's creationLocation).
 */
export function schemaRequired(name: SchemaName, constants: Record<string, unknown> = {}): string[] {
  const schema = validator(name).schema as { required?: string[]; allOf?: { if?: { properties?: Record<string, { const?: unknown }> }; then?: { required?: string[] } }[] };
  const out = new Set(schema.required ?? []);
  for (const c of schema.allOf ?? []) {
    const conds = Object.entries(c.if?.properties ?? {});
    if (conds.length && conds.every(([k, v]) => 'const' in v && constants[k] === v.const)) for (const r of c.then?.required ?? []) out.add(r);
  }
  return [...out];
}

/**
 * The JSON types (`string`, `array`, `object`, `integer`, …) the entity's schema allows for a top-level
 * field, its access fields included, with references into common.schema.json followed; undefined for
 * a field the schema does not name or does not type.
 */
export function schemaFieldTypes(name: SchemaName, field: string): string[] | undefined {
  const common = (instance().getSchema('https://catalog.schemas/common.schema.json')!.schema as any).$defs;
  const own = (validator(name).schema as { properties?: Record<string, any> }).properties?.[field];
  let s = own ?? common.accessFields.properties[field];
  for (let hops = 0; s && !s.type && typeof s.$ref === 'string' && hops < 5; hops++) s = common[s.$ref.split('/').pop()];
  return s?.type ? ([] as string[]).concat(s.type) : undefined;
}

/** Validates a record in its JSON form (dates as ISO strings); returns its problems, located by JSON pointer. */
export function validate(name: SchemaName, doc: unknown, basePath = ''): Problem[] {
  const fn = validator(name);
  if (fn(doc)) return [];
  return dedupe((fn.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== '$ref').map((e) => toProblem(e, basePath)));
}

function toProblem(e: ErrorObject, base: string): Problem {
  const at = base + e.instancePath;
  switch (e.keyword) {
    case 'required':
      return { path: `${at}/${(e.params as any).missingProperty}`, message: 'is required' };
    case 'unevaluatedProperties':
      return { path: `${at}/${(e.params as any).unevaluatedProperty}`, message: 'is not a known field' };
    case 'additionalProperties':
      return { path: `${at}/${(e.params as any).additionalProperty}`, message: 'is not a known field' };
    case 'enum':
      return { path: at, message: `must be one of ${(e.params as any).allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}` };
    case 'false schema':
      return { path: at, message: 'is not allowed here' };
    case 'pattern':
      // white space alone is no value, in a text field (common.schema.json#/$defs/text) or an id
      if ((e.params as any).pattern === '\\S' || (typeof e.data === 'string' && e.data.trim() === '')) return { path: at, message: 'is blank (white space only): give a value' };
      return { path: at, message: e.message ?? 'is invalid' };
    default:
      return { path: at, message: e.message ?? 'is invalid' };
  }
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.path} ${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
