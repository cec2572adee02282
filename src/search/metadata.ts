// Scientific metadata as typed key/value pairs: each leaf becomes one nested entry with its path, its
// type and the value in the matching typed field, so a mapping never grows with the keys facilities
// invent, and numbers, dates and quantities compare as what they are.
import { toSi } from '../common/units';

export type MetaType = 'string' | 'number' | 'quantity' | 'date' | 'boolean';

export interface MetaEntry {
  key: string;
  type: MetaType;
  s?: string;
  n?: number;
  d?: string;
  b?: boolean;
  unit?: string;
  si?: number;
  dim?: string;
}

/** Entries per record and values per array beyond which the rest is left out of the index (not of the catalog). */
export const MAX_ENTRIES = 2000;
const MAX_ARRAY = 50;
const MAX_DEPTH = 8;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Flattens `scientificMetadata` into entries; `{value, unit}` objects are one leaf with a unit. */
export function flattenMetadata(sm: unknown): MetaEntry[] {
  const out: MetaEntry[] = [];
  walk(sm, '', out, 0);
  return out.length > MAX_ENTRIES ? out.slice(0, MAX_ENTRIES) : out;
}

function walk(v: unknown, path: string, out: MetaEntry[], depth: number): void {
  if (out.length >= MAX_ENTRIES || v === null || v === undefined) return;
  if (Array.isArray(v)) {
    for (const item of v.slice(0, MAX_ARRAY)) if (item === null || typeof item !== 'object' || isLeaf(item)) walk(item, path, out, depth + 1);
    return;
  }
  if (v instanceof Date) return void (path && out.push({ key: path, type: 'date', d: v.toISOString() }));
  if (typeof v === 'object') {
    if (isLeaf(v)) return leaf(path, (v as any).value, typeof (v as any).unit === 'string' ? (v as any).unit : undefined, out);
    if (depth >= MAX_DEPTH) return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(child, path ? `${path}.${k}` : k, out, depth + 1);
    return;
  }
  if (path) leaf(path, v, undefined, out);
}

function isLeaf(v: object): boolean {
  return !Array.isArray(v) && !(v instanceof Date) && 'value' in v;
}

function leaf(key: string, value: unknown, unit: string | undefined, out: MetaEntry[]): void {
  if (Array.isArray(value)) {
    for (const x of value.slice(0, MAX_ARRAY)) leaf(key, x, unit, out);
    return;
  }
  const e = typedValue(key, value, unit?.trim() || undefined);
  if (e) out.push(e);
}

/** One typed entry for a scalar value; null for values that have no scalar form. */
export function typedValue(key: string, value: unknown, unit?: string): MetaEntry | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (unit) {
      const si = toSi(value, unit);
      return si ? { key, type: 'quantity', n: value, unit, si: si.si, dim: si.dim } : { key, type: 'number', n: value, unit };
    }
    return { key, type: 'number', n: value };
  }
  if (typeof value === 'boolean') return { key, type: 'boolean', b: value };
  if (value instanceof Date) return { key, type: 'date', d: value.toISOString() };
  if (typeof value === 'string') {
    const s = value.trim();
    if (!s) return null;
    if (ISO_DATE.test(s) && !Number.isNaN(Date.parse(s))) return { key, type: 'date', d: new Date(s).toISOString(), s: s.slice(0, 1024) };
    return { key, type: 'string', s: s.slice(0, 1024), ...(unit && { unit }) };
  }
  return null;
}

/** Words for the full-text field: each key and its value as written ("energy 12.5 keV"). */
export function metadataText(entries: MetaEntry[]): string[] {
  return entries.map((e) => {
    const v = e.s ?? e.n ?? e.d ?? e.b;
    return `${e.key.replace(/[._]/g, ' ')} ${v ?? ''}${e.unit ? ` ${e.unit}` : ''}`;
  });
}
