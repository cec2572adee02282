// Inputs made into records the store keeps, before anything is written: storable (NaN → null, NUL →
// U+FFFD, "." in keys → "．"; the notes say what changed), normalised by the entity, and validated
// against its JSON Schema. A record prepared without problems is remembered, so the write that takes
// it (ingest sorts bad rows out first) does not validate it again.
import type { Identity } from '../../auth';
import type { AnyBulkWriteOperation } from 'mongodb';
import { errors, type Problem } from '../../common/errors';
import { toJsonForm } from '../../common/json';
import { storable, type StorageNote } from '../../common/storable';
import { validate, type SchemaName } from '../../common/validation';
import type { Json, RecordSpec } from './record.types';

/** Records prepared without problems: how (schema, for a create or not, for whom) and the notes of what the store changed. */
const READY = new WeakMap<object, { schema: SchemaName; forCreate: boolean; who: string; notes: StorageNote[] }>();

/** One input as the store would keep it: `record`, `notes` (record-relative paths) and `problems` (paths under `at`). */
export interface Prepared {
  record: Json;
  notes: StorageNote[];
  problems: Problem[];
}

/**
 * Makes `input` storable, lets `normalize` complete it (defaults, derived ids), and validates it.
 *
 * @param at the JSON pointer of the input in its request ('' for a lone record); problems carry it
 * @param forCreate true for a create (the entity may complete a new record differently)
 * @param who the caller (subject, role, via): normalisation may depend on it, so another caller's write validates again
 * @returns the record, what the store changed in it, and the problems (each naming the reason when a
 *   value was changed for the store, as "must be number (NaN is stored as null)")
 */
export function prepareRecord(schema: SchemaName, input: Json, at: string, forCreate: boolean, who: string, normalize: (json: Json) => void): Prepared {
  const known = READY.get(input);
  if (known && known.schema === schema && known.forCreate === forCreate && known.who === who) return { record: input, notes: known.notes, problems: [] };
  const notes: StorageNote[] = [];
  const record = storable(toJsonForm(input), notes) as Json;
  normalize(record);
  const problems = explain(validate(schema, record, at), inRequest(notes, at));
  if (!problems.length) READY.set(record, { schema, forCreate, who, notes });
  return { record, notes, problems };
}

/** Problems with the reason a value was changed for the store added, where a note has the same path (NaN became null). */
export function explain(problems: Problem[], notes: StorageNote[]): Problem[] {
  if (!notes.length) return problems;
  return problems.map((p) => {
    const n = notes.find((x) => x.path === p.path);
    return n ? { ...p, message: `${p.message} (${n.reason})` } : p;
  });
}

/** Notes by a record's own paths, as paths into the request that held it at `at`. */
export function inRequest(notes: StorageNote[], at: string): StorageNote[] {
  return at ? notes.map((n) => ({ ...n, path: `${at}${n.path}` })) : notes;
}

/**
 * The content a record's hash covers, which decides whether a write changes it. Left out:
 * - the ingest run id and source key in its provenance stamp, so a re-run that finds the source
 *   unchanged leaves the record untouched, and a proposal or sample many source rows share is not
 *   rewritten because another of those rows mapped it this time (the stamp keeps the last writer's);
 * - `maintained` fields the service keeps itself (a dataset's file counters, set by its blocks), which
 *   the writer compares on their own (sameMaintained).
 */
export function hashable(content: Json, maintained: readonly string[] = []): Json {
  const out = { ...content };
  for (const f of maintained) delete out[f];
  const p = content.provenance;
  if (p && typeof p === 'object' && UNHASHED_PROVENANCE.some((k) => k in p)) {
    const rest = { ...(p as Json) };
    for (const k of UNHASHED_PROVENANCE) delete rest[k];
    out.provenance = rest;
  }
  return out;
}

/** The provenance fields a write does not count as a change (see hashable): the run id and the source key. */
export const UNHASHED_PROVENANCE = ['runId', 'key'] as const;

/** True when the fields the service maintains hold the same values in both (JSON-equal). */
export function sameMaintained(a: Json, b: Json, maintained: readonly string[]): boolean {
  return maintained.every((f) => JSON.stringify(a[f] ?? null) === JSON.stringify(b[f] ?? null));
}

/** The caller as record preparation keys it (see prepareRecord's `who`). */
export function whoOf(id: Identity): string {
  return `${id.via}:${id.role}:${id.subject}`;
}

/**
 * `k` when op `k` of a bulk write, refused as a duplicate key, lost an id race (its id now exists in `revs`: retry it as an
 * update). An insert whose id is still free clashed on another unique field: throws CONFLICT naming the record and the
 * entity's unique fields with the values it tried.
 */
export function noUniqueClash(spec: RecordSpec, op: AnyBulkWriteOperation<any>, revs: Map<string, number>, k: number): number {
  const doc = 'insertOne' in op ? (op.insertOne.document as Json) : undefined;
  if (!doc || revs.has(String(doc._id))) return k;
  const fields = (spec.unique ?? []).map((f) => `${f} ${JSON.stringify(doc[f])}`).join(', ');
  throw errors.conflict(`${spec.entity} ${doc._id}: ${fields || 'a unique field'} is already taken by another record`, { id: doc._id });
}
