// schema.org JSON-LD (https://schema.org/Dataset) for landing pages, as Google Dataset Search and FAIR
// assessment tools read it. Publications render from their DataCite attributes; datasets from their record.
import type { StoredRecord } from '../catalog/common/record.types';
import type { DataCiteAttributes } from '../doi';

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
export function publicationJsonLd(a: DataCiteAttributes, datasets: StoredRecord[], catalog: CatalogInfo, landing: (id: string) => string): Record<string, unknown> {
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
  };
}

/**
 * A dataset as a schema.org Dataset in JSON-LD: its landing URL (`landing`, a pid → URL function) as `@id`, the
 * publications it is part of as `isPartOf`, its input datasets as `isBasedOn`, its size as files and bytes.
 */
export function datasetJsonLd(d: StoredRecord, publications: StoredRecord[], catalog: CatalogInfo, landing: (id: string) => string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': landing(d._id),
    identifier: d._id,
    url: landing(d._id),
    name: d.datasetName ?? d._id,
    description: d.description ?? d.datasetName ?? `${d.type} dataset ${d._id}`,
    creator: [{ '@type': 'Person', name: d.owner, ...(d.orcidOfOwner && { '@id': `https://orcid.org/${String(d.orcidOfOwner).replace(/^https:\/\/orcid\.org\//, '')}` }) }],
    dateCreated: d.creationTime instanceof Date ? d.creationTime.toISOString() : d.creationTime,
    dateModified: d.updatedAt instanceof Date ? d.updatedAt.toISOString() : undefined,
    keywords: d.keywords ?? [],
    ...(d.license && { license: /^https?:/.test(d.license) ? d.license : `https://spdx.org/licenses/${d.license}` }),
    measurementTechnique: (d.techniques ?? []).map((t: any) => t.name),
    includedInDataCatalog: { '@type': 'DataCatalog', name: catalog.name, url: catalog.url },
    ...(publications.length && { isPartOf: publications.map((p) => ({ '@type': 'Dataset', '@id': p.doi ? `https://doi.org/${p.doi}` : landing(p._id), name: p.title })) }),
    ...(d.inputDatasets?.length && { isBasedOn: d.inputDatasets.map((i: string) => landing(i)) }),
    size: `${d.numberOfFiles ?? 0} files, ${d.size ?? 0} bytes`,
  };
}
