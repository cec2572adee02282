// Landing pages: /pid/<doi or pid>. HTML for people (with schema.org JSON-LD embedded), DataCite JSON and
// XML, JSON-LD and the Linkset by content negotiation (Accept, or ?format= for links), and FAIR Signposting
// Link headers (signposting.ts). What the caller may not see is a 404, as if it did not exist.
import type { Request, Response } from 'express';
import type { Identity } from '../auth';
import { canRead, systemIdentity } from '../auth';
import { isThumbnail, type CatalogServices } from '../catalog';
import type { DoiWorkflow } from '../doi';
import type { DatasetFiles } from '../files';
import { datasetDownloads, publicationDownloads, type Downloads } from './downloads';

type Services = CatalogServices & { doi: DoiWorkflow; files: DatasetFiles };
import type { StoredRecord } from '../catalog/common/record.types';
import { DATACITE_DATASET_FIELDS, dataciteXml } from '../doi';
import { citationText } from '../doi';
import { datasetJsonLd, publicationJsonLd, type CatalogInfo } from './jsonld';
import { esc } from '../common/xml';
import { LINKSET_JSON, LINKSET_TEXT, linkHeader, linksetJson, linksetText, signpostingLinks } from './signposting';

export const FORMATS = {
  html: 'text/html',
  jsonld: 'application/ld+json',
  'datacite-json': 'application/vnd.datacite.datacite+json',
  'datacite-xml': 'application/vnd.datacite.datacite+xml',
  linkset: LINKSET_JSON,
  'linkset-text': LINKSET_TEXT,
} as const;
export type Format = keyof typeof FORMATS;
const BY_TYPE = Object.fromEntries(Object.entries(FORMATS).map(([k, v]) => [v, k as Format]));

export interface LandingDeps {
  services: Services;
  catalog: () => CatalogInfo;
}

type Item = { kind: 'publication'; rec: StoredRecord } | { kind: 'dataset'; rec: StoredRecord };

/** Reads a DOI's datasets for its DataCite metadata, which names them all; its page shows the caller's visible ones only. */
const LANDING_READER = systemIdentity('landing-pages');
/** The dataset fields a DOI's page, JSON-LD and downloads show. */
const PAGE_FIELDS = ['datasetName', 'description', 'type', 'sourceFolder'];

async function resolve(services: Services, identity: Identity, id: string): Promise<Item | null> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/+\-;()]{0,254}$/.test(id)) return null;
  const pub = await services.publications.byDoiOrId(identity, id);
  if (pub) return { kind: 'publication', rec: pub };
  const ds = await services.datasets.get(identity, id).catch(() => null);
  return ds ? { kind: 'dataset', rec: ds } : null;
}

/** The formats an item has: DataCite's only where there is a DOI. */
function formatsOf(item: Item): Format[] {
  return item.kind === 'publication' && item.rec.doi ? ['html', 'jsonld', 'datacite-json', 'datacite-xml', 'linkset', 'linkset-text'] : ['html', 'jsonld', 'linkset', 'linkset-text'];
}

function choose(req: Request, available: Format[]): Format | { error: string } {
  const asked = req.query.format;
  if (asked !== undefined) {
    if (typeof asked !== 'string' || !(asked in FORMATS)) return { error: `unknown format ${JSON.stringify(asked)}; use one of ${Object.keys(FORMATS).join(', ')}` };
    return available.includes(asked as Format) ? (asked as Format) : { error: `format ${asked} is not available for this record; available: ${available.join(', ')}` };
  }
  const types = available.map((f) => FORMATS[f]);
  // browsers send text/html first; plain JSON asks get JSON-LD
  const pick = req.accepts([...types, 'application/json']);
  if (!pick) return { error: `none of the formats in Accept (${req.headers.accept}) is available; available: ${types.join(', ')}` };
  return pick === 'application/json' ? 'jsonld' : BY_TYPE[pick];
}

/**
 * Answers /pid/<DOI or pid> with the publication or dataset it names: an HTML page with embedded schema.org JSON-LD and
 * FAIR Signposting Link headers (RFC 8288), or JSON-LD, DataCite 4.x JSON or XML (publications with a DOI), chosen by `?format=`
 * or Accept. Answers 404 for a record that does not exist or the caller may not see, 406 when no asked format is available.
 */
