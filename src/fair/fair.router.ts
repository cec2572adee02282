// The FAIR endpoints beside GraphQL: landing pages with content negotiation and signposting (/pid/…),
// and OAI-PMH (/oai). Landing pages honour the caller's token if one is sent; OAI-PMH is anonymous.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../config';
import type { CatalogServices } from '../catalog';
import type { DoiWorkflow } from '../doi';
import type { DatasetFiles } from '../files';
import type { ContextBuilder } from '../graphql/context';
import { CatalogError } from '../common/errors';
import { logger } from '../common/logger';
import { landing } from './landing';
import { OaiRepository } from './oai';

export interface FairDeps {
  services: CatalogServices & { doi: DoiWorkflow; files: DatasetFiles };
  contexts: ContextBuilder<unknown>;
  cfg: Pick<Config, 'repositoryName' | 'adminEmail' | 'oaiPageSize' | 'oaiRepositoryId'>;
  publicUrl: () => string;
}

/**
 * The FAIR routes: landing pages at /pid/<id> (content negotiation, Signposting per RFC 8288, the caller's token honoured)
 * and the OAI-PMH 2.0 endpoint at /oai (GET or form POST, anonymous). Errors answer in plain text as `CODE: message`,
 * with status 401 for UNAUTHENTICATED, 503 for SERVICE_UNAVAILABLE, 400 for other catalog errors and 500 otherwise.
 */
export function fairRouter(d: FairDeps): Router {
  const r = Router();
  const catalog = () => ({ name: d.cfg.repositoryName, url: d.publicUrl() });
  const failed = (res: Response, e: unknown) => {
    if (e instanceof CatalogError) {
      const status = e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'SERVICE_UNAVAILABLE' ? 503 : 400;
      return void res.status(status).type('text/plain').send(`${e.code}: ${e.message}\n`);
    }
    logger.error({ err: e }, 'FAIR endpoint failed');
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal server error\n');
    else res.end();
  };
  const page = async (req: Request, res: Response) => {
    try {
      const ctx = await d.contexts.build({ authorization: req.headers.authorization, apiKey: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined });
      await landing(req, res, { services: d.services, catalog }, ctx.identity);
    } catch (e) {
      failed(res, e);
    }
  };
  r.get('/pid/*id', page);
  r.head('/pid/*id', page);

  const oai = new OaiRepository({
    services: d.services,
    baseUrl: () => `${d.publicUrl()}/oai`,
    repositoryName: d.cfg.repositoryName,
    adminEmail: d.cfg.adminEmail,
    repositoryId: d.cfg.oaiRepositoryId,
    pageSize: d.cfg.oaiPageSize,
  });
  const harvest = async (req: Request, res: Response, _next: NextFunction) => {
    try {
      await oai.handle(req, res);
    } catch (e) {
      failed(res, e);
    }
  };
  r.get('/oai', harvest);
  r.post('/oai', express.urlencoded({ extended: false, limit: '64kb' }), harvest);
  return r;
}
