// Units as facilities write them (NeXus `units` attributes, ISPyB columns, ETL scripts), understood one
// way for search and ingest alike: js-quantities does the arithmetic; this file teaches it the spellings
// it lacks. A unit is read token by token, so every SI prefix works on every unit (mK, µA, kcounts), and
// compounds work too (ph/s, 1/Å, counts/s/mm^2). A unit that is still unknown stays unknown (no SI
// value, listed by metadataKeys): it is never guessed, e.g. "ph" is photons, never pico-hours.
import Qty from 'js-quantities';

/** Whole-unit spellings: an absolute temperature is tempK (so °C and K compare as temperatures). */
const WHOLE: Record<string, string> = {
  K: 'tempK',
  kelvin: 'tempK',
  Kelvin: 'tempK',
  '°C': 'tempC',
  '℃': 'tempC',
  degC: 'tempC',
  'deg C': 'tempC',
  celsius: 'tempC',
  Celsius: 'tempC',
  '°F': 'tempF',
  degF: 'tempF',
  '° C': 'tempC',
  '° F': 'tempF',
};

/** Token spellings inside any unit. Counted things (photons, counts, events) are js-quantities' dimensionless "each". */
const TOKENS: Record<string, string> = {
  '\u212B': 'angstrom',
  '\u00C5': 'angstrom',
  Angstrom: 'angstrom',
  angstroms: 'angstrom',
  Angstroms: 'angstrom',
  ang: 'angstrom',
  um: 'um',
  micron: 'um',
  microns: 'um',
  micrometre: 'um',
  micrometer: 'um',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  '°': 'deg',
  degree: 'deg',
  degrees: 'deg',
  Torr: 'torr',
  mTorr: 'mtorr',
  photon: 'each',
  photons: 'each',
  ph: 'each',
  count: 'each',
  counts: 'each',
  cts: 'each',
  ct: 'each',
  cnt: 'each',
  cnts: 'each',
  event: 'each',
  events: 'each',
  pixel: 'each',
  pixels: 'each',
  px: 'each',
  cps: 'each/s',
  K: 'degK',
  Ω: 'ohm',
  Ohm: 'ohm',
  ohms: 'ohm',
};

const PREFIX: Record<string, number> = {
  Y: 1e24, Z: 1e21, E: 1e18, P: 1e15, T: 1e12, G: 1e9, M: 1e6, k: 1e3, h: 1e2, da: 1e1,
  d: 1e-1, c: 1e-2, m: 1e-3, u: 1e-6, µ: 1e-6, μ: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15, a: 1e-18, z: 1e-21, y: 1e-24,
};
const PREFIX_NAME: Record<string, string> = { µ: 'u', μ: 'u' };
const PREFIX_RE = /^(da|[YZEPTGMkhdcmuµμnpfazy])(.+)$/;
const COUNT_PREFIX = new Set(['k', 'M', 'G', 'T']);

/** A unit as js-quantities takes it, and the factor a value is multiplied by first (prefixed absolute temperatures). */
interface Parsed {
  spelling: string;
  factor: number;
}

function token(t: string): string | null {
  if (t in TOKENS) return TOKENS[t];
  const m = PREFIX_RE.exec(t);
  // a prefix on a facility spelling (kcounts, mTorr, µm): the prefix js-quantities knows, on the base it knows
  if (m && m[2] in TOKENS && !TOKENS[m[2]].includes('/')) {
    const base = TOKENS[m[2]];
    if (base === 'each') return null; // kcounts: a scaled count, handled as a factor below
    return `${PREFIX_NAME[m[1]] ?? m[1]}${base}`;
  }
  return null;
}

/** Superscript digits and minus ("m²", "s⁻¹", "Å⁻¹"), as facilities write them, in caret form ("m^2"). */
const SUPERSCRIPT: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };

