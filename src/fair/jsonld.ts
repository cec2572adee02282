// schema.org JSON-LD (https://schema.org/Dataset) for landing pages, as Google Dataset Search and FAIR
// assessment tools read it. Publications render from their DataCite attributes; datasets from their record.
import type { StoredRecord } from '../catalog/common/record.types';
import type { DataCiteAttributes } from '../doi';
import type { Download, Downloads } from './downloads';
import { unitCode } from './unitcodes';

export interface CatalogInfo {
  name: string;
  url: string;
}

function person(c: DataCiteAttributes['creators'][number]): Record<string, unknown> {
  const orcid = c.nameIdentifiers?.find((n) => n.nameIdentifierScheme === 'ORCID')?.nameIdentifier;
  return {
    '@type': c.nameType === 'Organizational' ? 'Organization' : 'Person',
    ...(orcid && { '@id': orcid }),
    name: c.name,
    ...(c.givenName && { givenName: c.givenName }),
    ...(c.familyName && { familyName: c.familyName }),
    ...(c.affiliation?.length && { affiliation: c.affiliation.map((a) => ({ '@type': 'Organization', name: a.name })) }),
  };
}

/**
 * A publication as a schema.org Dataset in JSON-LD, rendered from its DataCite attributes: the DOI as `@id`, the datasets as
 * `hasPart` (their `@id` from `landing`, a pid → URL function), related works as `citation` or `isBasedOn`.
 */
export function publicationJsonLd(a: DataCiteAttributes, datasets: StoredRecord[], catalog: CatalogInfo, landing: (id: string) => string, archives: Download[] = []): Record<string, unknown> {
  const doiUrl = `https://doi.org/${a.doi}`;
  const related = a.relatedIdentifiers.filter((r) => r.relationType !== 'HasPart' && r.relationType !== 'IsCollectedBy');
  const url = (r: { relatedIdentifier: string; relatedIdentifierType: string }) =>
    r.relatedIdentifierType === 'DOI' ? `https://doi.org/${r.relatedIdentifier}` : r.relatedIdentifierType === 'Handle' ? `https://hdl.handle.net/${r.relatedIdentifier}` : r.relatedIdentifier;
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': doiUrl,
    identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: a.doi, url: doiUrl },
    url: a.url,
    sameAs: doiUrl,
    name: a.titles[0]?.title,
    description: a.descriptions.find((d) => d.descriptionType === 'Abstract')?.description ?? a.titles[0]?.title,
    creator: a.creators.map(person),
    publisher: { '@type': 'Organization', name: a.publisher },
    datePublished: a.publicationYear ? String(a.publicationYear) : undefined,
    ...(a.rightsList[0] && { license: a.rightsList[0].rightsUri ?? a.rightsList[0].rights }),
    keywords: a.subjects.map((s) => s.subject),
    isAccessibleForFree: true,
    includedInDataCatalog: { '@type': 'DataCatalog', name: catalog.name, url: catalog.url },
    hasPart: datasets.map((d) => ({ '@type': 'Dataset', '@id': landing(d._id), identifier: d._id, name: d.datasetName ?? d._id, ...(d.description && { description: d.description }) })),
    ...(related.length && { citation: related.filter((r) => r.relationType !== 'IsDerivedFrom').map(url), isBasedOn: related.filter((r) => r.relationType === 'IsDerivedFrom').map(url) }),
    measurementTechnique: [...new Set(datasets.flatMap((d) => (d.techniques ?? []).map((t: any) => t.name)))],
    size: a.sizes.join(', '),
    ...(archives.length && { distribution: archives.map((x) => dataDownload(x, `All files of dataset ${x.name.replace(/\.zip$/, '')} as one archive`)) }),
  };
}

/** A schema.org DataDownload; `contentSize` is the exact size in bytes ("<n> B") for files, absent for streamed archives. */
function dataDownload(x: Download, description?: string): Record<string, unknown> {
  return {
    '@type': 'DataDownload',
    contentUrl: x.url,
    encodingFormat: x.type,
    name: x.name,
    ...(x.size !== undefined && { contentSize: `${x.size} B` }),
    ...(x.modified && { dateModified: x.modified }),
    ...(description && { description }),
  };
}

/** A dataset's `distribution`: its first files one by one, then its archives, which say how many files they hold. */
function distributionOf(dl: Downloads): Record<string, unknown>[] {
  const all = `All ${dl.total} files of the dataset as one archive${dl.total > dl.files.length ? ` (the first ${dl.files.length} are also listed one by one)` : ''}`;
  return [...dl.files.map((f) => dataDownload(f)), ...dl.archives.map((x) => dataDownload(x, all))];
}

/** The most scientific metadata values listed as variableMeasured (a dataset can hold thousands of keys). */
const MAX_VARIABLES = 200;

