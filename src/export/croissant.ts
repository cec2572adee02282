// The Croissant 1.0 description of an export (JSON-LD): the files with their checksums, typed record
// sets over the JSONL files, labels marked cr:Label, the split enumeration, the Responsible-AI
// properties the catalog can fill, and the export's provenance (PROV-O).
import type { LabelSetSpec } from '../catalog/label/labelset.service';
import type { ColType, Column, RecordSetName, ScanPlan } from './columns';
import type { ExportRequest } from './export.request';
import type { SplitName } from './splits';

export const CROISSANT_CONFORMS_TO = 'http://mlcommons.org/croissant/1.0';

const CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  prov: 'http://www.w3.org/ns/prov#',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  equivalentProperty: 'cr:equivalentProperty',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  samplingRate: 'cr:samplingRate',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

const SC_TYPE: Record<ColType, string> = { text: 'sc:Text', integer: 'sc:Integer', float: 'sc:Float', boolean: 'sc:Boolean', datetime: 'sc:DateTime' };
const ENCODING: Record<string, string> = { jsonl: 'application/jsonlines', csv: 'text/csv', parquet: 'application/x-parquet' };
const SPLIT_URL: Record<SplitName, string> = { train: 'cr:TrainingSplit', validation: 'cr:ValidationSplit', test: 'cr:TestSplit' };

export interface OutputFile {
  name: string;
  recordSet?: RecordSetName;
  format?: 'jsonl' | 'csv' | 'parquet';
  bytes: number;
  sha256: string;
  records?: number;
}

export interface CroissantInput {
  request: ExportRequest;
  plan: ScanPlan;
  columns: Record<RecordSetName, Column[]>;
  labelSets: LabelSetSpec[];
  files: OutputFile[];
  splitCounts: Record<SplitName, number>;
  labelStats: { labels: number; human: number; model: number; labellers: number; models: string[] };
  jobId: string;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date;
  catalog: { name: string; url: string; version: string };
  /** Where the export's files can be downloaded. */
  downloadUrl: string;
}

/**
 * The Croissant 1.0 JSON-LD of an export (mlcroissant validates it in the tests): the dataset's
 * description, licence, creators and citation, its responsible-AI fields (rai:), its provenance (prov:),
 * the record files as cr:FileObject, and the splits, datasets, labels and files record sets.
 */
export function croissant(x: CroissantInput): Record<string, unknown> {
  const { request: r, plan } = x;
  const license = r.license ?? (plan.licenses.length === 1 ? plan.licenses[0] : plan.licenses.length ? plan.licenses : 'https://creativecommons.org/licenses/by/4.0/');
  return {
    '@context': CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: CROISSANT_CONFORMS_TO,
    name: r.name,
    description: r.description ?? `${plan.total} datasets from ${x.catalog.name}, exported for machine learning with their labels, files and ${r.split.train}/${r.split.validation}/${r.split.test} splits.`,
    license,
    url: x.downloadUrl,
    version: '1.0.0',
    datePublished: x.finishedAt.toISOString(),
    creator: [
      { '@type': 'sc:Person', name: x.requestedBy },
      { '@type': 'sc:Organization', name: x.catalog.name, url: x.catalog.url },
    ],
    publisher: { '@type': 'sc:Organization', name: x.catalog.name, url: x.catalog.url },
    keywords: ['machine learning', ...plan.techniques],
    citeAs: bibtex(x),
    isLiveDataset: false,
    ...responsibleAi(x),
    'prov:wasDerivedFrom': [{ '@id': x.catalog.url, name: x.catalog.name }],
    'prov:wasGeneratedBy': {
      '@type': 'prov:Activity',
      '@id': `${x.catalog.url}/exports/${x.jobId}`,
      'prov:wasAssociatedWith': { '@type': 'prov:Agent', name: x.requestedBy },
      'prov:startedAtTime': x.startedAt.toISOString(),
      'prov:endedAtTime': x.finishedAt.toISOString(),
      'prov:used': { '@type': 'prov:SoftwareAgent', name: 'catalog', softwareVersion: x.catalog.version },
    },
    distribution: x.files.map(fileObject),
    recordSet: recordSetsOf(x),
  };
}

const fileId = (f: OutputFile) => f.name.replace(/[^A-Za-z0-9]/g, '-');

