// The write and read rules every catalog entity shares: validation against its JSON Schema, access,
// idempotent upserts keyed by the natural id, optimistic concurrency, and an outbox entry per change.
// Entity services extend it with their own relations and rules.
import { randomUUID } from 'node:crypto';
import { ObjectId, type AnyBulkWriteOperation, type Collection, type Db, type Document, type Filter, type FindCursor } from 'mongodb';
import { assertCanWrite, canRead, readFilter, withAccess, type Identity } from '../../auth';
import { errors, type Problem } from '../../common/errors';
import { duplicateKeyIndexes, findIds, idsFilter } from '../../db';
import { contentHash, reviveDates, toJsonForm } from '../../common/json';
import { afterFilter, cursorOf, decodeCursor, mongoSort, pageSize, type ListResult, type Page, type PageArgs, type ReadTrace, type SortSpec } from '../../common/pagination';
export type { ListResult } from '../../common/pagination';
import { validate } from '../../common/validation';
import { storable, storableQuiet, type StorageNote } from '../../common/storable';
import type { OutboxEvent, OutboxRepository, ChangeOp } from '../outbox/outbox.repository';
import type { IndexReads, IndexedRecord } from './record.reads';
import { IndexStream, LazyStream, cursorStream, type RecordStream } from './record.stream';
import { BOOKKEEPING, type Json, type RecordHooks, type RecordSpec, type StoredRecord, type UpsertResult, type WriteOptions } from './record.types';

/**
 * The content a record's hash covers: everything but the ingest run id in its provenance stamp, so a
 * re-run that finds the source unchanged leaves the record untouched (its stamp keeps the run that wrote it).
 */
function hashable(content: Json): Json {
  const p = content.provenance;
  if (!p || typeof p !== 'object' || !('runId' in p)) return content;
  const { runId: _run, ...rest } = p as Json;
  return { ...content, provenance: rest };
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/+\-]{0,254}$/;
const MAX_RETRIES = 3;
/** Outbox entries a cascade reads past the sync's checkpoint; an index further behind is not used for it. */
const MAX_OUTBOX_TAIL = 10_000;
/** The most records one bulk upsert takes: bigger pushes are split by the adapter, so no request holds the server for long. */
export const MAX_BULK = 2000;

/** Problems with the reason a value was changed for the store added, where a note has the same path (NaN became null). */
function explain(problems: Problem[], notes: StorageNote[]): Problem[] {
  if (!notes.length) return problems;
  return problems.map((p) => {
    const n = notes.find((x) => x.path === p.path);
    return n ? { ...p, message: `${p.message} (${n.reason})` } : p;
  });
}

/** Notes by a record's own paths, as paths into the request that held it at `at`. */
function inRequest(notes: StorageNote[], at: string): StorageNote[] {
  return at ? notes.map((n) => ({ ...n, path: `${at}${n.path}` })) : notes;
}

/** A projection leaving these fields out (undefined: the whole record). */
function without(fields: string[]): Document | undefined {
  return fields.length ? Object.fromEntries(fields.map((f) => [f, 0])) : undefined;
}

export interface ServiceOptions {
  maxPageSize: number;
  pidPrefix: string;
  /** Where export jobs write (default: .data/exports under the project). */
  exportDir?: string;
  /** The read index lists are answered from (absent: every list reads MongoDB). */
  reads?: IndexReads;
}

export class RecordService<T extends StoredRecord = StoredRecord> {
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

