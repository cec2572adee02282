// SciCat's REST surface, for the clients facilities already use (pyscicat, scitacean, their own scripts), served
// over the catalog's own identity and access rules. This part: logging in with a functional account and asking
// who one is. Paths are matched without regard to case (pyscicat writes "Users", scitacean "users"), under
// /api/v3 and /api/v4. Errors have SciCat's shape: {statusCode, message, error}.
import express, { Router, type Request, type Response } from 'express';
import { isAnonymous, type FunctionalAccounts, type Identity } from '../auth';
import type { ContextBuilder } from '../graphql/context';
import { logger } from '../common/logger';

/** How long a login's token lives, in seconds (SciCat's default ttl). */
export const LOGIN_TTL_SECONDS = 3600 * 12;

export interface ScicatDeps {
  accounts: FunctionalAccounts;
  contexts: ContextBuilder<unknown>;
  /** A catalog token for `identity` (HS256, LOGIN_TTL_SECONDS), or null when the catalog issues none (no CATALOG_JWT_SECRET). */
  issue: (identity: Identity) => Promise<string | null>;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 501: 'Not Implemented' };

/** A SciCat-shaped error answer: {statusCode, message, error}. */
export function scicatError(res: Response, status: number, message: string): void {
  res.status(status).json({ statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' });
}

/** The caller's identity from `Authorization: Bearer …` or, as pyscicat also sends it, `?access_token=`. */
async function identityOf(req: Request, contexts: ContextBuilder<unknown>): Promise<Identity> {
  const token = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
  const authorization = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
  return (await contexts.build({ authorization, apiKey: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined })).identity;
}

/** The /api/v3 and /api/v4 routes built so far (see the file comment). */
export function scicatRouter(d: ScicatDeps): Router {
  const r = Router({ caseSensitive: false });
  // only this API's requests are parsed here; /graphql keeps its own parser and limits
  r.use(['/api/v3', '/api/v4'], express.json({ limit: '16mb' }));
  const login = async (req: Request, res: Response) => {
    const { username, password } = (req.body ?? {}) as Record<string, unknown>;
    const missing = ['username', 'password'].filter((k) => typeof (req.body ?? {})[k] !== 'string' || !(req.body as Record<string, string>)[k]);
    if (missing.length) return scicatError(res, 400, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required (a JSON body {"username": …, "password": …})`);
    const who = await d.accounts.verify(username, password);
    if (!who) return scicatError(res, 401, 'Unauthorized: unknown user name or wrong password');
    const token = await d.issue(who);
    if (!token) return scicatError(res, 501, 'this catalog issues no tokens of its own (CATALOG_JWT_SECRET is not set); log in through its identity provider');
    const created = new Date().toISOString();
    res.status(201).json({ access_token: token, id: token, ttl: LOGIN_TTL_SECONDS, created, userId: who.subject, user: { id: who.subject, username: who.subject, email: (who as { email?: string }).email ?? '', authStrategy: 'local' } });
  };
  for (const v of ['v3', 'v4']) {
    r.post(`/api/${v}/auth/login`, guard(login));
    r.post(`/api/${v}/Users/login`, guard(login));
    r.get(
      [`/api/${v}/users/my/self`, `/api/${v}/Users/my/self`],
      guard(async (req, res) => {
        const who = await identityOf(req, d.contexts);
        if (isAnonymous(who)) return scicatError(res, 401, 'Unauthorized: send a token (Authorization: Bearer …)');
        res.json({ id: who.subject, username: who.subject, role: who.role, groups: who.groups, currentGroups: who.groups, authStrategy: who.via });
      }),
    );
  }
  // clients parse every answer as JSON: a route not built yet is a SciCat-shaped 404 that says so, not an HTML page
  r.all(['/api/v3{/*rest}', '/api/v4{/*rest}'], (req, res) => scicatError(res, 404, `${req.method} ${req.path} is not part of this catalog's SciCat API (yet): it serves auth/login, Users/login and users/my/self`));
  // a body that is not JSON (or too large) is said in SciCat's shape, not passed to the app's handler
  r.use(['/api/v3', '/api/v4'], (err: { status?: number; message?: string }, _req: Request, res: Response, next: (e: unknown) => void) => {
    if (!err?.status || err.status >= 500 || res.headersSent) return next(err);
    scicatError(res, err.status, `the request body is not usable: ${err.message}`);
  });
  return r;
}

/** Runs a route; a refused credential is a SciCat 401, anything unforeseen a logged 500. */
function guard(fn: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'UNAUTHENTICATED') return scicatError(res, 401, `Unauthorized: ${(e as Error).message}`);
      logger.error({ err: e, url: req.originalUrl }, 'SciCat API request failed');
      if (!res.headersSent) scicatError(res, 500, 'Internal server error');
    }
  };
}
