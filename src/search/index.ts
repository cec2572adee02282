// Search: the Elasticsearch index of the catalog, kept in sync from the outbox.
import type { Db } from 'mongodb';
import type { Config } from '../config';
import { OutboxRepository, StoredRecords } from '../catalog';
import { SearchBackend, type SearchSettings } from './search.backend';
import { SearchIndexer } from './search.indexer';
import { SearchService } from './search.service';
import { SearchState } from './search.state';
import { SearchSync, type SyncOptions } from './search.sync';
import { IndexReadStore, type ReadStoreMode } from './search.reads';

export { SearchBackend, indexDefinition, type SearchSettings } from './search.backend';
export { SearchIndexer } from './search.indexer';
export { SearchService } from './search.service';
export { SearchState } from './search.state';
export { SearchSync } from './search.sync';
export { IndexReadStore, type ReadStoreMode } from './search.reads';
export * from './search.query';
export { SORTABLE, type SearchOrder } from './search.order';
export { MAX_BUCKETS, type HistogramBucket, type MetadataHistogram } from './search.histogram';
export { qFields } from './mongo.filter';

/** The parts of search one process uses, built from its settings. */
export class Search {
  readonly backend: SearchBackend;
  readonly state: SearchState;
  readonly indexer: SearchIndexer;
  readonly service: SearchService;
  readonly sync: SearchSync;
  /** Lists, relations and counts for the record services (null results mean: read MongoDB). */
  readonly reads: IndexReadStore;

  private readonly outbox: OutboxRepository;

  constructor(db: Db, settings: SearchSettings, sync: SyncOptions = { pollMs: 250, batch: 500 }, readStore: ReadStoreMode = 'elasticsearch') {
    this.backend = new SearchBackend(settings);
    this.state = new SearchState(db, this.backend.alias);
    this.outbox = new OutboxRepository(db);
    this.indexer = new SearchIndexer(new StoredRecords(db), this.outbox, this.backend);
    this.service = new SearchService(this.backend);
    this.sync = new SearchSync(this.outbox, this.backend, this.indexer, this.state, sync);
    this.reads = new IndexReadStore(this.backend, this.state, this.indexer, readStore);
  }

  /** Availability and lag; error details only for stewards and admins. */
  async status(details: boolean): Promise<{ available: boolean; reason: string | null; alias: string | null; indices: string[]; documents: number | null; indexedAt?: Date; lastError: string | null; pending: number }> {
    const st = await this.state.get();
    const pending = st?.checkpoint ? await this.outbox.countAfter(st.checkpoint) : 0;
    const refused = st?.refused ? `Elasticsearch refused ${st.refused.count} document(s) at ${st.refused.at.toISOString()}, e.g. ${st.refused.first}; catalog search check lists them` : null;
    const base = { alias: this.backend.alias, indexedAt: st?.indexedAt ?? undefined, lastError: details ? st?.lastError ?? refused : null, pending };
    if (!this.backend.configured) return { ...base, available: false, reason: 'ELASTICSEARCH_URL is not set', indices: [], documents: null };
    try {
      const indices = await this.backend.liveIndices();
      const documents = indices.length ? (await this.backend.es().count({ index: this.backend.alias })).count : 0;
      return { ...base, available: indices.length > 0, reason: indices.length ? null : 'the index is not built yet', indices, documents };
    } catch (e) {
      return { ...base, available: false, reason: this.backend.wrap(e).message, indices: [], documents: null };
    }
  }

  /** Stops the sync worker, then closes the Elasticsearch client. */
  async close(): Promise<void> {
    await this.sync.stop();
    await this.backend.close();
  }
}

/** The search part of createServices' options, from the configuration. */
export function searchOptions(cfg: Pick<Config, 'elasticsearchUrl' | 'searchIndex' | 'searchPollMs' | 'searchBatch'> & Partial<Pick<Config, 'readStore'>>) {
  return { settings: { url: cfg.elasticsearchUrl, prefix: cfg.searchIndex }, pollMs: cfg.searchPollMs, batch: cfg.searchBatch, readStore: cfg.readStore ?? 'elasticsearch' };
}
