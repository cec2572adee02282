// Search results sorted by a column: a record field, or the values of one scientific metadata key
// (quantities by their SI value, so 12 keV and 12500 eV compare as energies). Pure functions: what
// they need to know about the key is passed in (keyInfo, as for filters).
import { errors } from '../common/errors';
import type { SortDirection } from '../common/pagination';
import { dimensionOf } from '../common/units';
import { FIELDS, type Clause, type KeyInfo } from './search.query';

/** A column to sort search results by: exactly one of `field` (see SORTABLE) and `path` (a metadata key). */
export interface SearchOrder {
  field?: string;
  path?: string;
  /** ASC when left out. */
  direction?: SortDirection;
}

/** The record fields results sort by: every search field (keywords, numbers, dates, true/false). */
export const SORTABLE = Object.keys(FIELDS);

/** The field of a metadata entry a key's values compare by, and for quantities their one dimension. */
export interface MetaValueField {
  field: 'meta.si' | 'meta.n' | 'meta.d' | 'meta.s' | 'meta.b';
  /** SI base units of the values (meta.si only). */
  dim?: string;
}

/** The tiebreak of every order: newest first, then `uid` (unique), so pages never overlap. */
const TIEBREAK = [{ time: { order: 'desc', missing: '_last' } }, { uid: 'desc' }];

/** Checks an order names exactly one of field and path; BAD_USER_INPUT naming `order` otherwise. */
export function checkOrderShape(o: SearchOrder): void {
  if (!!o.field === !!o.path) throw errors.badInput(`order: give either field (a record field) or path (a metadata path), not ${o.field ? 'both' : 'neither'}`, { field: 'order' });
}

/** The Elasticsearch sort for a record field, ties broken newest first; BAD_USER_INPUT for a field that does not sort. */
export function fieldSort(o: SearchOrder): unknown[] {
  const spec = FIELDS[o.field!];
  if (!spec) throw errors.badInput(`order: unknown field ${JSON.stringify(o.field)}; sortable fields: ${SORTABLE.join(', ')} (metadata goes in path)`, { field: 'order.field', sortable: SORTABLE });
  const asc = (o.direction ?? 'ASC') === 'ASC';
  // a record with several values (keywords, groups) sorts by its smallest going up, its largest going down
  return [{ [spec.es]: { order: asc ? 'asc' : 'desc', mode: asc ? 'min' : 'max', missing: '_last' } }, ...TIEBREAK];
}

/**
 * Quantities of a key by dimension, as "length (mm, m)": for messages about keys whose quantities
 * do not share one scale. Units the catalog does not know are left out (they have no dimension).
 */
export function describeDimensions(info: KeyInfo): string {
  const byDim = new Map<string, { kind: string; units: string[] }>();
  for (const u of info.units) {
    const d = dimensionOf(u);
    if (!d || !info.dims.includes(d.dim)) continue;
    if (!byDim.has(d.dim)) byDim.set(d.dim, { kind: d.kind, units: [] });
    byDim.get(d.dim)!.units.push(u);
  }
  return [...byDim].map(([dim, x]) => `${x.kind === 'unitless' ? dim : x.kind} (${x.units.join(', ')})`).join(', ');
}

/**
 * The value field a metadata key compares by, decided by its types as filters decide them: quantities
 * by SI value (one dimension only: `what` says what needs it in the refusal), numbers by value, dates
 * as dates, true/false, else text. Values without that form (a string among numbers, a number with no
 * or an unknown unit among quantities) have no place on the scale and count as missing.
 */
export function metaValueField(key: string, info: KeyInfo, what: string, at: string): MetaValueField {
  const t = info.types;
  if (t.includes('quantity')) {
    if (info.dims.length > 1) {
      throw errors.badInput(`${at}: ${key} holds quantities of ${info.dims.length} dimensions: ${describeDimensions(info)}; ${what} needs values of one dimension`, { field: at, path: key, dimensions: info.dims });
    }
    return { field: 'meta.si', dim: info.dims[0] };
  }
  if (t.includes('number')) return { field: 'meta.n' };
  if (t.includes('date') && !t.includes('string')) return { field: 'meta.d' };
  if (t.includes('boolean') && !t.includes('string')) return { field: 'meta.b' };
  return { field: 'meta.s' };
}

/** The unknown-path refusal filters give too, with similar paths. */
export function unknownPath(at: string, key: string, suggestions: string[]): Error {
  return errors.badInput(`${at}: no record you may see has the metadata path ${JSON.stringify(key)}${suggestions.length ? `; similar paths: ${suggestions.join(', ')}` : ''} (metadataKeys lists them)`, { field: at, path: key });
}

/** The nested clause that picks one key's entries (of one dimension for quantities). */
export function keyEntries(key: string, v: MetaValueField): Clause {
  return { bool: { filter: [{ term: { 'meta.key': key } }, ...(v.dim ? [{ term: { 'meta.dim': v.dim } }] : [])] } };
}

/**
 * The Elasticsearch nested sort by a metadata key's values (`info` from keyInfo; undefined when no
 * record the caller may see has it), ties broken newest first. A record with several values sorts by
 * its smallest going up and its largest going down; records without a value come last either way.
 */
export function metadataSort(o: SearchOrder, info: KeyInfo | undefined, suggestions: string[]): unknown[] {
  const key = o.path!;
  if (!info) throw unknownPath('order.path', key, suggestions);
  const v = metaValueField(key, info, 'sorting', 'order.path');
  const asc = (o.direction ?? 'ASC') === 'ASC';
  return [{ [v.field]: { order: asc ? 'asc' : 'desc', mode: asc ? 'min' : 'max', nested: { path: 'meta', filter: keyEntries(key, v) }, missing: '_last' } }, ...TIEBREAK];
}
