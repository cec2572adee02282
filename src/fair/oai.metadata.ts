// The metadata formats of OAI-PMH records: Dublin Core (oai_dc) of published datasets and of publications,
// and oai_datacite (the DataCite kernel, as registered) of publications. Each renders one <metadata> body.
import type { StoredRecord } from '../catalog/common/record.types';
import type { DoiWorkflow } from '../doi';
import { dataciteXml } from '../doi';
import { el, esc } from '../common/xml';
import { FORMATS, type Kind, type Prefix } from './oai.args';

/** What rendering reads: DataCite attributes from the DOI workflow, the repository's name and OAI base URL. */
export interface MetadataDeps {
  services: { doi: DoiWorkflow };
  repositoryName: string;
  baseUrl: () => string;
}

/**
 * The body of a record's <metadata> element (an XML string) for a live item of `kind` in the format `prefix`:
 * oai_datacite from the publication's DataCite attributes, else Dublin Core of the publication or dataset.
 * The caller checks that the item disseminates the format; errors of the DOI workflow propagate.
 */
export async function metadataOf(deps: MetadataDeps, kind: Kind, rec: StoredRecord, prefix: Prefix): Promise<string> {
  return prefix === 'oai_datacite' ? await oaiDatacite(deps, rec) : kind === 'publication' ? await dcOfPublication(deps, rec) : dcOfDataset(deps, rec);
}

async function oaiDatacite(deps: MetadataDeps, pub: StoredRecord): Promise<string> {
  const attrs = await deps.services.doi.shownAttributes(pub);
  return `<oai_datacite xmlns="${FORMATS.oai_datacite.namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${FORMATS.oai_datacite.namespace} ${FORMATS.oai_datacite.schema}">${el('schemaVersion', undefined, '4.5')}${el('datacentreSymbol', undefined, deps.repositoryName)}<payload>${dataciteXml(attrs, false)}</payload></oai_datacite>`;
}

function dc(fields: [string, unknown][]): string {
  const body = fields.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `<dc:${k}>${esc(v)}</dc:${k}>`).join('');
  return `<oai_dc:dc xmlns:oai_dc="${FORMATS.oai_dc.namespace}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${FORMATS.oai_dc.namespace} ${FORMATS.oai_dc.schema}">${body}</oai_dc:dc>`;
}

async function dcOfPublication(deps: MetadataDeps, p: StoredRecord): Promise<string> {
  const a = await deps.services.doi.shownAttributes(p);
  return dc([
    ['title', p.title],
    ...a.creators.map((c): [string, unknown] => ['creator', c.name]),
    ...a.subjects.map((s): [string, unknown] => ['subject', s.subject]),
    ['description', p.abstract],
    ['publisher', p.publisher],
    ['date', p.publicationYear],
    ['type', a.types.resourceTypeGeneral],
    ['identifier', `https://doi.org/${p.doi}`],
    ['identifier', a.url],
    ...a.relatedIdentifiers.map((r): [string, unknown] => ['relation', `${r.relationType} ${r.relatedIdentifierType === 'DOI' ? `https://doi.org/${r.relatedIdentifier}` : r.relatedIdentifier}`]),
    ...a.rightsList.map((r): [string, unknown] => ['rights', r.rightsUri ?? r.rights]),
  ]);
}

function dcOfDataset(deps: MetadataDeps, d: StoredRecord): string {
  return dc([
    ['title', d.datasetName ?? d._id],
    ['creator', d.owner],
    ...((d.keywords ?? []) as string[]).map((k): [string, unknown] => ['subject', k]),
    ...((d.techniques ?? []) as { name: string }[]).map((t): [string, unknown] => ['subject', t.name]),
    ['description', d.description],
    ['date', d.creationTime instanceof Date ? d.creationTime.toISOString().slice(0, 10) : undefined],
    ['type', 'Dataset'],
    ['identifier', d._id],
    ['identifier', `${deps.baseUrl().replace(/\/oai$/, '')}/pid/${d._id}`],
    ...((d.inputDatasets ?? []) as string[]).map((i): [string, unknown] => ['source', i]),
    ['rights', d.license],
  ]);
}
