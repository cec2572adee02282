// A local DataCite REST API (https://support.datacite.org/docs/api) for tests and the demo. It is a real
// HTTP server that enforces the parts of DataCite's contract the catalog relies on: JSON:API bodies,
// Basic auth for a repository account and its prefixes, mandatory properties per state, the allowed
// state transitions (draft → registered → findable, hide back to registered, never back to draft),
// and 422 errors in DataCite's shape. It is not part of the product.
//
//   node dist/scripts/datacite-server.js --port 0 --prefix 10.99999 --user CAT.DEMO --password secret
//
// Test-only controls under /__test (enabled with --faults): inject failures, read counters.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface DataCiteServerOptions {
  port?: number;
  host?: string;
  prefixes: string[];
  user: string;
  password: string;
  faults?: boolean;
}

type State = 'draft' | 'registered' | 'findable';
interface DoiRecord {
  attributes: Record<string, any>;
  state: State;
  created: string;
  updated: string;
  registered?: string;
  published?: string;
}

interface Fault {
  /** Reply with this status without doing anything (e.g. 500, 503). */
  status?: number;
  /** Do the work, then hold the reply this long (a client timeout after a committed write). */
  delayMs?: number;
  /** Only for requests whose method matches. */
  method?: string;
}

export interface DataCiteServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const RESOURCE_TYPES = ['Audiovisual', 'Book', 'BookChapter', 'Collection', 'ComputationalNotebook', 'ConferencePaper', 'ConferenceProceeding', 'DataPaper', 'Dataset', 'Dissertation', 'Event', 'Image', 'Instrument', 'InteractiveResource', 'Journal', 'JournalArticle', 'Model', 'OutputManagementPlan', 'PeerReview', 'PhysicalObject', 'Preprint', 'Report', 'Service', 'Software', 'Sound', 'Standard', 'StudyRegistration', 'Text', 'Workflow', 'Other'];
const DOI_RE = /^10\.\d{4,9}\/[^\s]+$/;

class ApiError extends Error {
  constructor(public status: number, public errors: { source?: string; title: string; uid?: string }[]) {
    super(errors.map((e) => e.title).join('; '));
  }
}

