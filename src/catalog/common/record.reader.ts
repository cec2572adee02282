// The read side every catalog entity shares: reads by key (one round trip, access applied after),
// lists, pages, counts and streams through the read index when it can answer (MongoDB otherwise), and
// the system's own read for cascades. RecordService (record.service.ts) adds the writes.
import { ObjectId, type Collection, type Db, type Document, type Filter, type FindCursor } from 'mongodb';
import { reviveDates } from '../../common/json';
import { canRead, readFilter, withAccess, type Identity } from '../../auth';
import { errors } from '../../common/errors';
import { findIds, idsFilter } from '../../db';
import { afterFilter, cursorOf, decodeCursor, mongoSort, pageSize, type ListResult, type Page, type PageArgs, type ReadTrace, type SortSpec } from '../../common/pagination';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { IndexReads, IndexedRecord } from './record.reads';
import { IndexStream, LazyStream, cursorStream, type RecordStream } from './record.stream';
import type { RecordHooks, RecordSpec, StoredRecord } from './record.types';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/+\-]{0,254}$/;
/** Outbox entries a cascade reads past the sync's checkpoint; an index further behind is not used for it. */
const MAX_OUTBOX_TAIL = 10_000;

/** A projection leaving these fields out (undefined: the whole record). */
function without(fields: string[]): Document | undefined {
  return fields.length ? Object.fromEntries(fields.map((f) => [f, 0])) : undefined;
}

/** What every entity service is built with. */
export interface ServiceOptions {
  /** The most records one page returns. */
  maxPageSize: number;
  /** The prefix of pids the catalog mints (`<prefix>/<uuid>`). */
  pidPrefix: string;
  /** Where export jobs write (default: .data/exports under the project). */
  exportDir?: string;
  /** The read index lists are answered from (absent: every list reads MongoDB). */
  reads?: IndexReads;
  /**
   * Why `identity` may not say a dataset's files are at `sourceFolder` on `instrumentId` (a storage root it is not
   * trusted for), or null when it may. Absent: no storage root, nothing to guard.
   */
  folderGuard?: (identity: Identity, instrumentId: unknown, sourceFolder: unknown) => string | null;
}

/** Reads of one entity's records, each with the caller's access rule applied. */
export class RecordReader<T extends StoredRecord = StoredRecord> {
  protected readonly col: Collection<T>;

  constructor(
    protected readonly db: Db,
    protected readonly spec: RecordSpec,
    protected readonly outbox: OutboxRepository,
    protected readonly options: ServiceOptions,
    protected readonly hooks: RecordHooks = {},
  ) {
    this.col = db.collection<T>(spec.collection);
  }

  /** The entity's name in messages and events, e.g. 'Dataset'. */
  get entity(): string {
    return this.spec.entity;
  }

  /**
   * Returns `id` when it is a well-formed record id: 1 to 255 letters, digits and `. _ : / + -`, starting with a letter or digit.
   * Raises INVALID_ID, naming `entity`, otherwise.
   */
  checkId(id: unknown, entity = this.spec.entity): string {
    if (typeof id !== 'string' || !ID_RE.test(id)) {
      throw errors.invalidId(entity, id, 'use letters, digits and . _ : / + - (at most 255 characters, starting with a letter or digit)');
    }
    return id;
  }

  // ---- reads: every one goes through withAccess ----

  /**
   * Reads by primary key, then applies the caller's access rule (canRead, the predicate form of
   * readFilter): a key lookup stays a key lookup on every server, and a record the caller may not
   * see comes back exactly as a missing one does.
   */
  async get(identity: Identity, id: string): Promise<T | null> {
    this.checkId(id);
    const doc = (await this.col.findOne({ _id: id } as Filter<T>)) as T | null;
    return doc && canRead(identity, doc) ? doc : null;
  }

  /** One query for a batch of ids (DataLoaders call this); invisible records are dropped. */
  async findByIds(identity: Identity, ids: readonly string[], projection?: Document): Promise<T[]> {
    if (ids.length === 0) return [];
    const p = projection && Object.values(projection).some((v) => v === 1) ? { ...projection, ownerGroup: 1, accessGroups: 1, isPublished: 1 } : projection;
    const docs = (await this.col.find(idsFilter(ids) as Filter<T>, { projection: p, batchSize: Math.max(ids.length, 101) }).toArray()) as T[];
    return docs.filter((d) => canRead(identity, d));
  }

