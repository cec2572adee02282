// SciCat's DTOs ⇄ catalog records. The catalog keeps SciCat's field names; what differs is mapped here, in
// both directions, so a record written through REST reads back field for field:
//  - v3 clients (pyscicat) send one `proposalId`, `sampleId`, and a derived dataset's `investigator`;
//  - v4 clients (scitacean 26) send lists: `proposalIds`, `sampleIds`, `instrumentIds`, `principalInvestigators`;
//  - answers carry both spellings, `id` beside the catalog's key, ISO dates, and SciCat's lifecycle defaults.
// Server-kept fields a client may echo back (createdAt, updatedBy, …) are dropped; anything else unknown
// is left for the catalog's JSON Schema to refuse by name.
import { isPlainObject, toJsonForm } from '../common/json';
import { badRequest, type Renames } from './scicat.http';

type Json = Record<string, any>;

/** Fields the server keeps: a client may send them back (pyscicat echoes what it read); they are ignored. */
const SERVER_KEPT = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', '_id', 'id', 'version', 'attachments', 'origdatablocks', 'datablocks', '_rev', 'storageNotes'];

/** SciCat's lifecycle of a new dataset (its files are on disk and may be archived). */
export const DEFAULT_LIFECYCLE = {
  archivable: true,
  retrievable: false,
  publishable: false,
  isOnCentralDisk: true,
  archiveStatusMessage: 'datasetCreated',
  retrieveStatusMessage: '',
  retrieveIntegrityCheck: false,
};

/** A single value given as a one-element list (v4), or refused naming the field when there are several. */
function one(body: Json, listField: string, field: string, renames: Renames, what: string, create: boolean): void {
  const v = body[listField];
  if (v === undefined) return;
  // a patch's null or empty list removes the value
  if (v === null || (Array.isArray(v) && !v.length && !create)) {
    delete body[listField];
    if (!create) body[field] = null;
    return;
  }
  if (!Array.isArray(v)) throw badRequest(`${listField} must be a list`, `/${listField}`);
  if (v.length > 1) throw badRequest(`${listField}: this catalog records one ${what} per dataset (got ${v.length})`, `/${listField}`);
  if (v.length === 1) {
    if (body[field] !== undefined && body[field] !== v[0]) throw badRequest(`${listField} and ${field} disagree`, `/${listField}`);
    body[field] = v[0];
    renames[field] = listField;
  }
  delete body[listField];
}

/** A single id (v3) as the catalog's list, or refused when it disagrees with the list also given. */
function many(body: Json, field: string, listField: string, renames: Renames, create: boolean): void {
  const v = body[field];
  delete body[field];
  if (v === undefined) return;
  if (v === null) return void (create || (body[listField] ??= null));
  if (typeof v !== 'string') throw badRequest(`${field} must be a string`, `/${field}`);
  if (Array.isArray(body[listField]) && !body[listField].includes(v)) throw badRequest(`${field} ${JSON.stringify(v)} is not in ${listField}`, `/${field}`);
  body[listField] ??= [v];
  renames[listField] = `${field}[0]`;
}

/** A JSON object body, or a 400 saying what came instead. */
export function objectBody(body: unknown): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the request body must be a JSON object', '/');
  return { ...(body as Json) };
}

/** Drops the fields the server keeps (see SERVER_KEPT) from a body. */
export function withoutServerFields(body: Json, keep: string[] = []): Json {
  for (const k of SERVER_KEPT) if (!keep.includes(k)) delete body[k];
  return body;
}

/**
 * A SciCat dataset DTO (v3 or v4, create or patch) as a catalog dataset input, and the renames to name the
 * client's fields in errors. Throws a 400 for a non-empty `history` (the catalog keeps its own), several
 * instruments or principal investigators, or a single id that disagrees with the list also given.
 */
