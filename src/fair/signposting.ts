// FAIR Signposting (https://signposting.org/FAIR/): the typed links of a landing page, as Link headers
// (RFC 8288) and as a Linkset (RFC 9264) in JSON (application/linkset+json) and in link format
// (application/linkset). Stored text becomes links here, so a link is kept only when its target is one URI.
import type { StoredRecord } from '../catalog/common/record.types';

/** One typed link: target, relation and, where known, the media type of the target. */
export interface TypedLink {
  href: string;
  rel: string;
  type?: string;
}

/** The media types of a Linkset (RFC 9264, section 4). */
export const LINKSET_JSON = 'application/linkset+json';
export const LINKSET_TEXT = 'application/linkset';

/** A URI of RFC 3986 characters only: no "<", ">", quotes, spaces or control characters, so no record can add links or break a header. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
/** A media type for a quoted `type` attribute: parameters such as "; charset=utf-8" are kept; quotes, angle brackets, commas and line breaks are not. */
const TOKEN = /^[^"<>,\r\n\t]*$/;

/**
 * The links of a record's landing page `self` (FAIR Signposting level 1): cite-as (the DOI, else the
 * page), describedby (each metadata format), type, license, author (ORCID iDs of creators, or of the
 * dataset's owner), item (`items`: the data files and archives, with their media types; for a publication
 * without served files, its datasets' pages), and the page's linkset in both formats.
 */
export function signpostingLinks(kind: 'publication' | 'dataset', rec: StoredRecord, self: string, described: { format: string; type: string }[], landingUrl: (id: string) => string, items: { href: string; type: string }[] = []): TypedLink[] {
  const out: TypedLink[] = [{ href: kind === 'publication' && rec.doi ? `https://doi.org/${rec.doi}` : self, rel: 'cite-as' }];
  for (const d of described) out.push({ href: `${self}?format=${d.format}`, rel: 'describedby', type: d.type });
  out.push({ href: 'https://schema.org/AboutPage', rel: 'type' }, { href: 'https://schema.org/Dataset', rel: 'type' });
  const license = rec.license as string | undefined;
  if (license) out.push({ href: /^https?:/.test(license) ? license : `https://spdx.org/licenses/${license}`, rel: 'license' });
  const orcids = kind === 'publication' ? ((rec.creator ?? []) as { orcid?: string }[]).map((c) => c.orcid) : [rec.orcidOfOwner as string | undefined];
  for (const o of orcids) if (typeof o === 'string' && o) out.push({ href: `https://orcid.org/${o.replace(/^https:\/\/orcid\.org\//, '')}`, rel: 'author' });
  for (const i of items) out.push({ ...i, rel: 'item' });
  if (kind === 'publication' && !items.length) for (const pid of rec.datasetPids ?? []) out.push({ href: landingUrl(pid), rel: 'item', type: 'text/html' });
  out.push({ href: `${self}?format=linkset`, rel: 'linkset', type: LINKSET_JSON }, { href: `${self}?format=linkset-text`, rel: 'linkset', type: LINKSET_TEXT });
  return out.filter((l) => URI.test(l.href) && (l.type === undefined || TOKEN.test(l.type)));
}

/** One link in RFC 8288 form, with an `anchor` when it is said of another resource than the response. */
function linkValue(l: TypedLink, anchor?: string): string {
  return `<${l.href}>; rel="${l.rel}"${l.type ? `; type="${l.type}"` : ''}${anchor ? `; anchor="${anchor}"` : ''}`;
}

/** The value of a Link header for these links (the response is their anchor). */
export function linkHeader(links: TypedLink[]): string {
  return links.map((l) => linkValue(l)).join(', ');
}

/** A Linkset in JSON (RFC 9264, section 4.2): one context object for `anchor`, each relation a list of targets. */
export function linksetJson(anchor: string, links: TypedLink[]): { linkset: Record<string, unknown>[] } {
  const ctx: Record<string, unknown> = { anchor };
  for (const l of links.filter((x) => x.rel !== 'linkset')) ((ctx[l.rel] ??= []) as { href: string; type?: string }[]).push({ href: l.href, ...(l.type && { type: l.type }) });
  return { linkset: [ctx] };
}

/** A Linkset in link format (RFC 9264, section 4.1): RFC 8288 links with their anchor, one per line. */
export function linksetText(anchor: string, links: TypedLink[]): string {
  return `${links.filter((l) => l.rel !== 'linkset').map((l) => linkValue(l, anchor)).join(',\n')}\n`;
}
