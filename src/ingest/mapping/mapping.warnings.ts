// What a valid mapping may still get wrong at run time, said as warnings: an incremental run that cannot see
// some changes. Validation passes; `ingest validate` prints these beside it.
import type { Mapping, Relation } from './mapping.types';
import type { MappingProblem } from './value.checks';

/** The tables of `relations` and theirs, depth first. */
function joined(relations: Relation[] = []): string[] {
  return relations.flatMap((r) => [r.table, ...joined(r.relations)]);
}

/**
 * Warnings for `m` ([] when none): a root cursor that does not see changes in the joined tables (only a row whose cursor
 * moves is read again), and a relational root with neither a cursor nor content hashes (incremental runs read new keys only).
 */
export function mappingWarnings(m: Mapping): MappingProblem[] {
  if (m.source.adapter === 'hdf5' || m.source.changes === 'hash' || !m.source.root) return [];
  const tables = [...new Set(joined(m.source.relations))];
  if (!m.source.root.cursor) {
    return [{ path: '/source/root', message: `has no cursor: incremental runs read only keys past the checkpoint, so a changed row of ${m.source.root.table}${tables.length ? ` or of ${tables.join(', ')}` : ''} is never read again`, hint: 'set "changes": "hash" under source, or a cursor column that grows on every change' }];
  }
  if (!tables.length) return [];
  return [{
    path: '/source/root/cursor',
    message: `${m.source.root.table}.${m.source.root.cursor} does not see changes in the joined tables ${tables.join(', ')}: an incremental run or a sweep re-reads a record only when its ${m.source.root.cursor} moves`,
    hint: 'set "changes": "hash" under source to find changes anywhere in the joined record',
  }];
}
