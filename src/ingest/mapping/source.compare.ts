// Compares the names a mapping uses (source.names.ts) with what its source has (read by
// adapters/source.schema.ts): every table, column, relation and HDF5 path. An unknown name is a problem
// with its JSON pointer in the mapping and the nearest name the source has. Pure: the schema is given.
import { distance } from 'fastest-levenshtein';
import type { Mapping, Relation } from './mapping.types';
import { showSteps, sourceNames, type ColumnName, type PathName, type TableName } from './source.names';
import type { MappingProblem } from './value.checks';

/** The tables of an SQL source and their columns (as the database spells them). */
export interface SqlSourceSchema {
  kind: 'sql';
  /** The database (or file) the names were read from, for messages. */
  name: string;
  tables: Map<string, Set<string>>;
  /** Table names match whatever their case (SQLite; MariaDB with lower_case_table_names). Columns always match exactly: rows are keyed by them. */
  tablesIgnoreCase: boolean;
}

/** A place in the records of a file source: the keys seen under it; `list` when a list was seen there. */
export interface TreeNode {
  children: Map<string, TreeNode>;
  list?: boolean;
}

/** The union of the record trees of the files read (`files` of them). */
export interface FileSourceSchema {
  kind: 'files';
  name: string;
  files: number;
  root: TreeNode;
}

export type SourceSchema = SqlSourceSchema | FileSourceSchema;

/** The outcome of a comparison: every unknown name, and how many names of each kind were checked. */
export interface SourceComparison {
  problems: MappingProblem[];
  checked: { tables: number; columns: number; paths: number };
}

type Outcome = 'ok' | 'skipped' | MappingProblem;

/**
 * Checks every name mapping `m` uses in its source against `schema`. A column of a table that does not exist,
 * and a path through it, are not checked (the table is the one mistake); a JSONPath step only a run can resolve
 * (a filter, `..`, a wildcard over keys) ends the check of that path without a problem. Problems come tables first,
 * then columns, then paths, each in the order of the file, one per unknown name; `checked` counts the names compared.
 */
export function compareSource(m: Mapping, schema: SourceSchema): SourceComparison {
  const names = sourceNames(m);
  const out: SourceComparison = { problems: [], checked: { tables: 0, columns: 0, paths: 0 } };
  const add = (o: Outcome, kind: keyof SourceComparison['checked']) => {
    if (o === 'skipped') return;
    out.checked[kind]++;
    if (o !== 'ok' && !out.problems.some((p) => p.path === o.path && p.message === o.message)) out.problems.push(o);
  };
  if (schema.kind === 'files') {
    if (!schema.files) return { ...out, problems: [noFiles(m, schema)] };
    for (const p of names.paths) add(p.anywhere ? anywhereInTree(p, schema) : inTree(p, schema), 'paths');
    return out;
  }
  for (const t of names.tables) add(tableOutcome(t, schema), 'tables');
  for (const c of names.columns) add(columnOutcome(c, schema), 'columns');
  for (const p of names.paths) add(p.anywhere ? anywhereInSql(p, m, schema) : inSql(p, m, schema), 'paths');
  return out;
}

/** "did you mean "x"?" for the option nearest `word` (case aside), when it is near enough to be a slip. */
export function didYouMean(word: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) [best, bestD] = [o, d];
  }
  const near = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestD <= near ? `did you mean "${best}"?` : undefined;
}

// ---- SQL ----

/** The table as the source names it, or undefined when it has none by that name. */
function realTable(schema: SqlSourceSchema, name: string): string | undefined {
  if (schema.tables.has(name)) return name;
  if (!schema.tablesIgnoreCase) return undefined;
  return [...schema.tables.keys()].find((t) => t.toLowerCase() === name.toLowerCase());
}

function tableOutcome(t: TableName, schema: SqlSourceSchema): Outcome {
  if (realTable(schema, t.table)) return 'ok';
  const hint = schema.tables.size ? didYouMean(t.table, schema.tables.keys()) : `${schema.name} has no tables at all: does the connection name the right database?`;
  return { path: t.path, message: `table "${t.table}" does not exist in ${schema.name}`, hint };
}

function columnOutcome(c: ColumnName, schema: SqlSourceSchema): Outcome {
  const table = realTable(schema, c.table);
  if (!table) return 'skipped';
  const cols = schema.tables.get(table)!;
  if (cols.has(c.column)) return 'ok';
  return { path: c.path, message: `column "${c.column}" does not exist in table "${table}"`, hint: didYouMean(c.column, cols) };
}

/** Where a path stands in an SQL record: a row (or the list of rows of a many relation) of a table, or a column's value. */
type Place = { kind: 'row' | 'rows'; table: string; relations: Relation[] } | { kind: 'column' };