export async function startDataCiteServer(opts: DataCiteServerOptions): Promise<DataCiteServer> {
  const dois = new Map<string, DoiRecord>();
  const faults: Fault[] = [];
  const counters = { requests: 0, created: 0, createdByDoi: {} as Record<string, number> };
  const expected = 'Basic ' + Buffer.from(`${opts.user}:${opts.password}`).toString('base64');

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown, type = 'application/vnd.api+json; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    try {
      const body = await readBody(req);
      if (url.pathname.startsWith('/__test/')) {
        if (!opts.faults) throw new ApiError(404, [{ status: '404', title: 'The resource you are looking for doesn\'t exist.' } as any]);
        if (url.pathname === '/__test/faults' && req.method === 'POST') {
          faults.push(...(JSON.parse(body || '[]') as Fault[]));
          return send(204, {});
        }
        if (url.pathname === '/__test/state') {
          return send(200, { counters, faults: faults.length, dois: Object.fromEntries([...dois].map(([k, v]) => [k, { state: v.state, url: v.attributes.url }])) }, 'application/json');
        }
        if (url.pathname === '/__test/reset' && req.method === 'POST') {
          dois.clear();
          faults.splice(0);
          Object.assign(counters, { requests: 0, created: 0, createdByDoi: {} });
          return send(204, {});
        }
      }
      counters.requests++;
      const i = faults.findIndex((f) => !f.method || f.method === req.method);
      const fault = i >= 0 ? faults.splice(i, 1)[0] : undefined;
      if (fault?.status) return send(fault.status, { errors: [{ status: String(fault.status), title: 'Injected failure' }] });
      const [status, out] = handle(req.method ?? 'GET', url, req.headers, body);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      send(status, out);
    } catch (e) {
      if (e instanceof ApiError) return send(e.status, { errors: e.errors.map((x) => ({ status: String(e.status), ...x })) });
      send(500, { errors: [{ status: '500', title: (e as Error).message }] });
    }
  });

  function authorised(headers: http.IncomingHttpHeaders): boolean {
    return headers.authorization === expected;
  }

  function handle(method: string, url: URL, headers: http.IncomingHttpHeaders, body: string): [number, unknown] {
    const m = /^\/dois(?:\/(.+))?$/.exec(url.pathname);
    if (!m) throw new ApiError(404, [{ title: 'The resource you are looking for doesn\'t exist.' }]);
    const id = m[1] ? decodeURIComponent(m[1]).toLowerCase() : undefined;
    const isAuth = authorised(headers);
    if (method === 'GET') {
      if (!id) {
        const list = [...dois.entries()].filter(([, r]) => isAuth || r.state === 'findable').map(([d, r]) => resource(d, r));
        return [200, { data: list, meta: { total: list.length } }];
      }
      const rec = dois.get(id);
      if (!rec || (!isAuth && rec.state !== 'findable')) throw new ApiError(404, [{ title: 'The resource you are looking for doesn\'t exist.' }]);
      return [200, { data: resource(id, rec) }];
    }
    if (!headers.authorization) throw new ApiError(401, [{ title: 'Bad credentials.' }]);
    if (!isAuth) throw new ApiError(401, [{ title: 'Bad credentials.' }]);
    if (method === 'DELETE') {
      const rec = id && dois.get(id);
      if (!rec) throw new ApiError(404, [{ title: 'The resource you are looking for doesn\'t exist.' }]);
      if (rec.state !== 'draft') throw new ApiError(405, [{ title: 'Method not allowed: only draft DOIs can be deleted.' }]);
      dois.delete(id!);
      return [204, {}];
    }
    if (method !== 'POST' && method !== 'PUT') throw new ApiError(405, [{ title: 'Method not allowed' }]);
    const ctype = String(headers['content-type'] ?? '');
    if (!ctype.startsWith('application/vnd.api+json') && !ctype.startsWith('application/json')) {
      throw new ApiError(415, [{ title: `Unsupported media type ${ctype || '(none)'}; use application/vnd.api+json` }]);
    }
    let doc: any;
    try {
      doc = JSON.parse(body);
    } catch {
      throw new ApiError(400, [{ title: 'The request body is not valid JSON.' }]);
    }
    if (!doc || typeof doc !== 'object' || !doc.data || typeof doc.data !== 'object') throw new ApiError(400, [{ source: 'data', title: 'A JSON:API document with a data member is required.' }]);
    if (doc.data.type !== undefined && doc.data.type !== 'dois') throw new ApiError(409, [{ source: 'type', title: `The type ${JSON.stringify(doc.data.type)} does not match this endpoint (dois).` }]);
    const attrs: Record<string, any> = { ...(doc.data.attributes ?? {}) };
    if (method === 'POST' && id) throw new ApiError(405, [{ title: 'Method not allowed' }]);
    if (method === 'PUT' && !id) throw new ApiError(405, [{ title: 'Method not allowed' }]);

    let doi = id ?? (typeof attrs.doi === 'string' ? attrs.doi.toLowerCase() : undefined);
    if (!doi && typeof attrs.prefix === 'string') doi = `${attrs.prefix}/${randomBytes(4).toString('hex').replace(/(.{4})/, '$1-')}`.toLowerCase();
    if (!doi) throw new ApiError(422, [{ source: 'doi', title: 'Can\'t be blank' }]);
    if (!DOI_RE.test(doi)) throw new ApiError(422, [{ source: 'doi', title: 'Is invalid', uid: doi }]);
    if (!opts.prefixes.includes(doi.split('/')[0])) throw new ApiError(403, [{ title: 'You are not authorized to access this resource.', uid: doi }]);
    if (attrs.doi !== undefined && String(attrs.doi).toLowerCase() !== doi) throw new ApiError(422, [{ source: 'doi', title: 'Does not match the DOI in the URL', uid: doi }]);

    const existing = dois.get(doi);
    if (method === 'POST' && existing) throw new ApiError(422, [{ source: 'doi', title: 'This DOI has already been taken', uid: doi }]);
    const event = attrs.event as string | undefined;
    delete attrs.event;
    delete attrs.prefix;
    delete attrs.suffix;
    const from: State | undefined = existing?.state;
    let to: State = from ?? 'draft';
    if (event !== undefined) {
      if (!['publish', 'register', 'hide'].includes(event)) throw new ApiError(422, [{ source: 'event', title: `Unknown event ${JSON.stringify(event)}; use publish, register or hide`, uid: doi }]);
      to = event === 'publish' ? 'findable' : 'registered';
      const allowed = (from ?? 'draft') === 'draft' ? event !== 'hide' : from === 'registered' ? event === 'publish' || event === 'register' : event === 'hide' || event === 'publish';
      if (!allowed) throw new ApiError(422, [{ source: 'event', title: `Cannot transition from ${from} to ${to} with event ${event}`, uid: doi }]);
    }
    if (attrs.state !== undefined && attrs.state !== to) throw new ApiError(422, [{ source: 'state', title: 'Cannot set state directly; use event', uid: doi }]);
    delete attrs.state;
    const merged = { ...(existing?.attributes ?? {}), ...attrs, doi };
    const problems = mandatory(merged, to);
    if (problems.length) throw new ApiError(422, problems.map((p) => ({ ...p, uid: doi })));

    const now = new Date().toISOString();
    const rec: DoiRecord = existing ?? { attributes: {}, state: 'draft', created: now, updated: now };
    rec.attributes = merged;
    rec.updated = now;
    if (to !== 'draft' && rec.state === 'draft') rec.registered = now;
    if (to === 'findable' && !rec.published) rec.published = now;
    rec.state = to;
    if (!existing) {
      dois.set(doi, rec);
      counters.created++;
      counters.createdByDoi[doi] = (counters.createdByDoi[doi] ?? 0) + 1;
    }
    return [existing ? 200 : 201, { data: resource(doi, rec) }];
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function resource(doi: string, r: DoiRecord) {
  return {
    id: doi,
    type: 'dois',
    attributes: { ...r.attributes, doi, prefix: doi.split('/')[0], suffix: doi.slice(doi.indexOf('/') + 1), state: r.state, created: r.created, updated: r.updated, registered: r.registered ?? null, published: r.published ?? null },
  };
}

/** DataCite's mandatory properties: none beyond the DOI for a draft; the kernel's six for registered and findable, plus a URL for findable. */
function mandatory(a: Record<string, any>, state: State): { source: string; title: string }[] {
  if (state === 'draft') return [];
  const out: { source: string; title: string }[] = [];
  if (!Array.isArray(a.creators) || a.creators.length === 0 || a.creators.some((c: any) => !c || typeof c.name !== 'string' || !c.name)) out.push({ source: 'creators', title: 'Missing child element(s): at least one creator with a name is required' });
  if (!Array.isArray(a.titles) || a.titles.length === 0 || a.titles.some((t: any) => !t || typeof t.title !== 'string' || !t.title)) out.push({ source: 'titles', title: 'Missing child element(s): at least one title is required' });
  const publisher = typeof a.publisher === 'object' && a.publisher ? a.publisher.name : a.publisher;
  if (typeof publisher !== 'string' || !publisher) out.push({ source: 'publisher', title: 'Can\'t be blank' });
  if (!/^\d{4}$/.test(String(a.publicationYear ?? ''))) out.push({ source: 'publicationYear', title: 'Can\'t be blank, and must be a four-digit year' });
  if (!a.types || !RESOURCE_TYPES.includes(a.types.resourceTypeGeneral)) out.push({ source: 'types', title: `resourceTypeGeneral must be one of ${RESOURCE_TYPES.join(', ')}` });
  if (state === 'findable' && (typeof a.url !== 'string' || !/^https?:\/\/\S+$/.test(a.url))) out.push({ source: 'url', title: 'Can\'t be blank: a findable DOI needs a URL' });
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

if (require.main === module) {
  const arg = (name: string, def?: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : def;
  };
  startDataCiteServer({
    port: Number(arg('port', '0')),
    prefixes: (arg('prefix', '10.99999') ?? '').split(','),
    user: arg('user', 'CATALOG.DEMO')!,
    password: arg('password', 'demo-password')!,
    faults: process.argv.includes('--faults'),
  }).then((s) => {
    // the one line scripts/services.sh reads to learn the port
    console.log(`datacite test server listening on ${s.url}`);
    const stop = () => void s.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }, (e) => {
    console.error(`datacite test server failed to start: ${(e as Error).message}`);
    process.exit(1);
  });
}
