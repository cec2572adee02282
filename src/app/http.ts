// The GraphQL HTTP route (JSON body with a size limit and exact integers, the caller's context) and the
// answer to what express itself refuses, shaped like GraphQL errors.
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { CatalogError, ErrorCode } from '../common/errors';
import { logger } from '../common/logger';
import type { Context, ContextBuilder } from '../graphql/context';
import { unsafeIntegerMessage, unsafeJsonInteger } from '../graphql/limits';
import { toGraphQLError } from './apollo';
import type { Services } from './services';

/** The largest GraphQL request body (bulk upserts of 2,000 datasets with their metadata fit). */
const BODY_LIMIT = '64mb';

/** Mounts POST/GET /graphql on `app`. */
export function graphqlRoute(app: express.Express, apollo: ApolloServer<Context>, contexts: ContextBuilder<Services>): void {
  app.use(
    '/graphql',
    express.json({
      limit: BODY_LIMIT,
      // a JSON integer beyond 2^53−1 would reach the catalog as another number: refused, naming it
      verify: (_req, _res, buf) => {
        const digits = buf.length >= 16 ? unsafeJsonInteger(buf.toString('utf8')) : null;
        if (digits) throw Object.assign(new Error(unsafeIntegerMessage(digits)), { status: 400, type: 'entity.unsafe.integer' });
      },
    }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = headerStr(req.headers['x-request-id']) ?? randomUUID();
        try {
          return await contexts.build({ authorization: req.headers.authorization, apiKey: headerStr(req.headers['x-api-key']) }, requestId);
        } catch (e) {
          if (e instanceof CatalogError) {
            const ge = toGraphQLError(e);
            (ge.extensions as any).requestId = requestId;
            throw ge;
          }
          throw e;
        }
      },
    }),
  );
}

/** Answers malformed JSON, oversized bodies and unsafe integers as GraphQL errors are, without express's HTML page and stack. */
export function httpErrors(app: express.Express): void {
  app.use((err: any, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err?.type === 'entity.too.large' ? `the request body is larger than ${BODY_LIMIT}` : err?.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : err?.type === 'entity.unsafe.integer' ? err.message : status < 500 ? 'bad request' : 'internal server error';
    if (status >= 500) logger.error({ err }, 'unexpected HTTP error');
    const code = err?.type === 'entity.unsafe.integer' ? ErrorCode.BAD_USER_INPUT : status < 500 ? 'BAD_REQUEST' : ErrorCode.INTERNAL;
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });
}

function headerStr(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v || undefined;
}