export async function landing(req: Request, res: Response, deps: LandingDeps, identity: Identity): Promise<void> {
  const raw = (req.params as any).id;
  const id = decodeURIComponent(Array.isArray(raw) ? raw.join('/') : String(raw ?? ''));
  res.vary('Accept');
  const item = await resolve(deps.services, identity, id);
  if (!item || !canRead(identity, item.rec)) {
    res.status(404).type('text/plain').send(`No published record has the identifier ${id}.\n`);
    return;
  }
  const available = formatsOf(item);
  const format = choose(req, available);
  if (typeof format !== 'string') {
    res.status(406).type('text/plain').send(`${format.error}\n`);
    return;
  }
  const catalog = deps.catalog();
  const landingUrl = (x: string) => `${catalog.url}/pid/${x}`;
  const doi = item.kind === 'publication' ? (item.rec.doi as string | undefined) : undefined;
  const self = landingUrl(doi ?? item.rec._id);
  const described = available.filter((f) => f === 'jsonld' || f.startsWith('datacite')).map((f) => ({ format: f, type: FORMATS[f] }));
  // a DOI's datasets: one read of the fields its page and its DataCite metadata show (all of them for DataCite, the visible ones for the page)
  const summaries = item.kind === 'publication' ? await deps.services.datasets.summaries(LANDING_READER, item.rec.datasetPids ?? [], [...DATACITE_DATASET_FIELDS, ...PAGE_FIELDS]) : [];
  const datasets = summaries.filter((d) => canRead(identity, d));
  const archives = item.kind === 'publication' ? publicationDownloads(deps.services.files, datasets, catalog.url) : [];
  // a dataset's downloads, publications and instrument are independent reads: made at once (a linkset needs only the downloads)
  const wantsPage = format !== 'linkset' && format !== 'linkset-text';
  const [downloads, pubs, instrument, cover] = item.kind === 'dataset' ? await datasetReads(deps.services, identity, item.rec, catalog.url, wantsPage) : [null, [], null, null];
  const items = [...archives, ...(downloads ? [...downloads.files, ...downloads.archives.slice(0, 1)] : [])].map((x) => ({ href: x.url, type: x.type }));
  const links = signpostingLinks(item.kind, item.rec, self, described, landingUrl, items);
  if (format === 'linkset') return void res.type(LINKSET_JSON).send(JSON.stringify(linksetJson(self, links), null, 2));
  if (format === 'linkset-text') return void res.type(LINKSET_TEXT).send(linksetText(self, links));

  if (item.kind === 'publication') {
    const attrs = await deps.services.doi.attributes(item.rec, summaries);
    const ld = publicationJsonLd(attrs, datasets, catalog, landingUrl, archives);
    if (format !== 'html') res.setHeader('Link', `<${self}>; rel="describes"; type="text/html"`);
    if (format === 'datacite-json') return void res.type(FORMATS['datacite-json']).send(JSON.stringify({ data: { id: attrs.doi, type: 'dois', attributes: attrs } }, null, 2));
    if (format === 'datacite-xml') return void res.type(FORMATS['datacite-xml']).send(dataciteXml(attrs));
    if (format === 'jsonld') return void res.type(FORMATS.jsonld).send(JSON.stringify(ld, null, 2));
    res.setHeader('Link', linkHeader(links));
    res.type('html').send(publicationHtml(item.rec, attrs.sizes, datasets, ld, landingUrl));
    return;
  }
  const ld = datasetJsonLd(item.rec, pubs, catalog, landingUrl, instrument, downloads);
  if (format === 'jsonld') {
    res.setHeader('Link', `<${self}>; rel="describes"; type="text/html"`);
    return void res.type(FORMATS.jsonld).send(JSON.stringify(ld, null, 2));
  }
  res.setHeader('Link', linkHeader(links));
  res.type('html').send(datasetHtml(item.rec, pubs, ld, landingUrl, downloads, cover));
}

/**
 * What a dataset's page shows besides the record: its downloads, and unless only links are asked (`page` false) its
 * publications, instrument and first attachment (its thumbnail).
 */
function datasetReads(services: Services, identity: Identity, d: StoredRecord, base: string, page: boolean): Promise<[Downloads | null, StoredRecord[], StoredRecord | null, StoredRecord | null]> {
  return Promise.all([
    datasetDownloads(services.files, d, base),
    page ? services.publications.findByField(identity, 'datasetPids', [d._id]).then((ps) => ps.filter((p) => p.status !== 'draft')) : Promise.resolve([]),
    page && d.instrumentId ? services.instruments.get(identity, d.instrumentId).catch(() => null) : Promise.resolve(null),
    page ? services.attachments.firstOf(identity, 'dataset', d._id) : Promise.resolve(null),
  ]);
}

function jsonLdScript(ld: unknown): string {
  // a JSON string can hold "</script>"; escaping "<" keeps the script element closed where it should be
  return `<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script>`;
}

function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

