// The whole search state lives in the URL, so a link can be shared and the back button works:
//   q      free text                      f     facet filters, repeated: FACET:value (e.g. TYPE:raw)
//   from   creation date, first day       to    creation date, last day (YYYY-MM-DD)
//   m      metadata filters, repeated: "energy > 12 keV"      i, p, s   the drill-down path
//   view   logbook | table                cols  table columns, comma-separated (metadata keys as meta:<path>)
//   order  table order: <column>:asc|desc
import type { SearchFilterInput, SearchInput, FilterOp, SearchFacet } from '../generated/graphql';

export interface SearchState {
  q: string;
  facets: { facet: SearchFacet; value: string }[];
  from: string;
  to: string;
  meta: string[];
  path: { instrumentId?: string; proposalId?: string; sampleId?: string };
  view: 'logbook' | 'table';
  cols: string[];
  order: { col: string; dir: 'asc' | 'desc' } | null;
}

export const DEFAULT_COLUMNS = ['pid', 'title', 'time', 'owner', 'instrument', 'size'];
const FACET_FIELD: Record<string, string> = {
  INSTRUMENT: 'instrumentId', PROPOSAL: 'proposalId', SAMPLE: 'sampleId', TYPE: 'type', TECHNIQUE: 'technique', KEYWORD: 'keyword', OWNER: 'owner', OWNER_GROUP: 'ownerGroup', KIND: 'kind',
};
export const FACET_NAMES: Record<string, string> = {
  TYPE: 'Type', INSTRUMENT: 'Beamline', PROPOSAL: 'Proposal', SAMPLE: 'Sample', TECHNIQUE: 'Technique', KEYWORD: 'Keyword', YEAR: 'Year', OWNER: 'Owner',
};

/** The state a URL's query string holds. */
export function readState(params: URLSearchParams): SearchState {
  const order = params.get('order')?.match(/^(.+):(asc|desc)$/);
  return {
    q: params.get('q') ?? '',
    facets: params.getAll('f').flatMap((f) => {
      const i = f.indexOf(':');
      return i > 0 ? [{ facet: f.slice(0, i) as SearchFacet, value: f.slice(i + 1) }] : [];
    }),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    meta: params.getAll('m').filter(Boolean),
    path: { instrumentId: params.get('i') ?? undefined, proposalId: params.get('p') ?? undefined, sampleId: params.get('s') ?? undefined },
    view: params.get('view') === 'table' ? 'table' : 'logbook',
    cols: params.get('cols')?.split(',').filter(Boolean).length ? params.get('cols')!.split(',').filter(Boolean) : DEFAULT_COLUMNS,
    order: order ? { col: order[1], dir: order[2] as 'asc' | 'desc' } : null,
  };
}

/** The query string for a state (defaults left out). */
export function writeState(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of s.facets) p.append('f', `${f.facet}:${f.value}`);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  for (const m of s.meta) p.append('m', m);
  if (s.path.instrumentId) p.set('i', s.path.instrumentId);
  if (s.path.proposalId) p.set('p', s.path.proposalId);
  if (s.path.sampleId) p.set('s', s.path.sampleId);
  if (s.view !== 'logbook') p.set('view', s.view);
  if (s.cols.join(',') !== DEFAULT_COLUMNS.join(',')) p.set('cols', s.cols.join(','));
  if (s.order) p.set('order', `${s.order.col}:${s.order.dir}`);
  return p;
}

const OPS: [string, FilterOp][] = [['>=', 'GTE'], ['<=', 'LTE'], ['!=', 'NE'], ['>', 'GT'], ['<', 'LT'], ['=', 'EQ']];

/**
 * A metadata filter as typed, "energy > 12 keV", "sample.state = frozen" or "detector.distance exists", as the
 * API's filter, or an error naming what is wrong.
 */
export function parseMetaFilter(text: string): { filter: SearchFilterInput } | { error: string } {
  const t = text.trim();
  const exists = t.match(/^(.+?)\s+exists$/i);
  if (exists) return { filter: { path: exists[1].trim(), op: 'EXISTS' } };
  const m = t.match(/^(.+?)\s*(>=|<=|!=|>|<|=)\s*(.*)$/);
  if (!m || !m[1].trim()) return { error: `"${t}" is not a metadata filter: write a key, an operator (=, !=, <, <=, >, >=) and a value, e.g. beamline.energy > 12 keV` };
  if (!m[3].trim()) return { error: `"${t}" has no value after ${m[2]}: write one, e.g. ${m[1].trim()} ${m[2]} 12 keV` };
  const op = OPS.find(([s]) => s === m[2])![1];
  const rest = m[3].trim();
  const path = m[1].trim();
  // "quoted" text is compared as written; otherwise a number with an optional unit, or (= and != only) text
  const quoted = rest.match(/^"(.*)"$/);
  if (quoted) return op === 'EQ' || op === 'NE' ? { filter: { path, op, value: quoted[1] } } : { error: `${m[2]} compares numbers, such as 12 or 12 keV (got text: ${rest})` };
  const q = rest.match(/^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*)?$/);
  if (q) return { filter: { path, op, value: q[1], ...(q[2] && { unit: q[2].trim() }) } };
  if (op !== 'EQ' && op !== 'NE') return { error: `"${rest}" is not a number: ${m[2]} compares numbers, such as 12 or 12 keV` };
  return { filter: { path, op, value: rest } };
}

/** What is wrong with a state's dates, in words, or null. */
export function dateProblem(s: SearchState): string | null {
  const bad = [s.from, s.to].find((d) => d && (!/^\d{4}-\d\d-\d\d$/.test(d) || Number.isNaN(Date.parse(d)) || new Date(d).toISOString().slice(0, 10) !== d));
  if (bad) return `"${bad}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01`;
  if (s.from && s.to && s.from > s.to) return `the date range starts (${s.from}) after it ends (${s.to}): nothing can match`;
  return null;
}

/** The API's search input for a state (metadata filters that do not parse are left out; the page shows why). */
export function searchInput(s: SearchState, withPath = true): SearchInput {
  const filters: SearchFilterInput[] = [];
  const byFacet = new Map<string, string[]>();
  for (const f of s.facets) {
    if (f.facet === 'YEAR') continue;
    byFacet.set(f.facet, [...(byFacet.get(f.facet) ?? []), f.value]);
  }
  for (const [facet, values] of byFacet) filters.push({ field: FACET_FIELD[facet], op: 'IN', values });
  const years = s.facets.filter((f) => f.facet === 'YEAR').map((f) => f.value).sort();
  const from = [s.from, years.length ? `${years[0]}-01-01` : ''].filter(Boolean).sort().at(-1);
  const to = [s.to, years.length ? `${years.at(-1)}-12-31` : ''].filter(Boolean).sort()[0];
  if (from || to) filters.push({ field: 'creationTime', op: 'RANGE', ...(from && { from }), ...(to && { to: `${to}T23:59:59.999Z` }) });
  for (const m of s.meta) {
    const p = parseMetaFilter(m);
    if ('filter' in p) filters.push(p.filter);
  }
  if (withPath) {
    if (s.path.instrumentId) filters.push({ field: 'instrumentId', op: 'EQ', value: s.path.instrumentId });
    if (s.path.proposalId) filters.push({ field: 'proposalId', op: 'EQ', value: s.path.proposalId });
    if (s.path.sampleId) filters.push({ field: 'sampleId', op: 'EQ', value: s.path.sampleId });
  }
  return { text: s.q || undefined, kinds: ['DATASET'], filters };
}
