// DataCite metadata kernel 4.5 XML (https://schema.datacite.org/meta/kernel-4.5/), rendered from the
// same attributes the REST API receives. Tests validate it against the XML Schema with xmllint.
import { el, wrap } from '../common/xml';
import type { DataCiteAttributes } from './datacite.metadata';

export const DATACITE_NS = 'http://datacite.org/schema/kernel-4';
export const DATACITE_XSD = 'http://schema.datacite.org/meta/kernel-4.5/metadata.xsd';

/** The <resource> element; `withDeclaration` adds the XML declaration for a standalone document. */
export function dataciteXml(a: DataCiteAttributes, withDeclaration = true): string {
  const creators = a.creators.map((c) =>
    wrap('creator', undefined, [
      el('creatorName', { nameType: c.nameType }, c.name),
      ...(c.givenName ? [el('givenName', undefined, c.givenName)] : []),
      ...(c.familyName ? [el('familyName', undefined, c.familyName)] : []),
      ...(c.nameIdentifiers ?? []).map((n) => el('nameIdentifier', { nameIdentifierScheme: n.nameIdentifierScheme, schemeURI: n.schemeUri }, n.nameIdentifier)),
      ...(c.affiliation ?? []).map((f) => el('affiliation', undefined, f.name)),
    ]),
  );
  const body = [
    el('identifier', { identifierType: 'DOI' }, a.doi.toUpperCase()),
    wrap('creators', undefined, creators, true),
    wrap('titles', undefined, a.titles.map((t) => el('title', { 'xml:lang': t.lang }, t.title)), true),
    el('publisher', undefined, a.publisher ?? ''),
    el('publicationYear', undefined, a.publicationYear ?? ''),
    el('resourceType', { resourceTypeGeneral: a.types.resourceTypeGeneral ?? 'Dataset' }, a.types.resourceType ?? ''),
    wrap('subjects', undefined, a.subjects.map((s) => el('subject', { subjectScheme: s.subjectScheme }, s.subject))),
    wrap('dates', undefined, a.dates.map((d) => el('date', { dateType: d.dateType }, d.date))),
    ...(a.language ? [el('language', undefined, a.language)] : []),
    wrap('relatedIdentifiers', undefined, a.relatedIdentifiers.map((r) => el('relatedIdentifier', { relatedIdentifierType: r.relatedIdentifierType, relationType: r.relationType, resourceTypeGeneral: r.resourceTypeGeneral }, r.relatedIdentifier))),
    wrap('sizes', undefined, a.sizes.map((s) => el('size', undefined, s))),
    wrap('rightsList', undefined, a.rightsList.map((r) => el('rights', { rightsURI: r.rightsUri, rightsIdentifier: r.rightsIdentifier, rightsIdentifierScheme: r.rightsIdentifierScheme }, r.rights))),
    wrap('descriptions', undefined, a.descriptions.map((d) => el('description', { descriptionType: d.descriptionType }, d.description))),
  ].join('');
  const resource = `<resource xmlns="${DATACITE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${DATACITE_NS} ${DATACITE_XSD}">${body}</resource>`;
  return withDeclaration ? `<?xml version="1.0" encoding="UTF-8"?>\n${resource}\n` : resource;
}