  get entity(): string {
    return this.spec.entity;
  }

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
    const after = page.after ? decodeCursor(page.after, sort.field) : null;
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
    const after = page.after ? decodeCursor(page.after, sort.field) : null;
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
   * services that page by a keyset of their own (OAI-PMH) and small fixed lists. The index when it can
   * answer, MongoDB otherwise; `limit` is at most 10,000.
   */
  async select(identity: Identity, query: Filter<any>, sort: SortSpec, limit: number, trace?: ReadTrace): Promise<T[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new Error(`select takes 1 to 10000 records (got ${limit})`);
    const filter = withAccess(identity, query);
    const indexed = await this.options.reads?.page(this.spec.entity, filter, sort, limit, null);
    trace?.(this.spec.entity, indexed ? 'elasticsearch' : 'mongodb');
    if (indexed) return indexed.docs.map((d) => this.fromIndex(d));
    return (await this.col.find(filter as Filter<T>, { sort: mongoSort(sort), limit }).toArray()) as T[];
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

  async count(identity: Identity, query: Filter<any>): Promise<number> {
    const filter = withAccess(identity, query);
    return (await this.options.reads?.count(this.spec.entity, filter)) ?? this.col.countDocuments(filter as Filter<T>);
  }

  // ---- writes ----

  async create(identity: Identity, input: Json): Promise<T> {
    const [r] = await this.write(identity, [input], { mode: 'create' });
    return r.record;
  }

  async upsert(identity: Identity, input: Json): Promise<UpsertResult<T>> {
    const [r] = await this.write(identity, [input], { mode: 'upsert' });
    return r;
  }

  /**
   * `isNew` (for services, e.g. the children of a parent created in the same batch) names records known
   * to be new: their stored revision is not read. One that exists after all fails on its key and is
   * written again as an update, so a wrong guess costs a retry, never a duplicate.
   */
  async upsertMany(identity: Identity, inputs: Json[], opts: WriteOptions = {}, isNew?: (record: Json) => boolean): Promise<UpsertResult<T>[]> {
    if (inputs.length > MAX_BULK) throw errors.badInput(`a bulk upsert takes at most ${MAX_BULK} ${this.spec.entity} records (got ${inputs.length}); split the batch`, { max: MAX_BULK, got: inputs.length });
    if (inputs.length === 0) return [];
    return this.write(identity, inputs, { mode: 'upsert', basePath: opts.basePath ?? '', isNew });
  }

  async update(identity: Identity, id: string, patch: Json): Promise<T> {
    this.checkId(id);
    for (let attempt = 0; ; attempt++) {
      const existing = await this.get(identity, id);
      if (!existing) throw errors.notFound(this.spec.entity, id);
      this.assertWrite(identity, existing.ownerGroup);
      const notes: StorageNote[] = [];
      const changes = storable(toJsonForm(patch), notes) as Json;
      const problems: Problem[] = [];
      for (const f of [this.spec.idField, ...this.spec.immutable]) {
        if (f in changes && changes[f] !== (toJsonForm(existing) as Json)[f]) problems.push({ path: `/${f}`, message: 'cannot be changed once written' });
      }
      if (problems.length) throw errors.validation(this.spec.entity, problems);
      const merged = { ...this.contentOf(existing) };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      if ('ownerGroup' in changes) this.assertWrite(identity, merged.ownerGroup);
      this.normalize(identity, merged, false);
      const invalid = validate(this.spec.schema, merged);
      if (invalid.length) throw errors.validation(this.spec.entity, explain(invalid, notes));
      const doc = this.toStored(identity, merged, existing, notes);
      if (doc._hash === existing._hash) return existing;
      const r = await this.col.replaceOne({ _id: id, _rev: existing._rev } as Filter<T>, doc as any);
      if (r.matchedCount === 1) {
        await this.emit(identity, [doc], 'updated');
        await this.hooks.afterWrite?.(identity, [{ doc, old: existing }]);
        return doc;
      }
      if (attempt >= MAX_RETRIES) throw errors.conflict(`${this.spec.entity} ${id} is being changed by someone else; retry`);
    }
  }

  async remove(identity: Identity, id: string): Promise<T> {
    this.checkId(id);
    const existing = await this.get(identity, id);
    if (!existing) throw errors.notFound(this.spec.entity, id);
    this.assertWrite(identity, existing.ownerGroup);
    await this.hooks.beforeDelete?.(identity, existing);
    const r = await this.col.deleteOne({ _id: id } as Filter<T>);
    if (r.deletedCount === 1) {
      await this.emit(identity, [existing], 'deleted');
      await this.hooks.afterDelete?.(identity, existing);
    }
    return existing;
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

  /**
   * Copies a parent's new access fields onto the records that hang off it (blocks, labels), with an
   * outbox entry for each, so the read index follows at once.
   */
  async syncAccess(identity: Identity, field: string, key: string, access: { ownerGroup: string; accessGroups: string[]; isPublished: boolean }): Promise<void> {
    const docs = await this.allWhere(field, key);
    if (!docs.length) return;
    const set = { ...access, updatedAt: new Date(), updatedBy: identity.subject };
    await this.col.updateMany(idsFilter(docs.map((d) => d._id)) as Filter<T>, { $set: set, $inc: { _rev: 1 } } as any);
    await this.emit(identity, docs.map((d) => ({ ...d, ...set, _rev: d._rev + 1 })), 'updated');
  }

  /** Deletes the records that hang off a deleted parent, with an outbox entry for each. */
  protected async removeChildren(identity: Identity, field: string, key: string): Promise<void> {
    const docs = await this.allWhere(field, key, { ownerGroup: 1, accessGroups: 1, isPublished: 1, _rev: 1 });
    if (!docs.length) return;
    await this.col.deleteMany({ ...idsFilter(docs.map((d) => d._id)), [field]: key } as Filter<T>);
    await this.emit(identity, docs as StoredRecord[], 'deleted');
  }

  /** True when the record exists and the caller may see it (used to check references). */
  visible(identity: Identity, rec: T | null): rec is T {
    return !!rec && canRead(identity, rec);
  }

  /** What the JSON Schema says is wrong with one input, without writing (ingest sorts bad rows out first). */
  check(identity: Identity, input: Json): Problem[] {
    const json = toJsonForm(input) as Json;
    this.normalize(identity, json, false);
    return validate(this.spec.schema, json);
  }

  // ---- internals ----

  protected assertWrite(identity: Identity, ownerGroup: string | undefined): void {
    (this.spec.writeRule ?? assertCanWrite)(identity, ownerGroup, this.spec.entity);
  }

  /** The content fields of a stored record in JSON form (no bookkeeping). */
  protected contentOf(rec: T): Json {
    const out = toJsonForm(rec) as Json;
    for (const k of BOOKKEEPING) delete out[k];
    return out;
  }

  protected normalize(identity: Identity, json: Json, forCreate: boolean): void {
    json.accessGroups ??= [];
    json.isPublished ??= false;
    this.hooks.normalize?.(json, { identity, forCreate });
  }

  protected newId(): string {
    return `${this.options.pidPrefix}/${randomUUID()}`;
  }

  private toStored(identity: Identity, json: Json, existing: Partial<StoredRecord> | undefined, notes: StorageNote[] = []): T {
    const content = { ...json };
    for (const f of this.spec.preserved ?? []) if (content[f] === undefined && existing?.[f] !== undefined) content[f] = existing[f];
    reviveDates(content, this.spec.dateFields);
    const now = new Date();
    return {
      ...content,
      _id: json[this.spec.idField],
      _hash: contentHash(hashable(content)),
      _rev: (existing?._rev ?? 0) + 1,
      ...(notes.length && { _normalized: notes }),
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? storableQuiet(identity.subject),
      updatedAt: now,
      updatedBy: storableQuiet(identity.subject),
    } as T;
  }

  /**
   * Validates every input first (nothing is written if one is bad), then writes the batch with one
   * read of the stored revisions and one bulkWrite. Unchanged records are not rewritten.
   */
  private async write(identity: Identity, inputs: Json[], opts: { mode: 'create' | 'upsert'; basePath?: string; isNew?: (record: Json) => boolean }): Promise<UpsertResult<T>[]> {
    const base = opts.basePath ?? '';
    const many = base !== '' || inputs.length > 1;
    const problems: Problem[] = [];
    const prepared: Json[] = [];
    const notes: StorageNote[][] = [];
    const ats: string[] = [];
    const seen = new Map<string, number>();
    inputs.forEach((input, i) => {
      const at = many ? `${base}/${i}` : base;
      ats.push(at);
      // notes by the record's own paths (kept with it); the request's paths (`at`) in problems and answers
      const itemNotes: StorageNote[] = [];
      const json = storable(toJsonForm(input), itemNotes) as Json;
      notes.push(itemNotes);
      this.normalize(identity, json, opts.mode === 'create');
      if (json[this.spec.idField] === undefined && opts.mode === 'create') json[this.spec.idField] = this.newId();
      const ps = validate(this.spec.schema, json, at);
      problems.push(...explain(ps, inRequest(itemNotes, at)));
      const id = json[this.spec.idField];
      if (typeof id === 'string') {
        if (seen.has(id)) problems.push({ path: `${at}/${this.spec.idField}`, message: `repeats the ${this.spec.idField} of item ${seen.get(id)}` });
        seen.set(id, i);
      }
      prepared.push(json);
    });
    if (problems.length) throw errors.validation(this.spec.entity, problems);
    for (const json of prepared) this.assertWrite(identity, json.ownerGroup);

    const results: (UpsertResult<T> | undefined)[] = new Array(prepared.length);
    let pending = prepared.map((_, i) => i);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > MAX_RETRIES) throw errors.conflict(`${pending.length} ${this.spec.entity} record(s) are being changed by someone else; retry`, { ids: pending.map((i) => prepared[i][this.spec.idField]) });
      // only the first attempt trusts isNew: a record that turned out to exist is read like any other
      pending = await this.writeOnce(identity, prepared, pending, results, opts.mode, attempt === 0 ? opts.isNew : undefined, notes);
    }
    return (results as UpsertResult<T>[]).map((r, i) => (notes[i].length ? { ...r, notes: inRequest(notes[i], ats[i]) } : r));
  }

