// Two kinds of computed value: a file series (one file entry per image, expanded from a template such as
// "sample_1_####.cbf" or "scan_%05d.tif", a first number and a count, as MX databases store collections) and a
// switch (the spec of the case the source value names). Each reads its raw value; finish does the rest.
import { describe } from './convert';
import { compilePath } from './paths';
import type { FieldSpec, ValueSpec } from './mapping.types';
import type { Eval, MapProblem } from './value.finish';

/** How many entries a series may expand to unless the spec says otherwise: what one origdatablock holds (a guard against a wrong count column too). */
export const MAX_SERIES_FILES = 20_000;

/** A parsed template: the text before and after the number, its width and padding (0: none), or none for a single file. */
export interface SeriesTemplate {
  head: string;
  tail: string;
  width: number;
  /** "0" (a # run, %05d) or " " (printf %5d). */
  pad: string;
  numbered: boolean;
}

/**
 * Parses a file template. A run of `#` (width = the run's length) or a printf conversion `%d`, `%0Nd` or `%Nd`
 * stands for the image number; a template with neither names one file. Throws Error naming the problem when
 * it has more than one placeholder.
 */
export function parseSeriesTemplate(t: string): SeriesTemplate {
  // %% is a literal %, as in printf; it is kept out of the search for the number
  const re = /%%|#+|%(0?)(\d*)d/g;
  const found = [...t.matchAll(re)].filter((m) => m[0] !== '%%');
  const literal = (s: string) => s.replace(/%%/g, '%');
  if (found.length > 1) throw new Error(`${JSON.stringify(t)} has ${found.length} image-number placeholders; a file template has one (#### or %05d)`);
  const segments = literal(t).split('/');
  if (t.startsWith('/') || segments.some((s) => s === '..')) throw new Error(`${JSON.stringify(t)} leads out of the collection's folder; a file template names files inside it`);
  if (!found.length) return { head: literal(t), tail: '', width: 0, pad: '0', numbered: false };
  const m = found[0];
  const hash = m[0].startsWith('#');
  return { head: literal(t.slice(0, m.index)), tail: literal(t.slice(m.index! + m[0].length)), width: hash ? m[0].length : Number(m[2] || 0), pad: hash || m[1] === '0' ? '0' : ' ', numbered: true };
}

/** The file names of `count` images from `first` (zero-padded to the template's width; a wider number is written whole). */
export function seriesNames(t: SeriesTemplate, first: number, count: number): string[] {
  if (!t.numbered) return count > 0 ? [t.head] : [];
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = `${t.head}${String(first + i).padStart(t.width, t.pad)}${t.tail}`;
  return out;
}

/**
 * fileSeries: a list of file entries {path}, one per image, `path` under `directory` when the spec gives one.
 * Sizes and times are left out (unknown): the run fills them from the file system when a storage root is
 * configured. No value when the template or the count has none; a count that is not a whole number ≥ 0, or
 * above maxFiles, and a template with two placeholders are problems at `at`.
 */
export function compileFileSeries(s: NonNullable<ValueSpec['fileSeries']>, at: string): Eval {
  const template = compilePath(s.template);
  const first = s.first ? compilePath(s.first) : undefined;
  const count = compilePath(s.count);
  const directory = s.directory ? compilePath(s.directory) : undefined;
  const max = s.maxFiles ?? MAX_SERIES_FILES;
  return (ctx, problems) => {
    const t = template(ctx)[0];
    const n = count(ctx)[0];
    if (t === undefined || t === null || t === '' || n === undefined || n === null) return undefined;
    const num = (v: unknown, what: string, path: string): number | undefined => {
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isInteger(x) && x >= 0) return x;
      problems.push({ path: `${at}/fileSeries/${what}`, message: `${describe(v)} at ${path} is not a whole number ≥ 0` });
      return undefined;
    };
    const c = num(n, 'count', s.count);
    const f = first ? num(first(ctx)[0] ?? 1, 'first', s.first!) : 1;
    if (c === undefined || f === undefined) return undefined;
    let parsed: SeriesTemplate;
    try {
      parsed = parseSeriesTemplate(String(t));
    } catch (e) {
      problems.push({ path: `${at}/fileSeries/template`, message: `${(e as Error).message} (from ${s.template})` });
      return undefined;
    }
    // a template with no number (an Eiger master file) is one file, however many images the collection has
    if (parsed.numbered && c > max) return tooMany(problems, at, c, max, s.count);
    const dir = directory ? directory(ctx)[0] : undefined;
    const prefix = typeof dir === 'string' && dir ? `${dir.replace(/\/+$/, '')}/` : '';
    return seriesNames(parsed, f, c).map((name) => ({ path: prefix + name }));
  };
}

function tooMany(problems: MapProblem[], at: string, c: number, max: number, path: string): undefined {
  problems.push({ path: `${at}/fileSeries/count`, message: `${c} images (from ${path}) is more than maxFiles (${max})`, });
  return undefined;
}

/**
 * switch: the value of the case whose key is the source value at `switch` (compared as text), else of
 * `default`, else none. `compile` compiles a case's field spec at its mapping path.
 */
export function compileSwitch(s: ValueSpec, at: string, compile: (f: FieldSpec, at: string) => Eval): Eval {
  const on = compilePath(s.switch!);
  const cases = new Map(Object.entries(s.cases ?? {}).map(([k, f]) => [k, compile(f, `${at}/cases/${k}`)]));
  const dflt = s.default !== undefined ? compile(s.default, `${at}/default`) : undefined;
  return (ctx, problems) => {
    const v = on(ctx)[0];
    const ev = v === undefined || v === null ? undefined : cases.get(String(v));
    return (ev ?? dflt)?.(ctx, problems);
  };
}
