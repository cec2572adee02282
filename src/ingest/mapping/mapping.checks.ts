// What the schema cannot say about a whole mapping: zones and relations of the source, identities, fields
// that exist on the catalog entity with a type that fits, passthrough, and references that form no cycle.
import { schemaFieldTypes, schemaProperties, schemaRequired, type SchemaName } from '../../common/validation';
import { pathProblem } from './paths';
import { unitProblem, validZone } from './convert';
import { ENTITY_ORDER, ID_FIELD, isGroup, normType, type EntityName, type EntitySpec, type FieldSpec, type Mapping, type ValueSpec } from './mapping.types';
import { checkField, checkSpec, type MappingProblem } from './value.checks';
import { relationPaths } from './passthrough';
import { didYouMean } from './source.compare';
import { rootParts, rootProblemPath } from './mapping.roots';

const JSON_TYPE: Record<string, string[]> = {
  string: ['string'],
  int: ['integer', 'number'],
  long: ['integer', 'number'],
  number: ['number'],
  boolean: ['boolean'],
  datetime: ['string'],
};

/**
 * The problems of a mapping the schema cannot see, in the order of the file: source, triggers, each
 * entity in ENTITY_ORDER (each field on its own), then a reference cycle. Empty when it is fine. Runs
 * on a mapping the schema refused too, so that one mistake does not hide the rest: a part whose shape
 * is too broken to check (the schema has said why) is skipped.
 */
export function semanticProblems(m: Mapping): MappingProblem[] {
  const out: MappingProblem[] = [];
  checked(() => sourceProblems(m, out));
  const declared = new Set(Object.keys(m.entities ?? {}) as EntityName[]);
  for (const name of ENTITY_ORDER) {
    const ent = m.entities?.[name];
    if (ent) checked(() => entityProblems(name, ent, declared, m.source?.timezone, out, relationPaths(m)));
  }
  checked(() => cycleProblem(m, out));
  // each further root is checked as the mapping it runs as, its problems placed under /roots/<i>
  const names = new Map<string, number>();
  (Array.isArray(m.roots) ? m.roots : []).forEach((r, i) => {
    if (names.has(r?.name)) out.push({ path: `/roots/${i}/name`, message: `"${r.name}" is also the name of root ${names.get(r.name)}; its runs, checkpoint and hashes are kept under ${m.id}.${r.name}, so each root needs a name of its own` });
    else names.set(r?.name, i);
  });
  (Array.isArray(m.roots) ? m.roots : []).forEach((_, i) =>
    checked(() => {
      for (const p of semanticProblems(rootParts(m)[i + 1])) {
        const q = rootProblemPath(p, i);
        if (q) out.push(q);
      }
    }),
  );
  return out;
}

/** Runs one check; a part too malformed to check (a TypeError on its shape) is left to the schema's problems. */
function checked(check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
}

/** The source's time zone, relation names unique at each level, and the trigger message's key path. */
function sourceProblems(m: Mapping, out: MappingProblem[]): void {
  const src = m.source;
  if (src.timezone && !validZone(src.timezone)) out.push({ path: '/source/timezone', message: `"${src.timezone}" is not a time zone`, hint: 'use an IANA name such as Europe/Berlin or UTC' });
  relationProblems(src.relations, '/source/relations', out);
  if (src.adapter === 'hdf5' && m.roots) out.push({ path: '/roots', message: 'a file source (hdf5) has no further roots: each file is one record', hint: 'write a second mapping for other files' });
  if (m.triggers?.message) {
    const pp = pathProblem(m.triggers.message.key);
    if (pp) out.push({ path: '/triggers/message/key', message: `is not a valid JSONPath: ${pp}` });
  }
}

function relationProblems(rels: Mapping['source']['relations'], at: string, out: MappingProblem[]): void {
  const seen = new Set<string>();
  (rels ?? []).forEach((r, i) => {
    if (seen.has(r.name)) out.push({ path: `${at}/${i}/name`, message: `relation "${r.name}" is declared twice at this level` });
    seen.add(r.name);
    relationProblems(r.relations, `${at}/${i}/relations`, out);
  });
}

