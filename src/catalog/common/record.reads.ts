// The read store the record services list from: an index that answers MongoDB filters over the records'
// full API shape (src/search implements it on Elasticsearch). MongoDB stays the system of record and is
// read by key; when the index cannot answer (not configured, down, not built yet), a method returns null
// and the service runs the same filter on MongoDB instead.
import type { Filter } from 'mongodb';
import type { SortSpec } from '../../common/pagination';
import type { StoredRecord } from './record.types';
import type { ChangeOp } from '../outbox/outbox.repository';

export type { ReadStoreName, ReadTrace } from '../../common/pagination';

/** Records in the JSON form the index keeps (dates as ISO strings); the service revives them. */
export type IndexedRecord = Record<string, any> & { _id: string };

export interface IndexReads {
  /**
   * One page in `sort` order (ties by id) after the cursor position `after` ({value, id} of the last
   * row seen), at most `size` records, and how many records match in all. `filter` already holds the
   * caller's access rule; `omit` names top-level fields the caller does not need; `skip` leaves out the first
   * matches (SciCat's skip/limit pages, at most 10,000 deep).
   */
  page(entity: string, filter: Filter<any>, sort: SortSpec, size: number, after: { value: unknown; id: string } | null, omit?: string[], skip?: number): Promise<{ docs: IndexedRecord[]; total: number } | null>;
  /** The same page for each key of `field` (back relations of a batch of parents), in one request. */
  pages(entity: string, filter: Filter<any>, field: string, keys: readonly string[], sort: SortSpec, size: number, after: { value: unknown; id: string } | null, omit?: string[]): Promise<Map<string, { docs: IndexedRecord[]; total: number }> | null>;
  /** Every matching record in `sort` order (small, bounded relations such as a dataset's blocks). */
  all(entity: string, filter: Filter<any>, sort: SortSpec): Promise<IndexedRecord[] | null>;
  count(entity: string, filter: Filter<any>): Promise<number | null>;
  /**
   * Every matching record in `sort` order ([field, 1 | -1] pairs; ties by id), a batch at a time over
   * a point-in-time, for jobs that read whole selections; `fields` limits what each record brings (paths
   * as in a MongoDB projection).
   */
  scan(entity: string, filter: Filter<any>, sort: [string, 1 | -1][], batch: number, fields?: { include?: string[]; exclude?: string[] }): Promise<AsyncGenerator<IndexedRecord[]> | null>;
  /** Some fields (top-level names) of records by id, with their access fields, in one request; the caller applies the access rule. */
  fields(entity: string, ids: string[], fields: string[]): Promise<IndexedRecord[] | null>;
  /** Fields the index leaves out of this entity's records (read them by key when needed). */
  omits(entity: string): string[];
  /**
   * Makes what this process has written searchable now, and says whether the index can answer: for
   * the system's own reads that must see every record (cascades), not for callers' lists.
   */
  refresh(): Promise<boolean>;
  /**
   * The time from which outbox entries may not be in the index yet (the sync's checkpoint, less its
   * look-back window), or null when the index follows no checkpoint: writes of other processes after it
   * are found in the outbox, by an `_id` range.
   */
  unindexedSince(): Promise<Date | null>;
  /** Indexes records just written (or deleted) from the written documents; never waits, never throws. */
  written(entity: string, docs: StoredRecord[], ops: ChangeOp[]): void;
}