  /**
   * Summaries of records by id, in the order of `ids`, for pages that show a list of them (a DOI's datasets): `fields` (top-level
   * names) of each, from the index in one request, or from MongoDB by key when the index cannot answer. Invisible records are
   * dropped. The index may lag a write by its refresh interval (about a second): never for reads that must see a write.
   */
  async summaries(identity: Identity, ids: readonly string[], fields: string[]): Promise<T[]> {
    if (!ids.length) return [];
    const indexed = await this.options.reads?.fields(this.spec.entity, [...ids], fields);
    const docs = indexed ? indexed.map((r) => this.fromIndex(r)) : await this.findByIds(identity, ids, Object.fromEntries(fields.map((f) => [f, 1])));
    const at = new Map(ids.map((id, i) => [id, i]));
    return docs.filter((d) => canRead(identity, d)).sort((a, b) => at.get(a._id)! - at.get(b._id)!);
  }

  /** Like findByIds, for checks on the write path: point reads where the server lacks an `_id: {$in}` index (see findIds). */
  async findByIdsToWrite(identity: Identity, ids: readonly string[], projection: Document): Promise<T[]> {
    const docs = (await findIds(this.col, ids, { ...projection, ownerGroup: 1, accessGroups: 1, isPublished: 1 })) as T[];
    return docs.filter((d) => canRead(identity, d));
  }

  /** Every record whose `field` holds one of the keys (small, bounded relations such as a dataset's blocks). */
  async findByField(identity: Identity, field: string, keys: readonly string[], opts: { projection?: Document; sort?: SortSpec } = {}, trace?: ReadTrace): Promise<T[]> {
    if (keys.length === 0) return [];
    const filter = withAccess(identity, { [field]: { $in: [...keys] } });
    const sort = opts.sort ?? { field: '_id', direction: 'ASC' };
    const indexed = await this.options.reads?.all(this.spec.entity, filter, sort);
    trace?.(this.spec.entity, indexed ? 'elasticsearch' : 'mongodb');
    if (indexed) return indexed.map((r) => this.fromIndex(r));
    return (await this.col.find(filter as Filter<T>, { projection: opts.projection, batchSize: 1000, sort: mongoSort(sort) }).toArray()) as T[];
  }

  /**
   * Back relations for a batch of parents: the first `first` children of each key, in `sort` order,
   * with each key's total. One index request, or one MongoDB query read only until every key has its page.
   */
  async pagesByField(identity: Identity, field: string, keys: readonly string[], sort: SortSpec, page: PageArgs, trace?: ReadTrace, omit: string[] = []): Promise<Map<string, Page<T> & { total?: number }>> {
    const first = pageSize(page, this.options.maxPageSize);
    const after = page.after ? decodeCursor(page.after, sort.field, sort.direction) : null;
    const indexed = await this.options.reads?.pages(this.spec.entity, readFilter(identity), field, keys, sort, first + 1, after, omit);
    trace?.(this.spec.entity, indexed ? 'elasticsearch' : 'mongodb');
    if (indexed) {
      const out = new Map<string, Page<T> & { total: number }>();
      for (const k of keys) {
        const r = indexed.get(k) ?? { docs: [], total: 0 };
        out.set(k, { ...this.pageOf(r.docs.map((d) => this.fromIndex(d)), first, sort, page.after), total: r.total });
      }
      return out;
    }
    const want = new Set(keys);
    const pages = new Map<string, T[]>(keys.map((k) => [k, []]));
    const base = withAccess(identity, { [field]: { $in: [...keys] } });
    const filter = page.after ? { $and: [base, afterFilter(sort, page.after)] } : base;
    if (first > 0) {
      const cursor = this.col.find(filter as Filter<T>, { sort: mongoSort(sort), projection: without(omit), batchSize: Math.min(keys.length * (first + 1), 5000) });
      let open = keys.length;
      for await (const doc of cursor) {
        const vals = ([] as unknown[]).concat((doc as any)[field]);
        for (const v of vals) {
          const list = typeof v === 'string' && want.has(v) ? pages.get(v)! : undefined;
          if (list && list.length <= first) {
            list.push(doc as T);
            if (list.length === first + 1) open--;
          }
        }
        if (open === 0) break;
      }
      await cursor.close();
    }
    const out = new Map<string, Page<T>>();
    for (const [k, docs] of pages) out.set(k, this.pageOf(docs, first, sort, page.after));
    return out;
  }

