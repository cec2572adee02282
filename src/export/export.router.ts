// Downloads of finished exports: /exports/<job id>/<file>, for the job's owner (and stewards and admins),
// with the caller's token or API key, exactly as for GraphQL.
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { ContextBuilder } from '../graphql/context';
import type { ExportService } from './export.service';
import { CatalogError } from '../common/errors';
import { logger } from '../common/logger';

const TYPES: Record<string, string> = { '.jsonl': 'application/jsonlines', '.csv': 'text/csv; charset=utf-8', '.parquet': 'application/vnd.apache.parquet', '.json': 'application/json' };

/**
 * The download routes of finished exports: `/exports/<id>` answers the job's files as JSON with their URLs, `/exports/<id>/<file>`
 * sends one file with its SHA-256 `Digest` header. Answers 404 for a job the caller may not see or a file it lacks, 409 while the
 * job has not completed, 410 when the file is gone from the export folder, 401 for bad credentials.
 */
export function exportRouter(d: { services: { exports: ExportService }; contexts: ContextBuilder<unknown> }): Router {
  const r = Router();
  const serve = async (req: Request, res: Response) => {
    try {
      const ctx = await d.contexts.build({ authorization: req.headers.authorization, apiKey: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined });
      const job = await d.services.exports.get(ctx.identity, String(req.params.id));
      if (!job) return void res.status(404).type('text/plain').send(`NOT_FOUND: no export ${req.params.id} that you may see\n`);
      if (job.status !== 'completed') return void res.status(409).type('text/plain').send(`CONFLICT: export ${job._id} is ${job.status}; files are offered once it has completed\n`);
      const file = req.params.file ? String(req.params.file) : undefined;
      if (!file) return void res.json({ export: job._id, files: (job.outputs ?? []).map((o) => ({ ...o, url: `${req.baseUrl}/exports/${job._id}/${o.name}` })) });
      const out = job.outputs?.find((o) => o.name === file);
      if (!out) return void res.status(404).type('text/plain').send(`NOT_FOUND: export ${job._id} has no file ${JSON.stringify(file)}; it has ${(job.outputs ?? []).map((o) => o.name).join(', ')}\n`);
      res.setHeader('Content-Type', TYPES[path.extname(out.name)] ?? 'application/octet-stream');
      res.setHeader('Digest', `sha-256=${Buffer.from(out.sha256, 'hex').toString('base64')}`);
      // the export folder may sit under any path, dot-folders included (the default is .data/exports):
      // only the file's own name is checked against dotfiles, relative to the folder
      if (path.basename(out.name) !== out.name) throw new Error(`export ${job._id} lists a file outside its folder: ${out.name}`);
      res.sendFile(out.name, { root: job.outDir, dotfiles: 'deny' }, (err: NodeJS.ErrnoException | undefined) => {
        if (!err || res.headersSent) return;
        if (err.code === 'ENOENT') return void res.status(410).type('text/plain').send(`GONE: ${out.name} is no longer in the export folder\n`);
        logger.error({ err, export: job._id, file: out.name }, 'export download failed');
        res.status(500).type('text/plain').send('Internal server error\n');
      });
    } catch (e) {
      if (e instanceof CatalogError) return void res.status(e.code === 'UNAUTHENTICATED' ? 401 : 400).type('text/plain').send(`${e.code}: ${e.message}\n`);
      logger.error({ err: e }, 'export download failed');
      res.status(500).type('text/plain').send('Internal server error\n');
    }
  };
  r.get('/exports/:id', serve);
  r.get('/exports/:id/', serve);
  r.get('/exports/:id/:file', serve);
  return r;
}
