// SciCat's dataset queries over the catalog's search: Datasets/fullquery (records), Datasets/fullfacet
// (counts), Datasets/metadataKeys, and the v4 routes scitacean calls (isValid, a dataset with its blocks
// and attachments, the public read). Search applies the caller's access rule, so a record the caller may
// not see is in no result, count or key list.
import type { Request } from 'express';
import type { Identity } from '../auth';
import type { CatalogServices } from '../catalog';
import type { SearchService, SearchFilter, SearchQuery, Facet } from '../search';
import { badRequest } from './scicat.http';
import { fieldsOf, jsonParam, MAX_LIMIT, MAX_WINDOW, own } from './scicat.filter';
import { datasetIn, datasetOut, recordOut } from './scicat.dto';
import { CatalogError, ErrorCode, errors } from '../common/errors';
import { attachmentOut } from './scicat.dto.records';
import { mustGet, idParam, type EntityRoutes, type RestRoute } from './scicat.records';

type Json = Record<string, any>;

/** fullquery/fullfacet `fields` keys → the search field they filter (see search FIELDS). */
const QUERY_FIELDS: Record<string, string> = {
  pid: 'pid', type: 'type', instrumentId: 'instrumentId', instrumentIds: 'instrumentId', proposalId: 'proposalId', proposalIds: 'proposalId',
  sampleId: 'sampleId', sampleIds: 'sampleId', keywords: 'keyword', techniques: 'technique', ownerGroup: 'ownerGroup', accessGroups: 'accessGroup',
  owner: 'owner', principalInvestigator: 'principalInvestigator', license: 'license', isPublished: 'isPublished', datasetName: 'title',
};
/** SciCat's scientific-condition relations → search operators. */
const RELATIONS: Record<string, SearchFilter['op']> = {
  EQUAL_TO_NUMERIC: 'EQ', EQUAL_TO_STRING: 'EQ', GREATER_THAN: 'GT', GREATER_THAN_OR_EQUAL: 'GTE', LESS_THAN: 'LT', LESS_THAN_OR_EQUAL: 'LTE',
};
/** fullfacet facet names → search facets. */
const FACET_NAMES: Record<string, Facet> = {
  type: 'TYPE', keywords: 'KEYWORD', ownerGroup: 'OWNER_GROUP', owner: 'OWNER', instrumentId: 'INSTRUMENT', proposalId: 'PROPOSAL', sampleId: 'SAMPLE', techniques: 'TECHNIQUE', creationTime: 'YEAR',
};
const IGNORED = new Set(['mode', 'userGroups', 'isPublished_any']);

/** One `scientific` condition ({lhs, relation, rhs, unit}) as a metadata filter. */
function scientific(c: Json, at: string): SearchFilter {
  if (!c || typeof c.lhs !== 'string' || !c.lhs) throw badRequest(`${at}.lhs must name a scientificMetadata key`, `${at}.lhs`);
  const op = typeof c.relation === 'string' ? own(RELATIONS, c.relation) : undefined;
  if (!op) throw badRequest(`${at}.relation must be one of ${Object.keys(RELATIONS).join(', ')} (got ${JSON.stringify(c.relation)})`, `${at}.relation`);
  if (c.rhs === undefined || c.rhs === null || typeof c.rhs === 'object') throw badRequest(`${at}.rhs must be a number or a text value`, `${at}.rhs`);
  return { path: c.lhs, op, value: String(c.rhs), ...(typeof c.unit === 'string' && c.unit && { unit: c.unit }) };
}

