// Owns the connection to Elasticsearch and the index behind the alias: which physical index is live,
// creating it from the committed definition, and turning Elasticsearch's failures into catalog errors.
import fs from 'node:fs';
import path from 'node:path';
import { Client, errors as esErrors } from '@elastic/elasticsearch';
import { projectRoot } from '../common/paths';
import { CatalogError, errors } from '../common/errors';
import { logger } from '../common/logger';

export interface IndexDefinition {
  version: number;
  settings: Record<string, unknown>;
  mappings: Record<string, unknown>;
}

/** The committed index definition (schema/elasticsearch/records.v<N>.json, highest N). */
export function indexDefinition(): IndexDefinition {
  const dir = path.join(projectRoot(), 'schema', 'elasticsearch');
  const files = fs.readdirSync(dir).filter((f) => /^records\.v\d+\.json$/.test(f));
  const latest = files.sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0])).pop();
  if (!latest) throw new Error(`no index definition in ${dir}`);
  const def = JSON.parse(fs.readFileSync(path.join(dir, latest), 'utf8'));
  return { version: def.version, settings: def.settings, mappings: def.mappings };
}

export interface SearchSettings {
  url?: string;
  /** Prefix of the alias and index names, so several catalogs (or test files) share one cluster. */
  prefix: string;
  requestTimeoutMs?: number;
}

export class SearchBackend {
  readonly client?: Client;
  readonly alias: string;
  readonly definition = indexDefinition();

  constructor(readonly settings: SearchSettings) {
    this.alias = `${settings.prefix}-records`;
    if (settings.url) this.client = new Client({ node: settings.url, requestTimeout: settings.requestTimeoutMs ?? 30000, maxRetries: 1 });
  }

  /** True when an Elasticsearch URL is set; without one, search is unavailable and lists read MongoDB. */
  get configured(): boolean {
    return !!this.client;
  }

  /** The client, or the error that says search is not available and why. */
  es(): Client {
    if (!this.client) throw errors.unavailable('search', 'ELASTICSEARCH_URL is not set (scripts/services.sh starts a local Elasticsearch); the rest of the catalog works without it');
    return this.client;
  }

  /** A new physical index name for the current definition. */
  newIndexName(): string {
    return `${this.settings.prefix}-records-v${this.definition.version}-${Date.now().toString(36)}`;
  }

  /**
   * Creates physical index `name` with the committed definition's mappings and settings; `overrides` replace settings
   * (e.g. refresh_interval during a rebuild). Raises SERVICE_UNAVAILABLE without an Elasticsearch URL.
   */
  async createIndex(name: string, overrides: Record<string, unknown> = {}): Promise<void> {
    await this.es().indices.create({ index: name, settings: { ...this.definition.settings, ...overrides } as any, mappings: this.definition.mappings as any });
  }

  /** The indices the alias points at now (one, except in the instant of a swap). */
  async liveIndices(): Promise<string[]> {
    try {
      const r = await this.es().indices.getAlias({ name: this.alias });
      return Object.keys(r);
    } catch (e) {
      if (e instanceof esErrors.ResponseError && e.statusCode === 404) return [];
      throw this.wrap(e);
    }
  }

  /** The definition version an index was built from (from its name). */
  static versionOf(index: string): number {
    return Number(index.match(/-records-v(\d+)-/)?.[1] ?? 0);
  }

  /** Creates the first index and the alias when there is none; returns the live index. */
  async ensureIndex(): Promise<{ index: string; created: boolean; outdated: boolean }> {
    const live = await this.liveIndices();
    if (live.length) return { index: live[0], created: false, outdated: SearchBackend.versionOf(live[0]) < this.definition.version };
    const index = this.newIndexName();
    await this.createIndex(index);
    try {
      await this.es().indices.updateAliases({ actions: [{ add: { index, alias: this.alias, is_write_index: true } }] });
    } catch (e) {
      // another process made the alias first: use theirs
      await this.es().indices.delete({ index }).catch(() => undefined);
      const again = await this.liveIndices();
      if (again.length) return { index: again[0], created: false, outdated: false };
      throw this.wrap(e);
    }
    return { index, created: true, outdated: false };
  }

  /** Points the alias at `index` alone and drops the indices it pointed at before. */
  async swap(index: string): Promise<string[]> {
    const old = (await this.liveIndices()).filter((i) => i !== index);
    await this.es().indices.updateAliases({
      actions: [...old.map((i) => ({ remove: { index: i, alias: this.alias } })), { add: { index, alias: this.alias, is_write_index: true } }],
    });
    for (const i of old) await this.es().indices.delete({ index: i }).catch(() => undefined);
    return old;
  }

  /** Every index of this catalog (alias or not), for clean-up. */
  async allIndices(): Promise<string[]> {
    const r = await this.es().cat.indices({ index: `${this.settings.prefix}-records-*`, format: 'json', h: 'index' } as any);
    return (r as any[]).map((x) => x.index);
  }

  /** Maps Elasticsearch failures to catalog errors: unreachable → unavailable; bad query → input error. */
  wrap(e: unknown, what = 'search'): Error {
    if (e instanceof CatalogError) return e;
    if (e instanceof esErrors.ConnectionError || e instanceof esErrors.TimeoutError || e instanceof esErrors.NoLivingConnectionsError) {
      // the address and the socket error are for the operator's log, not for callers
      logger.warn({ url: this.settings.url, err: (e as Error).message }, 'Elasticsearch is not reachable');
      return errors.unavailable(what, 'Elasticsearch is not reachable');
    }
    if (e instanceof esErrors.ResponseError) {
      const body: any = e.body;
      const cause = body?.error?.root_cause?.[0] ?? body?.error;
      const reason: string = cause?.reason ?? e.message;
      if (e.statusCode === 400 && /query_shard_exception|parse_exception|query_string|search_phase_execution_exception/.test(`${cause?.type} ${body?.error?.type}`)) {
        const inner = body?.error?.failed_shards?.[0]?.reason?.caused_by?.reason ?? body?.error?.caused_by?.reason;
        return errors.badInput(`text: the query cannot be parsed: ${inner ?? reason}`, { field: 'text' });
      }
      if (e.statusCode === 429 || e.statusCode === 503) return errors.unavailable(what, `Elasticsearch is overloaded (${reason})`);
      return new Error(`Elasticsearch ${e.statusCode}: ${cause?.type ?? ''} ${reason}`);
    }
    return e as Error;
  }

  /** Closes the Elasticsearch client, if there is one. */
  async close(): Promise<void> {
    await this.client?.close();
  }
}
