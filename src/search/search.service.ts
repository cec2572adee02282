// Owns reading the search index for callers: full-text search with highlights and facets, the
// hierarchy drill-down, the logbook, the metadata key list and a numeric key's histogram. Every request
// carries the caller's access filter, so results, counts, facets, keys and histograms only ever reflect
// records the caller may see.
import type { Identity } from '../auth';
import { errors } from '../common/errors';
import type { SearchBackend } from './search.backend';
import { SEARCHABLE, type SearchKind } from './document';
import {
  FACETS,
  FIELDS,
  accessClause,
  checkFilterShape,
  fieldFilter,
  metadataFilter,
  textClause,
  type Clause,
  type CompiledFilter,
  type Facet,
  type KeyInfo,
  type SearchQuery,
} from './search.query';
import { HIGHLIGHT, SOURCE, decodeCursor, encodeCursor, facetAggs, keyAggs, readFacet, sortOf, toHit, toKeyInfo } from './search.bodies';
import type { Hit, LogbookPage, SearchPage, SortOrder, TreeLevel, TreePath, TreeResult } from './search.results';
import { checkOrderShape, fieldSort, metadataSort, type SearchOrder } from './search.order';
import { checkBuckets, edges, histogramField, rangesBody, readRanges, readStats, siUnit, statsBody, type MetadataHistogram } from './search.histogram';
export * from './search.results';
const MAX_WINDOW = 10_000;
const LEVEL_FIELD: Record<Exclude<TreeLevel, 'DATASET'>, string> = { INSTRUMENT: 'instrumentId', PROPOSAL: 'proposalIds', SAMPLE: 'sampleIds' };

export class SearchService {
  constructor(private readonly backend: SearchBackend) {}

  /** True when an Elasticsearch URL is configured (the index may still be unbuilt or unreachable). */
  get available(): boolean {
    return this.backend.configured;
  }

  /** Runs one Elasticsearch search, mapping its failures to catalog errors. */
  private async run(body: Record<string, unknown>): Promise<any> {
    try {
      return await this.backend.es().search({ index: this.backend.alias, ...body } as any);
    } catch (e) {
      throw this.backend.wrap(e);
    }
  }

  /** What the index holds for these metadata keys, among what `id` may see (one aggregation). */
  async keyInfo(id: Identity, keys: string[]): Promise<Map<string, KeyInfo>> {
    if (!keys.length) return new Map();
    const r = await this.run({
      size: 0,
      query: this.scope(id, []),
      aggs: {
        meta: {
          nested: { path: 'meta' },
          aggs: { keys: { filter: { terms: { 'meta.key': keys } }, aggs: { key: { terms: { field: 'meta.key', size: keys.length }, aggs: keyAggs() } } } },
        },
      },
    });
    return new Map(r.aggregations.meta.keys.key.buckets.map((b: any) => [b.key, toKeyInfo(b)]));
  }

  private scope(id: Identity, filter: Clause[], kinds?: SearchKind[]): Clause {
    const access = accessClause(id);
    return { bool: { filter: [...(access ? [access] : []), { terms: { kind: kinds?.length ? kinds : SEARCHABLE } }, ...filter] } };
  }

  /** Compiles the query's filters; metadata paths are checked against what the caller can see. */
  async compile(id: Identity, q: SearchQuery): Promise<{ query: Clause; facetFilters: CompiledFilter[]; textShould: Clause[] }> {
    const filters = q.filters ?? [];
    filters.forEach((f, i) => checkFilterShape(i, f));
    const paths = [...new Set(filters.filter((f) => f.path).map((f) => f.path!))];
    const info = await this.keyInfo(id, paths);
    const compiled: CompiledFilter[] = [];
    for (const [i, f] of filters.entries()) {
      if (f.field) compiled.push(fieldFilter(i, f));
      else compiled.push(metadataFilter(i, f, info.get(f.path!), info.has(f.path!) ? [] : await this.similarKeys(id, f.path!)));
    }
    const { must, should } = textClause(q.text);
    const plain = compiled.filter((c) => !c.facets.length).map((c) => c.clause);
    const query = this.scope(id, plain, q.kinds);
    (query.bool as any).must = must;
    return { query, facetFilters: compiled.filter((c) => c.facets.length), textShould: should };
  }

  private async similarKeys(id: Identity, path: string): Promise<string[]> {
    const stem = path.split('.')[0].slice(0, 3);
    if (!stem) return [];
    const keys = await this.metadataKeys(id, { prefix: stem, first: 5 });
    return keys.map((k) => k.key);
  }

  /** The Elasticsearch sort of `order` (a field, or a metadata path checked against what `id` may see). */
  private async orderSort(id: Identity, order: SearchOrder): Promise<unknown[]> {
    checkOrderShape(order);
    if (order.field) return fieldSort(order);
    const info = await this.keyInfo(id, [order.path!]);
    return metadataSort(order, info.get(order.path!), info.size ? [] : await this.similarKeys(id, order.path!));
  }

