// Typed conversion of source values: the mapping says what a value is; the source says what it has.
// A value that cannot be converted is an error naming both, which quarantines the row.
import type { ValueType } from './mapping.types';

export class ConversionError extends Error {}

/** Cut to 60 characters for a message. */
const cut = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * A source value as an error message shows it; never throws, whatever a driver handed over: strings
 * quoted and cut at 60 characters, objects and lists as JSON (bigints inside as their digits) cut the
 * same way, NaN, Infinity and bigints as written, a Date as ISO 8601 or "an invalid date".
 */
export const describe = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(cut(v));
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid date' : v.toISOString();
  if (v !== null && typeof v === 'object') return cut(jsonOf(v));
  return String(v);
};

/** JSON of a source object with bigints as bare digits; a structure JSON cannot hold (a cycle) as "[object]". */
function jsonOf(v: object): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `__bigint__${x}` : x)).replace(/"__bigint__(-?\d+)"/g, '$1');
  } catch {
    return '[object]';
  }
}

/**
 * Converts a source value to the mapping's `type`; null and undefined give undefined (the field is left out).
 * No type keeps the value (an exact bigint becomes a number); "datetime" gives a Date, reading a naive
 * date-time in `tz` (an IANA zone); "string" writes a Date as ISO 8601. Throws ConversionError naming the
 * value when it does not fit (a fraction or a number beyond 2^53 for "long", outside 32 bits for "int").
 */
export function convert(v: unknown, type: ValueType | undefined, tz: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (type) {
    case undefined:
      // a whole number beyond 2^53 stays a bigint: the write stores its digits with a storage note
      return typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v;
    case 'json':
      return v;
    case 'string':
      if (typeof v === 'object' && !(v instanceof Date)) throw new ConversionError(`${describe(v)} is an object or list, not a string`);
      return v instanceof Date ? toDate(v, tz).toISOString() : String(v);
    case 'int':
    case 'long': {
      const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw new ConversionError(`${describe(v)} is not a number (expected ${type})`);
      if (!Number.isInteger(n)) throw new ConversionError(`${describe(v)} is not a whole number (expected ${type})`);
      if (type === 'int' && (n < -2147483648 || n > 2147483647)) throw new ConversionError(`${describe(v)} is out of the 32-bit int range`);
      if (!Number.isSafeInteger(n)) throw new ConversionError(`${describe(v)} is beyond 2^53 and cannot be stored exactly`);
      return n;
    }
    case 'number': {
      const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : typeof v === 'number' ? v : NaN;
      if (!Number.isFinite(n)) throw new ConversionError(`${describe(v)} is not a number`);
      return n;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      const s = String(v).trim().toLowerCase();
      if (['true', 't', 'yes', 'y', '1'].includes(s)) return true;
      if (['false', 'f', 'no', 'n', '0'].includes(s)) return false;
      throw new ConversionError(`${describe(v)} is not a boolean (use true/false, yes/no or 1/0)`);
    }
    case 'datetime':
      return toDate(v, tz);
  }
}


const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;

/** A Date from an ISO string with zone, a naive "YYYY-MM-DD hh:mm:ss" in `tz`, epoch seconds or ms, or a Date. */
export function toDate(v: unknown, tz: string): Date {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new ConversionError('an invalid date is not a date-time');
    return v;
  }
  if (typeof v === 'number') {
    // epoch seconds below 10^11 (until the year 5138), milliseconds above
    const d = new Date(v < 1e11 ? v * 1000 : v);
    if (Number.isNaN(d.getTime())) throw new ConversionError(`${describe(v)} is not a date-time: beyond the dates JavaScript and JSON can hold`);
    return d;
  }
  if (typeof v !== 'string') throw new ConversionError(`${describe(v)} is not a date-time`);
  const s = v.trim();
  const m = NAIVE.exec(s);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', se = '0', frac = '0'] = m.slice(1);
    const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), Number(frac.padEnd(3, '0').slice(0, 3))] as const;
    const utc = Date.UTC(...parts);
    const back = new Date(utc);
    if (Number(mo) < 1 || Number(mo) > 12 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) {
      throw new ConversionError(`${describe(v)} is not a valid date-time`);
    }
    return new Date(utc - zoneOffsetMs(tz, utc));
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new ConversionError(`${describe(v)} is not a date-time (expected ISO 8601, or "YYYY-MM-DD hh:mm:ss" in ${tz})`);
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
/** How far `tz` is ahead of UTC at the wall-clock instant `utcWall` (read as if it were UTC). */
function zoneOffsetMs(tz: string, utcWall: number): number {
  if (tz === 'UTC') return 0;
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmtCache.set(tz, f);
  }
  const at = (t: number) => {
    const p = Object.fromEntries(f!.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(t / 1000) * 1000;
  };
  const guess = at(utcWall);
  return at(utcWall - guess);
}

/** True when `tz` is a time zone the runtime knows: an IANA name such as "Europe/Berlin", or "UTC". */
export function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export { unitProblem, sameDimension, convertUnit } from '../../common/units';
