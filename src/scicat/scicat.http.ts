// The HTTP side of SciCat's REST API: who is calling, and errors in SciCat's shape
// ({statusCode, message, error}, plus `problems` naming each field at fault). A catalog error keeps its
// meaning: bad input 400, missing or not visible 404, refused 403, clash 409, no read store 503.
import type { Request, Response } from 'express';
import { isAnonymous, type Identity } from '../auth';
import type { ContextBuilder } from '../graphql/context';
import { CatalogError, ErrorCode, type Problem } from '../common/errors';
import { logger } from '../common/logger';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.INVALID_ID]: 400,
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.PAGE_TOO_LARGE]: 400,
  [ErrorCode.INVALID_CURSOR]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_TRANSITION]: 409,
  [ErrorCode.DOI_REJECTED]: 502,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** A SciCat-shaped error answer: `{statusCode, message, error}`, and `problems` ([{path, message}], JSON pointers into the request body) when there are any. */
export function scicatError(res: Response, status: number, message: string, problems?: Problem[]): void {
  res.status(status).json({ statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error', ...(problems?.length && { problems }) });
}

/**
 * Renames of the fields a DTO maps (catalog name → the name the client sent), so a problem names what the client
 * wrote. A name ending in "[0]" is a single value the catalog keeps as a list's first element (v3 `proposalId`).
 */
export type Renames = Record<string, string>;

/** A caller's mistake raised as a 400 naming `field` (a JSON pointer into the body or a query parameter). */
export function badRequest(message: string, field: string): CatalogError {
  return new CatalogError(ErrorCode.BAD_USER_INPUT, message, { problems: [{ path: field, message }] });
}

/** The caller's identity from `Authorization: Bearer …`, `X-Api-Key`, or, as pyscicat also sends it, `?access_token=`. Refused credentials throw UNAUTHENTICATED. */
export async function identityOf(req: Request, contexts: ContextBuilder<unknown>): Promise<Identity> {
  const token = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
  let authorization = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
  let apiKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined;
  // SciCat clients send whatever token they hold as Bearer (pyscicat's token=, scitacean's from_token): a catalog API key too
  const bearer = authorization?.match(/^Bearer\s+(cat_\S+)$/i);
  if (bearer && !apiKey) [apiKey, authorization] = [bearer[1], undefined];
  return (await contexts.build({ authorization, apiKey })).identity;
}

/** Renames the catalog field at the head of a problem's path back to the name the client sent. */
function renamed(p: Problem, renames: Renames): Problem {
  const m = p.path.match(/^\/([^/]+)(.*)$/);
  if (!m || !renames[m[1]]) return p;
  const single = renames[m[1]].endsWith('[0]');
  const name = single ? renames[m[1]].slice(0, -3) : renames[m[1]];
  return { path: `/${name}${single ? m[2].replace(/^\/0(?=\/|$)/, '') : m[2]}`, message: p.message.replaceAll(m[1], name) };
}

/** Answers an error thrown by a route: catalog errors with their status, anything else a logged, masked 500. */
export function answerError(req: Request, res: Response, e: unknown, renames: Renames = {}): void {
  if (res.headersSent) return;
  if (e instanceof CatalogError) {
    const status = STATUS_OF[e.code] ?? 500;
    // services name the field at fault as details.problems (validation) or details.field (one argument)
    const given = (e.details.problems as Problem[] | undefined) ?? (typeof e.details.field === 'string' ? [{ path: `/${e.details.field}`, message: e.message }] : []);
    const problems = given.map((p) => renamed(p, renames));
    let message = e.message;
    for (const [from, to] of Object.entries(renames)) message = message.replaceAll(`/${from}`, `/${to.replace(/\[0\]$/, '')}`);
    if (status === 401 && !message.startsWith('Unauthorized')) message = `Unauthorized: ${message}`;
    if (status < 500 || status === 503 || status === 502) return scicatError(res, status, message, problems);
  }
  logger.error({ err: e, url: req.originalUrl }, 'SciCat API request failed');
  scicatError(res, 500, 'Internal server error');
}

/** The handler of a route: it returns the status and body to send, or throws. */
export type Handler = (req: Request, identity: Identity) => Promise<{ status?: number; body: unknown; renames?: Renames }>;

/** Runs a route with the caller's identity (401 for an anonymous caller unless `anonymous`); errors are answered in SciCat's shape (see answerError). */
export function route(contexts: ContextBuilder<unknown>, fn: Handler, anonymous: boolean) {
  return async (req: Request, res: Response) => {
    try {
      const identity = await identityOf(req, contexts);
      if (!anonymous && isAnonymous(identity)) return scicatError(res, 401, 'Unauthorized: this route needs a token (Authorization: Bearer …, from auth/login)');
      const out = await fn(req, identity);
      res.status(out.status ?? 200).json(out.body ?? null);
    } catch (e) {
      answerError(req, res, e, (e as { renames?: Renames }).renames);
    }
  };
}