/** A fullquery/fullfacet `fields` parameter as a search query over datasets; a 400 names any field it cannot answer. */
export function queryOf(fields: Json | undefined): SearchQuery {
  const filters: SearchFilter[] = [];
  let text: string | undefined;
  for (const [k, v] of Object.entries(fields ?? {})) {
    const at = `fields.${k}`;
    if (v === null || v === undefined || IGNORED.has(k) || (Array.isArray(v) && !v.length)) continue;
    if (k === 'text') {
      if (typeof v !== 'string') throw badRequest(`${at} must be text`, at);
      text = v;
    } else if (k === 'creationTime') {
      if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${at} takes {begin, end} (ISO dates)`, at);
      filters.push({ field: 'creationTime', op: 'RANGE', from: v.begin ?? undefined, to: v.end ?? undefined });
    } else if (k === 'scientific') {
      if (!Array.isArray(v)) throw badRequest(`${at} takes a list of {lhs, relation, rhs, unit}`, at);
      v.forEach((c, i) => filters.push(scientific(c, `${at}[${i}]`)));
    } else if (own(QUERY_FIELDS, k)) {
      const field = QUERY_FIELDS[k];
      const values = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' && x && 'name' in x ? String(x.name) : String(x)));
      // several keywords or techniques: each must be there; for the other fields, any of them
      if (k === 'keywords' || k === 'techniques') for (const x of values) filters.push({ field, op: 'EQ', value: x });
      else filters.push(values.length === 1 ? { field, op: 'EQ', value: values[0] } : { field, op: 'IN', values });
    } else {
      throw badRequest(`${at}: not a field this catalog queries datasets on; it queries text, creationTime, scientific, ${Object.keys(QUERY_FIELDS).join(', ')}`, at);
    }
  }
  return { text, kinds: ['dataset'], filters };
}

/** `limits` ({skip, limit, order}): order by creationTime (newest or oldest first) or, with text, relevance. */
function limitsOf(raw: unknown): { first: number; offset: number; sort?: 'NEWEST' | 'OLDEST' | 'RELEVANCE' } {
  const l = jsonParam(raw, 'limits') ?? {};
  const int = (v: unknown, name: string, def: number, max: number) => {
    if (v === undefined || v === null) return def;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > max) throw badRequest(`limits.${name} must be an integer from 0 to ${max}`, `limits.${name}`);
    return v as number;
  };
  const first = int(l.limit, 'limit', 100, MAX_LIMIT);
  const offset = int(l.skip, 'skip', 0, MAX_WINDOW);
  if (first + offset > MAX_WINDOW) throw badRequest(`limits.skip + limits.limit may reach ${MAX_WINDOW} deep at most`, 'limits.skip');
  if (l.order === undefined || l.order === null) return { first, offset };
  const m = String(l.order).trim().match(/^(creationTime|score)(?:[:\s]+(asc|desc))?$/i);
  if (!m) throw badRequest(`limits.order: datasets are ordered by "creationTime:desc", "creationTime:asc" or "score:desc" (got ${JSON.stringify(l.order)})`, 'limits.order');
  return { first, offset, sort: m[1] === 'score' ? 'RELEVANCE' : m[2]?.toLowerCase() === 'asc' ? 'OLDEST' : 'NEWEST' };
}

/** Records for search hits, in hit order, from the read index (records the caller may not see are dropped). */
async function recordsOf(c: CatalogServices, identity: Identity, ids: string[]): Promise<Json[]> {
  return c.datasets.summaries(identity, ids, fieldsOf('dataset'));
}

/** The dataset routes beyond CRUD; `search` is null when no Elasticsearch is configured (queries then answer 503). */
export function datasetRoutes(c: CatalogServices, search: () => SearchService, e: EntityRoutes): RestRoute[] {
  const tag = 'Datasets';
  const v3v4: ('v3' | 'v4')[] = ['v3', 'v4'];
  return [
    {
      method: 'get', path: '/Datasets/fullquery', versions: v3v4, tag, anonymous: true, query: ['fields', 'limits'],
      summary: 'Datasets matching SciCat query fields (text, creationTime, scientific conditions with units, field values), newest first.',
      handler: async (req, id) => {
        const [query, limits] = [queryOf(jsonParam(req.query.fields, 'fields')), limitsOf(req.query.limits)];
        const page = await searched(() => search().search(id, query, limits));
        // past the last result: an empty page, as a list answers
        if (!page) return { body: [] };
        return { body: (await recordsOf(c, id, page.hits.map((h) => h.id))).map(datasetOut) };
      },
    },
    {
      method: 'get', path: '/Datasets/fullfacet', versions: v3v4, tag, anonymous: true, query: ['fields', 'facets'],
      summary: 'Counts of the datasets matching the query fields, in all and by each facet: [{all: [{totalSets}], <facet>: [{_id, count}]}].',
      handler: async (req, id) => {
        const names = (jsonParam(req.query.facets, 'facets', true) as unknown as string[] | undefined) ?? ['type', 'keywords', 'ownerGroup'];
        if (!Array.isArray(names)) throw badRequest('facets must be a JSON list of names', 'facets');
        const facets = names.map((n) => (typeof n === 'string' ? own(FACET_NAMES, n) : undefined) ?? (() => { throw badRequest(`facets: ${JSON.stringify(n)} is not a facet this catalog counts; it counts ${Object.keys(FACET_NAMES).join(', ')}`, 'facets'); })());
        const query = queryOf(jsonParam(req.query.fields, 'fields'));
        const page = (await searched(() => search().search(id, query, { first: 0, offset: 0, facets, facetSize: 100 })))!;
        const out: Json = { all: [{ totalSets: page.totalCount }] };
        page.facets.forEach((f, i) => (out[names[i]] = f.buckets.map((b) => ({ _id: b.value, count: b.count }))));
        return { body: [out] };
      },
    },
    {
      method: 'get', path: '/Datasets/metadataKeys', versions: v3v4, tag, anonymous: true, query: ['fields', 'limits'],
      summary: 'The scientificMetadata keys of the datasets the caller may see (optionally those matching the query fields), as a list of names.',
      handler: async (req, id) => {
        const fields = jsonParam(req.query.fields, 'fields');
        const { first } = limitsOf(req.query.limits);
        const query = fields && queryOf(fields);
        const keys = (await searched(() => search().metadataKeys(id, { first: first || 100, ...(query && { query }) })))!;
        return { body: keys.map((k) => k.key) };
      },
    },
    {
      method: 'post', path: '/Datasets/isValid', versions: v3v4, tag, body: 'dataset',
      summary: 'Checks a dataset\'s fields as a create would, writing nothing: {valid, reason: [{path, message}]} (whether the caller may write it, or its pid is free, is the create\'s to say).',
      handler: async (req, id) => ({ body: validity(c, id, req.body) }),
    },
    {
      method: 'get', path: '/Datasets/public/:id', versions: ['v4'], tag, anonymous: true, query: ['include'],
      summary: 'A published dataset by pid, with its origdatablocks and attachments when ?include= asks for them.',
      handler: async (req: Request, id: Identity) => ({ body: await withIncluded(c, id, await mustGet(e, id, idParam(req)), req.query.include, true) }),
    },
  ];
}

/** What isValid answers for a body: {valid, reason: [{path, message}]}, the problems named as the client spelled the fields. */
function validity(c: CatalogServices, id: Identity, body: unknown): { valid: boolean; reason: unknown[] } {
  try {
    const { input, renames } = datasetIn(body, { create: true });
    input.pid ??= 'isvalid/check';
    const [p] = c.datasets.prepare(id, [input]);
    return { valid: p.problems.length === 0, reason: problemsIn(p.problems, renames) };
  } catch (err) {
    if (err instanceof CatalogError && err.code === ErrorCode.BAD_USER_INPUT) return { valid: false, reason: (err.details.problems as unknown[]) ?? [{ path: '/', message: err.message }] };
    throw err;
  }
}

/** A dataset with the relations `include` names (see withIncluded). */
export function datasetWithIncluded(c: CatalogServices, e: EntityRoutes) {
  return async (id: Identity, pid: string, req: Request) => withIncluded(c, id, await mustGet(e, id, pid), req.query.include, false);
}

/** A patch's datasetlifecycle merged into the stored one: a client changing one field keeps the others. */
export function mergeLifecycle(c: CatalogServices) {
  return async (id: Identity, pid: string, patch: Json) => {
    if (!patch.datasetlifecycle || typeof patch.datasetlifecycle !== 'object' || Array.isArray(patch.datasetlifecycle)) return;
    const stored = await c.datasets.get(id, pid);
    patch.datasetlifecycle = { ...((stored?.datasetlifecycle as Json | undefined) ?? {}), ...patch.datasetlifecycle };
  };
}

/** Runs a search; its refusals name the REST parameter at fault (fields or limits), and a page past the end is null. */
async function searched<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof CatalogError) || err.code !== ErrorCode.BAD_USER_INPUT) throw err;
    const field = String(err.details.field ?? '');
    if (field === 'offset' && /beyond the last result/.test(err.message)) return null;
    throw badRequest(err.message, field === 'offset' || field === 'first' ? 'limits' : 'fields');
  }
}

/** Problems at a record's paths, named as the client spelled the fields. */
function problemsIn(problems: { path: string; message: string }[], renames: Record<string, string>) {
  return problems.map((p) => {
    const m = p.path.match(/^\/([^/]+)(.*)$/);
    const to = m && own(renames, m[1]);
    return to ? { ...p, path: `/${to.replace(/\[0\]$/, '')}${to.endsWith('[0]') ? m[2].replace(/^\/0(?=\/|$)/, '') : m[2]}` } : p;
  });
}

/** A dataset (v4) with the relations `include` names: origdatablocks, attachments. */
async function withIncluded(c: CatalogServices, id: Identity, rec: Json, include: unknown, publicOnly: boolean): Promise<Json> {
  if (publicOnly && !rec.isPublished) throw errors.notFound('Dataset', rec._id);
  const names = (Array.isArray(include) ? include : include === undefined ? [] : [include]).flatMap((x) => String(x).split(','));
  const out = datasetOut(rec);
  for (const n of names) {
    if (n === 'origdatablocks') {
      out.origdatablocks = (await c.origDatablocks.ofDataset(id, rec._id)).map((b) => recordOut(b, 'id'));
    } else if (n === 'attachments') out.attachments = (await withThumbnails(c, id, await c.attachments.ofParent(id, 'dataset', rec._id))).map(attachmentOut);
    else if (n) throw badRequest(`include: ${JSON.stringify(n)} is not a relation of datasets (origdatablocks, attachments)`, 'include');
  }
  return out;
}

/** Attachments with their thumbnails: the index lists them without, so they are read by key, in one batch. */
export async function withThumbnails(c: CatalogServices, who: Identity, recs: Json[]): Promise<Json[]> {
  const missing = recs.filter((r) => typeof r.thumbnail !== 'string').map((r) => r._id as string);
  if (!missing.length) return recs;
  const read = new Map((await c.attachments.findByIds(who, missing, { thumbnail: 1 })).map((a) => [a._id, a.thumbnail]));
  return recs.map((r) => (typeof r.thumbnail === 'string' ? r : { ...r, thumbnail: read.get(r._id) }));
}