  /**
   * Full-text search with filters, facets and highlights; offset paging. `order` (a record field or a
   * metadata path) wins over `sort`; either way ties go newest first.
   */
  async search(id: Identity, q: SearchQuery, opts: { first: number; offset: number; sort?: SortOrder; order?: SearchOrder; facets?: Facet[]; facetSize?: number }): Promise<SearchPage> {
    if (opts.offset < 0) throw errors.badInput(`offset must be 0 or more (got ${opts.offset})`, { field: 'offset' });
    if (opts.offset + opts.first > MAX_WINDOW) {
      throw errors.badInput(`offset + first = ${opts.offset + opts.first} is beyond the ${MAX_WINDOW} results a search can page through; narrow the query or page with logbook's cursor`, { field: 'offset' });
    }
    const [{ query, facetFilters, textShould }, ordered] = await Promise.all([this.compile(id, q), opts.order && this.orderSort(id, opts.order)]);
    const sort = opts.sort ?? (q.text?.trim() ? 'RELEVANCE' : 'NEWEST');
    const all = facetFilters.map((f) => f.clause);
    const r = await this.run({
      from: opts.offset,
      size: opts.first,
      track_total_hits: true,
      query: { bool: { ...(query.bool as object), should: textShould } },
      ...(all.length && { post_filter: { bool: { filter: all } } }),
      sort: ordered ?? sortOf(sort),
      _source: SOURCE,
      ...(q.text?.trim() && { highlight: HIGHLIGHT }),
      aggs: facetAggs(opts.facets ?? [], facetFilters, opts.facetSize ?? 20),
    });
    const total = r.hits.total.value as number;
    if (opts.offset > 0 && opts.offset >= total) {
      throw errors.badInput(`offset ${opts.offset} is beyond the last result: the query matches ${total} record${total === 1 ? '' : 's'}`, { field: 'offset', total });
    }
    // bucket labels (instrument, proposal and sample names) are read only when a caller asks for them
    const facets = (opts.facets ?? []).map((f) => readFacet(f, r.aggregations?.[`f_${f}`]));
    return { totalCount: total, offset: opts.offset, hits: r.hits.hits.map(toHit), facets, tookMs: r.took };
  }

  /** One level of the hierarchy under `path`, with dataset counts per child. */
  async tree(id: Identity, q: SearchQuery, path: TreePath, opts: { first: number }): Promise<TreeResult> {
    const { query, facetFilters, textShould } = await this.compile(id, { ...q, kinds: ['dataset'] });
    const narrowed: Clause[] = facetFilters.map((f) => f.clause);
    if (path.instrumentId) narrowed.push({ term: { instrumentId: path.instrumentId } });
    if (path.proposalId) narrowed.push({ term: { proposalIds: path.proposalId } });
    if (path.sampleId) narrowed.push({ term: { sampleIds: path.sampleId } });
    (query.bool as any).filter.push(...narrowed);
    const level: TreeLevel = path.sampleId ? 'DATASET' : path.proposalId ? 'SAMPLE' : path.instrumentId ? 'PROPOSAL' : 'INSTRUMENT';
    if (level === 'DATASET') {
      const r = await this.run({ size: opts.first, track_total_hits: true, query, sort: sortOf('NEWEST'), _source: SOURCE });
      return { level, datasetCount: r.hits.total.value, nodes: [], missingCount: 0, otherCount: Math.max(0, r.hits.total.value - r.hits.hits.length), datasets: r.hits.hits.map(toHit) };
    }
    const field = LEVEL_FIELD[level];
    const r = await this.run({
      size: 0,
      track_total_hits: true,
      query: { bool: { ...(query.bool as object), should: textShould } },
      aggs: { nodes: { terms: { field, size: opts.first, order: [{ _count: 'desc' }, { _key: 'asc' }] } }, missing: { missing: { field } } },
    });
    const buckets = r.aggregations.nodes.buckets as { key: string; doc_count: number }[];
    const facet: Facet = level === 'INSTRUMENT' ? 'INSTRUMENT' : level === 'PROPOSAL' ? 'PROPOSAL' : 'SAMPLE';
    return {
      level,
      datasetCount: r.hits.total.value,
      nodes: buckets.map((b) => ({ id: b.key, labelOf: facet, count: b.doc_count })),
      missingCount: r.aggregations.missing.doc_count,
      otherCount: r.aggregations.nodes.sum_other_doc_count,
      datasets: [],
    };
  }