function page(title: string, ld: unknown, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>${jsonLdScript(ld)}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#555}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
.cite{background:#f5f5f5;padding:.8rem;border-left:4px solid #888}code{font-size:.9em}</style></head>
<body>${body}</body></html>
`;
}

function publicationHtml(p: StoredRecord, sizes: string[], datasets: StoredRecord[], ld: unknown, landingUrl: (id: string) => string): string {
  const creators = ((p.creator ?? []) as any[]).map((c) => `${esc(c.name)}${c.orcid ? ` <a href="https://orcid.org/${esc(String(c.orcid).replace(/^https:\/\/orcid\.org\//, ''))}">ORCID</a>` : ''}${c.affiliation ? ` (${esc(c.affiliation)})` : ''}`);
  const rows = datasets.map((d) => `<tr><td><a href="${esc(landingUrl(d._id))}">${esc(d.datasetName ?? d._id)}</a></td><td><code>${esc(d._id)}</code></td><td>${esc(d.type)}</td><td>${d.numberOfFiles ?? 0}</td><td>${bytes(Number(d.size) || 0)}</td></tr>`);
  const totalFiles = datasets.reduce((s, d) => s + (Number(d.numberOfFiles) || 0), 0);
  const totalBytes = datasets.reduce((s, d) => s + (Number(d.size) || 0), 0);
  const related = ((p.relatedPublications ?? []) as any[]).map((r) => `<li>${esc(r.relationType)}: ${r.identifierType === 'DOI' ? `<a href="https://doi.org/${esc(r.identifier)}">${esc(r.identifier)}</a>` : esc(r.identifier)}</li>`);
  return page(
    p.title,
    ld,
    `<h1>${esc(p.title)}</h1>
<p class="meta">${creators.join('; ')}</p>
<p class="meta">${p.doi ? `DOI <a href="https://doi.org/${esc(p.doi)}">${esc(p.doi)}</a> · ` : ''}${esc(p.publisher ?? '')} ${esc(p.publicationYear ?? '')} · ${esc(p.resourceTypeGeneral ?? 'Dataset')}${p.license ? ` · Licence: ${esc(p.license)}` : ''}</p>
${p.abstract ? `<h2>Abstract</h2><p>${esc(p.abstract)}</p>` : ''}
<h2>Datasets</h2>
<p>${datasets.length} datasets, ${totalFiles} files, ${bytes(totalBytes)} <span class="meta">(${esc(sizes.join(', '))})</span></p>
<table><thead><tr><th>Name</th><th>PID</th><th>Type</th><th>Files</th><th>Size</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${related.length ? `<h2>Related works</h2><ul>${related.join('')}</ul>` : ''}
<h2>Cite as</h2><p class="cite">${esc(citationText(p))}</p>
`,
  );
}

/** The download list of a dataset page: its first files with sizes, then its archives. */
function downloadsHtml(dl: Downloads | null): string {
  if (!dl) return '';
  const rows = dl.files.map((f) => `<tr><td><a href="${esc(f.url)}" type="${esc(f.type)}">${esc(f.name)}</a></td><td>${bytes(f.size ?? 0)}</td><td><code>${esc(f.type)}</code></td></tr>`);
  const more = dl.total > dl.files.length ? `<p>The first ${dl.files.length} of ${dl.total} files${dl.archives.length ? '; the archives hold them all' : ''}.</p>` : '';
  const archives = dl.archives.map((a) => `<a href="${esc(a.url)}" type="${esc(a.type)}">${esc(a.name.split('.').pop()!)}</a>`);
  const whole = archives.length ? `<p>Download every file as one archive: ${archives.join(' · ')}</p>` : '<p>Some of its files are not on storage, so no archive of the whole dataset is offered.</p>';
  return `<table><thead><tr><th>File</th><th>Size</th><th>Type</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}${whole}`;
}

/** A dataset's thumbnail (its first attachment's) with its caption as alt text; nothing unless it is an image type a page may show inline. */
function coverHtml(d: StoredRecord, a: StoredRecord | null): string {
  if (!a || !isThumbnail(a.thumbnail)) return '';
  const caption = typeof a.caption === 'string' && a.caption.trim() ? a.caption : '';
  return `<figure><img src="${esc(a.thumbnail)}" alt="${esc(caption || `Thumbnail of ${d.datasetName ?? d._id}`)}" style="max-width:100%;max-height:24rem">${caption ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`;
}

function datasetHtml(d: StoredRecord, pubs: StoredRecord[], ld: unknown, landingUrl: (id: string) => string, dl: Downloads | null, cover: StoredRecord | null): string {
  const cites = pubs.map((p) => `<li><a href="${esc(landingUrl(p.doi ?? p._id))}">${esc(p.title)}</a>${p.doi ? ` (DOI ${esc(p.doi)})` : ''}</li>`);
  return page(
    d.datasetName ?? d._id,
    ld,
    `<h1>${esc(d.datasetName ?? d._id)}</h1>
<p class="meta">PID <code>${esc(d._id)}</code> · ${esc(d.type)} dataset · ${esc(d.owner ?? '')} · created ${esc(d.creationTime instanceof Date ? d.creationTime.toISOString().slice(0, 10) : d.creationTime)}</p>
${coverHtml(d, cover)}
${d.description ? `<p>${esc(d.description)}</p>` : ''}
<h2>Files</h2><p>${d.numberOfFiles ?? 0} files, ${bytes(Number(d.size) || 0)}, under <code>${esc(d.sourceFolder ?? '')}</code></p>
${downloadsHtml(dl)}
${(d.keywords ?? []).length ? `<p>Keywords: ${(d.keywords as string[]).map(esc).join(', ')}</p>` : ''}
${d.license ? `<p>Licence: ${esc(d.license)}</p>` : ''}
${cites.length ? `<h2>Published in</h2><ul>${cites.join('')}</ul>` : ''}
<h2>Cite as</h2><p class="cite">${esc(`${d.owner ?? 'Unknown'} (${d.creationTime instanceof Date ? d.creationTime.getUTCFullYear() : 'n.d.'}). ${d.datasetName ?? d._id}. ${landingUrl(d._id)}`)}</p>
`,
  );
}