/** The record sets: the splits (inline data), then datasets, labels and files from their JSONL files. */
function recordSetsOf(x: CroissantInput): Record<string, unknown>[] {
  const r = x.request;
  const sourceOf = (set: RecordSetName) => x.files.find((f) => f.recordSet === set && f.format === 'jsonl');
  const recordSets: Record<string, unknown>[] = [
    {
      '@type': 'cr:RecordSet',
      '@id': 'splits',
      name: 'splits',
      description: `The splits, drawn per ${r.split.groupBy} with seed ${JSON.stringify(r.split.seed)} (train ${r.split.train}, validation ${r.split.validation}, test ${r.split.test}).`,
      dataType: 'cr:Split',
      key: { '@id': 'splits/name' },
      field: [
        { '@type': 'cr:Field', '@id': 'splits/name', name: 'name', description: 'The split\'s name.', dataType: 'sc:Text' },
        { '@type': 'cr:Field', '@id': 'splits/url', name: 'url', description: 'The split\'s Croissant term.', dataType: 'sc:URL' },
      ],
      data: (['train', 'validation', 'test'] as SplitName[]).map((s) => ({ 'splits/name': s, 'splits/url': SPLIT_URL[s] })),
    },
  ];
  const descriptions: Record<RecordSetName, string> = {
    datasets: 'One record per catalog dataset: its place in the facility\'s hierarchy, the selected metadata, its split and the consensus of each label set.',
    labels: 'Every label given to the exported datasets, by people (pseudonymised) and by models.',
    files: 'The files of the exported datasets, with the checksums the facility recorded.',
  };
  for (const set of ['datasets', 'labels', 'files'] as RecordSetName[]) {
    const src = sourceOf(set);
    if (!src) continue;
    recordSets.push({
      '@type': 'cr:RecordSet',
      '@id': set,
      name: set,
      description: descriptions[set],
      ...(set !== 'files' && { key: { '@id': set === 'datasets' ? 'datasets/pid' : 'labels/label_id' } }),
      field: x.columns[set].map((c) => ({
        '@type': 'cr:Field',
        '@id': `${set}/${c.name}`,
        name: c.name,
        description: c.description,
        dataType: c.label ? [SC_TYPE[c.type], 'cr:Label'] : SC_TYPE[c.type],
        source: { fileObject: { '@id': fileId(src) }, extract: { column: c.name } },
        ...(c.references && { references: { field: { '@id': c.references } } }),
      })),
    });
  }
  return recordSets;
}

/** The responsible-AI fields (Croissant RAI): how the data was collected, labelled and preprocessed. */
function responsibleAi(x: CroissantInput): Record<string, unknown> {
  const { request: r, plan } = x;
  const instruments = plan.instruments.join(', ') || 'the facility\'s instruments';
  const techniques = plan.techniques.length ? ` using ${plan.techniques.join(', ')}` : '';
  const humanSets = x.labelSets.map((s) => `${s.name} (${s.kind}${s.kind === 'score' ? ` ${s.min}..${s.max}` : s.values ? `: ${s.values.join(', ')}` : ''}${s.description ? `; ${s.description}` : ''})`);
  return {
    'rai:dataCollection': `Measured at ${instruments}${techniques}, and recorded in ${x.catalog.name} by the facility's beamline adapters (metadata and file lists as the instruments and data pipelines produced them).`,
    'rai:dataCollectionType': ['Experiments', 'Software Collection'],
    ...(plan.firstCreation && { 'rai:dataCollectionTimeframe': [plan.firstCreation, plan.lastCreation] }),
    'rai:dataAnnotationProtocol': x.labelSets.length
      ? `Labels come from the catalog's declared label sets: ${humanSets.join('; ')}. Any user who may see a dataset may label it; models label through the same API with their name and version. Each dataset record carries the consensus, count and agreement of each set; every individual label is in the labels record set. Withdrawn labels are left out.${r.labelSources.length < 2 ? ` Only ${r.labelSources[0]} labels were exported.` : ''}`
      : 'No labels were selected for this export.',
    'rai:dataAnnotationPlatform': `${x.catalog.name} labelling API (GraphQL setLabel)`,
    'rai:annotationsPerItem': plan.total ? `${(x.labelStats.labels / plan.total).toFixed(2)} labels per dataset on average (${x.labelStats.human} by people, ${x.labelStats.model} by models)` : '0',
    'rai:annotatorDemographics': `${x.labelStats.labellers} labeller(s); people appear only as pseudonyms.${x.labelStats.models.length ? ` Models: ${x.labelStats.models.join(', ')}.` : ''}`,
    'rai:personalSensitiveInformation': 'Labellers are pseudonymised. Dataset records keep the metadata the facility published with them, which may name instruments and proposals but no personal data beyond what the catalog shows to the exporting user.',
    'rai:dataPreprocessingProtocol': `Selected with the filter ${JSON.stringify(r.filter)} and the exporting user's access rights; metadata fields ${r.metadataFields.join(', ') || '(none)'} copied as typed columns (quantities with their units); splits drawn per ${r.split.groupBy} so that no ${r.split.groupBy} spans two splits.`,
  };
}

/** One output file as a cr:FileObject with its size, format and checksum. */
function fileObject(f: OutputFile): Record<string, unknown> {
  return {
    '@type': 'cr:FileObject',
    '@id': fileId(f),
    name: f.name,
    description: f.recordSet ? `The ${f.recordSet} record set as ${f.format?.toUpperCase()} (${f.records} records).` : 'The export\'s provenance.',
    contentUrl: f.name,
    contentSize: `${f.bytes} B`,
    encodingFormat: f.format ? ENCODING[f.format] : 'application/json',
    sha256: f.sha256,
  };
}

/** A BibTeX entry for the export (Croissant recommends citeAs in BibTeX). */
function bibtex(x: CroissantInput): string {
  const esc = (v: string) => v.replace(/[{}\\]/g, '');
  return `@misc{${x.jobId.replace(/[^A-Za-z0-9]/g, '')}, title = {${esc(x.request.name)}}, author = {${esc(x.requestedBy)}}, publisher = {${esc(x.catalog.name)}}, year = {${x.finishedAt.getUTCFullYear()}}, howpublished = {${esc(x.downloadUrl)}}, note = {Export ${x.jobId} of ${esc(x.catalog.name)}, version ${x.catalog.version}}}`;
}