function entityProblems(name: EntityName, ent: EntitySpec, declared: Set<EntityName>, tz: string | undefined, out: MappingProblem[], rels: string[]): void {
  const at = `/entities/${name}`;
  if (ent.identity.field !== ID_FIELD[name]) {
    out.push({ path: `${at}/identity/field`, message: `the identity of ${an(name)} is "${ID_FIELD[name]}", not "${ent.identity.field}"` });
  }
  checkSpec(ent.identity, `${at}/identity`, tz, out);
  if (ent.when) {
    const pp = pathProblem(ent.when);
    if (pp) out.push({ path: `${at}/when`, message: `is not a valid JSONPath: ${pp}` });
  }
  const props = new Set(schemaProperties(name as SchemaName));
  for (const [field, target] of Object.entries(ent.references ?? {})) {
    if (!declared.has(target)) out.push({ path: `${at}/references/${field}`, message: `points at "${target}", which this mapping does not produce`, hint: `declared entities: ${[...declared].join(', ')}` });
    if (!props.has(field)) out.push({ path: `${at}/references/${field}`, message: `"${field}" is not a field of ${an(name)}` });
  }
  for (const [field, spec] of Object.entries(ent.fields ?? {})) checked(() => fieldProblems(name, field, spec, props, tz, out));
  if (ent.passthrough) passthroughProblems(name, ent.passthrough, props, out, rels);
  checked(() => requiredProblems(name, ent, out));
}

/** Fields the catalog requires of the entity that the mapping never writes: every record would be refused at the write. */
function requiredProblems(name: EntityName, ent: EntitySpec, out: MappingProblem[]): void {
  const fields = ent.fields ?? {};
  // the id comes from the identity, references from the entities they name, a block's size from its files
  const given = new Set([ent.identity?.field, ...Object.keys(fields), ...Object.keys(ent.references ?? {}), ...(name === 'origdatablock' ? ['size'] : [])]);
  if (ent.passthrough?.into) given.add(ent.passthrough.into.split('.')[0]);
  const constants = Object.fromEntries(Object.entries(fields).flatMap(([k, f]) => (typeof f === 'object' && f !== null && 'const' in f ? [[k, (f as ValueSpec).const]] : [])));
  const missing = schemaRequired(name as SchemaName, constants).filter((r) => !given.has(r));
  if (missing.length) out.push({ path: `/entities/${name}/fields`, message: `${an(name)} needs ${missing.join(', ')}, which this mapping does not write, so every record would be refused`, hint: `map ${missing.length > 1 ? 'each' : 'it'} from the source, or give a const` });
}

/** A field of the entity (`props` are its fields): one the catalog has, checked, with a type and unit that fit it. */
function fieldProblems(name: EntityName, field: string, spec: FieldSpec, props: Set<string>, tz: string | undefined, out: MappingProblem[]): void {
  const fat = `/entities/${name}/fields/${field}`;
  if (!props.has(field)) {
    out.push({ path: fat, message: `"${field}" is not a field of ${an(name)}`, hint: didYouMean(field, props) });
    return;
  }
  checkField(spec, fat, tz, out);
  const t = typeof spec === 'object' && !isGroup(spec) ? normType(spec.type) : undefined;
  const want = schemaFieldTypes(name as SchemaName, field);
  if (t && want && !(JSON_TYPE[t] ?? []).some((x) => want.includes(x)) && !(typeof spec === 'object' && (spec as ValueSpec).forEach)) {
    out.push({ path: `${fat}/type`, message: `type ${t} does not fit ${name}.${field}, which is ${want.join(' or ')}` });
  }
  shapeProblem(`${name}.${field}`, spec, want, fat, out);
  if (typeof spec === 'object' && !isGroup(spec) && spec.unit && want && !want.includes('object')) {
    out.push({ path: `${fat}/unit`, message: `${name}.${field} is ${want.join(' or ')}, so it cannot hold a quantity with a unit`, hint: 'units belong in scientificMetadata' });
  }
}

/**
 * What a field spec gives: one value, a list, or "either" (a JSONPath may find one value or several;
 * alternatives may differ). A list spec into a single-valued field, or a single value into a list
 * field, would pass the mapping's own checks and then quarantine every record at the write.
 */
function shapeOf(spec: FieldSpec): 'one' | 'list' | 'either' {
  if (typeof spec === 'string' || isGroup(spec)) return typeof spec === 'string' ? 'either' : 'one';
  if (spec.forEach || spec.fileSeries || Array.isArray(spec.template)) return 'list';
  if (spec.switch) {
    const shapes = new Set([...Object.values(spec.cases ?? {}), ...(spec.default !== undefined ? [spec.default] : [])].map(shapeOf));
    return shapes.size === 1 ? [...shapes][0] : 'either';
  }
  if (spec.const !== undefined) return Array.isArray(spec.const) ? 'list' : 'one';
  if (spec.template !== undefined || spec.expr !== undefined || spec.pick) return 'one';
  if (spec.coalesce) {
    const shapes = new Set(spec.coalesce.map(shapeOf));
    return shapes.size === 1 ? [...shapes][0] : 'either';
  }
  return 'either';
}

