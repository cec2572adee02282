// The Elasticsearch request bodies search sends and the readers of its answers: facets, sorts,
// highlights, metadata-key aggregations, hits and logbook cursors.
import { errors } from '../common/errors';
import type { CompiledFilter, Facet, KeyInfo } from './search.query';
import type { FacetResult, Hit, SortOrder } from './search.results';

/** The index field each terms facet counts. */
export const FACET_FIELD: Record<Exclude<Facet, 'YEAR' | 'MONTH'>, string> = {
  KIND: 'kind',
  INSTRUMENT: 'instrumentId',
  PROPOSAL: 'proposalIds',
  SAMPLE: 'sampleIds',
  TYPE: 'type',
  TECHNIQUE: 'techniques',
  KEYWORD: 'keywords',
  OWNER: 'owner',
  OWNER_GROUP: 'ownerGroup',
};
/**
 * Highlights are HTML: Elasticsearch's html encoder escapes the stored text of every fragment, so the
 * only markup in them is the <mark> it adds. This is the one place stored text becomes HTML in search;
 * landing pages escape with fair/xml's esc.
 */
export const HIGHLIGHT = {
  encoder: 'html',
  require_field_match: false,
  pre_tags: ['<mark>'],
  post_tags: ['</mark>'],
  fields: { title: { number_of_fragments: 0 }, description: { fragment_size: 160, number_of_fragments: 2 }, proposalTitles: {}, sampleNames: {}, fulltext: { fragment_size: 120, number_of_fragments: 3 } },
};
/** The index fields a hit is made of. */
export const SOURCE = ['kind', 'id', 'title', 'time', 'instrumentId', 'proposalIds', 'sampleIds'];

/** The aggregation that lists metadata keys with their types and units. */
export function keyAggs(): Record<string, unknown> {
  return {
    types: { terms: { field: 'meta.type', size: 5 } },
    units: { terms: { field: 'meta.unit', size: 20 } },
    dims: { terms: { field: 'meta.dim', size: 5 } },
    records: { reverse_nested: {} },
  };
}

/** One metadata key bucket as a KeyInfo (key, types, units, record count). */
export function toKeyInfo(b: any): KeyInfo {
  return {
    key: b.key,
    count: b.records.doc_count,
    types: b.types.buckets.map((x: any) => x.key),
    units: b.units.buckets.map((x: any) => x.key),
    dims: b.dims.buckets.map((x: any) => x.key),
  };
}

/** The Elasticsearch sort of a search order, with `uid` as the unique tiebreaker. */
export function sortOf(order: SortOrder): unknown[] {
  const newest = [{ time: { order: 'desc', missing: '_last' } }, { uid: 'desc' }];
  if (order === 'NEWEST') return newest;
  if (order === 'OLDEST') return [{ time: { order: 'asc', missing: '_last' } }, { uid: 'asc' }];
  return ['_score', ...newest];
}

/** Facet aggregations: each counts under every filter except those on its own field (multi-select). */
export function facetAggs(facets: Facet[], filters: CompiledFilter[], size: number): Record<string, unknown> {
  const aggs: Record<string, unknown> = {};
  for (const f of facets) {
    const others = filters.filter((c) => !c.facets.includes(f)).map((c) => c.clause);
    const inner =
      f === 'YEAR' || f === 'MONTH'
        ? { date_histogram: { field: 'time', calendar_interval: f === 'YEAR' ? 'year' : 'month', format: f === 'YEAR' ? 'yyyy' : 'yyyy-MM', min_doc_count: 1, order: { _key: 'desc' } } }
        : { terms: { field: FACET_FIELD[f], size, order: [{ _count: 'desc' }, { _key: 'asc' }] } };
    aggs[`f_${f}`] = { filter: { bool: { filter: others } }, aggs: { v: inner } };
  }
  return aggs;
}

/** A facet aggregation's buckets, with the facet that names them (labels are read on demand). */
export function readFacet(f: Facet, agg: any): FacetResult {
  const buckets = (agg?.v?.buckets ?? []) as any[];
  return {
    facet: f,
    buckets: buckets.map((b) => ({ value: String(b.key_as_string ?? b.key), labelOf: f, count: b.doc_count })),
    otherCount: agg?.v?.sum_other_doc_count ?? 0,
  };
}

/** One Elasticsearch hit as a search Hit (the index document's summary fields and highlights). */
export function toHit(h: any): Hit {
  const s = h._source;
  return {
    kind: s.kind,
    id: s.id,
    score: typeof h._score === 'number' ? h._score : null,
    title: s.title,
    time: s.time ? new Date(s.time) : null,
    highlights: Object.entries(h.highlight ?? {}).map(([field, fragments]) => ({ field, fragments: fragments as string[] })),
    instrumentId: s.instrumentId ?? null,
    proposalIds: s.proposalIds ?? [],
    sampleIds: s.sampleIds ?? [],
  };
}

/** A logbook cursor: the last hit's sort values, base64url JSON. */
export function encodeCursor(sort: unknown[]): string {
  return Buffer.from(JSON.stringify(sort)).toString('base64url');
}

/** The sort values of a logbook cursor; INVALID_CURSOR for anything not made by encodeCursor. */
export function decodeCursor(c: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    // [time in ms, uid]: both go back to Elasticsearch, so neither is taken unchecked
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string' && v[1].length <= 300) return v;
  } catch {
    /* falls through */
  }
  throw errors.invalidCursor(c);
}
