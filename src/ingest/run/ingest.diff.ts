// The difference between a stored record and what a mapping would write, for dry runs.
import type { Json } from '../mapping/mapping.engine';
import { UNHASHED_PROVENANCE } from '../../catalog/common/record.prepare';

export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface RecordDiff {
  key: string;
  entity: string;
  id: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'quarantined';
  changes: FieldChange[];
  reasons?: { path: string; message: string }[];
  record?: Json;
}

const IGNORED = new Set(['_id', '_rev', '_hash', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'size', 'numberOfFiles']);

/**
 * What writing `after` would change in the stored `before` (undefined: none stored), for dry runs: "created" with
 * the record, else "updated" with one {path, before, after} per differing value (paths like /a/b; lists compared
 * whole) or "unchanged". Bookkeeping fields the mapping does not set, the provenance fields a write ignores and service defaults are skipped.
 */
export function diffRecords(entity: string, id: string, key: string, before: Json | undefined, after: Json): RecordDiff {
  if (!before) return { key, entity, id, outcome: 'created', changes: [], record: after };
  const changes: FieldChange[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    // what a write does not count as a change is not one here either (the run id, the source key)
    if (UNHASHED_PROVENANCE.some((k) => at === `/provenance/${k}`)) return;
    if (isObj(a) && isObj(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (at === '' && IGNORED.has(k) && !(k in after)) continue;
        walk(a[k], b[k], `${at}/${k}`);
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path: at, before: a, after: b });
  };
  const b2: Json = { ...after };
  // defaults the services fill in are not changes the mapping asked for
  b2.accessGroups ??= before.accessGroups;
  b2.isPublished ??= before.isPublished;
  walk(before, b2, '');
  return { key, entity, id, outcome: changes.length ? 'updated' : 'unchanged', changes };
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
