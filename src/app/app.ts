// Wiring: Express + Apollo Server for HTTP, graphql-ws on the same port for subscriptions, one context builder for both.
import { ingestOptions } from '../ingest/run/ingest.options';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, parse, specifiedRules, validate, type GraphQLFormattedError } from 'graphql';
import { WebSocketServer } from 'ws';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as typeof import('graphql-ws/dist/use/ws');
import type { Config } from '../config';
import { connect, type Database } from '../db';
import { createServices, type Services } from './services';
import { OutboxFeed } from '../catalog/outbox/outbox.feed';
import { Authenticator, isAnonymous, TokenVerifier } from '../auth';
import { CatalogError, ErrorCode } from '../common/errors';
import { logger } from '../common/logger';
import { ContextBuilder, type Context } from '../graphql/context';
import { createPubSubBus, createSchema } from './schema';
import { checkLimits, depthLimit, exactIntegers, unsafeIntegerMessage, unsafeJsonInteger, type Limits } from '../graphql/limits';
import { graphiqlRouter } from './graphiql';
import { DataCiteClient } from '../doi/datacite.client';
import { fairRouter } from '../fair/fair.router';
import { exportRouter } from '../export/export.router';
import { ExportRunner } from '../export/export.runner';
import { ExportWorker } from '../export/export.worker';
import { catalogVersion } from '../common/version';
import { searchOptions } from '../search';

export interface App {
  url: string;
  wsUrl: string;
  port: number;
  db: Database;
  services: Services;
  feed: OutboxFeed;
  contexts: ContextBuilder<Services>;
  /** Runs queued export jobs (absent when CATALOG_EXPORT_WORKER is off). */
  worker?: ExportWorker;
  close(): Promise<void>;
}

/** Codes that are safe to show a client as they are; anything else is masked. */
const PUBLIC_CODES = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

export function toGraphQLError(e: CatalogError): GraphQLError {
  return new GraphQLError(e.message, { extensions: { code: e.code, ...e.details, ...(e.httpStatus && { http: { status: e.httpStatus } }) } });
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof CatalogError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL) return formatted;
  return { message: 'Internal server error; the request id in extensions identifies it in the server log', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/** Logs unexpected errors with the request id and stamps the id on every error a client receives. */
function requestIdPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) {
            const original = unwrapResolverError(e);
            if (!(original instanceof CatalogError) && !(original instanceof GraphQLError && PUBLIC_CODES.has(String(original.extensions?.code)))) {
              contextValue.log.error({ err: original, path: e.path }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            for (const e of response.body.singleResult.errors) (e as any).extensions = { ...e.extensions, requestId: contextValue.requestId };
          }
          // which store answered each entity's lists and relations: "elasticsearch", or "mongodb" when the index could not
          if (response.body.kind === 'single' && contextValue.loaders.readStores.size) {
            const r = response.body.singleResult;
            r.extensions = { ...r.extensions, readStore: Object.fromEntries(contextValue.loaders.readStores) };
          }
          response.http.headers.set('x-request-id', contextValue.requestId);
        },
      };
    },
  };
}

/** The largest GraphQL request body (bulk upserts of 2,000 datasets with their metadata fit). */
const BODY_LIMIT = '64mb';

/** Operations (subscriptions, queries) one WebSocket connection may hold at once. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;

/** Depth, then cost against the caller's budget, checked once the operation is known and before anything runs. */
function limitsPlugin(limits: Limits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation, contextValue }) {
          if (!operation) return;
          checkLimits(limits, schema, document, operation, request.variables ?? {}, isAnonymous(contextValue.identity));
        },
      };
    },
  };
}

