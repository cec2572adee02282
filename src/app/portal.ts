// The scientists' portal (web/, built by Vite into web/dist) served at `/`: its hashed assets with long
// caching, and its page for every portal route (the browser router takes it from there). GraphiQL stays at
// /graphiql. Without a build, `/` says how to make one instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../common/paths';

/** Paths the server answers itself: anything else a browser asks for as a page is the portal's (its router says "no such page"). */
const SERVER_PATHS = /^\/(api|graphql|graphiql|files|archives|exports\/|pid|oai|healthz|auth\/config|assets)(\/|$)/;

/** Serves web/dist (or `dir`) at `/`: its assets, and its page for every page request the server does not answer. */
export function portalRouter(dir = path.join(projectRoot(), 'web', 'dist')): Router {
  const r = Router();
  const index = path.join(dir, 'index.html');
  r.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  let html: string | undefined;
  // a middleware, not a route: no path parameter is decoded, so an address with a stray "%" still gets the page
  r.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || req.accepts(['text/html', 'application/json']) !== 'text/html') return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send('The portal is not built: run `npm run build:web` (it builds web/ into web/dist; `npm test` and `npm run demo` do it). The GraphQL API is at /graphql, GraphiQL at /graphiql.');
      return;
    }
    html ??= readFileSync(index, 'utf8');
    res.set('cache-control', 'no-cache').type('html').send(html);
  });
  return r;
}
