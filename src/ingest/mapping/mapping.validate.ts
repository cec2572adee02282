// Checks a mapping file before it runs: first against schema/mapping.schema.json (ajv), its errors made
// readable here, then what a schema cannot say (mapping.checks.ts). Every mistake has its JSON path and a hint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { projectRoot } from '../../common/paths';
import type { Mapping } from './mapping.types';
import { semanticProblems } from './mapping.checks';
import type { MappingProblem } from './value.checks';

export type { MappingProblem };

/** A mapping file that cannot be used: `problems` lists every mistake, the message shows them one a line. */
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

/** Every problem of a parsed mapping file (schema errors first; the rest only once the schema passes); empty when it is usable. */
export function validateMapping(json: unknown): MappingProblem[] {
  const fn = schemaValidator();
  if (fn(json)) return semanticProblems(json as Mapping);
  // one pass: the schema's problems, then what else is wrong in the parts it could read
  const problems = schemaProblems(fn.errors ?? [], json);
  if (!json || typeof json !== 'object') return problems;
  // a place the schema already named is not named again by a check of its meaning
  const named = problems.map((p) => p.path);
  for (const p of semanticProblems(json as Mapping)) if (!named.some((n) => p.path === n || p.path.startsWith(`${n}/`))) problems.push(p);
  return problems;
}

// ---- schema errors, made readable ----

function schemaProblems(errs: ErrorObject[], json: unknown): MappingProblem[] {
  // oneOf/anyOf report every branch; keep the deepest, most specific errors at each place
  const skip = new Set(['oneOf', 'anyOf', 'if', 'allOf', 'not']);
  const specific = errs.filter((e) => !skip.has(e.keyword) && !otherBranch(e, json));
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

/**
 * An error from the branch of a field that does not apply: a field is a JSONPath string, a value spec,
 * or a group {fields}; a spec object reports the group branch's "must have fields" too, and a group the
 * value spec's. Only the branch the field's own keys choose is reported.
 */
function otherBranch(e: ErrorObject, json: unknown): boolean {
  const v = valueAt(json, e.instancePath);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const isGroup = 'fields' in v && Object.keys(v).every((k) => k === 'fields' || k === 'description');
  // errors are reported relative to the field definition: its third branch (oneOf/2) is the group
  const groupBranch = /\/oneOf\/2\//.test(e.schemaPath);
  if (groupBranch) return !isGroup;
  return isGroup && ['required', 'additionalProperties', 'minProperties'].includes(e.keyword);
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
      return { path: p, message: `${JSON.stringify(valueAt(json, p))} does not match ${params.pattern}`, hint: /\/(map|forEach|coalesce\/\d+)$/.test(p) ? 'a JSONPath starts with $' : undefined };
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
