// SciCat's REST surface, for the clients facilities already use (pyscicat, scitacean, their own scripts), served
// over the catalog's own services, identity and access rules. Paths are matched without regard to case
// (pyscicat writes "Datasets", scitacean "datasets"), under /api/v3 and /api/v4. Errors have SciCat's shape:
// {statusCode, message, error}. The routes: login and whoami here, the entities in scicat.entities.ts, the
// dataset queries in scicat.datasets.ts, the OpenAPI document in scicat.openapi.ts.
import express, { Router, type Request, type Response } from 'express';
import { isAnonymous, type FunctionalAccounts, type Identity } from '../auth';
import type { ContextBuilder } from '../graphql/context';
import type { CatalogServices } from '../catalog';
import type { SearchService } from '../search';
import { answerError, identityOf, route, scicatError } from './scicat.http';
import { entities, entityRoutes } from './scicat.entities';
import { datasetRoutes } from './scicat.datasets';
import type { RestRoute } from './scicat.records';
import { explorerRouter } from './scicat.openapi';

/** How long a login's token lives, in seconds (SciCat's default ttl). */
export const LOGIN_TTL_SECONDS = 3600 * 12;

export interface ScicatDeps {
  accounts: FunctionalAccounts;
  contexts: ContextBuilder<unknown>;
  /** A catalog token for `identity` (HS256, LOGIN_TTL_SECONDS), or null when the catalog issues none (no CATALOG_JWT_SECRET). */
  issue: (identity: Identity) => Promise<string | null>;
  catalog: CatalogServices;
  /** The search service (fullquery, fullfacet, metadataKeys). */
  search: SearchService;
}

/** Every record route, in the order they are matched (fixed paths such as Datasets/count before Datasets/:id). */
export function restRoutes(d: Pick<ScicatDeps, 'catalog' | 'search'>): RestRoute[] {
  return [...datasetRoutes(d.catalog, () => d.search, entities(d.catalog).Datasets), ...entityRoutes(d.catalog)];
}

/** The SciCat API's router (see the file comment). */
export function scicatRouter(d: ScicatDeps): Router {
  const r = Router({ caseSensitive: false });
  // only this API's requests are parsed here; /graphql keeps its own parser and limits
  // not strict: a body of null, 42 or "x" is valid JSON, answered as "must be a JSON object" by the route
  r.use(['/api/v3', '/api/v4'], express.json({ limit: '16mb', strict: false }));
  r.use(['/api/v3', '/api/v4'], (req, res, next) => {
    // a JSON body sent as another type reaches no parser: said, rather than read as an empty object
    const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (sent && ['POST', 'PATCH', 'PUT'].includes(req.method) && !req.is('application/json')) return scicatError(res, 415, `send the body as JSON with "Content-Type: application/json" (got ${JSON.stringify(req.headers['content-type'] ?? 'none')})`);
    next();
  });
  const login = async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const missing = ['username', 'password'].filter((k) => typeof body[k] !== 'string' || !body[k]);
    if (missing.length) return scicatError(res, 400, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required (a JSON body {"username": …, "password": …})`);
    const who = await d.accounts.verify(body.username as string, body.password as string);
    if (!who) return scicatError(res, 401, 'Unauthorized: unknown user name or wrong password');
    const token = await d.issue(who);
    if (!token) return scicatError(res, 501, 'this catalog issues no tokens of its own (CATALOG_JWT_SECRET is not set); log in through its identity provider');
    const created = new Date().toISOString();
    res.status(201).json({ access_token: token, id: token, ttl: LOGIN_TTL_SECONDS, created, userId: who.subject, user: { id: who.subject, username: who.subject, email: (who as { email?: string }).email ?? '', authStrategy: 'local' } });
  };
  for (const v of ['v3', 'v4']) {
    r.post([`/api/${v}/auth/login`, `/api/${v}/Users/login`], guard(login));
    r.get(
      `/api/${v}/users/my/self`,
      guard(async (req, res) => {
        const who = await identityOf(req, d.contexts);
        if (isAnonymous(who)) return scicatError(res, 401, 'Unauthorized: send a token (Authorization: Bearer …)');
        res.json({ id: who.subject, username: who.subject, role: who.role, groups: who.groups, currentGroups: who.groups, authStrategy: who.via });
      }),
    );
  }
  for (const rt of restRoutes(d)) {
    for (const v of rt.versions) r[rt.method](`/api/${v}${rt.path}`, route(d.contexts, rt.handler, rt.anonymous ?? false));
  }
  r.use(explorerRouter(() => restRoutes(d)));
  // clients parse every answer as JSON: an unknown route is a SciCat-shaped 404, not an HTML page
  r.all(['/api/v3{/*rest}', '/api/v4{/*rest}'], (req, res) => scicatError(res, 404, `${req.method} ${req.path} is not part of this catalog's SciCat API; the routes it serves are listed at /api/v3/explorer`));
  // a body that is not JSON (or too large) is said in SciCat's shape, not passed to the app's handler
  r.use(['/api/v3', '/api/v4'], (err: { status?: number; message?: string }, _req: Request, res: Response, next: (e: unknown) => void) => {
    if (!err?.status || err.status >= 500 || res.headersSent) return next(err);
    // express names a path it cannot decode "Failed to decode param"; everything else here is the body's
    const what = /decode param/.test(err.message ?? '') ? 'the request path is not usable (bad percent-encoding)' : 'the request body is not usable';
    scicatError(res, err.status, `${what}: ${err.message}`);
  });
  return r;
}

/** Runs a route of this file; errors are answered in SciCat's shape. */
function guard(fn: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      answerError(req, res, e);
    }
  };
}