/**
 * A dataset as a schema.org Dataset in JSON-LD: its landing URL (`landing`, a pid → URL function) as `@id`, the
 * publications it is part of as `isPartOf`, its input datasets as `isBasedOn`, its size as files and bytes; the
 * catalog as publisher; access (free when published, else its conditions); `temporalCoverage` from its creation
 * time; its scientific metadata as `variableMeasured` (PropertyValue, units as `unitText` and, where known, UN/CEFACT
 * `unitCode`, at most 200); its files as `distribution` (DataDownload, from `downloads`, when they are served); and its
 * PROV-O provenance: the acquisition (or processing) activity on `instrument` that generated it, its inputs and
 * the software it used.
 */
export function datasetJsonLd(d: StoredRecord, publications: StoredRecord[], catalog: CatalogInfo, landing: (id: string) => string, instrument?: StoredRecord | null, downloads?: Downloads | null): Record<string, unknown> {
  const time = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : undefined);
  const published = d.isPublished === true;
  return {
    '@context': ['https://schema.org', { prov: 'http://www.w3.org/ns/prov#' }],
    '@type': 'Dataset',
    '@id': landing(d._id),
    identifier: d._id,
    url: landing(d._id),
    name: d.datasetName ?? d._id,
    description: d.description ?? d.datasetName ?? `${d.type} dataset ${d._id}`,
    creator: [{ '@type': 'Person', name: d.owner, ...(d.orcidOfOwner && { '@id': `https://orcid.org/${String(d.orcidOfOwner).replace(/^https:\/\/orcid\.org\//, '')}` }) }],
    publisher: { '@type': 'Organization', name: catalog.name, url: catalog.url },
    dateCreated: time(d.creationTime),
    dateModified: time(d.updatedAt),
    ...(time(d.creationTime) && { temporalCoverage: time(d.endTime) ? `${time(d.creationTime)}/${time(d.endTime)}` : time(d.creationTime) }),
    keywords: d.keywords ?? [],
    ...(d.license && { license: /^https?:/.test(d.license) ? d.license : `https://spdx.org/licenses/${d.license}` }),
    isAccessibleForFree: published,
    ...(!published && { conditionsOfAccess: `Restricted to the members of ${d.ownerGroup} and of the groups it is shared with until it is published.` }),
    measurementTechnique: (d.techniques ?? []).map((t: any) => t.name),
    variableMeasured: variablesOf(d.scientificMetadata),
    includedInDataCatalog: { '@type': 'DataCatalog', name: catalog.name, url: catalog.url },
    ...(publications.length && { isPartOf: publications.map((p) => ({ '@type': 'Dataset', '@id': p.doi ? `https://doi.org/${p.doi}` : landing(p._id), name: p.title })) }),
    ...(d.inputDatasets?.length && { isBasedOn: d.inputDatasets.map((i: string) => landing(i)) }),
    size: `${d.numberOfFiles ?? 0} files, ${d.size ?? 0} bytes`,
    ...(downloads && { distribution: distributionOf(downloads) }),
    ...provenanceOf(d, landing, instrument),
  };
}

/** PROV-O: the activity that generated the dataset (on its instrument, at its time), its inputs and the software used. */
function provenanceOf(d: StoredRecord, landing: (id: string) => string, instrument?: StoredRecord | null): Record<string, unknown> {
  const inputs: string[] = d.inputDatasets ?? [];
  const software: string[] = (d.usedSoftware ?? []).filter((s: unknown) => typeof s === 'string');
  return {
    'prov:wasGeneratedBy': {
      '@type': 'prov:Activity',
      name: d.type === 'derived' ? 'processing' : 'acquisition',
      ...(d.instrumentId && { 'prov:wasAssociatedWith': { '@type': 'prov:Agent', identifier: d.instrumentId, name: instrument?.name ?? d.instrumentId } }),
      ...(d.creationTime && { 'prov:startedAtTime': d.creationTime instanceof Date ? d.creationTime.toISOString() : d.creationTime }),
      ...(software.length && { 'prov:used': software.map((s) => ({ '@type': 'prov:SoftwareAgent', name: s })) }),
    },
    ...(inputs.length && { 'prov:wasDerivedFrom': inputs.map((i) => ({ '@id': landing(i) })) }),
  };
}

/** Scientific metadata as schema.org PropertyValues: dotted key paths, quantities `{value, unit}` with `unitText`. */
function variablesOf(meta: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (v: unknown, path: string): void => {
    if (out.length >= MAX_VARIABLES || v === null || v === undefined) return;
    if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      const o = v as Record<string, unknown>;
      if ('value' in o && (typeof o.unit === 'string' || Object.keys(o).length === 1)) {
        const code = typeof o.unit === 'string' ? unitCode(o.unit) : undefined;
        out.push({ '@type': 'PropertyValue', name: path, value: o.value, ...(typeof o.unit === 'string' && { unitText: o.unit }), ...(code && { unitCode: code }) });
        return;
      }
      for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
      return;
    }
    if (path) out.push({ '@type': 'PropertyValue', name: path, value: v instanceof Date ? v.toISOString() : v });
  };
  walk(meta, '');
  return out;
}
