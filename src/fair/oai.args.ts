// OAI-PMH request vocabulary: the verbs and their arguments, the metadata formats offered, datestamps and
// from/until dates, and the resumption tokens that carry a list's position. Pure: no I/O, no services.
import type { Request } from 'express';

export type Kind = 'dataset' | 'publication';
/** A list position: the last item's datestamp (ISO string, ms, UTC) and key ("<kind>:<id>"). */
export interface Position { t: string; k: string }
/** A list request's selective arguments, as the harvester sent them (from/until unparsed). */
export interface ListArgs { metadataPrefix: string; set?: string; from?: string; until?: string }
/** What a resumption token carries: the list's arguments, the position to continue after, and the cursor. */
export interface Token extends ListArgs { pos: Position; cursor: number }

/** The metadata formats this repository disseminates, by metadataPrefix: XML schema and namespace URLs. */
export const FORMATS = {
  oai_dc: { schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  oai_datacite: { schema: 'http://schema.datacite.org/oai/oai-1.1/oai.xsd', namespace: 'http://schema.datacite.org/oai/oai-1.1/' },
} as const;
export type Prefix = keyof typeof FORMATS;
/** Per verb, its required and optional arguments, and the argument (if any) that must come alone. */
export const VERBS: Record<string, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

/** An OAI-PMH error: `code` is the protocol's error code (badVerb, badArgument, idDoesNotExist, ...). */
export class OaiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

/** Datestamps at the repository's granularity (seconds, UTC): YYYY-MM-DDThh:mm:ssZ. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * from/until: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ; until is inclusive, so it becomes the next instant
 * (the next day, or the next second). `day` tells which form was given. Throws OaiError badArgument.
 */
export function parseDate(name: string, v: string, end: boolean): { date: Date; day: boolean } {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v);
  if (!day && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v)) throw new OaiError('badArgument', `${name}=${v} is not a date at the repository's granularity (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
  const date = new Date(day ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v.slice(0, 10)) throw new OaiError('badArgument', `${name}=${v} is not a valid date`);
  if (end) date.setTime(date.getTime() + (day ? 86400_000 : 1000));
  return { date, day };
}

/** A token's opaque form: base64url of its JSON. */
export function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

/** The largest cursor a token may carry (a list position, echoed in the response). */
const MAX_TOKEN_CURSOR = 1_000_000_000;
const TOKEN_KEYS = new Set(['metadataPrefix', 'set', 'from', 'until', 'pos', 'cursor']);

/**
 * A resumption token back from a harvester. Tokens are opaque but not signed, so every field is checked
 * for its type and range before any of it is used or echoed: anything else is badResumptionToken.
 */
export function decodeToken(s: string): Token {
  try {
    if (s.length > 4096) throw new Error('size');
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Token;
    if (typeof t !== 'object' || !t || Array.isArray(t) || Object.keys(t).some((k) => !TOKEN_KEYS.has(k))) throw new Error('shape');
    if (typeof t.metadataPrefix !== 'string' || !(t.metadataPrefix in FORMATS)) throw new Error('prefix');
    if (t.set !== undefined && (typeof t.set !== 'string' || t.set.length > 300)) throw new Error('set');
    for (const d of [t.from, t.until]) if (d !== undefined && (typeof d !== 'string' || d.length > 20 || !parseDate('from', d, false))) throw new Error('date');
    if (typeof t.pos !== 'object' || !t.pos || Array.isArray(t.pos) || Object.keys(t.pos).length !== 2) throw new Error('pos');
    if (typeof t.pos.t !== 'string' || Number.isNaN(new Date(t.pos.t).getTime()) || new Date(t.pos.t).toISOString() !== t.pos.t) throw new Error('pos.t');
    if (typeof t.pos.k !== 'string' || t.pos.k.length > 300 || !/^(dataset|publication):./.test(t.pos.k)) throw new Error('pos.k');
    if (!Number.isSafeInteger(t.cursor) || t.cursor < 0 || t.cursor > MAX_TOKEN_CURSOR) throw new Error('cursor');
    return t;
  } catch {
    throw new OaiError('badResumptionToken', `the resumptionToken ${JSON.stringify(s.slice(0, 60))} is not one this repository issued`);
  }
}

/**
 * A verb's arguments (`args` from collectArgs; verb itself skipped) checked against VERBS, one value each,
 * as name → value. from/until must be dates of one granularity, from before until. Throws OaiError badArgument.
 */
export function checkArgs(verb: string, args: Map<string, string[]>): Record<string, string> {
  const spec = VERBS[verb];
  const out: Record<string, string> = {};
  for (const [k, vs] of args) {
    if (k === 'verb') continue;
    if (![...spec.required, ...spec.optional, spec.exclusive].includes(k)) throw new OaiError('badArgument', `${verb} does not take the argument ${k}`);
    if (vs.length > 1) throw new OaiError('badArgument', `the argument ${k} is repeated`);
    out[k] = vs[0];
  }
  if (spec.exclusive && out[spec.exclusive] !== undefined) {
    const others = Object.keys(out).filter((k) => k !== spec.exclusive);
    if (others.length) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument; ${others.join(', ')} may not accompany it`);
    return out;
  }
  for (const r of spec.required) if (out[r] === undefined) throw new OaiError('badArgument', `${verb} requires the argument ${r}`);
  if (out.from !== undefined || out.until !== undefined) {
    const f = out.from !== undefined ? parseDate('from', out.from, false) : undefined;
    const u = out.until !== undefined ? parseDate('until', out.until, true) : undefined;
    if (f && u && f.day !== u.day) throw new OaiError('badArgument', 'from and until must have the same granularity');
    if (f && u && f.date >= u.date) throw new OaiError('badArgument', 'from is later than until');
  }
  return out;
}

/** Throws OaiError cannotDisseminateFormat unless `prefix` is a metadataPrefix of FORMATS. */
export function checkPrefix(prefix: string): void {
  if (!(prefix in FORMATS)) throw new OaiError('cannotDisseminateFormat', `metadataPrefix ${prefix} is not supported; use ${Object.keys(FORMATS).join(' or ')}`);
}

/** Query string (GET) or form body (POST) arguments, name → values, keeping repeats so they can be refused. */
export function collectArgs(req: Request): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: unknown) => {
    for (const x of ([] as unknown[]).concat(v)) out.set(k, [...(out.get(k) ?? []), String(x)]);
  };
  const url = new URL(req.originalUrl, 'http://x');
  for (const [k, v] of url.searchParams) add(k, v);
  if (req.method === 'POST' && typeof req.body === 'object' && req.body) for (const [k, v] of Object.entries(req.body)) add(k, v);
  return out;
}
