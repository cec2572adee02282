import { errors } from './errors';

/** `s` with every regular-expression metacharacter escaped, so it matches itself literally. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The longest text a "contains" filter takes: longer ones cost a store minutes (MongoDB) or are refused (the index). */
export const MAX_CONTAINS = 256;

/** A case-insensitive "contains" match for a user's words (no regex syntax from clients); `field` names the filter in errors. */
export function containsFilter(s: string, field = 'text'): { $regex: string; $options: string } {
  if (s.length > MAX_CONTAINS) throw errors.badInput(`${field}: at most ${MAX_CONTAINS} characters (got ${s.length}); full-text search is \`search\``, { field });
  return { $regex: escapeRegex(s), $options: 'i' };
}

/**
 * Case folded one character at a time, as a case-insensitive regular expression compares (MongoDB's and
 * FerretDB's): each character's lower case where that is one character, final sigma as sigma; a
 * character whose lower case is longer (İ) stays itself. Lists that match words on the read index fold
 * both sides with this, so both stores find the same records.
 */
export function foldCase(s: string): string {
  let out = '';
  for (const c of s) {
    const l = c.toLowerCase();
    out += l === '\u03C2' ? '\u03C3' : [...l].length === 1 ? l : c;
  }
  return out;
}

/** The fields a "contains" filter reads on the read index: folded, and at most this long there. */
export const FOLDED_FIELDS = new Set(['datasetName', 'description', 'title', 'name']);
export const MAX_FOLDED = 8000;
