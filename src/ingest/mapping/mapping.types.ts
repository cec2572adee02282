// The shape of a mapping file (schema/mapping.schema.json is the contract; these types follow it).

export type AdapterName = 'mariadb' | 'mysql' | 'postgres' | 'sqlite' | 'hdf5';
export type EntityName = 'instrument' | 'proposal' | 'sample' | 'dataset' | 'origdatablock';
/** Order in which entities of one source record are written: a reference points backwards. */
export const ENTITY_ORDER: EntityName[] = ['instrument', 'proposal', 'sample', 'dataset', 'origdatablock'];
export const ID_FIELD: Record<EntityName, string> = { instrument: 'pid', proposal: 'proposalId', sample: 'sampleId', dataset: 'pid', origdatablock: 'id' };

export type ValueType = 'string' | 'int' | 'long' | 'number' | 'boolean' | 'datetime' | 'json';
/** The seed facility's Java type names, accepted as aliases. */
export const JAVA_TYPES: Record<string, ValueType> = {
  'java.lang.String': 'string',
  'java.lang.Integer': 'int',
  'java.lang.Long': 'long',
  'java.lang.Double': 'number',
  'java.lang.Float': 'number',
  'java.lang.Boolean': 'boolean',
  'java.util.Date': 'datetime',
};

export interface Relation {
  name: string;
  table: string;
  on: { parent: string; child: string };
  cardinality: 'one' | 'many';
  orderBy?: string;
  relations?: Relation[];
}

export interface SourceSpec {
  adapter: AdapterName;
  connection: { env: string };
  name?: string;
  timezone?: string;
  batchSize?: number;
  /** How incremental runs find changed records: the root's cursor column (default), or a content hash of each joined record. */
  changes?: 'cursor' | 'hash';
  root?: { table: string; key: string; cursor?: string; where?: Record<string, string | number | boolean> };
  relations?: Relation[];
  files?: { pattern?: string; maxElements?: number; checksum?: 'md5' | 'sha1' | 'sha256' | 'sha512' };
}

export interface ValueSpec {
  field?: string;
  description?: string;
  map?: string;
  const?: unknown;
  /** Text with {JSONPath} placeholders; a list of them gives a list (entries without a value left out, repeats dropped). */
  template?: string | string[];
  /** The first of these that gives a value. */
  coalesce?: FieldSpec[];
  /** JSONPath whose value (as text) chooses one of `cases`, else `default`. */
  switch?: string;
  cases?: Record<string, FieldSpec>;
  default?: FieldSpec;
  /** One file entry {path} per image of a numbered series (JSONPaths to the template, first number, count and folder). */
  fileSeries?: { template: string; count: string; first?: string; directory?: string; maxFiles?: number };
  expr?: string;
  vars?: Record<string, string>;
  lookup?: { table: Record<string, unknown>; default?: unknown };
  type?: ValueType | keyof typeof JAVA_TYPES;
  timezone?: string;
  unit?: string;
  toUnit?: string;
  required?: boolean;
  value?: unknown;
  forEach?: string;
  pick?: { from: string; where?: Record<string, unknown>; orderBy?: string; order?: 'asc' | 'desc' };
  fields?: FieldMap;
  omitEmpty?: boolean;
}

export interface GroupSpec {
  fields: FieldMap;
  description?: string;
}

export type FieldSpec = string | ValueSpec | GroupSpec;
export type FieldMap = Record<string, FieldSpec>;

export interface EntitySpec {
  identity: ValueSpec & { field: string };
  when?: string;
  references?: Record<string, EntityName>;
  fields: FieldMap;
  passthrough?: { from?: string; into: string; exclude?: string[]; units?: Record<string, string>; relations?: string[] };
}

/** A further root of a relational mapping: run after the main one as the mapping `<id>.<name>`. */
export interface ExtraRoot {
  name: string;
  description?: string;
  root: NonNullable<SourceSpec['root']>;
  relations?: Relation[];
  changes?: SourceSpec['changes'];
  entities: Partial<Record<EntityName, EntitySpec>>;
}

export interface Mapping {
  id: string;
  version: string;
  description?: string;
  source: SourceSpec;
  entities: Partial<Record<EntityName, EntitySpec>>;
  roots?: ExtraRoot[];
  /** Not in files: the mapping id stamped on records when it differs from `id` (a further root stamps its file's, so a record reached from two roots is written alike). */
  provenanceId?: string;
  triggers?: {
    message?: { topic: string; key: string; filter?: Record<string, unknown> };
    sweep?: { every: string; window: string };
  };
}

/** True for a field spec that only groups sub-fields ({fields}), not a forEach or pick value that also has `fields`. */
export function isGroup(f: FieldSpec): f is GroupSpec {
  return typeof f === 'object' && f !== null && 'fields' in f && !('forEach' in f) && !('pick' in f);
}

/**
 * The value type a spec names, with Java type names (java.lang.Long, …) mapped to their own (long, …); undefined
 * when none is given, and an unknown name passed on unchanged (validation reports it).
 */
export function normType(t: ValueSpec['type']): ValueType | undefined {
  if (!t) return undefined;
  const v = (JAVA_TYPES[t] ?? t) as ValueType;
  // a name the schema refuses (it says so) is treated as no type, so no check repeats that problem
  return VALUE_TYPES.includes(v) ? v : undefined;
}

/** The value types a mapping may name (besides the Java aliases). */
export const VALUE_TYPES: readonly ValueType[] = ['string', 'int', 'long', 'number', 'boolean', 'datetime', 'json'];

/** "15m" → milliseconds. */
export function durationMs(d: string): number {
  const m = /^([0-9]+)(ms|s|m|h|d)$/.exec(d);
  if (!m) throw new Error(`"${d}" is not a duration (use e.g. 500ms, 30s, 15m, 2h, 1d)`);
  const n = Number(m[1]);
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms']!;
}
