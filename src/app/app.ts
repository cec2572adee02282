// The composition root of the running server: the services, Express with Apollo Server for HTTP (apollo.ts,
// http.ts), graphql-ws on the same port (ws.ts), one context builder for both, and the background workers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config';
import { connect, type Database } from '../db';
import { ingestOptions } from '../ingest/run/ingest.options';
import { createServices, type Services } from './services';
import { OutboxFeed } from '../catalog/outbox/outbox.feed';
import { Authenticator, issueToken, localTokenClaims, TokenVerifier, type Identity } from '../auth';
import { logger } from '../common/logger';
import { ContextBuilder } from '../graphql/context';
import { createPubSubBus, createSchema } from './schema';
import { createApollo } from './apollo';
import { graphqlRoute, httpErrors } from './http';
import { subscriptionServer } from './ws';
import { graphiqlRouter } from './graphiql';
import { signInRouter } from './signin';
import { portalRouter } from './portal';
import { DataCiteClient } from '../doi/datacite.client';
import { fairRouter } from '../fair/fair.router';
import { exportRouter } from '../export/export.router';
import { filesRouter } from '../files';
import { LOGIN_TTL_SECONDS, scicatRouter } from '../scicat';
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

/** Builds the services over `cfg`'s stores (or `opts.db`), starts listening and the workers; `close()` stops them all. */
export async function startApp(cfg: Config, opts: { db?: Database } = {}): Promise<App> {
  const db = opts.db ?? (await connect(cfg.mongoUri, cfg.dbName));
  const doiSettings = { client: cfg.datacite && new DataCiteClient(cfg.datacite), publicUrl: cfg.publicUrl ?? '' };
  const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix, exportDir: cfg.exportDir }, doiSettings, searchOptions(cfg), ingestOptions(cfg), cfg.storageRoots);
  const auth = new Authenticator(new TokenVerifier(cfg), services.apiKeys);
  const contexts = new ContextBuilder(auth, services);
  const pubSub = createPubSubBus();
  const schema = await createSchema(pubSub);
  const feed = new OutboxFeed(services.outbox, (topic, e) => pubSub.publish(topic, e), cfg.outboxPollMs);

  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = subscriptionServer(httpServer, schema, contexts, cfg);
  const apollo = createApollo(schema, httpServer, cfg, async () => void (await wsServer.dispose()));
  await apollo.start();

  pages(app, db, { services, contexts, cfg, publicUrl: () => doiSettings.publicUrl });
  graphqlRoute(app, apollo, contexts);
  httpErrors(app);
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

/** Everything served beside /graphql: health, GraphiQL, the sign-in settings, the FAIR pages (landing pages, OAI-PMH, files), export downloads. */
function pages(app: express.Express, db: Database, deps: { services: Services; contexts: ContextBuilder<Services>; cfg: Config; publicUrl: () => string }): void {
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
  app.use(signInRouter(deps.cfg));
  app.use(fairRouter(deps));
  app.use(exportRouter({ services: deps.services, contexts: deps.contexts }));
  app.use(filesRouter({ services: deps.services, contexts: deps.contexts }));
  const secret = deps.cfg.jwtSecret;
  const issue = async (who: Identity) => (secret ? issueToken(secret, { subject: who.subject, role: who.role, groups: who.groups, expiresIn: `${LOGIN_TTL_SECONDS}s`, ...localTokenClaims(deps.cfg) }, deps.cfg) : null);
  app.use(scicatRouter({ accounts: deps.services.accounts, contexts: deps.contexts, issue, catalog: deps.services, search: deps.services.search.service }));
  app.use(portalRouter());
  app.get('/graphql', (req, res, next) => (req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query ? res.redirect('/graphiql') : next()));
}
