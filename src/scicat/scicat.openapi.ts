// The OpenAPI 3.1 document of the SciCat REST API, made from the same route table the router serves and
// the catalog's JSON Schemas (the contract every write is validated against), and Swagger UI, served from
// the swagger-ui-dist package on this machine (no CDN), at /api/v3/explorer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../common/paths';
import { catalogVersion } from '../common/version';
import type { RestRoute } from './scicat.records';

type Json = Record<string, any>;

/** The catalog's JSON Schemas as OpenAPI components: common.schema.json's $defs become `common_<name>`. */
function components(): Record<string, Json> {
  const dir = path.join(projectRoot(), 'schema', 'json');
  const out: Record<string, Json> = {};
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== 'object') return v;
    const o: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$schema' || k === '$id') continue;
      o[k] = k === '$ref' && typeof x === 'string' ? x.replace(/^(common\.schema\.json)?#\/\$defs\//, '#/components/schemas/common_').replace(/^(\w+)\.schema\.json$/, '#/components/schemas/$1') : rewrite(x);
    }
    return o;
  };
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
    const s = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const name = f.replace('.schema.json', '');
    if (name === 'common') for (const [k, d] of Object.entries(s.$defs)) out[`common_${k}`] = rewrite(d) as Json;
    else out[name] = rewrite(s) as Json;
  }
  // what a create takes: the key is made when absent, and SciCat's own spellings are taken too
  for (const [name, key] of Object.entries(GENERATED_KEY)) {
    if (!out[name]) continue;
    out[`${name}_create`] = { ...out[name], required: (out[name].required ?? []).filter((r: string) => r !== key), description: `${out[name].title ?? name} as a create takes it: ${key} is made when absent.${SPELLINGS[name] ? ` Also taken: ${SPELLINGS[name]}.` : ''}` };
  }
  out.Error = {
    type: 'object',
    required: ['statusCode', 'message', 'error'],
    properties: {
      statusCode: { type: 'integer' },
      message: { type: 'string' },
      error: { type: 'string' },
      problems: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', description: 'JSON pointer into the body, or the query parameter at fault' }, message: { type: 'string' } } } },
    },
  };
  return out;
}

/** The key a create makes when the body gives none. */
const GENERATED_KEY: Record<string, string> = { dataset: 'pid', origdatablock: 'id', sample: 'sampleId', instrument: 'pid', publication: 'id', attachment: 'id' };
/** SciCat spellings each create also takes (see scicat.dto). */
const SPELLINGS: Record<string, string> = {
  dataset: 'proposalId and sampleId (one each, v3), investigator (derived, v3), instrumentIds and principalInvestigators (lists of one, v4)',
  proposal: 'MeasurementPeriodList',
  publication: 'pidArray, creator as a list of names',
  attachment: 'relationships: [{targetId, targetType: dataset | sample | proposal}] (v4)',
  origdatablock: 'no access fields (the dataset\'s are taken)',
};

const QUERY_DOC: Record<string, string> = {
  filter: 'Loopback filter as JSON: {"where": {field: value | {inq, nin, gt, gte, lt, lte, between, neq, exists, like}}, "fields": [...], "limit": n (≤ 1000), "skip": n, "order": "field ASC|DESC"}. Text fields (datasetName, description, title, name) match words, case-insensitively.',
  where: 'The where part of a filter, alone, as JSON.',
  fields: 'SciCat query fields as JSON: {"text", "creationTime": {"begin", "end"}, "scientific": [{"lhs", "relation", "rhs", "unit"}], "keywords": [...], "type", "ownerGroup": [...], "proposalId", "sampleId", "instrumentId", …}.',
  limits: 'Paging as JSON: {"skip", "limit" (≤ 1000), "order": "creationTime:desc|asc"}.',
  facets: 'Facet names as a JSON list: type, keywords, ownerGroup, owner, instrumentId, proposalId, sampleId, techniques, creationTime.',
  include: 'Relations to add to the dataset: origdatablocks, attachments.',
};

/** The OpenAPI 3.1 document for `routes`, served under `serverUrl` (e.g. http://host/api). */
export function openApiDocument(routes: RestRoute[], serverUrl: string): Json {
  const paths: Json = {};
  for (const r of routes) {
    for (const v of r.versions) {
      const p = `/${v}${r.path.replace(/:(\w+)/g, '{$1}')}`;
      const params = [
        ...[...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' }, description: 'The record key; encode a slash in it as %2F.' })),
        ...(r.query ?? []).map((q) => ({ name: q, in: 'query', required: false, schema: { type: 'string' }, description: QUERY_DOC[q] ?? q })),
      ];
      const errorsOf = (codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: 'SciCat-shaped error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
      (paths[p] ??= {})[r.method] = {
        tags: [r.tag],
        summary: r.summary,
        operationId: `${r.method}_${v}_${r.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
        ...(params.length && { parameters: params }),
        ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.method === 'post' && GENERATED_KEY[r.body] ? `${r.body}_create` : r.body}` } } } } }),
        ...(!r.anonymous && { security: [{ bearer: [] }] }),
        responses: { [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: r.body ? { $ref: `#/components/schemas/${r.body}` } : {} } } }, ...errorsOf([400, 401, 403, 404]) },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Catalog: SciCat-compatible REST API', version: catalogVersion(), description: 'SciCat v3/v4 routes over the catalog. Log in at /api/v3/auth/login with a functional account; send the token as Authorization: Bearer. Bodies follow the catalog schemas below; SciCat spellings (proposalId, sampleId, investigator, instrumentIds, principalInvestigators, MeasurementPeriodList, pidArray, relationships) are also taken.' },
    servers: [{ url: serverUrl }],
    components: { schemas: components(), securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

/** /api/v3/openapi.json and the Swagger UI at /api/v3/explorer/ (its files from swagger-ui-dist). */
export function explorerRouter(routes: () => RestRoute[]): Router {
  const r = Router({ caseSensitive: false });
  let doc: Json | undefined;
  r.get(['/api/v3/openapi.json', '/api/v3/explorer-json'], (req, res) => {
    doc ??= openApiDocument(routes(), '/api');
    res.json(doc);
  });
  r.get('/api/v3/explorer/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(
      `window.onload = function () {\n  window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], plugins: [SwaggerUIBundle.plugins.DownloadUrl], layout: 'StandaloneLayout' });\n};\n`,
    );
  });
  // relative asset paths need the trailing slash
  r.get('/api/v3/explorer', (req, res, next) => (req.path.endsWith('/') ? next() : res.redirect(301, `${req.baseUrl}${req.path}/`)));
  r.use('/api/v3/explorer', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: 'index.html' }));
  return r;
}
