// File access over HTTP, under the dataset's access rule and with the caller's token or API key as for GraphQL:
//   GET|HEAD /files/<pid>/<name>        one file (Range, ETag, Last-Modified, conditional requests)
//   GET|HEAD /archives/<pid>.zip|.tar   the whole dataset, streamed
// A pid holds slashes: send it encoded as one segment (%2F), or plain, and the longest-known split is found.
import { Router, type Request, type Response } from 'express';
import type { ContextBuilder } from '../graphql/context';
import type { Identity } from '../auth';
import { CatalogError } from '../common/errors';
import { logger } from '../common/logger';
import type { DatasetFiles, ReadableFile } from './dataset.files';
import { ARCHIVE_FORMATS, archiveFolder, streamArchive, type ArchiveFormat } from './archive';
import { checkName, PathRefused } from './storage';

/** At most this many leading segments are tried as a plain (unencoded) pid. */
const MAX_PID_SEGMENTS = 8;

/** A plain-text answer; control characters of what the request said (a NUL, a CR LF) are written as escapes, never echoed. */
const answer = (res: Response, status: number, text: string) => void res.status(status).type('text/plain').send(`${text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
const notFound = (res: Response, what: string) => answer(res, 404, `NOT_FOUND: ${what}`);

/** The URL path of a file: `/files/<pid, encoded as one segment>/<name, each segment encoded>`. */
export function fileUrl(base: string, pid: string, name: string): string {
  return `${base}/files/${encodeURIComponent(pid)}/${name.split('/').map(encodeURIComponent).join('/')}`;
}

/** The URL of a dataset's archive in `format`: `/archives/<pid, encoded>.<format>`. */
export function archiveUrl(base: string, pid: string, format: ArchiveFormat): string {
  return `${base}/archives/${encodeURIComponent(pid)}.${format}`;
}

function segments(req: Request): string[] {
  const raw = (req.params as Record<string, unknown>).rest;
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

/**
 * The routes of file access. Answers 404 alike for a dataset that is missing or hidden from the caller and for a name its blocks do
 * not list or that tries to leave its folder; 404 naming the reason when the caller may see the dataset but its file is not on
 * storage; 409 when an archive would miss files; 401 for bad credentials; 206/416 for ranges, 304 for fresh conditional requests.
 */
export function filesRouter(d: { services: { files: DatasetFiles }; contexts: ContextBuilder<unknown> }): Router {
  const r = Router();
  const files = d.services.files;
  const identityOf = async (req: Request): Promise<Identity> =>
    (await d.contexts.build({ authorization: req.headers.authorization, apiKey: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined })).identity;
  const guard = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      if (e instanceof CatalogError) return void res.status(e.code === 'UNAUTHENTICATED' ? 401 : 400).type('text/plain').send(`${e.code}: ${e.message}\n`);
      logger.error({ err: e, url: req.originalUrl }, 'file download failed');
      if (!res.headersSent) res.status(500).type('text/plain').send('Internal server error\n');
      else res.destroy();
    }
  };

  const file = guard(async (req, res) => {
    const identity = await identityOf(req);
    const parts = segments(req);
    for (let k = 1; k < parts.length && k <= MAX_PID_SEGMENTS; k++) {
      const pid = parts.slice(0, k).join('/');
      const name = parts.slice(k).join('/');
      try {
        checkName(name);
      } catch (e) {
        if (e instanceof PathRefused) return notFound(res, `no file ${JSON.stringify(name)} in a dataset you may see (${e.message})`);
        throw e;
      }
      const found = await files.find(identity, pid, name);
      if (!found) continue;
      if ('unavailable' in found) return notFound(res, found.unavailable);
      return send(res, found);
    }
    notFound(res, `no dataset you may see lists the file ${parts.join('/')}`);
  });
  r.get('/files/*rest', file);
  r.head('/files/*rest', file);

  const archive = guard(async (req, res) => sendArchive(req, res, files, await identityOf(req)));
  r.get('/archives/*rest', archive);
  r.head('/archives/*rest', archive);
  r.get(['/files{/}', '/archives{/}'], (_req, res) => notFound(res, 'a file is /files/<pid>/<path>, an archive /archives/<pid>.zip or .tar'));
  // files and archives are only read
  r.all(['/files{/*rest}', '/archives{/*rest}'], (req, res) => {
    res.setHeader('Allow', 'GET, HEAD');
    answer(res, 405, `METHOD_NOT_ALLOWED: ${req.method} is not allowed here; files and archives are read with GET or HEAD`);
  });
  // a path that is not valid percent-encoding never reaches a route: said plainly, in the routes' own form
  r.use(['/files', '/archives'], (err: unknown, _req: Request, res: Response, next: (e: unknown) => void) => {
    if ((err as { status?: number })?.status !== 400 || res.headersSent) return next(err);
    answer(res, 400, 'BAD_REQUEST: the path is not valid percent-encoding (a % must be followed by two hex digits of UTF-8)');
  });
  return r;
}

/** Streams dataset `<pid>` of `/archives/<pid>.zip|.tar` as that archive, or answers why not (404, 409). */
async function sendArchive(req: Request, res: Response, files: DatasetFiles, identity: Identity): Promise<void> {
  const whole = segments(req).join('/');
  const m = /^(.+)\.(zip|tar)$/.exec(whole);
  if (!m) return notFound(res, `an archive is /archives/<pid>.zip or /archives/<pid>.tar, not ${JSON.stringify(whole)}`);
  const [pid, format] = [m[1], m[2] as ArchiveFormat];
  const dataset = await files.dataset(identity, pid);
  if (!dataset) return notFound(res, `no dataset ${pid} that you may see`);
  const folder = files.folderOf(dataset);
  if (!folder) return notFound(res, `the files of dataset ${pid} are not served here: its sourceFolder lies under no storage root of its instrument`);
  const ready: ReadableFile[] = [];
  const missing: string[] = [];
  for await (const f of files.listed(dataset)) {
    const r = await files.onStorage(folder, f);
    if (r) ready.push(r);
    else missing.push(f.name ?? f.entry.path);
  }
  if (missing.length) return void res.status(409).type('text/plain').send(`CONFLICT: ${missing.length} of ${ready.length + missing.length} files of dataset ${pid} are not on storage or lead out of its folder (first: ${missing.slice(0, 5).join(', ')}); the archive would be incomplete\n`);
  if (!ready.length) return notFound(res, `dataset ${pid} lists no files`);
  const top = archiveFolder(pid);
  res.status(200).attachment(`${top}.${format}`).type(ARCHIVE_FORMATS[format]);
  res.setHeader('X-Archive-Files', String(new Set(ready.map((f) => f.name)).size));
  if (req.method === 'HEAD') return void res.end();
  // the same file listed twice (./a and a) is one entry
  const unique = [...new Map(ready.map((f) => [f.name, f])).values()];
  if ((await streamArchive(format, top, unique, res)) === 'aborted') logger.info({ pid, format }, 'archive download stopped by the client');
}

/** Sends a file with its media type; send (through Express) adds Content-Length, ETag, Last-Modified and answers Range and conditional requests. */
function send(res: Response, f: ReadableFile): void {
  const h = res.req.headers;
  // RFC 9110: a suffix range longer than the file is the whole file (range-parser calls it unsatisfiable)
  const suffix = /^bytes=-(\d+)$/.exec(String(h.range ?? '').trim());
  if (suffix && Number(suffix[1]) >= f.size && f.size > 0) h.range = 'bytes=0-';
  // If-Range needs a strong validator, and the ETag is weak: such a request gets the whole file
  if (typeof h['if-range'] === 'string' && h['if-range'].trim().startsWith('W/')) delete h.range;
  res.attachment(f.name.split('/').pop());
  res.setHeader('Content-Type', f.type);
  res.sendFile(f.local, { dotfiles: 'allow', acceptRanges: true, etag: true, lastModified: true, cacheControl: false }, (err: NodeJS.ErrnoException | undefined) => {
    if (!err || res.headersSent) return;
    // an error is not the file: a client saving attachments must not store it under the file's name
    res.removeHeader('Content-Disposition');
    if (err.code === 'ENOENT') return notFound(res, `${f.name} was removed from storage while it was being sent`);
    // 416 for a range past the end, 412 for a failed precondition: send has set the headers that go with them
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) return void res.status(status).type('text/plain').send(status === 416 ? `RANGE_NOT_SATISFIABLE: ${f.name} has ${f.size} bytes\n` : `${err.message}\n`);
    logger.error({ err, file: f.local }, 'file download failed');
    res.status(500).type('text/plain').send('Internal server error\n');
  });
}