  /** How many visible children each key has: one index count per key in one request, or one MongoDB query reading only the key field. */
  async countsByField(identity: Identity, field: string, keys: readonly string[], trace?: ReadTrace): Promise<Map<string, number>> {
    const indexed = await this.options.reads?.pages(this.spec.entity, readFilter(identity), field, keys, { field: '_id', direction: 'ASC' }, 0, null);
    trace?.(this.spec.entity, indexed ? 'elasticsearch' : 'mongodb');
    if (indexed) return new Map(keys.map((k) => [k, indexed.get(k)?.total ?? 0]));
    const counts = new Map<string, number>(keys.map((k) => [k, 0]));
    const cursor = this.col.find(withAccess(identity, { [field]: { $in: [...keys] } }) as Filter<T>, { projection: { _id: 0, [field]: 1 }, batchSize: 10000 });
    for await (const doc of cursor) {
      for (const v of ([] as unknown[]).concat((doc as any)[field])) {
        if (typeof v === 'string' && counts.has(v)) counts.set(v, counts.get(v)! + 1);
      }
    }
    return counts;
  }

  /**
   * A page of the records matching `query` that the caller may see, in `sort` order after the cursor.
   * The read index answers it when it can (records and total in one request); MongoDB otherwise.
   */
  async list(identity: Identity, query: Filter<any>, sort: SortSpec, page: PageArgs, trace?: ReadTrace, omit: string[] = []): Promise<ListResult<T>> {
    const first = pageSize(page, this.options.maxPageSize);
    const base = withAccess(identity, query);
    const after = page.after ? decodeCursor(page.after, sort.field, sort.direction) : null;
    const indexed = await this.options.reads?.page(this.spec.entity, base, sort, first + 1, after, omit);
    trace?.(this.spec.entity, indexed ? 'elasticsearch' : 'mongodb');
    if (indexed) return { ...this.pageOf(indexed.docs.map((d) => this.fromIndex(d)), first, sort, page.after), totalCount: () => Promise.resolve(indexed.total) };
    const filter = page.after ? { $and: [base, afterFilter(sort, page.after)] } : base;
    const docs = first === 0 ? [] : ((await this.col.find(filter as Filter<T>, { sort: mongoSort(sort), projection: without(omit), limit: first + 1, batchSize: first + 1 }).toArray()) as T[]);
    let total: Promise<number> | undefined;
    return { ...this.pageOf(docs, first, sort, page.after), totalCount: () => (total ??= this.col.countDocuments(base as Filter<T>)) };
  }

