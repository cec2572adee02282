// The read store on Elasticsearch: answers the record services' lists, back relations and counts from
// the index (records come from `record` in _source, so a page needs no MongoDB read), and indexes what
// the services just wrote. When the index cannot answer (not configured, unreachable, not built yet) a
// method returns null and the service reads MongoDB; the outbox sync repairs whatever was missed.
import type { Filter } from 'mongodb';
import { logger } from '../common/logger';
import { CatalogError, ErrorCode, errors } from '../common/errors';
import type { SortSpec } from '../common/pagination';
import type { IndexReads, IndexedRecord } from '../catalog/common/record.reads';
import type { StoredRecord } from '../catalog/common/record.types';
import type { ChangeOp } from '../catalog/outbox/outbox.repository';
import { INDEXED, KIND_OF_ENTITY, type IndexKind } from './document';
import { esValue, indexField, toEsQuery } from './mongo.filter';
import { SearchBackend } from './search.backend';
import { LOOKBACK_SECONDS, type SearchIndexer } from './search.indexer';
import type { SearchState } from './search.state';
import { WrittenQueue } from './search.written';

/** Sorts a missing number or date below every value, as MongoDB does (exact in JSON, unlike Long.MIN_VALUE). */
const MISSING_LOW = Number.MIN_SAFE_INTEGER;
/** How long a readiness check, or an outage, is remembered before the index is asked again. */
const READY_TTL_MS = 2000;
const DOWN_TTL_MS = 5000;

export type ReadStoreMode = 'elasticsearch' | 'mongodb';

type After = { value: unknown; id: string } | null;

export class IndexReadStore implements IndexReads {
  /** Records per index request of an `all` read (a batch of datasets' blocks, labels or publications); it pages on. */
  static allPage = 10_000;

  private readyUntil = 0;
  private ready = false;
  private downUntil = 0;
  /** The index a rebuild is filling, as of the last readiness check: writes go to it too. */
  private building?: string;
  /** Direct indexing of written records, queued or under way (settle waits for it). */
  private readonly writes = new WrittenQueue(async (entity, docs, ops) => {
    // only into an index that is there and followed by the sync; never waited for
    if (!(await this.usable())) return;
    await this.indexer.indexWritten(entity, docs, ops, [this.backend.alias, ...(this.building ? [this.building] : [])]);
  });
  /** Read requests sent to Elasticsearch by this store, refreshes aside (tests assert counts, not times). */
  requests = 0;

  constructor(
    private readonly backend: SearchBackend,
    private readonly state: SearchState,
    private readonly indexer: SearchIndexer,
    private readonly mode: ReadStoreMode,
  ) {}

  /**
   * True when lists may read the index: configured, built from the current definition, and followed by
   * a sync that is not failing. After an outage the index lacks what was written meanwhile: the sync's
   * passes fail (recording lastError) until Elasticsearch answers, and the first pass that goes through
   * indexes the whole backlog before it clears the error, so lists read MongoDB until then. Being merely
   * behind under load is not a reason: writes are indexed directly, and a fallback to a scanning
   * MongoDB (FerretDB) under load would take the catalog down. Checked at most every READY_TTL_MS, in
   * the background once known.
   */
  async usable(): Promise<boolean> {
    if (this.mode === 'mongodb' || !this.backend.configured) return false;
    const now = Date.now();
    if (now < this.downUntil) return false;
    if (now >= this.readyUntil && !this.checking) this.checking = this.checkReady().finally(() => (this.checking = undefined));
    // never checked (or forgotten): wait for the answer rather than guess
    if (this.readyUntil === 0 && this.checking) await this.checking;
    return this.ready;
  }

  private checking?: Promise<void>;

  private async checkReady(): Promise<void> {
    try {
      const [st, live] = await Promise.all([this.state.get(), this.backend.liveIndices()]);
      this.building = st?.building?.index ?? undefined;
      // an index from an older definition keeps serving while its successor is built (writes go to
      // both): falling back to a scanning MongoDB for the length of a rebuild would take lists down
      const current = live.length > 0 && (!!this.building || live.every((i) => SearchBackend.versionOf(i) >= this.backend.definition.version));
      this.ready = !!st?.checkpoint && current && !st.lastError;
    } catch (e) {
      this.ready = false;
      logger.debug({ err: (e as Error).message }, 'read index not usable; lists read MongoDB');
    }
    this.readyUntil = Date.now() + READY_TTL_MS;
  }

  /** Forgets the cached readiness (after a rebuild, in tests). */
  invalidate(): void {
    this.readyUntil = 0;
    this.downUntil = 0;
  }

  private kind(entity: string): IndexKind {
    const k = KIND_OF_ENTITY[entity];
    if (!k) throw new Error(`${entity} records are not in the read index`);
    return k;
  }

