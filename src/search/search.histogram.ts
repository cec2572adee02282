// The distribution of one numeric metadata key over a search: the request bodies (a stats pass, then
// equal-width ranges between its min and max) and the readers of their answers. Values are SI for
// quantities (so 250 mm and 0.3 m share an axis), plain numbers otherwise; counts are records.
import { errors } from '../common/errors';
import { dimensionOf } from '../common/units';
import { keyEntries, metaValueField, unknownPath, type MetaValueField } from './search.order';
import type { Clause, KeyInfo } from './search.query';

/** Buckets a histogram may ask for. */
export const MAX_BUCKETS = 100;

/** One bucket: values in [from, to) (the last one also holds `to`), and the records with such a value. */
export interface HistogramBucket {
  from: number;
  to: number;
  count: number;
}

/** The distribution of a metadata key's values over a search, in `unit` (SI) or as plain numbers (unit null). */
export interface MetadataHistogram {
  path: string;
  unit: string | null;
  /** Records with a value of the key. */
  count: number;
  min: number | null;
  max: number | null;
  buckets: HistogramBucket[];
}

/** SI units with a name of their own, by the base units js-quantities reduces them to. */
const NAMED = Object.fromEntries(
  [['K'], ['J'], ['W'], ['N'], ['Pa'], ['Hz'], ['C'], ['V'], ['ohm', 'Ω'], ['F'], ['T'], ['Wb'], ['H'], ['S']].map(([u, name]) => [dimensionOf(u)!.dim, name ?? u]),
);

/** The SI unit values of dimension `dim` are in: its name (J, Pa, K) when it has one, else its base units (m, m2, 1/m). */
export function siUnit(dim: string): string {
  return NAMED[dim] ?? dim;
}

/** Checks the bucket count is 1..MAX_BUCKETS; BAD_USER_INPUT naming `buckets` otherwise. */
export function checkBuckets(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_BUCKETS) throw errors.badInput(`buckets must be between 1 and ${MAX_BUCKETS} (got ${n})`, { field: 'buckets' });
}

/**
 * The value field a histogram of `key` reads (`info` from keyInfo; undefined when no record the caller
 * may see has it): SI values of one dimension, or plain numbers. BAD_USER_INPUT naming `path` for an
 * unknown key (with `suggestions`), a key with no numbers, and quantities of several dimensions.
 */
export function histogramField(key: string, info: KeyInfo | undefined, suggestions: string[]): MetaValueField {
  if (!info) throw unknownPath('path', key, suggestions);
  if (!info.types.some((t) => t === 'number' || t === 'quantity')) {
    throw errors.badInput(`path: ${key} holds ${info.types.join(', ')} values; a histogram needs numbers or quantities`, { field: 'path', path: key, types: info.types });
  }
  return metaValueField(key, info, 'a histogram', 'path');
}

/** Aggregations over one key's entries (nested, of one dimension), with `inner` beside their record count. */
function overEntries(key: string, v: MetaValueField, inner: Record<string, unknown>): Record<string, unknown> {
  return { meta: { nested: { path: 'meta' }, aggs: { key: { filter: keyEntries(key, v), aggs: { ...inner, records: { reverse_nested: {} } } } } } };
}

/** The first pass: min and max of the key's values and the records that have one. */
export function statsBody(query: Clause, key: string, v: MetaValueField): Record<string, unknown> {
  return { size: 0, query, aggs: overEntries(key, v, { stats: { stats: { field: v.field } } }) };
}

/** Reads the first pass: records with a value, min and max (null when none). */
export function readStats(r: any): { count: number; min: number | null; max: number | null } {
  const k = r.aggregations.meta.key;
  return { count: k.records.doc_count, min: k.stats.count ? k.stats.min : null, max: k.stats.count ? k.stats.max : null };
}

/** `n` equal-width buckets between min and max; one bucket when every value is the same. */
export function edges(min: number, max: number, n: number): { from: number; to: number }[] {
  if (max <= min) return [{ from: min, to: max }];
  const w = (max - min) / n;
  return Array.from({ length: n }, (_, i) => ({ from: i === 0 ? min : min + i * w, to: i === n - 1 ? max : min + (i + 1) * w }));
}

/** The second pass: records per bucket (range aggregation; the last range is open so it holds max). */
export function rangesBody(query: Clause, key: string, v: MetaValueField, buckets: { from: number; to: number }[]): Record<string, unknown> {
  const ranges = buckets.map((b, i) => (i === buckets.length - 1 ? { from: b.from } : { from: b.from, to: b.to }));
  return { size: 0, query, aggs: overEntries(key, v, { ranges: { range: { field: v.field, ranges }, aggs: { records: { reverse_nested: {} } } } }) };
}

/** Reads the second pass: each bucket's record count, in the order of `buckets`. */
export function readRanges(r: any, buckets: { from: number; to: number }[]): HistogramBucket[] {
  const got = r.aggregations.meta.key.ranges.buckets as any[];
  return buckets.map((b, i) => ({ ...b, count: got[i]?.records.doc_count ?? 0 }));
}
