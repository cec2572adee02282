// A Publication and the datasets behind it, as DataCite metadata (kernel 4.5, REST API JSON form).
// One function builds the attributes; the XML form (datacite.xml.ts), JSON-LD and OAI records are
// rendered from the same attributes, so every format says the same thing.
import type { PublicationState } from '../catalog';
import type { Problem } from '../common/errors';
import type { StoredRecord } from '../catalog/common/record.types';

/** A DOI's DataCite state: the catalog's publication states. */
export type DoiState = PublicationState;

export interface DataCiteNameIdentifier { nameIdentifier: string; nameIdentifierScheme: string; schemeUri?: string }
export interface DataCiteCreator {
  name: string;
  nameType?: 'Personal' | 'Organizational';
  givenName?: string;
  familyName?: string;
  nameIdentifiers?: DataCiteNameIdentifier[];
  affiliation?: { name: string }[];
}
export interface DataCiteRelated { relatedIdentifier: string; relatedIdentifierType: string; relationType: string; resourceTypeGeneral?: string }

export interface DataCiteAttributes {
  doi: string;
  url?: string;
  creators: DataCiteCreator[];
  titles: { title: string; lang?: string }[];
  publisher?: string;
  publicationYear?: number;
  types: { resourceTypeGeneral?: string; resourceType?: string };
  descriptions: { description: string; descriptionType: 'Abstract' | 'Methods' | 'TechnicalInfo' | 'Other' }[];
  subjects: { subject: string; subjectScheme?: string }[];
  dates: { date: string; dateType: 'Issued' | 'Collected' | 'Created' | 'Updated' | 'Available' }[];
  rightsList: { rights: string; rightsUri?: string; rightsIdentifier?: string; rightsIdentifierScheme?: string }[];
  relatedIdentifiers: DataCiteRelated[];
  sizes: string[];
  language?: string;
  schemaVersion: string;
}

export interface PublicationContext {
  /** The datasets of the publication, as stored (access is the caller's business). */
  datasets: StoredRecord[];
  /** Instrument pid → instrument record, for IsCollectedBy links. */
  instruments: Map<string, StoredRecord>;
  /** Resolvable address of a pid or DOI on this catalog, e.g. https://catalog.example/pid/<id>. */
  landingUrl(id: string): string;
}

const SPDX_RE = /^[A-Za-z0-9.+-]+$/;
const HANDLE_RE = /^\d{2}\.\d{3,}(\.\d+)*\/\S+$/;