  private sort(sort: SortSpec): unknown[] {
    const order = sort.direction === 'DESC' ? 'desc' : 'asc';
    if (sort.field === '_id') return [{ id: order }];
    const { field, type } = indexField(sort.field);
    const missing = type === 'keyword' ? (order === 'asc' ? '_first' : '_last') : MISSING_LOW;
    return [{ [field]: { order, missing } }, { id: order }];
  }

  private searchAfter(sort: SortSpec, after: After): unknown[] | undefined {
    if (!after) return undefined;
    if (sort.field === '_id') return [after.id];
    const { type } = indexField(sort.field);
    let v = after.value;
    if (type === 'date') v = v instanceof Date ? v.getTime() : v === null ? MISSING_LOW : Date.parse(String(v));
    else if (type === 'long') v = v === null ? MISSING_LOW : v;
    return [esValue(v), after.id];
  }

  private body(kind: IndexKind, filter: Filter<any>, sort: SortSpec, size: number, after: After, omit: string[] = []): Record<string, unknown> {
    return {
      size,
      track_total_hits: true,
      query: { bool: { filter: [{ term: { kind } }, toEsQuery(filter)] } },
      sort: this.sort(sort),
      ...(after && { search_after: this.searchAfter(sort, after) }),
      _source: omit.length ? { includes: ['record'], excludes: omit.map((f) => `record.${f}`) } : ['record'],
    };
  }

  /** Runs one request, or returns null (and remembers the outage) when Elasticsearch cannot be reached. */
  private async call<R>(fn: () => Promise<R>): Promise<R | null> {
    if (!(await this.usable())) return null;
    this.requests++;
    try {
      return await fn();
    } catch (e) {
      const err = this.backend.wrap(e, 'read index');
      if (err instanceof CatalogError && err.code === ErrorCode.SERVICE_UNAVAILABLE) {
        this.downUntil = Date.now() + DOWN_TTL_MS;
        logger.warn({ err: err.message }, 'read index unavailable; lists read MongoDB for now');
        return null;
      }
      // list inputs are checked before they get here (ids, cursors, lengths): a query Elasticsearch refuses
      // is ours, not the caller's, so it is not reported as bad input naming a search "text"
      if (err instanceof CatalogError && err.code === ErrorCode.BAD_USER_INPUT) throw new Error(`read index refused a list query: ${err.message}`);
      throw err;
    }
  }

  /** One page of records after `after`, at most `size`, with the total (see IndexReads.page); null when the index cannot answer. */
  async page(entity: string, filter: Filter<any>, sort: SortSpec, size: number, after: After, omit?: string[], skip = 0) {
    const kind = this.kind(entity);
    const r: any = await this.call(() => this.backend.es().search({ index: this.backend.alias, ...this.body(kind, filter, sort, size, after, omit), ...(skip > 0 && { from: skip }) } as any));
    if (!r) return null;
    return { docs: r.hits.hits.map((h: any) => h._source.record as IndexedRecord), total: r.hits.total.value as number };
  }

  /** The same page for each key of `field`, in one multi-search (key → page and total); null when the index cannot answer. */
  async pages(entity: string, filter: Filter<any>, field: string, keys: readonly string[], sort: SortSpec, size: number, after: After, omit?: string[]) {
    const kind = this.kind(entity);
    if (!keys.length) return new Map();
    const searches = keys.flatMap((k) => [{ index: this.backend.alias }, this.body(kind, { $and: [filter, { [field]: k }] }, sort, size, after, omit)]);
    const r: any = await this.call(() => this.backend.es().msearch({ searches } as any));
    if (!r) return null;
    const out = new Map<string, { docs: IndexedRecord[]; total: number }>();
    r.responses.forEach((res: any, i: number) => {
      // inputs are checked before they get here: a refused sub-search is ours, and is logged as such
      if (res.error) throw new Error(`read index refused a back-relation search: ${res.error.type}: ${res.error.reason ?? ''}`);
      out.set(keys[i], { docs: res.hits.hits.map((h: any) => h._source.record), total: res.hits.total.value });
    });
    return out;
  }

  /** Every matching record, 10,000 per request; null if the index cannot answer, SERVICE_UNAVAILABLE if it stops midway. */
  async all(entity: string, filter: Filter<any>, sort: SortSpec) {
    const kind = this.kind(entity);
    const out: IndexedRecord[] = [];
    // a page at a time (an index request returns at most ALL_PAGE hits), so nothing is cut off
    for (let after: unknown[] | undefined; ; ) {
      const page = IndexReadStore.allPage;
      const body = { ...this.body(kind, filter, sort, page, null), track_total_hits: false, ...(after && { search_after: after }) };
      const r: any = await this.call(() => this.backend.es().search({ index: this.backend.alias, ...body } as any));
      if (!r) {
        if (!after) return null;
        throw errors.unavailable('the read index', 'it stopped answering in the middle of a list; retry');
      }
      const hits = r.hits.hits;
      for (const h of hits) out.push(h._source.record as IndexedRecord);
      if (hits.length < page) return out;
      after = hits[hits.length - 1].sort;
    }
  }

