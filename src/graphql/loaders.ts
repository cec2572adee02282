// Per-request DataLoaders: every relation is one $in query per batch, with the caller's access filter.
// A loader lives for one request (or one subscription event), so nothing is cached across callers.
import DataLoader from 'dataloader';
import type { Identity } from '../auth';
import type { Page, PageArgs, ReadStoreName, ReadTrace, SortSpec } from '../common/pagination';

/** A record as loaders see it: keyed by `_id`. */
type Keyed = { _id: string } & Record<string, any>;

/**
 * What a loader needs of a service (the catalog's RecordService has it): batched reads by id, by a
 * field's keys, pages per key and counts per key, each with the caller's access rule applied.
 */
export interface LoadableService<T extends Keyed> {
  readonly entity: string;
  findByIds(identity: Identity, ids: readonly string[], projection?: Record<string, 0 | 1>): Promise<T[]>;
  findByField(identity: Identity, field: string, keys: readonly string[], opts: { projection?: Record<string, 0 | 1>; sort?: SortSpec }, trace?: ReadTrace): Promise<T[]>;
  pagesByField(identity: Identity, field: string, keys: readonly string[], sort: SortSpec, page: PageArgs, trace?: ReadTrace, omit?: string[]): Promise<Map<string, Page<T> & { total?: number }>>;
  countsByField(identity: Identity, field: string, keys: readonly string[], trace?: ReadTrace): Promise<Map<string, number>>;
}

export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, any>>();
  /** Which store answered this request's list and relation reads, per entity (a response extension). */
  readonly readStores = new Map<string, ReadStoreName | 'both'>();
  readonly trace: ReadTrace = (entity, store) => {
    const was = this.readStores.get(entity);
    this.readStores.set(entity, was && was !== store ? 'both' : store);
  };

  constructor(private readonly identity: Identity) {}

  private get<V>(key: string, make: () => DataLoader<string, V>): DataLoader<string, V> {
    let l = this.loaders.get(key);
    if (!l) {
      l = make();
      this.loaders.set(key, l);
    }
    return l;
  }

  /** Records by id; a record the caller may not see loads as null, exactly like a missing one. */
  byId<T extends Keyed>(service: LoadableService<T>, projection?: Record<string, 0 | 1>, variant = ''): DataLoader<string, T | null> {
    return this.get(`id:${service.entity}:${variant}`, () =>
      new DataLoader<string, T | null>(async (ids) => {
        const docs = await service.findByIds(this.identity, ids, projection);
        const m = new Map(docs.map((d) => [d._id, d]));
        return ids.map((id) => m.get(id) ?? null);
      }),
    );
  }

  /** All records whose `field` holds the key (for small, bounded relations such as a dataset's blocks). */
  allBy<T extends Keyed>(service: LoadableService<T>, field: string, sort: SortSpec, projection?: Record<string, 0 | 1>): DataLoader<string, T[]> {
    return this.get(`all:${service.entity}:${field}:${sort.field}:${sort.direction}:${JSON.stringify(projection ?? {})}`, () =>
      new DataLoader<string, T[]>(async (keys) => {
        const docs = await service.findByField(this.identity, field, keys, { sort, projection }, this.trace);
        const m = new Map<string, T[]>(keys.map((k) => [k, []]));
        for (const d of docs) for (const v of ([] as unknown[]).concat(d[field])) if (typeof v === 'string') m.get(v)?.push(d);
        return keys.map((k) => m.get(k)!);
      }),
    );
  }

  /** One page of children per parent, for unbounded back relations (proposal → datasets, …). */
  pageBy<T extends Keyed>(service: LoadableService<T>, field: string, sort: SortSpec, page: PageArgs, omit: string[] = []): DataLoader<string, Page<T> & { total?: number }> {
    return this.get(`page:${service.entity}:${field}:${sort.field}:${sort.direction}:${page.first ?? ''}:${page.after ?? ''}:${omit.join(',')}`, () =>
      new DataLoader<string, Page<T> & { total?: number }>(async (keys) => {
        const pages = await service.pagesByField(this.identity, field, keys, sort, page, this.trace, omit);
        return keys.map((k) => pages.get(k)!);
      }),
    );
  }

  /** How many records the caller may see hold each key in `field` (a parent's child count); a key with none loads as 0. */
  countBy<T extends Keyed>(service: LoadableService<T>, field: string): DataLoader<string, number> {
    return this.get(`count:${service.entity}:${field}`, () =>
      new DataLoader<string, number>(async (keys) => {
        const counts = await service.countsByField(this.identity, field, keys, this.trace);
        return keys.map((k) => counts.get(k) ?? 0);
      }),
    );
  }

  /**
   * A batch loader for anything else a request resolves by key (for example facet labels): `batch`
   * gets every key asked for in one tick and returns one value per key, in order.
   */
  batched<V>(name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    return this.get(`batch:${name}`, () => new DataLoader<string, V>(batch));
  }
}
