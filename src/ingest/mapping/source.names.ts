// The names a mapping uses in its source, each with its JSON pointer in the mapping file: the tables and
// columns of source.root and source.relations, and every JSONPath of the entities broken into steps from the
// record's root (a path inside forEach or pick is relative to the item, so the item's path comes first).
// Pure: nothing here reads the source (source.compare.ts checks these names against what the source has).
import { JSONPath } from 'jsonpath-plus';
import { templatePaths } from './paths';
import { isGroup, type EntitySpec, type FieldSpec, type Mapping, type Relation, type ValueSpec } from './mapping.types';

/** One step of a JSONPath: a property name, an index (`[0]`, `[*]`, a slice), or a step only a run can resolve (filter, recursion, script, union). */
export type PathStep = { name: string } | { index: string } | { dynamic: string };

/** A table the mapping names (source.root.table, a relation's table). */
export interface TableName {
  path: string;
  table: string;
}

/** A column the mapping names in SQL (root key, cursor and where keys; a relation's on.parent, on.child, orderBy): it must be a column of `table`. */
export interface ColumnName {
  path: string;
  table: string;
  column: string;
}

/**
 * A JSONPath into the source record. `steps` run from the record's root: those of the enclosing forEach and
 * pick paths first. `bounds` are the step counts at which an enclosing path ends (an item of its list starts
 * there); `own` is the index of this path's first step (a problem before it belongs to an enclosing path).
 * `anywhere` marks a passthrough exclude written as a bare key, which leaves that key out at any depth.
 */
export interface PathName {
  path: string;
  jsonpath: string;
  steps: PathStep[];
  bounds: number[];
  own: number;
  anywhere?: boolean;
}

/** Everything the mapping names in its source, in the order of the file. */
export interface SourceNames {
  tables: TableName[];
  columns: ColumnName[];
  paths: PathName[];
}

/** Where a path is read: the steps of the item it is relative to (the record's root: none), and the bounds of items within them. */
interface Scope {
  steps: PathStep[];
  bounds: number[];
}

/** The loosely typed parts of a value spec this module reads (switch and fileSeries included). */
interface Loose {
  switch?: string;
  cases?: Record<string, FieldSpec>;
  default?: FieldSpec;
  fileSeries?: { template?: string; count?: string; first?: string; directory?: string };
}

const ROOT: Scope = { steps: [], bounds: [] };

/**
 * The tables, columns and JSONPaths mapping `m` names in its source, each with its JSON pointer in the file
 * (e.g. `/source/relations/0/table`, `/entities/dataset/fields/datasetName/map`). Tables and columns are
 * listed for SQL sources only. A JSONPath that cannot be parsed is left out (validateMapping reports it).
 */
export function sourceNames(m: Mapping): SourceNames {
  const out: SourceNames = { tables: [], columns: [], paths: [] };
  const root = m.source.root;
  if (root && m.source.adapter !== 'hdf5') {
    out.tables.push({ path: '/source/root/table', table: root.table });
    out.columns.push({ path: '/source/root/key', table: root.table, column: root.key });
    if (root.cursor) out.columns.push({ path: '/source/root/cursor', table: root.table, column: root.cursor });
    for (const col of Object.keys(root.where ?? {})) out.columns.push({ path: `/source/root/where/${esc(col)}`, table: root.table, column: col });
    relationNames(m.source.relations ?? [], root.table, '/source/relations', out);
  }
  for (const [name, ent] of Object.entries(m.entities ?? {})) if (ent) entityNames(ent, `/entities/${esc(name)}`, out);
  return out;
}

function relationNames(rels: Relation[], parentTable: string, at: string, out: SourceNames): void {
  rels.forEach((r, i) => {
    const rat = `${at}/${i}`;
    out.tables.push({ path: `${rat}/table`, table: r.table });
    out.columns.push({ path: `${rat}/on/parent`, table: parentTable, column: r.on.parent });
    out.columns.push({ path: `${rat}/on/child`, table: r.table, column: r.on.child });
    if (r.orderBy) out.columns.push({ path: `${rat}/orderBy`, table: r.table, column: r.orderBy });
    relationNames(r.relations ?? [], r.table, `${rat}/relations`, out);
  });
}

function entityNames(ent: EntitySpec, at: string, out: SourceNames): void {
  if (ent.identity) specNames(ent.identity, `${at}/identity`, ROOT, out);
  if (ent.when) addPath(ent.when, `${at}/when`, ROOT, out);
  for (const [k, f] of Object.entries(ent.fields ?? {})) fieldNames(f, `${at}/fields/${esc(k)}`, ROOT, out);
  const pt = ent.passthrough;
  if (!pt) return;
  if (pt.from) addPath(pt.from, `${at}/passthrough/from`, ROOT, out);
  (pt.exclude ?? []).forEach((x, i) => {
    const p = `${at}/passthrough/exclude/${i}`;
    // "$.a.b" and "a.b" name a place from the record's root; a bare "a" is left out wherever it is
    if (x.startsWith('$')) addPath(x, p, ROOT, out);
    else if (x.includes('.')) addPath(`$.${x}`, p, ROOT, out, x);
    else out.paths.push({ path: p, jsonpath: x, steps: [{ name: x }], bounds: [], own: 0, anywhere: true });
  });
}

