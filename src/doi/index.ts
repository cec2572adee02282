// The DOI domain's public surface: DataCite metadata and XML, citation text, the registration workflow
// and its client. FAIR harvesting (src/fair) reads publications through these.
export { citationText } from './citation';
export { DATACITE_DATASET_FIELDS, type DataCiteAttributes } from './datacite.metadata';
export { dataciteXml } from './datacite.xml';
export { DataCiteClient } from './datacite.client';
export { DoiWorkflow, type DoiSettings } from './doi.workflow';
export { DatasetLinksResolver, DoiResolver } from './doi.resolver';