function shapeProblem(target: string, spec: FieldSpec, want: string[] | undefined, at: string, out: MappingProblem[]): void {
  if (!want) return;
  // each alternative of a coalesce may be the one that gives the value: each must fit
  if (typeof spec === 'object' && !isGroup(spec) && spec.coalesce) {
    spec.coalesce.forEach((alt, i) => shapeProblem(target, alt, want, `${at}/coalesce/${i}`, out));
    return;
  }
  // so may each case of a switch
  if (typeof spec === 'object' && !isGroup(spec) && spec.switch) {
    for (const [k, f] of Object.entries(spec.cases ?? {})) shapeProblem(target, f, want, `${at}/cases/${k}`, out);
    if (spec.default !== undefined) shapeProblem(target, spec.default, want, `${at}/default`, out);
    return;
  }
  const shape = shapeOf(spec);
  if (shape === 'one' && want.every((t) => t === 'array')) {
    out.push({ path: at, message: `${target} is a list, but this spec gives one value, so every record would be refused`, hint: 'give a list of templates ("template": ["{$.a}", "{$.b}", "staff"]), a forEach, or a const list' });
  }
  if (shape === 'list' && !want.includes('array')) {
    out.push({ path: at, message: `${target} is ${want.join(' or ')}, but this spec gives a list, so every record would be refused`, hint: 'pick one item (pick), or write one template' });
  }
}

function passthroughProblems(name: EntityName, pt: NonNullable<EntitySpec['passthrough']>, props: Set<string>, out: MappingProblem[], rels: string[]): void {
  const at = `/entities/${name}`;
  if (pt.from) {
    const pp = pathProblem(pt.from);
    if (pp) out.push({ path: `${at}/passthrough/from`, message: `is not a valid JSONPath: ${pp}` });
  }
  const top = pt.into.split('.')[0];
  if (!props.has(top)) out.push({ path: `${at}/passthrough/into`, message: `"${top}" is not a field of ${an(name)}` });
  else if (!(schemaFieldTypes(name as SchemaName, top) ?? ['object']).includes('object')) out.push({ path: `${at}/passthrough/into`, message: `${name}.${top} is ${schemaFieldTypes(name as SchemaName, top)!.join(' or ')}, so the copied columns would be lost`, hint: 'copy into an object field such as scientificMetadata.<name>' });
  for (const [col, u] of Object.entries(pt.units ?? {})) {
    const up = unitProblem(u);
    if (up) out.push({ path: `${at}/passthrough/units/${col}`, message: up });
  }
  // joined tables are copied only when listed: each must be a relation of the source, reached through a listed parent
  (pt.relations ?? []).forEach((r, i) => {
    const parent = r.includes('.') ? r.slice(0, r.lastIndexOf('.')) : undefined;
    if (!rels.includes(r)) out.push({ path: `${at}/passthrough/relations/${i}`, message: `"${r}" is not a relation of the source`, hint: didYouMean(r, rels) ?? (rels.length ? `relations: ${rels.join(', ')}` : 'the source declares no relations') });
    else if (parent && !pt.relations!.includes(parent)) out.push({ path: `${at}/passthrough/relations/${i}`, message: `"${r}" is reached through "${parent}", which is not listed`, hint: `add "${parent}" too` });
  });
}

/** References between entities must not loop (each entity is written after the ones it points at). */
function cycleProblem(m: Mapping, out: MappingProblem[]): void {
  const graph = new Map<EntityName, EntityName[]>();
  for (const [n, e] of Object.entries(m.entities) as [EntityName, NonNullable<Mapping['entities'][EntityName]>][]) graph.set(n, Object.values(e.references ?? {}));
  const cycle = findCycle(graph);
  if (cycle) out.push({ path: `/entities/${cycle[0]}/references`, message: `references form a cycle: ${cycle.join(' → ')}`, hint: 'a child points at its parent (dataset → sample → proposal), never back' });
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

/** "a sample", "an instrument": the article for an entity name in a message. */
function an(name: string): string {
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}