function fieldNames(f: FieldSpec, at: string, scope: Scope, out: SourceNames): void {
  if (typeof f === 'string') addPath(f, at, scope, out);
  else if (f && typeof f === 'object' && isGroup(f)) for (const [k, sub] of Object.entries(f.fields ?? {})) fieldNames(sub, `${at}/fields/${esc(k)}`, scope, out);
  else if (f && typeof f === 'object') specNames(f as ValueSpec, at, scope, out);
}

/** A value spec's paths. With forEach or pick, its fields and its other paths are relative to the item. */
function specNames(s: ValueSpec, at: string, scope: Scope, out: SourceNames): void {
  let here = scope;
  if (typeof s.forEach === 'string') here = item(addPath(s.forEach, `${at}/forEach`, scope, out), scope);
  else if (s.pick && typeof s.pick.from === 'string') {
    here = item(addPath(s.pick.from, `${at}/pick/from`, scope, out), scope);
    for (const k of Object.keys(s.pick.where ?? {})) addPath(k, `${at}/pick/where/${esc(k)}`, here, out);
    if (typeof s.pick.orderBy === 'string') addPath(s.pick.orderBy, `${at}/pick/orderBy`, here, out);
  }
  for (const [k, sub] of Object.entries(s.fields ?? {})) fieldNames(sub, `${at}/fields/${esc(k)}`, here, out);
  if (typeof s.map === 'string') addPath(s.map, `${at}/map`, here, out);
  if (typeof s.template === 'string') for (const p of templatePaths(s.template)) addPath(p, `${at}/template`, here, out);
  if (Array.isArray(s.template)) s.template.forEach((t, i) => typeof t === 'string' && templatePaths(t).forEach((p) => addPath(p, `${at}/template/${i}`, here, out)));
  for (const [k, p] of Object.entries(s.vars ?? {})) if (typeof p === 'string') addPath(p, `${at}/vars/${esc(k)}`, here, out);
  if (Array.isArray(s.coalesce)) s.coalesce.forEach((f, i) => fieldNames(f, `${at}/coalesce/${i}`, here, out));
  looseNames(s as Loose, at, here, out);
}

/** switch (its path, cases and default) and fileSeries (its template, count, first and directory paths). */
function looseNames(s: Loose, at: string, here: Scope, out: SourceNames): void {
  if (typeof s.switch === 'string') addPath(s.switch, `${at}/switch`, here, out);
  for (const [k, f] of Object.entries(s.cases ?? {})) fieldNames(f, `${at}/cases/${esc(k)}`, here, out);
  if (s.default !== undefined) fieldNames(s.default, `${at}/default`, here, out);
  for (const k of ['template', 'count', 'first', 'directory'] as const) {
    const p = s.fileSeries?.[k];
    if (typeof p === 'string') addPath(p, `${at}/fileSeries/${k}`, here, out);
  }
}

/** The scope of the items of a list whose absolute steps are `steps` (undefined when the path did not parse: nothing inside is checked). */
function item(steps: PathStep[] | undefined, outer: Scope): Scope {
  if (!steps) return { steps: [...outer.steps, { dynamic: '?' }], bounds: outer.bounds };
  return { steps, bounds: [...outer.bounds, steps.length] };
}

/** Records `jsonpath` (relative to `scope`) at pointer `at`; its absolute steps, or undefined when it does not parse. */
function addPath(jsonpath: string, at: string, scope: Scope, out: SourceNames, shown = jsonpath): PathStep[] | undefined {
  const own = pathSteps(jsonpath);
  if (!own) return undefined;
  const steps = [...scope.steps, ...own];
  out.paths.push({ path: at, jsonpath: shown, steps, bounds: scope.bounds, own: scope.steps.length });
  return steps;
}

/** The steps of a JSONPath after its `$`, or undefined when it is not one. */
export function pathSteps(jsonpath: string): PathStep[] | undefined {
  if (typeof jsonpath !== 'string' || !jsonpath.startsWith('$')) return undefined;
  let segs: string[];
  try {
    segs = [...(JSONPath.toPathArray(jsonpath) as unknown as string[])];
  } catch {
    return undefined;
  }
  if (segs[0] !== '$') return undefined;
  return segs.slice(1).map((s): PathStep => {
    if (s === '*' || /^-?\d*(:-?\d*){0,2}$/.test(s) || /^\d+(,\d+)+$/.test(s)) return { index: s };
    if (s === '..' || /^[?(@~^]/.test(s) || s.includes(',')) return { dynamic: s };
    return { name: s };
  });
}

/** `$` followed by `steps`, as a JSONPath (how a place is named in a message). */
export function showSteps(steps: PathStep[]): string {
  return `$${steps.map((s) => ('name' in s ? (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s.name) ? `.${s.name}` : `['${s.name}']`) : `[${'index' in s ? s.index : s.dynamic}]`)).join('')}`;
}

/** A key as one JSON pointer token (RFC 6901: ~ as ~0, / as ~1). */
function esc(k: string): string {
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}