export async function startApp(cfg: Config, opts: { db?: Database } = {}): Promise<App> {
  const db = opts.db ?? (await connect(cfg.mongoUri, cfg.dbName));
  const doiSettings = { client: cfg.datacite && new DataCiteClient(cfg.datacite), publicUrl: cfg.publicUrl ?? '' };
  const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix, exportDir: cfg.exportDir }, doiSettings, searchOptions(cfg), ingestOptions(cfg));
  const auth = new Authenticator(new TokenVerifier(cfg), services.apiKeys);
  const contexts = new ContextBuilder(auth, services);
  const pubSub = createPubSubBus();
  const schema = await createSchema(pubSub);
  const feed = new OutboxFeed(services.outbox, (topic, e) => pubSub.publish(topic, e), cfg.outboxPollMs);

  const app = express();
  const httpServer = http.createServer(app);
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsServer = useServer<Record<string, unknown>, { ctx?: Context; open?: number }>(
    {
      schema,
      validate: (sch, doc) => validate(sch, doc, [...specifiedRules, depthLimit(cfg.maxDepth), exactIntegers(), ...(cfg.introspection ? [] : [NoSchemaIntrospectionCustomRule])]),
      // a request over the socket pays what it costs, as over HTTP
      onSubscribe: (c, _id, payload) => {
        // one connection holds a bounded number of operations: each open subscription costs every event
        if ((c.extra.open ?? 0) >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [new GraphQLError(`a connection may hold ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations at once; close some or open another connection`, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, max: MAX_SUBSCRIPTIONS_PER_SOCKET } })];
        }
        let doc;
        try {
          doc = parse(payload.query);
        } catch {
          return undefined; // graphql-ws reports the syntax error itself
        }
        const op = getOperationAST(doc, payload.operationName ?? undefined);
        if (!op) return undefined;
        try {
          checkLimits(cfg, schema, doc, op, (payload.variables ?? {}) as Record<string, unknown>, !!c.extra.ctx && isAnonymous(c.extra.ctx.identity));
        } catch (e) {
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
        c.extra.open = (c.extra.open ?? 0) + 1;
        return undefined;
      },
      onConnect: async (c) => {
        const p = c.connectionParams ?? {};
        try {
          c.extra.ctx = await contexts.build({ authorization: str(p.authorization ?? p.Authorization), apiKey: str(p.apiKey ?? p['x-api-key']) });
        } catch (e) {
          if (e instanceof CatalogError) return false; // graphql-ws closes with 4403 Forbidden
          throw e;
        }
        return true;
      },
      context: (c) => c.extra.ctx!,
      onComplete: (c) => {
        c.extra.open = Math.max(0, (c.extra.open ?? 1) - 1);
      },
    },
    wss,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: cfg.introspection,
    validationRules: [exactIntegers()],
    // "Did you mean …?" suggestions name schema fields; off with introspection in production
    hideSchemaDetailsFromClientErrors: !cfg.fieldSuggestions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestIdPlugin(),
      limitsPlugin(cfg),
      { async serverWillStart() { return { async drainServer() { await wsServer.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      await db.db.command({ ping: 1 });
      res.json({ status: 'ok' });
    } catch (e) {
      res.status(503).json({ status: 'unavailable', mongodb: (e as Error).message });
    }
  });
  app.use(graphiqlRouter());
  app.use(fairRouter({ services, contexts, cfg, publicUrl: () => doiSettings.publicUrl }));
  app.use(exportRouter({ services, contexts }));
  app.get('/', (_req, res) => res.redirect('/graphiql'));
  app.get('/graphql', (req, res, next) => (req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query ? res.redirect('/graphiql') : next()));
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

  // what express itself refuses (malformed JSON, a body over the limit) is answered as GraphQL errors are,
  // without its HTML page and stack
  app.use((err: any, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err?.type === 'entity.too.large' ? `the request body is larger than ${BODY_LIMIT}` : err?.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : err?.type === 'entity.unsafe.integer' ? err.message : status < 500 ? 'bad request' : 'internal server error';
    if (status >= 500) logger.error({ err }, 'unexpected HTTP error');
    const code = err?.type === 'entity.unsafe.integer' ? ErrorCode.BAD_USER_INPUT : status < 500 ? 'BAD_REQUEST' : ErrorCode.INTERNAL;
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(cfg.port, cfg.host, () => resolve());
  });
  feed.start();
  const runner = new ExportRunner(services, services.exports, { catalogName: cfg.repositoryName, publicUrl: () => doiSettings.publicUrl, version: catalogVersion() });
  const worker = cfg.exportWorker ? new ExportWorker(services.exports, runner, cfg.exportPollMs) : undefined;
  const port = (httpServer.address() as AddressInfo).port;
  const host = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  // without CATALOG_PUBLIC_URL, links point at the address the server listens on
  doiSettings.publicUrl ||= `http://${host}:${port}`;
  worker?.start();
  if (cfg.searchSync) services.search.sync.start();
  if (!services.search.backend.configured) logger.warn('ELASTICSEARCH_URL is not set: search is unavailable (everything else works)');
  logger.debug({ port }, 'catalog API listening');
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    db,
    services,
    feed,
    contexts,
    worker,
    async close() {
      feed.stop();
      await worker?.stop();
      await services.search.close();
      await apollo.stop();
      if (!opts.db) await db.close();
    },
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function headerStr(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v || undefined;
}