/** Walks `p` along the relation tree: each name is a relation of the row it stands on, else a column of the row's table. */
function inSql(p: PathName, m: Mapping, schema: SqlSourceSchema): Outcome {
  let at: Place = { kind: 'row', table: m.source.root?.table ?? '', relations: m.source.relations ?? [] };
  let named = false;
  for (let i = 0; i < p.steps.length; i++) {
    if (at.kind === 'rows' && p.bounds.includes(i)) at = { ...at, kind: 'row' }; // an item of a forEach or pick
    const s = p.steps[i];
    if ('dynamic' in s || at.kind === 'column') break; // a run resolves the rest (a column may hold JSON)
    if ('index' in s) {
      if (at.kind !== 'rows') break; // an index into one row, or a wildcard over its keys
      at = { ...at, kind: 'row' };
      continue;
    }
    const mine = i >= p.own;
    named ||= mine;
    if (at.kind === 'rows') return mine ? manyProblem(p, i) : 'skipped';
    const rel: Relation | undefined = at.relations.find((r) => r.name === s.name);
    if (rel) {
      at = { kind: rel.cardinality === 'many' ? 'rows' : 'row', table: rel.table, relations: rel.relations ?? [] };
      continue;
    }
    const table = realTable(schema, at.table);
    if (!table) return 'skipped';
    const cols = schema.tables.get(table)!;
    if (cols.has(s.name)) {
      at = { kind: 'column' };
      continue;
    }
    if (!mine) return 'skipped';
    const hint = didYouMean(s.name, [...at.relations.map((r) => r.name), ...cols]);
    return { path: p.path, message: `${shown(p)}: "${s.name}" is neither a relation at ${showSteps(p.steps.slice(0, i))} nor a column of its table "${table}"`, hint };
  }
  return named ? 'ok' : 'skipped';
}

function manyProblem(p: PathName, i: number): MappingProblem {
  const before = showSteps(p.steps.slice(0, i));
  const rest = showSteps(p.steps.slice(i)).slice(1);
  return {
    path: p.path,
    message: `${shown(p)}: ${before} is a list of rows (a relation of cardinality many), so "${rest}" after it finds nothing`,
    hint: `write ${before}[*]${rest} for every row, or ${before}[0]${rest} for the first`,
  };
}

/** A bare key a passthrough leaves out wherever it is: a relation or a column of some table the mapping reads. */
function anywhereInSql(p: PathName, m: Mapping, schema: SqlSourceSchema): Outcome {
  const all = new Set<string>();
  let unknownTable = false;
  const visit = (table: string, rels: Relation[]) => {
    const real = realTable(schema, table);
    unknownTable ||= !real;
    for (const c of real ? schema.tables.get(real)! : []) all.add(c);
    for (const r of rels) {
      all.add(r.name);
      visit(r.table, r.relations ?? []);
    }
  };
  visit(m.source.root?.table ?? '', m.source.relations ?? []);
  if (all.has(p.jsonpath)) return 'ok';
  if (unknownTable) return 'skipped'; // it may be a column of the table that is misnamed
  return { path: p.path, message: `"${p.jsonpath}" is neither a relation nor a column of any table the mapping reads`, hint: didYouMean(p.jsonpath, all) };
}

// ---- files (HDF5) ----

/** Walks `p` down the files' tree: each name must be a key seen at that place in some file read. */
function inTree(p: PathName, schema: FileSourceSchema): Outcome {
  let node = schema.root;
  let named = false;
  for (let i = 0; i < p.steps.length; i++) {
    const s = p.steps[i];
    if ('dynamic' in s) break;
    if ('index' in s) {
      if (node.children.size && !node.list) break; // a wildcard over a group's keys
      continue;
    }
    const mine = i >= p.own;
    named ||= mine;
    const child = node.children.get(s.name);
    if (child) {
      node = child;
      continue;
    }
    if (!mine) return 'skipped';
    const at = showSteps(p.steps.slice(0, i));
    return { path: p.path, message: `${shown(p)}: "${s.name}" is not at ${at} in any of the ${schema.files} files read from ${schema.name}`, hint: didYouMean(s.name, node.children.keys()) };
  }
  return named ? 'ok' : 'skipped';
}

function anywhereInTree(p: PathName, schema: FileSourceSchema): Outcome {
  const all = new Set<string>();
  const visit = (n: TreeNode) => n.children.forEach((c, k) => (all.add(k), visit(c)));
  visit(schema.root);
  if (all.has(p.jsonpath)) return 'ok';
  return { path: p.path, message: `"${p.jsonpath}" is not a key in any of the ${schema.files} files read from ${schema.name}`, hint: didYouMean(p.jsonpath, all) };
}

function noFiles(m: Mapping, schema: FileSourceSchema): MappingProblem {
  return {
    path: m.source.files ? '/source/files' : '/source/connection',
    message: `no readable file in ${schema.name} matches the mapping, so its paths cannot be checked`,
    hint: 'put a sample file there, or check source.files.pattern',
  };
}

/** The path as written, with the path of its forEach or pick in front when it is relative to an item. */
function shown(p: PathName): string {
  return p.own ? `${p.jsonpath} (in the item at ${showSteps(p.steps.slice(0, p.own))})` : p.jsonpath;
}
