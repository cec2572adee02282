import { createHash } from 'node:crypto';

/** A JSON object as the catalog passes records around (values not narrowed). */
export type Json = Record<string, any>;

/**
 * True for a plain object (a JSON object): by its prototype, never by its `constructor` property,
 * which a key of that name in the data would shadow.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets an own property, also for the key "__proto__" (JSON.parse makes it an own key; a plain
 * assignment would change the object's prototype instead and lose the value).
 */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** The JSON form of a value: Dates become ISO strings, undefined members are dropped. */
export function toJsonForm(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJsonForm);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) setOwn(out, k, toJsonForm(x));
    return out;
  }
  return v;
}

/**
 * Turns ISO strings at the given paths back into Dates for storage.
 * A path is dot-separated; `*` walks every element of an array.
 */
export function reviveDates(doc: Record<string, unknown>, paths: string[]): void {
  for (const p of paths) revive(doc, p.split('.'));
}

function revive(node: any, parts: string[]): void {
  if (node == null || typeof node !== 'object') return;
  const [head, ...rest] = parts;
  if (head === '*') {
    if (Array.isArray(node)) for (const el of node) revive(el, rest);
    return;
  }
  if (rest.length === 0) {
    if (typeof node[head] === 'string') node[head] = new Date(node[head]);
    return;
  }
  revive(node[head], rest);
}

/** A stable content hash: key order does not matter. */
export function contentHash(v: unknown): string {
  return createHash('sha1').update(stableStringify(v)).digest('base64url');
}

function stableStringify(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as any)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((v as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
