// Units for metadata values: a value with a unit is indexed beside its SI value and dimension, so
// "energy > 12 keV" matches a record that stored 12500 eV. js-quantities does the arithmetic; this
// file only teaches it the spellings facilities use (Å, K, °C) and says which dimension a unit has.
import Qty from 'js-quantities';

/** Spellings js-quantities does not know, rewritten to ones it does (temperatures are absolute). */
const ALIASES: Record<string, string> = {
  '\u212B': 'angstrom',
  '\u00C5': 'angstrom',
  A: 'A',
  Angstrom: 'angstrom',
  angstroms: 'angstrom',
  K: 'tempK',
  kelvin: 'tempK',
  Kelvin: 'tempK',
  '°C': 'tempC',
  degC: 'tempC',
  celsius: 'tempC',
  'deg C': 'tempC',
  '°': 'deg',
  degree: 'deg',
  degrees: 'deg',
  um: 'um',
  'μm': 'um',
  'µm': 'um',
  micron: 'um',
  microns: 'um',
  sec: 's',
};

/** The spelling js-quantities understands for a unit as facilities write it. */
export function qtySpelling(unit: string): string {
  const u = unit.trim();
  return ALIASES[u] ?? u;
}

export interface SiValue {
  /** The value in SI base units. */
  si: number;
  /** The SI base units, e.g. "m2*kg/s2" for an energy: two values compare only when these match. */
  dim: string;
  /** A human name of the dimension when js-quantities knows it ("energy", "length"). */
  kind: string;
}

const cache = new Map<string, Qty | null>();

function unitQty(unit: string): Qty | null {
  const u = unit.trim();
  if (cache.has(u)) return cache.get(u)!;
  let q: Qty | null = null;
  try {
    q = Qty.parse(`1 ${ALIASES[u] ?? u}`);
  } catch {
    q = null;
  }
  if (q && q.isUnitless()) q = null;
  if (cache.size < 10_000) cache.set(u, q);
  return q;
}

/** Whether `unit` is one the catalog can convert (a known, dimensioned unit). */
export function knownUnit(unit: string): boolean {
  return unitQty(unit) !== null;
}

/** The SI form of `value unit`, or null when the unit is unknown. */
export function toSi(value: number, unit: string): SiValue | null {
  const q = unitQty(unit);
  if (!q || !Number.isFinite(value)) return null;
  try {
    const base = Qty(`${value} ${q.units()}`).toBase();
    return { si: base.scalar, dim: base.units() || '1', kind: q.kind() };
  } catch {
    return null;
  }
}

/** The dimension (SI base units) of a unit, or null. */
export function dimensionOf(unit: string): { dim: string; kind: string } | null {
  const s = toSi(1, unit);
  return s && { dim: s.dim, kind: s.kind };
}
