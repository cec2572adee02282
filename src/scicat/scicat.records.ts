// SciCat's create, read, update, delete and find endpoints for one entity, over its catalog service: the
// same validation, access rule and read store as GraphQL. A record the caller may not see reads as missing
// (404), as in GraphQL. Lists and counts go through the read index (see scicat.filter.ts).
import type { Request } from 'express';
import type { Identity } from '../auth';
import type { SortSpec } from '../common/pagination';
import { CatalogError, ErrorCode, errors } from '../common/errors';
import type { Handler, Renames } from './scicat.http';
import { badRequest } from './scicat.http';
import { listFilter, MAX_LIMIT, type RestEntity } from './scicat.filter';
import { pickFields } from './scicat.dto';

type Json = Record<string, any>;

/** What the REST routes need of an entity's catalog service (RecordService has all of it). */
export interface RecordApi {
  readonly entity: string;
  get(identity: Identity, id: string): Promise<Json | null>;
  create(identity: Identity, input: Json): Promise<Json>;
  update(identity: Identity, id: string, patch: Json): Promise<Json>;
  remove(identity: Identity, id: string): Promise<Json>;
  select(identity: Identity, query: Json, sort: SortSpec, limit: number, trace?: undefined, skip?: number): Promise<Json[]>;
  count(identity: Identity, query: Json): Promise<number>;
}

/** One SciCat entity: its REST names, service, DTO mapping and default order. */
export interface EntityRoutes extends RestEntity {
  /** The path segment SciCat v3 uses (e.g. "Samples"); paths match whatever the case. */
  plural: string;
  service: () => RecordApi;
  in(body: unknown, create: boolean, identity: Identity): { input: Json; renames: Renames };
  out(rec: Json): Json;
  /** Adds what lists leave out (an attachment's thumbnail, a block's files, read by key in one batch). */
  fill?(identity: Identity, recs: Json[]): Promise<Json[]>;
  /** Answers GET /:id when the entity adds to the record (a dataset's `include`); default: the record. */
  getOne?(identity: Identity, id: string, req: Request): Promise<Json>;
  /** Completes a patch from the stored record (a dataset's lifecycle is merged, not replaced). */
  beforePatch?(identity: Identity, id: string, patch: Json): Promise<void>;
  sort: SortSpec;
}

/** One route: method, path under /api/<version>, what it does (for the OpenAPI document) and its handler. */
export interface RestRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  versions: ('v3' | 'v4')[];
  tag: string;
  summary: string;
  /** The catalog JSON Schema the body follows (for the OpenAPI document). */
  body?: string;
  /** JSON query parameters it reads. */
  query?: string[];
  status?: number;
  anonymous?: boolean;
  handler: Handler;
}

/** The id in a route's path (`:id`), as sent: pids with slashes arrive encoded (%2F) and are decoded by the router. */
export function idParam(req: Request): string {
  return String(req.params.id);
}

/** Adds the client's field names to an error thrown while writing, so it names what the client sent. */
export async function named<T>(renames: Renames, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e && typeof e === 'object') Object.assign(e, { renames });
    throw e;
  }
}

/** A record by key, or NOT_FOUND (also for one the caller may not see). */
export async function mustGet(e: EntityRoutes, identity: Identity, id: string): Promise<Json> {
  const svc = e.service();
  const rec = await svc.get(identity, id);
  if (!rec) throw errors.notFound(svc.entity, id);
  return rec;
}

/** Records matching a request's `filter` (see listFilter), answered as the client's DTOs. */
export async function listOf(e: EntityRoutes, identity: Identity, query: Json): Promise<Json[]> {
  const f = listFilter(e, query, e.sort);
  if (f.limit === 0) return [];
  const recs = await e.service().select(identity, f.where, f.sort, f.unbounded ? f.limit + 1 : f.limit, undefined, f.skip);
  if (f.unbounded && recs.length > MAX_LIMIT) throw badRequest(`the filter matches more than ${MAX_LIMIT} ${e.plural}; page with "limit" and "skip" (at most ${MAX_LIMIT} a page)`, 'filter.limit');
  const full = e.fill && (!f.fields || f.fields.some((x) => x === 'thumbnail' || x === 'dataFileList')) ? await e.fill(identity, recs) : recs;
  return full.map((r) => pickFields(e.out(r), f.fields));
}

/** The routes every entity has: create, find (filter), count, findOne, get, patch, delete. */
export function crudRoutes(e: EntityRoutes, versions: ('v3' | 'v4')[] = ['v3', 'v4']): RestRoute[] {
  const tag = e.plural;
  const p = `/${e.plural}`;
  return [
    {
      method: 'post', path: p, versions, tag, body: e.schema, status: 201, summary: `Creates a ${e.schema}; answers it as stored.`,
      handler: async (req, id) => {
        const { input, renames } = e.in(req.body, true, id);
        return { status: 201, body: e.out(await named(renames, () => e.service().create(id, input))) };
      },
    },
    { method: 'get', path: p, versions, tag, query: ['filter'], summary: `The ${e.plural} the caller may see that match a loopback filter {where, fields, limit, skip, order}.`, anonymous: true, handler: async (req, id) => ({ body: await listOf(e, id, req.query as Json) }) },
    {
      method: 'get', path: `${p}/count`, versions, tag, query: ['filter', 'where'], anonymous: true, summary: `How many ${e.plural} the caller may see match the where: {count}.`,
      handler: async (req, id) => ({ body: { count: await e.service().count(id, listFilter(e, req.query as Json, e.sort).where) } }),
    },
    {
      method: 'get', path: `${p}/findOne`, versions, tag, query: ['filter'], anonymous: true, summary: `The first of the ${e.plural} matching a filter, or 404.`,
      handler: async (req, id) => {
        const [first] = await listOf(e, id, { ...(req.query as Json), limit: '1' });
        if (!first) throw new CatalogError(ErrorCode.NOT_FOUND, `no ${e.service().entity} that you may see matches the filter`);
        return { body: first };
      },
    },
    {
      method: 'get', path: `${p}/:id`, versions, tag, anonymous: true, query: e.getOne ? ['include'] : undefined, summary: `A ${e.schema} by ${e.key} (encode slashes as %2F); 404 when missing or not visible.`,
      handler: async (req, id) => ({ body: e.getOne ? await e.getOne(id, idParam(req), req) : e.out(await mustGet(e, id, idParam(req))) }),
    },
    {
      method: 'patch', path: `${p}/:id`, versions, tag, body: e.schema, summary: `Changes the fields given (null removes one); answers the record as stored.`,
      handler: async (req, id) => {
        const { input, renames } = e.in(req.body, false, id);
        await e.beforePatch?.(id, idParam(req), input);
        return { body: e.out(await named(renames, () => e.service().update(id, idParam(req), input))) };
      },
    },
    { method: 'delete', path: `${p}/:id`, versions, tag, summary: `Deletes a ${e.schema} (and what hangs off it); answers the deleted record.`, handler: async (req, id) => ({ body: e.out(await e.service().remove(id, idParam(req))) }) },
  ];
}
