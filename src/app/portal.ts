// The scientists' portal (web/, built by Vite into web/dist) served at `/`: its hashed assets with long
// caching, and its page for every portal route (the browser router takes it from there). GraphiQL stays at
// /graphiql. Without a build, `/` says how to make one instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../common/paths';

/** The portal's client-side routes (anything else is the server's). */
export const PORTAL_ROUTES = ['/', '/datasets/*rest', '/proposals/*rest', '/samples/*rest', '/publications/*rest', '/exports', '/auth/callback'];

/** Serves web/dist (or `dir`) at `/`. */
export function portalRouter(dir = path.join(projectRoot(), 'web', 'dist')): Router {
  const r = Router();
  const index = path.join(dir, 'index.html');
  r.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  let html: string | undefined;
  r.get(PORTAL_ROUTES, (req, res, next) => {
    if (req.path === '/' && req.accepts(['text/html', 'application/json']) !== 'text/html') return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send('The portal is not built: run `npm run build:web` (it builds web/ into web/dist; `npm test` and `npm run demo` do it). The GraphQL API is at /graphql, GraphiQL at /graphiql.');
      return;
    }
    html ??= readFileSync(index, 'utf8');
    res.set('cache-control', 'no-cache').type('html').send(html);
  });
  return r;
}