  /**
   * Up to `limit` records matching `query` that the caller may see, in `sort` order (ties by id): for
   * services that page by a keyset of their own (OAI-PMH), small fixed lists and SciCat's skip/limit
   * pages (after the first `skip`). The index when it can answer, MongoDB otherwise; skip + limit is at most 10,000.
   */
  async select(identity: Identity, query: Filter<any>, sort: SortSpec, limit: number, trace?: ReadTrace, skip = 0): Promise<T[]> {
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(skip) || skip < 0 || skip + limit > 10_000) throw new Error(`select takes 1 to 10000 records, skip included (got ${skip} + ${limit})`);
    const filter = withAccess(identity, query);
    const indexed = await this.options.reads?.page(this.spec.entity, filter, sort, limit, null, undefined, skip);
    trace?.(this.spec.entity, indexed ? 'elasticsearch' : 'mongodb');
    if (indexed) return indexed.docs.map((d) => this.fromIndex(d));
    return (await this.col.find(filter as Filter<T>, { sort: mongoSort(sort), skip, limit }).toArray()) as T[];
  }

  private pageOf(docs: T[], first: number, sort: SortSpec, after: string | null | undefined): Page<T> {
    const nodes = docs.slice(0, first);
    const cursors = nodes.map((d) => cursorOf(d, sort));
    return { nodes, cursors, hasNextPage: docs.length > first, endCursor: cursors.at(-1) ?? after ?? null };
  }

  /** The fields a list may leave out of its records when the caller does not select them. */
  get heavyFields(): string[] {
    return this.spec.heavy ?? [];
  }

  /** A record as the index keeps it, with its dates as Dates again: the shape a MongoDB read gives. */
  protected fromIndex(r: IndexedRecord): T {
    reviveDates(r, [...this.spec.dateFields, 'createdAt', 'updatedAt']);
    return r as T;
  }

  /** A cursor over every matching record the caller may see, for jobs that stream whole selections (exports). */
  stream(identity: Identity, query: Filter<any>, opts: { sort?: Record<string, 1 | -1>; projection?: Document; batchSize?: number } = {}): RecordStream<T> {
    return new LazyStream(() => this.streamOf(withAccess(identity, query), opts));
  }

  /**
   * The read index scans the selection when it can: the projection's fields come from the index, and
   * fields the index leaves out (a block's file list) are read by key, a batch at a time, when the
   * projection asks for them or names none. MongoDB's cursor otherwise.
   */
  private async streamOf(filter: Filter<any>, opts: { sort?: Record<string, 1 | -1>; projection?: Document; batchSize?: number }): Promise<RecordStream<T>> {
    const reads = this.options.reads;
    const sort = Object.entries(opts.sort ?? { _id: 1 }) as [string, 1 | -1][];
    const p = opts.projection ?? {};
    const include = Object.entries(p).filter(([, v]) => v === 1).map(([k]) => k);
    const exclude = Object.entries(p).filter(([, v]) => v === 0).map(([k]) => k);
    const wantsOmitted = !!reads && reads.omits(this.spec.entity).some((f) => p[f] === 1 || (!include.length && p[f] !== 0));
    // fields the index leaves out are read by key: the index brings the rest (or only the ids)
    const batches = await reads?.scan(this.spec.entity, filter, sort, opts.batchSize ?? 1000, wantsOmitted ? { include: ['_id'] } : { include: include.length ? [...include, ...sort.map(([f]) => f)] : undefined, exclude });
    if (reads && batches) {
      return new IndexStream<T>(batches, (r) => this.fromIndex(r), wantsOmitted ? this.col : undefined);
    }
    return cursorStream(this.col.find(filter as Filter<T>, { ...opts, sort: opts.sort }) as FindCursor<T>);
  }

  /**
   * About how many records there are: the index's count, or MongoDB's collection metadata (cheap on
   * MongoDB; FerretDB counts by reading every document, so it is asked only when the index cannot answer).
   */
  async estimatedSize(): Promise<number> {
    return (await this.options.reads?.count(this.spec.entity, {})) ?? this.col.estimatedDocumentCount();
  }

  /** Counts without an access filter: for integrity checks inside services, never for callers. */
  async countAll(query: Filter<any>): Promise<number> {
    // as for cascades (allWhere): the index, refreshed first, or MongoDB when it cannot answer
    const reads = this.options.reads;
    const n = reads && (await reads.refresh()) ? await reads.count(this.spec.entity, query) : null;
    return n ?? this.col.countDocuments(query as Filter<T>);
  }

  /** How many records matching `query` the caller may see: the read index's count when it can answer, MongoDB's otherwise. */
  async count(identity: Identity, query: Filter<any>): Promise<number> {
    const filter = withAccess(identity, query);
    return (await this.options.reads?.count(this.spec.entity, filter)) ?? this.col.countDocuments(filter as Filter<T>);
  }

  /** True when the record exists and the caller may see it (used to check references). */
  visible(identity: Identity, rec: T | null): rec is T {
    return !!rec && canRead(identity, rec);
  }

  /**
   * Every record (whoever may see it) whose `field` is `key`, read by key: the system's own read for
   * cascades. The ids come from the read index, refreshed first so that everything this process wrote
   * is in (a write that another API process has in flight at that instant can be missed, as a write
   * racing the cascade can on MongoDB too), or from MongoDB when the index cannot answer.
   */
  protected async allWhere(field: string, key: string, projection?: Document): Promise<T[]> {
    const reads = this.options.reads;
    const since = reads && (await reads.refresh()) ? await reads.unindexedSince() : null;
    // records written since the sync's checkpoint, by any process, may not be indexed yet: the outbox has them
    const tail = since ? await this.outbox.since(ObjectId.createFromTime(Math.floor(since.getTime() / 1000)), MAX_OUTBOX_TAIL + 1) : [];
    const batches = since && tail.length <= MAX_OUTBOX_TAIL ? await reads!.scan(this.spec.entity, { [field]: key }, [['_id', 1]], 10_000, { include: ['_id'] }) : null;
    if (!batches) return (await this.col.find({ [field]: key } as Filter<T>, { projection }).toArray()) as T[];
    const ids = new Set(tail.filter((e) => e.entity === this.spec.entity && e.op !== 'deleted').map((e) => e.id));
    for await (const b of batches) for (const r of b) ids.add(r._id);
    const docs = (await findIds(this.col, [...ids], projection && { ...projection, [field]: 1 })) as T[];
    return docs.filter((d) => (d as any)[field] === key);
  }
}
