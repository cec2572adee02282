// SciCat's DTOs ⇄ catalog records for the entities around datasets: samples, proposals, instruments,
// origdatablocks, published data and attachments (datasets: scicat.dto.ts). Where SciCat spells a field
// differently it is mapped both ways, and answers carry both spellings.
import type { Identity } from '../auth';
import { badRequest, type Renames } from './scicat.http';
import { objectBody, recordOut, withoutServerFields, withZones } from './scicat.dto';
import { own } from './scicat.filter';

type Json = Record<string, any>;
/** A DTO in: the catalog input and the renames that name the client's fields in errors. */
export type DtoIn = { input: Json; renames: Renames };

/** A body's fields as the catalog takes them: on create, nulls are dropped (clients send them for "not given"); on a patch they remove the field. */
function fields(raw: unknown, create: boolean): Json {
  const body = withoutServerFields(objectBody(raw));
  if (create) for (const [k, v] of Object.entries(body)) if (v === null) delete body[k];
  return body;
}

/** A field renamed from the client's spelling to the catalog's. */
function rename(body: Json, from: string, to: string, renames: Renames): void {
  if (body[from] === undefined) return;
  if (body[to] !== undefined) throw badRequest(`give ${to} or ${from}, not both`, `/${from}`);
  body[to] = body[from];
  renames[to] = from;
  delete body[from];
}

/** A sample DTO (pyscicat or scitacean) as a catalog input. */
export function sampleIn(raw: unknown, create: boolean): DtoIn {
  return { input: fields(raw, create), renames: {} };
}

/** A proposal DTO: SciCat v3 spells the periods `MeasurementPeriodList`. */
export function proposalIn(raw: unknown, create: boolean): DtoIn {
  const renames: Renames = {};
  const body = fields(raw, create);
  rename(body, 'MeasurementPeriodList', 'measurementPeriodList', renames);
  withZones(body, ['startTime', 'endTime', 'measurementPeriodList.*.start', 'measurementPeriodList.*.end']);
  return { input: body, renames };
}

/** A proposal as clients read it (both spellings of the periods). */
export function proposalOut(rec: Json): Json {
  const out = recordOut(rec, 'proposalId');
  out.MeasurementPeriodList = out.measurementPeriodList ?? [];
  return out;
}

/**
 * An instrument DTO. SciCat's instruments carry no group (pyscicat cannot send one): a new one takes the
 * caller's group when the caller has exactly one, and is public (a beamline's description is), unless the
 * body says otherwise. `uniqueName` defaults to the name.
 */
export function instrumentIn(raw: unknown, create: boolean, who: Identity): DtoIn {
  const body = fields(raw, create);
  if (!create) return { input: body, renames: {} };
  if (body.ownerGroup === undefined) {
    if (who.groups.length !== 1) throw badRequest(`ownerGroup is required: SciCat instruments carry none, and the caller's groups (${who.groups.join(', ') || 'none'}) do not name one`, '/ownerGroup');
    body.ownerGroup = who.groups[0];
  }
  body.isPublished ??= true;
  if (typeof body.name === 'string') body.uniqueName ??= body.name;
  return { input: body, renames: {} };
}

/** An origdatablock DTO (`datasetId` from the path when the route names the dataset). */
export function origDatablockIn(raw: unknown, create: boolean, datasetId?: string): DtoIn {
  const body = fields(raw, create);
  withZones(body, ['dataFileList.*.time']);
  if (datasetId !== undefined) {
    if (body.datasetId !== undefined && body.datasetId !== datasetId) throw badRequest(`datasetId ${JSON.stringify(body.datasetId)} is not the dataset of the path (${datasetId})`, '/datasetId');
    body.datasetId = datasetId;
  }
  if (typeof body.chkAlg === 'number') body.chkAlg = String(body.chkAlg);
  return { input: body, renames: {} };
}

/** SciCat's PublishedData: `pidArray` is the catalog's datasetPids; creators may be names. Status and registration times are the DOI workflow's. */
export function publishedDataIn(raw: unknown, create: boolean): DtoIn {
  const renames: Renames = {};
  const body = fields(raw, create);
  rename(body, 'pidArray', 'datasetPids', renames);
  for (const k of ['status', 'registeredTime']) delete body[k];
  if (Array.isArray(body.creator)) body.creator = body.creator.map((c: unknown) => (typeof c === 'string' ? { name: c } : c));
  // DOIs are case-insensitive; DataCite (and the catalog) hold them in lower case
  if (typeof body.doi === 'string') body.doi = body.doi.toLowerCase();
  return { input: body, renames };
}

/** A publication as SciCat's PublishedData (creator as names, `creators` as the catalog holds them, pidArray). */
export function publishedDataOut(rec: Json): Json {
  const out = recordOut(rec, 'id');
  out.creators = out.creator ?? [];
  out.creator = (out.creator ?? []).map((c: { name: string }) => c.name);
  out.pidArray = out.datasetPids ?? [];
  if (out.registeredAt) out.registeredTime = out.registeredAt;
  return out;
}

const TARGETS: Record<string, string> = { dataset: 'datasetId', sample: 'sampleId', proposal: 'proposalId' };

/**
 * An attachment DTO: v3 names its parent with datasetId, sampleId or proposalId; v4 with
 * `relationships: [{targetId, targetType}]` (one target: dataset, sample or proposal).
 */
export function attachmentIn(raw: unknown, create: boolean, parent?: { field: 'datasetId'; id: string }): DtoIn {
  const renames: Renames = {};
  const body = fields(raw, create);
  delete body.aid;
  if (body.relationships !== undefined) {
    const rel = body.relationships;
    if (!Array.isArray(rel) || rel.length !== 1) throw badRequest('relationships: give exactly one {targetId, targetType} (an attachment hangs off one record)', '/relationships');
    const field = typeof rel[0]?.targetType === 'string' ? own(TARGETS, rel[0].targetType) : undefined;
    if (!field) throw badRequest(`relationships[0].targetType must be one of ${Object.keys(TARGETS).join(', ')} (got ${JSON.stringify(rel[0]?.targetType)})`, '/relationships/0/targetType');
    if (typeof rel[0].targetId !== 'string') throw badRequest('relationships[0].targetId must be a string', '/relationships/0/targetId');
    const other = Object.values(TARGETS).find((f) => body[f] !== undefined && (f !== field || body[f] !== rel[0].targetId));
    if (other) throw badRequest(`relationships and ${other} name different parents: give one`, '/relationships');
    body[field] = rel[0].targetId;
    renames[field] = 'relationships';
    delete body.relationships;
  }
  if (parent) {
    if (body[parent.field] !== undefined && body[parent.field] !== parent.id) throw badRequest(`${parent.field} is not the record of the path (${parent.id})`, `/${parent.field}`);
    body[parent.field] = parent.id;
  }
  return { input: body, renames };
}

/** An attachment as v3 and v4 clients read it (`id` and `aid`, the parent field and `relationships`). */
export function attachmentOut(rec: Json): Json {
  const out = recordOut(rec, 'id');
  out.aid = out.id;
  const [type, field] = Object.entries(TARGETS).find(([, f]) => out[f] !== undefined) ?? [];
  out.relationships = type ? [{ targetId: out[field!], targetType: type, relationType: 'is attached to' }] : [];
  return out;
}