  /** One attempt; returns the indexes that lost a race and must be tried again. */
  private async writeOnce(identity: Identity, prepared: Json[], idx: number[], results: (UpsertResult<T> | undefined)[], mode: 'create' | 'upsert', isNew: ((record: Json) => boolean) | undefined, notes: StorageNote[][]): Promise<number[]> {
    const ids = idx.filter((i) => !isNew?.(prepared[i])).map((i) => prepared[i][this.spec.idField] as string);
    const projection: Document = { _id: 1, _rev: 1, _hash: 1, ownerGroup: 1, accessGroups: 1, isPublished: 1, createdAt: 1, createdBy: 1, updatedAt: 1, updatedBy: 1 };
    for (const f of [...(this.spec.preserved ?? []), ...this.spec.immutable]) projection[f] = 1;
    const existing = new Map((await findIds(this.col, ids, projection)).map((d) => [d._id as string, d as Partial<StoredRecord>]));

    const ops: AnyBulkWriteOperation<T>[] = [];
    const opIndex: number[] = [];
    const changed: { doc: T; op: ChangeOp; i: number; old?: Partial<StoredRecord> }[] = [];
    for (const i of idx) {
      const json = prepared[i];
      const id = json[this.spec.idField] as string;
      const old = existing.get(id);
      if (old && mode === 'create') throw errors.conflict(`${this.spec.entity} ${id} already exists; use update or upsert`, { id });
      if (old && old.ownerGroup !== json.ownerGroup) this.assertWrite(identity, old.ownerGroup);
      if (old) this.assertImmutable(id, json, old);
      const doc = this.toStored(identity, json, old, notes[i]);
      if (old && old._hash === doc._hash) {
        const record = { ...doc, _rev: old._rev, createdAt: old.createdAt, createdBy: old.createdBy, updatedAt: old.updatedAt, updatedBy: old.updatedBy } as T;
        results[i] = { id, outcome: 'unchanged', record };
        continue;
      }
      ops.push(old ? { replaceOne: { filter: { _id: id, _rev: old._rev } as Filter<T>, replacement: doc as any } } : { insertOne: { document: doc as any } });
      opIndex.push(i);
      results[i] = { id, outcome: old ? 'updated' : 'created', record: doc };
      changed.push({ doc, op: old ? 'updated' : 'created', i, old });
    }
    if (!ops.length) return [];

    const retry = new Set<number>();
    try {
      const r = await this.col.bulkWrite(ops, { ordered: false });
      if (r.matchedCount + r.insertedCount < ops.length) this.collectLostReplaces(ops, opIndex, retry, await this.revisions(ops));
    } catch (e) {
      // someone inserted the same id first: go round again as an update
      for (const k of duplicateKeyIndexes(e, this.spec.entity)) retry.add(opIndex[k]);
      this.collectLostReplaces(ops, opIndex, retry, await this.revisions(ops));
    }
    const done = changed.filter((c) => !retry.has(c.i));
    await this.emit(identity, done.map((c) => c.doc), done.map((c) => c.op));
    await this.hooks.afterWrite?.(identity, done);
    for (const i of retry) results[i] = undefined;
    return [...retry];
  }