  /** Newest first, grouped by day (in `timeZone`), with cursor paging. */
  async logbook(id: Identity, q: SearchQuery, opts: { first: number; after?: string; timeZone?: string }): Promise<LogbookPage> {
    const tz = opts.timeZone ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: tz });
    } catch {
      throw errors.badInput(`timeZone ${JSON.stringify(tz)} is not an IANA time zone such as Europe/Berlin or UTC`, { field: 'timeZone' });
    }
    const searchAfter = opts.after !== undefined ? decodeCursor(opts.after) : undefined;
    const { query, facetFilters, textShould } = await this.compile(id, q);
    (query.bool as any).filter.push(...facetFilters.map((f) => f.clause));
    const r = await this.run({
      size: opts.first + 1,
      track_total_hits: true,
      query: { bool: { ...(query.bool as object), should: textShould } },
      sort: sortOf('NEWEST'),
      ...(searchAfter && { search_after: searchAfter }),
      _source: SOURCE,
      ...(q.text?.trim() && { highlight: HIGHLIGHT }),
    });
    const raw = r.hits.hits as any[];
    const page = raw.slice(0, opts.first);
    const days = new Map<string, Hit[]>();
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const h of page) {
      const t = h._source.time as string | undefined;
      const day = t ? dayOf.format(new Date(t)) : 'undated';
      if (!days.has(day)) days.set(day, []);
      days.get(day)!.push(toHit(h));
    }
    const counts = await this.dayCounts(query, textShould, [...days.keys()].filter((d) => d !== 'undated'), tz);
    return {
      totalCount: r.hits.total.value,
      days: [...days].map(([day, entries]) => ({ day, count: counts.get(day) ?? entries.length, entries })),
      endCursor: page.length ? encodeCursor(page[page.length - 1].sort) : opts.after ?? null,
      hasNextPage: raw.length > opts.first,
    };
  }

  private async dayCounts(query: Clause, should: Clause[], days: string[], tz: string): Promise<Map<string, number>> {
    if (!days.length) return new Map();
    const sorted = [...days].sort();
    const r = await this.run({
      size: 0,
      query: { bool: { ...(query.bool as object), should, filter: [...(query.bool as any).filter, { range: { time: { gte: sorted[0], lte: sorted[sorted.length - 1], format: 'yyyy-MM-dd', time_zone: tz } } }] } },
      aggs: { days: { date_histogram: { field: 'time', calendar_interval: 'day', time_zone: tz, format: 'yyyy-MM-dd', min_doc_count: 1 } } },
    });
    return new Map(r.aggregations.days.buckets.map((b: any) => [b.key_as_string, b.doc_count]));
  }

  /** The metadata keys in records `id` may see (optionally narrowed by a query), with types and units. */
  async metadataKeys(id: Identity, opts: { prefix?: string; first: number; query?: SearchQuery }): Promise<KeyInfo[]> {
    const compiled = opts.query && (await this.compile(id, opts.query));
    const base = compiled ? compiled.query : this.scope(id, []);
    if (compiled) (base.bool as any).filter.push(...compiled.facetFilters.map((f) => f.clause));
    const prefix = opts.prefix ? { prefix: { 'meta.key': opts.prefix } } : { match_all: {} };
    const r = await this.run({
      size: 0,
      query: base,
      aggs: { meta: { nested: { path: 'meta' }, aggs: { keys: { filter: prefix, aggs: { key: { terms: { field: 'meta.key', size: opts.first, order: { _key: 'asc' } }, aggs: keyAggs() } } } } } },
    });
    return r.aggregations.meta.keys.key.buckets.map(toKeyInfo);
  }

  /**
   * The distribution of the numeric metadata key `path` over the records matching `q` that `id` may
   * see: SI values for quantities (unit: the SI unit), plain numbers otherwise (unit null), in `buckets`
   * equal widths between min and max. Counts are records: one with several values counts in each bucket
   * it has a value in. Two index requests: min and max, then the buckets.
   */
  async histogram(id: Identity, q: SearchQuery, path: string, buckets: number): Promise<MetadataHistogram> {
    checkBuckets(buckets);
    const [{ query, facetFilters }, info] = await Promise.all([this.compile(id, q), this.keyInfo(id, [path])]);
    const v = histogramField(path, info.get(path), info.size ? [] : await this.similarKeys(id, path));
    (query.bool as any).filter.push(...facetFilters.map((f) => f.clause));
    const stats = readStats(await this.run(statsBody(query, path, v)));
    const unit = v.dim ? siUnit(v.dim) : null;
    if (stats.min === null || stats.max === null) return { path, unit, count: 0, min: null, max: null, buckets: [] };
    const ranges = edges(stats.min, stats.max, buckets);
    const counted = readRanges(await this.run(rangesBody(query, path, v, ranges)), ranges);
    return { path, unit, count: stats.count, min: stats.min, max: stats.max, buckets: counted };
  }
}

export { FACETS, FIELDS };