export function datasetIn(raw: unknown, opts: { create: boolean }): { input: Json; renames: Renames } {
  const body = withoutServerFields(objectBody(raw));
  const renames: Renames = {};
  if (Array.isArray(body.history) && body.history.length) throw badRequest('history is kept by the catalog (updatedAt, updatedBy); send the fields to change instead', '/history');
  delete body.history;
  many(body, 'proposalId', 'proposalIds', renames, opts.create);
  many(body, 'sampleId', 'sampleIds', renames, opts.create);
  one(body, 'instrumentIds', 'instrumentId', renames, 'instrument', opts.create);
  one(body, 'principalInvestigators', 'principalInvestigator', renames, 'principal investigator', opts.create);
  if (body.investigator !== undefined) {
    if (body.principalInvestigator !== undefined && body.principalInvestigator !== body.investigator) throw badRequest('investigator and principalInvestigator disagree', '/investigator');
    body.principalInvestigator = body.investigator;
    renames.principalInvestigator = 'investigator';
    delete body.investigator;
  }
  for (const [k, v] of Object.entries(body)) if (v === null && opts.create) delete body[k];
  // scitacean sends a raw dataset's derived-only fields as empty lists: they say nothing, and a raw dataset has none
  if (body.type !== 'derived') for (const k of ['inputDatasets', 'usedSoftware']) if (Array.isArray(body[k]) && !body[k].length) delete body[k];
  // a new dataset's lifecycle starts from SciCat's defaults (anything but an object is left for the schema to refuse)
  if (opts.create && (body.datasetlifecycle === undefined || isPlainObject(body.datasetlifecycle))) body.datasetlifecycle = { ...DEFAULT_LIFECYCLE, ...(body.datasetlifecycle ?? {}) };
  withZones(body, ['creationTime', 'startTime', 'endTime', 'datasetlifecycle.dateOfDiskPurging', 'datasetlifecycle.archiveRetentionTime', 'datasetlifecycle.dateOfPublishing', 'datasetlifecycle.publishedOn']);
  return { input: body, renames };
}

const NAIVE_TIME = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/;

/**
 * Times written without a zone offset, as Python's isoformat() and pyscicat's get_file_mod_time() write them
 * ("2026-11-30T04:01:00.123456", "2026-11-30 04:01:00"), read as UTC, at these paths (a `*` step is each
 * element of a list). Anything else is left for the schema to judge.
 */
export function withZones(body: Json, paths: string[]): void {
  const visit = (node: unknown, parts: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const [head, ...rest] = parts;
    if (head === '*') return Array.isArray(node) ? node.forEach((x) => visit(x, rest)) : undefined;
    const n = node as Json;
    if (!rest.length) {
      const m = typeof n[head] === 'string' ? (n[head] as string).match(NAIVE_TIME) : null;
      if (m) n[head] = `${m[1]}T${m[2]}${m[2].length === 5 ? ':00' : ''}Z`;
      return;
    }
    visit(n[head], rest);
  };
  for (const p of paths) visit(body, p.split('.'));
}

/** A catalog record in SciCat's JSON form: ISO dates, no bookkeeping, `id` beside the record's key, and `storageNotes` when the last write changed values so the store keeps them. */
export function recordOut(rec: Json, key: string): Json {
  const out = toJsonForm(rec) as Json;
  if (Array.isArray(out._normalized) && out._normalized.length) out.storageNotes = out._normalized;
  for (const k of ['_id', '_rev', '_hash', '_normalized']) delete out[k];
  out[key] ??= rec._id;
  out.id ??= out[key];
  return out;
}

/** A catalog dataset as SciCat v3 and v4 clients read it (both spellings of the mapped fields). */
export function datasetOut(rec: Json): Json {
  const out = recordOut(rec, 'pid');
  delete out.id;
  out.proposalId = out.proposalIds?.[0];
  out.sampleId = out.sampleIds?.[0];
  out.instrumentIds = out.instrumentId ? [out.instrumentId] : [];
  out.principalInvestigators = out.principalInvestigator ? [out.principalInvestigator] : [];
  if (out.type === 'derived') out.investigator = out.principalInvestigator;
  // a dataset written without one (through GraphQL or ingest) reads with SciCat's defaults
  out.datasetlifecycle ??= { ...DEFAULT_LIFECYCLE };
  out.history ??= [];
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** Keeps only the fields a loopback `fields` filter asks for (an object of name → true, or a list of names). */
export function pickFields(rec: Json, fields: string[] | null): Json {
  if (!fields) return rec;
  return Object.fromEntries(fields.filter((f) => f in rec).map((f) => [f, rec[f]]));
}