function parse(unit: string): Parsed | null {
  const u = unit
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+/g, (m) => `^${[...m].map((c) => SUPERSCRIPT[c]).join('')}`);
  if (!u) return null;
  if (u in WHOLE) return { spelling: WHOLE[u], factor: 1 };
  // a prefixed absolute temperature (mK, µK, nK): the value scales, the unit is kelvin
  const temp = PREFIX_RE.exec(u);
  if (temp && temp[2] === 'K') return { spelling: 'tempK', factor: PREFIX[temp[1]] };
  let factor = 1;
  const parts = u.split(/([/*·^() ]|-?\d+(?:\.\d+)?)/).filter((p) => p !== '' && p !== undefined);
  const out: string[] = [];
  let dividing = false;
  for (const p of parts) {
    if (p === '·') {
      out.push('*');
      continue;
    }
    if (/^[/*^() ]$/.test(p) || /^-?\d/.test(p)) {
      if (p === '/') dividing = true;
      else if (p === '*') dividing = false;
      out.push(p);
      continue;
    }
    const mapped = token(p);
    if (mapped) {
      out.push(mapped);
      continue;
    }
    // a multiple of a counted thing (kcounts/s, Mcps): js-quantities has no prefixed "each", so the value
    // scales. Only k, M, G and T: a milli-photon is no unit (mph is miles per hour, left to js-quantities)
    const m = PREFIX_RE.exec(p);
    if (m && COUNT_PREFIX.has(m[1]) && (TOKENS[m[2]] === 'each' || TOKENS[m[2]] === 'each/s')) {
      factor *= dividing ? 1 / PREFIX[m[1]] : PREFIX[m[1]];
      out.push(TOKENS[m[2]]);
      continue;
    }
    out.push(p);
  }
  // js-quantities puts everything after the first "/" in the denominator: a/b/c is a/(b c)
  const first = out.indexOf('/');
  const spelling = out.map((p, i) => (p === '/' && i > first ? '*' : p)).join('');
  return { spelling, factor };
}

const cache = new Map<string, { parsed: Parsed; qty: Qty } | null>();

function unitQty(unit: string): { parsed: Parsed; qty: Qty } | null {
  if (cache.has(unit)) return cache.get(unit)!;
  let r: { parsed: Parsed; qty: Qty } | null = null;
  const parsed = parse(unit);
  if (parsed) {
    try {
      const qty = Qty.parse(`1 ${parsed.spelling}`);
      // a pure number ("%" is 0.01) has no dimension to compare by
      if (qty && !qty.isUnitless()) r = { parsed, qty };
    } catch {
      r = null;
    }
  }
  if (cache.size < 10_000) cache.set(unit, r);
  return r;
}

/** Whether `unit` is one the catalog can convert (a known unit with a dimension). */
export function knownUnit(unit: string): boolean {
  return unitQty(unit) !== null;
}

/** Why `unit` cannot be used, or null. */
export function unitProblem(unit: string): string | null {
  return knownUnit(unit) ? null : `"${unit}" is not a unit the catalog knows`;
}

export interface SiValue {
  /** The value in SI base units. */
  si: number;
  /** The SI base units in canonical order, e.g. "kg*m2/s2" for an energy: two values compare only when these match. */
  dim: string;
  /** A human name of the dimension when js-quantities knows it ("energy", "length"). */
  kind: string;
}

/**
 * SI base units in one form, so equal dimensions compare equal: factors that appear on both sides cancel
 * (a leak rate in mbar·L/s comes out of js-quantities as "kg*m3/m*s3", a power as "kg*m2/s3"), and
 * each side's factors are sorted ("m2*kg/s2" and "kg*m2/s2" are one dimension).
 */
function canonical(units: string): string {
  if (!units) return '1';
  const [num, den] = units.split('/');
  const power = new Map<string, number>();
  const add = (side: string | undefined, sign: number) => {
    for (const f of side ? side.split('*') : []) {
      const m = /^(.*?)(\d*)$/.exec(f)!;
      if (m[1] && m[1] !== '1') power.set(m[1], (power.get(m[1]) ?? 0) + sign * (m[2] ? Number(m[2]) : 1));
    }
  };
  add(num, 1);
  add(den, -1);
  const side = (sign: number) =>
    [...power]
      .filter(([, p]) => p * sign > 0)
      .map(([name, p]) => `${name}${Math.abs(p) === 1 ? '' : Math.abs(p)}`)
      .sort()
      .join('*');
  const [top, bottom] = [side(1), side(-1)];
  return bottom ? `${top || '1'}/${bottom}` : top || '1';
}

/** The SI form of `value unit`, or null when the unit is unknown or the value not finite. */
export function toSi(value: number, unit: string): SiValue | null {
  const u = unitQty(unit);
  if (!u || !Number.isFinite(value)) return null;
  try {
    const base = Qty(`${value * u.parsed.factor} ${u.qty.units()}`).toBase();
    return { si: base.scalar, dim: canonical(base.units()), kind: u.qty.kind() };
  } catch {
    return null;
  }
}

/** The dimension (SI base units) of a unit, or null. */
export function dimensionOf(unit: string): { dim: string; kind: string } | null {
  const s = toSi(1, unit);
  return s && { dim: s.dim, kind: s.kind };
}

/** Whether values in `a` and `b` compare (the same dimension). */
export function sameDimension(a: string, b: string): boolean {
  const x = dimensionOf(a);
  const y = dimensionOf(b);
  return !!x && !!y && x.dim === y.dim;
}

/** `value` in `from` expressed in `to`; throws when either is unknown or they differ in dimension. */
export function convertUnit(value: number, from: string, to: string): number {
  const f = unitQty(from);
  const t = unitQty(to);
  if (!f || !t) throw new Error(unitProblem(f ? to : from)!);
  return Qty(`${value * f.parsed.factor} ${f.qty.units()}`).to(t.qty.units()).scalar / t.parsed.factor;
}