  /** How many of `entity`'s records match `filter` (access rule included); null when the index cannot answer. */
  async count(entity: string, filter: Filter<any>) {
    const kind = this.kind(entity);
    const r: any = await this.call(() => this.backend.es().count({ index: this.backend.alias, query: { bool: { filter: [{ term: { kind } }, toEsQuery(filter)] } } } as any));
    return r ? (r.count as number) : null;
  }

  /**
   * Some fields of records by id, straight from the index (one mget), with their access fields so the
   * caller applies the access rule; null when the index cannot answer. For labels (facet names), not
   * for reads that must see a write at once: those read MongoDB by key.
   */
  async fields(entity: string, ids: string[], fields: string[]): Promise<IndexedRecord[] | null> {
    const kind = this.kind(entity);
    if (!ids.length) return [];
    const r: any = await this.call(() =>
      this.backend.es().mget({ index: this.backend.alias, ids: ids.map((id) => `${kind}:${id}`), _source: ['record._id', 'record.ownerGroup', 'record.accessGroups', 'record.isPublished', ...fields.map((f) => `record.${f}`)] } as any),
    );
    if (!r) return null;
    return r.docs.filter((d: any) => d.found).map((d: any) => d._source.record as IndexedRecord);
  }

  /** The fields the index leaves out of this entity's records (read them from MongoDB by key). */
  omits(entity: string): string[] {
    return INDEXED[entity]?.omit ?? [];
  }

  /** The matching records in batches of `batch` (1 to 10,000) over a point-in-time kept 5 minutes per batch; null when the index cannot answer. */
  async scan(entity: string, filter: Filter<any>, sort: [string, 1 | -1][], batch: number, fields: { include?: string[]; exclude?: string[] } = {}) {
    const kind = this.kind(entity);
    if (!(await this.usable())) return null;
    const es = this.backend.es();
    const esSort = sort.flatMap(([f, d]) => (f === '_id' ? [] : this.sort({ field: f, direction: d === -1 ? 'DESC' : 'ASC' }).slice(0, 1)));
    esSort.push({ id: sort.find(([f]) => f === '_id')?.[1] === -1 ? 'desc' : 'asc' });
    const query = { bool: { filter: [{ term: { kind } }, toEsQuery(filter)] } };
    const size = Math.min(Math.max(batch, 1), 10_000);
    const source = fields.include?.length
      ? ['record._id', ...fields.include.map((f) => `record.${f}`)]
      : fields.exclude?.length
        ? { includes: ['record'], excludes: fields.exclude.map((f) => `record.${f}`) }
        : ['record'];
    const self = this;
    // a point-in-time keeps the selection as it was when the scan began, however long the job reads
    return (async function* () {
      self.requests++;
      let pit = (await es.openPointInTime({ index: self.backend.alias, keep_alive: '5m' })).id;
      try {
        let after: unknown[] | undefined;
        for (;;) {
          self.requests++;
          const r: any = await es.search({ pit: { id: pit, keep_alive: '5m' }, size, query, sort: esSort, track_total_hits: false, _source: source, ...(after && { search_after: after }) } as any);
          pit = r.pit_id ?? pit;
          const hits = r.hits.hits;
          if (hits.length) yield hits.map((h: any) => h._source.record as IndexedRecord);
          if (hits.length < size) return;
          after = hits[hits.length - 1].sort;
        }
      } catch (e) {
        throw self.backend.wrap(e, 'read index');
      } finally {
        await es.closePointInTime({ id: pit }).catch(() => undefined);
      }
    })();
  }

  /** Indexes just-written records in the background (also into a rebuild's index), gathered a few milliseconds (see WrittenQueue). */
  written(entity: string, docs: StoredRecord[], ops: ChangeOp[]): void {
    if (!docs.length || !KIND_OF_ENTITY[entity] || this.mode === 'mongodb' || !this.backend.configured) return;
    this.writes.add(entity, docs, ops);
  }

  /**
   * Waits for the written records this process is indexing, then makes them searchable now rather than
   * at the next refresh (tests and the CLI; the API never waits on the index).
   */
  async settle(): Promise<void> {
    await this.refresh();
  }

  /** The checkpoint's time less LOOKBACK_SECONDS + 1 s: outbox entries after it may be unindexed. Null without a checkpoint. */
  async unindexedSince(): Promise<Date | null> {
    const st = await this.state.get();
    return st?.checkpoint ? new Date(st.checkpoint.getTimestamp().getTime() - (LOOKBACK_SECONDS + 1) * 1000) : null;
  }

  /** Waits for this process's direct indexing, then refreshes the index; false when the index is not usable or the refresh fails. */
  async refresh(): Promise<boolean> {
    await this.writes.drain();
    if (!(await this.usable())) return false;
    try {
      await this.backend.es().indices.refresh({ index: this.backend.alias });
      return true;
    } catch {
      return false;
    }
  }
}
