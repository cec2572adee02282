// Cursor (keyset) pagination: a cursor is the sort value and _id of the last row seen, so pages stay
// stable while rows are added, and no query ever skips.
import type { Filter, Sort } from 'mongodb';
import { errors } from './errors';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface SortSpec {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

export function pageSize(args: PageArgs, max: number): number {
  const n = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 0) throw errors.badInput(`first must be a non-negative integer (got ${n})`);
  if (n > max) throw errors.pageTooLarge(n, max);
  return n;
}

export function encodeCursor(value: unknown, id: string): string {
  const v = value instanceof Date ? { $d: value.toISOString() } : value ?? null;
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof id !== 'string') throw new Error('no id');
    const value = v && typeof v === 'object' && typeof v.$d === 'string' ? new Date(v.$d) : v;
    if (value instanceof Date && Number.isNaN(value.getTime())) throw new Error('bad date');
    return { value, id };
  } catch {
    throw errors.invalidCursor(cursor);
  }
}

export function mongoSort(sort: SortSpec): Sort {
  const dir = sort.direction === 'DESC' ? -1 : 1;
  return sort.field === '_id' ? { _id: dir } : { [sort.field]: dir, _id: dir };
}

/**
 * The filter that selects rows after a cursor in the given order. MongoDB sorts a missing (or null)
 * value below every other, so it comes first ascending and last descending; the filter keeps those
 * rows on the pages where they belong (a comparison such as `$lt: v` never matches them).
 */
export function afterFilter(sort: SortSpec, after: string): Filter<any> {
  const { value, id } = decodeCursor(after);
  const desc = sort.direction === 'DESC';
  const op = desc ? '$lt' : '$gt';
  const f = sort.field;
  if (f === '_id') return { _id: { [op]: id } };
  if (value === null) return desc ? { [f]: null, _id: { $lt: id } } : { $or: [{ [f]: null, _id: { $gt: id } }, { [f]: { $ne: null } }] };
  const rest = [{ [f]: { [op]: value } }, { [f]: value, _id: { [op]: id } }];
  return { $or: desc ? [...rest, { [f]: null }] : rest };
}

export function cursorOf(doc: Record<string, any>, sort: SortSpec): string {
  return encodeCursor(sort.field === '_id' ? doc._id : getPath(doc, sort.field), String(doc._id));
}

function getPath(doc: Record<string, any>, p: string): unknown {
  return p.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), doc);
}
