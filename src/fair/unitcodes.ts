// UN/CEFACT Recommendation 20 common codes for the units facilities write, for schema.org `unitCode`
// (schema.org says: "UN/CEFACT Common Code (3 characters) or a URL"). Units not listed get `unitText` only.

const CODES: Record<string, string> = {
  eV: 'A53', keV: 'B29', MeV: 'B71', GeV: 'A85', J: 'JOU',
  m: 'MTR', cm: 'CMT', mm: 'MMT', um: '4H', 'µm': '4H', 'μm': '4H', nm: 'C45', pm: 'C52', A: 'A11', 'Å': 'A11', angstrom: 'A11',
  s: 'SEC', ms: 'C26', us: 'B98', 'µs': 'B98', 'μs': 'B98', ns: 'C47', min: 'MIN', h: 'HUR',
  rad: 'C81', mrad: 'C25', urad: 'B97', 'µrad': 'B97', deg: 'DD', degree: 'DD', degrees: 'DD', '°': 'DD',
  K: 'KEL', degC: 'CEL', '°C': 'CEL', celsius: 'CEL',
  Pa: 'PAL', kPa: 'KPA', MPa: 'MPA', bar: 'BAR', mbar: 'MBR',
  Hz: 'HTZ', kHz: 'KHZ', MHz: 'MHZ', GHz: 'A86',
  V: 'VLT', kV: 'KVT', mA: '4K', W: 'WTT', kW: 'KWT', T: 'D33',
  g: 'GRM', kg: 'KGM', mg: 'MGM', l: 'LTR', L: 'LTR', ml: 'MLT', mL: 'MLT', mol: 'C34',
  '%': 'P1', percent: 'P1',
};

/** The UN/CEFACT common code of `unit` as written (e.g. "keV" → "B29", "um" → "4H"), or undefined when it has none here. */
export function unitCode(unit: string): string | undefined {
  return Object.hasOwn(CODES, unit) ? CODES[unit] : undefined;
}