/** DataCite's identifier type for a pid or related identifier in the catalog's own records. */
export function identifierTypeOf(id: string): string {
  if (/^10\.\d{4,9}\//.test(id)) return 'DOI';
  if (HANDLE_RE.test(id)) return 'Handle';
  if (/^https?:\/\//.test(id)) return 'URL';
  return 'URL';
}

function creatorOf(c: Record<string, any>): DataCiteCreator {
  const personal = !!(c.givenName || c.familyName || c.orcid);
  const out: DataCiteCreator = { name: c.name, nameType: personal ? 'Personal' : 'Organizational' };
  if (c.givenName) out.givenName = c.givenName;
  if (c.familyName) out.familyName = c.familyName;
  if (c.orcid) {
    const id = String(c.orcid).replace(/^https:\/\/orcid\.org\//, '');
    out.nameIdentifiers = [{ nameIdentifier: `https://orcid.org/${id}`, nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }];
  }
  if (c.affiliation) out.affiliation = [{ name: c.affiliation }];
  return out;
}

/**
 * A licence as DataCite 4.x rightsList entries: a URL as the rights URI, an SPDX identifier with its spdx.org URI,
 * any other text as-is; none (empty list) without a licence.
 */
export function rightsOf(license: string | undefined): DataCiteAttributes['rightsList'] {
  if (!license) return [];
  if (/^https?:\/\//.test(license)) return [{ rights: license, rightsUri: license }];
  if (SPDX_RE.test(license)) {
    return [{ rights: license, rightsUri: `https://spdx.org/licenses/${license}`, rightsIdentifier: license, rightsIdentifierScheme: 'SPDX' }];
  }
  return [{ rights: license }];
}

/** The dataset fields DataCite attributes are built from (besides `_id`). */
export const DATACITE_DATASET_FIELDS = ['instrumentId', 'inputDatasets', 'keywords', 'techniques', 'creationTime', 'size', 'numberOfFiles'];

/** Builds the DataCite attributes of a publication; links to datasets, instruments and inputs are derived, not typed in. */
export function toDataCite(pub: StoredRecord, ctx: PublicationContext): DataCiteAttributes {
  const doi = pub.doi as string;
  const related: DataCiteRelated[] = [];
  const seen = new Set<string>();
  const add = (r: DataCiteRelated) => {
    const key = `${r.relationType}|${r.relatedIdentifier}`;
    if (!seen.has(key)) {
      seen.add(key);
      related.push(r);
    }
  };
  for (const r of pub.relatedPublications ?? []) add({ relatedIdentifier: r.identifier, relatedIdentifierType: r.identifierType, relationType: r.relationType });
  const inPublication = new Set(ctx.datasets.map((d) => d._id));
  for (const d of ctx.datasets) {
    add({ relatedIdentifier: d._id, relatedIdentifierType: identifierTypeOf(d._id), relationType: 'HasPart', resourceTypeGeneral: 'Dataset' });
    const inst = d.instrumentId ? ctx.instruments.get(d.instrumentId) : undefined;
    if (inst) add({ relatedIdentifier: inst._id, relatedIdentifierType: identifierTypeOf(inst._id), relationType: 'IsCollectedBy', resourceTypeGeneral: 'Instrument' });
    for (const input of d.inputDatasets ?? []) {
      if (!inPublication.has(input)) add({ relatedIdentifier: input, relatedIdentifierType: identifierTypeOf(input), relationType: 'IsDerivedFrom', resourceTypeGeneral: 'Dataset' });
    }
  }
  const subjects = new Set<string>();
  for (const d of ctx.datasets) for (const k of [...(d.keywords ?? []), ...(d.techniques ?? []).map((t: any) => t.name)]) if (k) subjects.add(String(k));
  const times = ctx.datasets.map((d) => d.creationTime).filter((t): t is Date => t instanceof Date).sort((a, b) => a.getTime() - b.getTime());
  const dates: DataCiteAttributes['dates'] = [];
  if (pub.publicationYear) dates.push({ date: String(pub.publicationYear), dateType: 'Issued' });
  if (times.length) dates.push({ date: `${times[0].toISOString()}/${times[times.length - 1].toISOString()}`, dateType: 'Collected' });
  const bytes = ctx.datasets.reduce((s, d) => s + (Number(d.size) || 0), 0);
  const files = ctx.datasets.reduce((s, d) => s + (Number(d.numberOfFiles) || 0), 0);
  return {
    doi,
    url: ctx.landingUrl(doi),
    creators: (pub.creator ?? []).map(creatorOf),
    titles: pub.title ? [{ title: pub.title }] : [],
    publisher: pub.publisher,
    publicationYear: pub.publicationYear,
    types: { resourceTypeGeneral: pub.resourceTypeGeneral ?? 'Dataset', ...(pub.resourceType && { resourceType: pub.resourceType }) },
    descriptions: pub.abstract ? [{ description: pub.abstract, descriptionType: 'Abstract' }] : [],
    subjects: [...subjects].slice(0, 100).map((subject) => ({ subject })),
    dates,
    rightsList: rightsOf(pub.license),
    relatedIdentifiers: related,
    sizes: [`${ctx.datasets.length} datasets`, `${files} files`, `${bytes} bytes`],
    language: 'en',
    schemaVersion: 'http://datacite.org/schema/kernel-4',
  };
}

const RESOURCE_TYPES = new Set(['Audiovisual', 'Book', 'BookChapter', 'Collection', 'ComputationalNotebook', 'ConferencePaper', 'ConferenceProceeding', 'DataPaper', 'Dataset', 'Dissertation', 'Event', 'Image', 'Instrument', 'InteractiveResource', 'Journal', 'JournalArticle', 'Model', 'OutputManagementPlan', 'PeerReview', 'PhysicalObject', 'Preprint', 'Report', 'Service', 'Software', 'Sound', 'Standard', 'StudyRegistration', 'Text', 'Workflow', 'Other']);
export const RESOURCE_TYPES_GENERAL = [...RESOURCE_TYPES];

/**
 * What DataCite will refuse for the target state, checked before any call so the steward hears it
 * from us, by field name: the kernel's mandatory properties for registered and findable DOIs, and a
 * landing page URL for findable ones.
 */
export function missingFor(pub: Record<string, any>, state: DoiState): Problem[] {
  const out: Problem[] = [];
  if (state === 'draft') return out;
  // white space alone is missing, as DataCite would take it and then freeze it
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  if (blank(pub.title)) out.push({ path: '/title', message: 'is mandatory for a DataCite DOI (titles)' });
  if (!Array.isArray(pub.creator) || pub.creator.length === 0) out.push({ path: '/creator', message: 'is mandatory for a DataCite DOI: at least one creator (creators)' });
  else pub.creator.forEach((c: any, i: number) => blank(c?.name) && out.push({ path: `/creator/${i}/name`, message: 'is mandatory for a DataCite DOI: each creator has a name (creatorName)' }));
  if (blank(pub.publisher)) out.push({ path: '/publisher', message: 'is mandatory for a DataCite DOI (publisher)' });
  if (!pub.publicationYear) out.push({ path: '/publicationYear', message: 'is mandatory for a DataCite DOI (publicationYear)' });
  if (!RESOURCE_TYPES.has(pub.resourceTypeGeneral ?? 'Dataset')) out.push({ path: '/resourceTypeGeneral', message: `must be a DataCite resourceTypeGeneral (types), one of ${[...RESOURCE_TYPES].join(', ')}` });
  if (!Array.isArray(pub.datasetPids) || pub.datasetPids.length === 0) out.push({ path: '/datasetPids', message: 'a publication needs at least one dataset' });
  return out;
}
