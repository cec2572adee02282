// Cursor (keyset) pagination: a cursor is the sort value and _id of the last row seen, so pages stay
// stable while rows are added, and no query ever skips.
import type { Filter, Sort } from 'mongodb';
import { errors } from './errors';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The directions a list can be sorted in (the schema's SortDirection is built from this list). */
export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A list's order: a field and a direction. */
export interface SortSpec {
  field: string;
  direction: SortDirection;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * The one check every list argument goes through (`first`, `offset`, `facetSize`, …): an integer from
 * `min` to `max`, or `def` when absent. Below `min` or not an integer is BAD_USER_INPUT naming the
 * argument; above `max` is PAGE_TOO_LARGE. Never clamped silently.
 */
export function countArg(field: string, value: number | null | undefined, opts: { def: number; min?: number; max: number }): number {
  const n = value ?? opts.def;
  const min = opts.min ?? 0;
  if (!Number.isSafeInteger(n) || n < min) throw errors.badInput(`${field} must be an integer of at least ${min} (got ${n})`, { field });
  if (n > opts.max) throw errors.pageTooLarge(n, opts.max, field);
  return n;
}

/** A page size: `first`, 0 to `max`, default 50. */
export function pageSize(args: PageArgs, max: number): number {
  return countArg('first', args.first, { def: DEFAULT_PAGE_SIZE, max });
}

/**
 * A cursor: the sort value and id of the last row seen, and the field and direction the list was
 * sorted by, so a cursor from one ordering is refused by another rather than read as a position in it.
 */
export function encodeCursor(value: unknown, id: string, field = '', direction?: SortDirection): string {
  const v = value instanceof Date ? { $d: value.toISOString() } : value ?? null;
  return Buffer.from(JSON.stringify(field ? (direction ? [v, id, field, direction] : [v, id, field]) : [v, id])).toString('base64url');
}

const MAX_CURSOR_STRING = 1024;

/** The type of each sort field's values (a cursor's value must have it; null, a missing value, always may). */
const SORT_VALUE: Record<string, 'date' | 'number' | 'string'> = {
  _id: 'string', uniqueName: 'string', file: 'number',
  creationTime: 'date', createdAt: 'date', updatedAt: 'date', startTime: 'date', withdrawnAt: 'date',
  size: 'number', publicationYear: 'number', chunkIndex: 'number',
};

function valueFits(field: string | undefined, v: unknown): boolean {
  const want = field ? SORT_VALUE[field] : undefined;
  if (!want || v === null) return true;
  if (want === 'date') return v instanceof Date;
  return typeof v === want;
}

/** A sort value as a cursor may carry it: null, a bounded string, a finite number, a boolean or a date; anything else is refused. */
function cursorValue(v: unknown): unknown {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.length <= MAX_CURSOR_STRING) return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as any).$d === 'string') {
    const d = new Date((v as any).$d);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new Error('bad value');
}

/**
 * The position a cursor names. Every part is checked: its shape, the value's type (an object other
 * than a date would reach the database as an operator), the id, and, when `field` is given, that the
 * cursor came from a list sorted by that field.
 */
export function decodeCursor(cursor: string, field?: string, direction?: SortDirection): { value: unknown; id: string } {
  try {
    if (typeof cursor !== 'string' || cursor.length > 4 * MAX_CURSOR_STRING) throw new Error('size');
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length < 2 || parts.length > 4) throw new Error('shape');
    const [v, id, f, d] = parts;
    if (typeof id !== 'string' || id.length === 0 || id.length > 255) throw new Error('no id');
    if (field !== undefined && (f ?? '') !== field) throw new Error('other sort');
    if (d !== undefined && d !== 'ASC' && d !== 'DESC') throw new Error('shape');
    // cursors issued before they carried a direction are read in the direction asked for
    if (direction !== undefined && d !== undefined && d !== direction) throw new Error('other direction');
    const value = cursorValue(v);
    if (!valueFits(field, value)) throw new Error('value of another type');
    return { value, id };
  } catch {
    throw errors.invalidCursor(cursor);
  }
}

/** The MongoDB sort for a list order, with `_id` in the same direction as a tie-breaker (so cursors name one position). */
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
  const { value, id } = decodeCursor(after, sort.field, sort.direction);
  const desc = sort.direction === 'DESC';
  const op = desc ? '$lt' : '$gt';
  const f = sort.field;
  if (f === '_id') return { _id: { [op]: id } };
  if (value === null) return desc ? { [f]: null, _id: { $lt: id } } : { $or: [{ [f]: null, _id: { $gt: id } }, { [f]: { $ne: null } }] };
  const rest = [{ [f]: { [op]: value } }, { [f]: value, _id: { [op]: id } }];
  return { $or: desc ? [...rest, { [f]: null }] : rest };
}

/** The opaque cursor (base64url JSON) of a row: its value of the sort field (dotted paths allowed), its `_id` and the field's name. */
export function cursorOf(doc: Record<string, any>, sort: SortSpec): string {
  return encodeCursor(sort.field === '_id' ? doc._id : getPath(doc, sort.field), String(doc._id), sort.field, sort.direction);
}

function getPath(doc: Record<string, any>, p: string): unknown {
  return p.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), doc);
}

/** A page of a list with its total, counted only when asked for. */
export interface ListResult<T> extends Page<T> {
  totalCount: () => Promise<number>;
}

/** Which store answered a read: named per entity in the GraphQL response's `extensions.readStore`. */
export type ReadStoreName = 'elasticsearch' | 'mongodb';

/** Told which store answered each list or relation read of a request. */
export type ReadTrace = (entity: string, store: ReadStoreName) => void;