  private async revisions(ops: AnyBulkWriteOperation<T>[]): Promise<Map<string, number>> {
    const ids = ops.map((o) => ('replaceOne' in o ? (o.replaceOne.filter as any)._id : (o as any).insertOne.document._id));
    const docs = await findIds(this.col, ids, { _rev: 1 });
    return new Map(docs.map((d) => [d._id as string, d._rev as number]));
  }

  /** A replace whose revision no longer matches lost a race with another writer. */
  private collectLostReplaces(ops: AnyBulkWriteOperation<T>[], opIndex: number[], retry: Set<number>, revs: Map<string, number>): void {
    ops.forEach((o, k) => {
      if (!('replaceOne' in o)) return;
      const want = (o.replaceOne.replacement as any)._rev;
      if (revs.get((o.replaceOne.filter as any)._id) !== want) retry.add(opIndex[k]);
    });
  }

  private assertImmutable(id: string, json: Json, old: Partial<StoredRecord>): void {
    for (const f of this.spec.immutable) {
      if (f in old && old[f] !== undefined && JSON.stringify(toJsonForm(old[f])) !== JSON.stringify(json[f])) {
        throw errors.validation(this.spec.entity, [{ path: `/${f}`, message: `cannot be changed once written (${this.spec.entity} ${id})` }]);
      }
    }
  }

  /** Records each change in the outbox and hands the written records to the read index; `docs` are whole records as stored. */
  protected async emit(identity: Identity, docs: StoredRecord[], op: ChangeOp | ChangeOp[]): Promise<void> {
    const events: OutboxEvent[] = docs.map((d, i) => ({
      entity: this.spec.entity,
      op: Array.isArray(op) ? op[i] : op,
      id: d._id,
      rev: d._rev,
      at: new Date(),
      by: identity.subject,
      access: { ownerGroup: d.ownerGroup, accessGroups: d.accessGroups, isPublished: d.isPublished },
    }));
    await this.outbox.record(events);
    this.options.reads?.written(this.spec.entity, docs, events.map((e) => e.op));
  }
}
