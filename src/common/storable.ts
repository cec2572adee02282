// Values every supported store keeps exactly as given. FerretDB v1 refuses NaN and ±Infinity, NUL in
// strings, keys containing "." or starting with "$", and arrays directly inside arrays (it may drop the
// connection when it meets one); MongoDB refuses some of them too. Every write path (the record
// services, the outbox, ingest runs and quarantine, export jobs) passes what it writes through
// `storable`, so the same value is normalised the same way everywhere, and each change is noted with
// its JSON path and reason for the writer to report.
import { isPlainObject } from './json';

export interface StorageNote {
  /** JSON pointer of the value in what was written, e.g. /scientificMetadata/readings/1. */
  path: string;
  reason: string;
}

/** How a key with "." or a leading "$" is stored: the full-width forms, which read the same. */
export const KEY_DOT = '\uFF0E';
export const KEY_DOLLAR = '\uFF04';

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * How deep a value may nest below a record's field. MongoDB refuses documents nested deeper than 100 levels
 * (FerretDB fails further down, with an error that reads like an outage); deeper parts are kept as JSON text.
 */
export const MAX_VALUE_DEPTH = 90;

/** "__proto__" as a stored key: JavaScript gives that name a meaning of its own, so no code path may hold it. */
export const KEY_PROTO = '\uFF3F\uFF3Fproto\uFF3F\uFF3F';

/**
 * `v` as the stores keep it, with a note per change: non-finite numbers become null (`copy`: their text,
 * "NaN", for diagnostic copies such as quarantined source records); NUL characters become U+FFFD; "." and
 * a leading "$" in keys become "．" and "＄"; an array inside an array becomes {"_list": [...]}; a bigint
 * a number (or its digits when beyond 2^53); bytes {"_bytes": length}; an object or array nested deeper
 * than MAX_VALUE_DEPTH its JSON text. Dates and driver types (ObjectId) are kept as they are.
 */
export function storable(v: unknown, notes: StorageNote[], path = '', mode: 'record' | 'copy' = 'record', inArray = false, depth = 0): unknown {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    notes.push({ path, reason: `${v} is not a number the store keeps: stored as ${mode === 'copy' ? `the text "${v}"` : 'null'}` });
    return mode === 'copy' ? String(v) : null;
  }
  if (typeof v === 'string') {
    if (!v.includes('\u0000')) return v;
    notes.push({ path, reason: 'NUL characters are not kept: each stored as U+FFFD' });
    return v.replace(/\u0000/g, '\uFFFD');
  }
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (Number.isSafeInteger(n)) return n;
    notes.push({ path, reason: `${v} is beyond 2^53: stored as its digits` });
    return v.toString();
  }
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) {
    if (!Number.isNaN(v.getTime())) return v;
    notes.push({ path, reason: 'an invalid date: stored as null' });
    return null;
  }
  if (v instanceof Uint8Array) {
    notes.push({ path, reason: `${v.length} bytes of binary data: stored as their length` });
    return { _bytes: v.length };
  }
  if ((Array.isArray(v) || isPlainObject(v)) && depth > MAX_VALUE_DEPTH) {
    notes.push({ path, reason: `nests deeper than ${MAX_VALUE_DEPTH} levels (MongoDB keeps at most 100): stored as its JSON text` });
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    const items = v.map((x, i) => storable(x, notes, pointer(path, i), mode, true, depth + 1));
    if (!inArray) return items;
    notes.push({ path, reason: 'an array inside an array: stored as {"_list": [...]}' });
    return { _list: items };
  }
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    let key = k.replace(/\./g, KEY_DOT);
    if (key.startsWith('$')) key = KEY_DOLLAR + key.slice(1);
    if (key.includes('\u0000')) key = key.replace(/\u0000/g, '\uFFFD');
    if (key === '__proto__') key = KEY_PROTO;
    if (key !== k) {
      while (Object.prototype.hasOwnProperty.call(out, key) || (key !== k && Object.prototype.hasOwnProperty.call(v, key))) key += '_';
      notes.push({ path: pointer(path, k), reason: `the key ${JSON.stringify(k)} is stored as ${JSON.stringify(key)} (${keyReason(k)})` });
    }
    out[key] = storable(x, notes, pointer(path, k), mode, false, depth + 1);
  }
  return out;
}

/** Why a key is not kept as it is. */
function keyReason(k: string): string {
  if (k === '__proto__') return 'JavaScript reserves "__proto__"';
  if (k.includes('\u0000')) return 'NUL characters are not kept';
  return '"." and a leading "$" are not kept in keys';
}

/** `storable` for a value whose notes nobody reads (error texts, bookkeeping). */
export function storableQuiet<T>(v: T): T {
  return storable(v, []) as T;
}
