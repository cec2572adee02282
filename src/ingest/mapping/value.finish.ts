// What every compiled value goes through after it is read: empty values dropped, the lookup table, the
// default, the required check, the type conversion and the unit. A value that fails is a MapProblem.
import { convert, convertUnit, describe, ConversionError } from './convert';
import { normType, type ValueSpec } from './mapping.types';

/** One reason a source record cannot be mapped: the mapping path (a JSON pointer) and what is wrong. */
export interface MapProblem {
  path: string;
  message: string;
}

/** A compiled value: reads from `ctx` (a source record or an item of it); pushes problems, gives undefined for no value. */
export type Eval = (ctx: unknown, problems: MapProblem[]) => unknown;

/**
 * Wraps a raw reader with the steps every value spec shares. `at` is the mapping path problems name,
 * `where` the source path (or "const") they quote, `tz` the IANA zone for naive date-times. A
 * `structured` value (a list or object built from fields) is not converted. Numbers with `unit` come
 * out as { value, unit }, converted to `toUnit` (12 significant digits) when given; dates as ISO strings.
 * Never throws for bad data: a missing required value, a lookup miss or a failed conversion is a problem.
 */
export function finish(raw: Eval, s: ValueSpec, at: string, where: string, tz: string, required: boolean, omitEmpty: boolean, structured: boolean): Eval {
  const type = normType(s.type);
  const lookup = s.lookup;
  const dflt = s.value;
  return (ctx, problems) => {
    const known = problems.length;
    let v = raw(ctx, problems);
    // text of white space only is no value, like an empty string (the catalog refuses blank text)
    if (v === null || (omitEmpty && typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0 && omitEmpty && !structured)) v = undefined;
    if (v !== undefined && lookup) {
      const hit = lookup.table[String(v)];
      if (hit !== undefined) v = hit;
      else if (lookup.default !== undefined) v = lookup.default;
      else {
        problems.push({ path: `${at}/lookup`, message: `${describe(v)} (from ${where}) is not in the lookup table (known: ${Object.keys(lookup.table).slice(0, 10).join(', ')})` });
        return undefined;
      }
    }
    if (v === undefined && dflt !== undefined) v = dflt;
    if (v === undefined) {
      // a value its own reader refused (and said why) is not also reported as missing
      if (required && problems.length === known) problems.push({ path: at, message: `is required but the source has no value at ${where}` });
      return undefined;
    }
    if (!structured) {
      try {
        v = Array.isArray(v) && type !== 'json' ? v.map((x) => convert(x, type, tz)) : convert(v, type, tz);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        problems.push({ path: at, message: `${e.message} (from ${where})` });
        return undefined;
      }
    }
    if (s.unit && typeof v === 'number') {
      let unit = s.unit;
      if (s.toUnit) {
        v = round(convertUnit(v, s.unit, s.toUnit));
        unit = s.toUnit;
      }
      return { value: v, unit };
    }
    if (v instanceof Date) {
      // an untyped date the driver could not make sense of (MySQL's zero date, say) is a problem, not a crash
      if (Number.isNaN(v.getTime())) {
        problems.push({ path: at, message: `an invalid date is not a date-time (from ${where})` });
        return undefined;
      }
      return v.toISOString();
    }
    return v;
  };
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}
