// What an export asks for, checked and normalised before a job exists: every mistake is named by its
// path, and the stored request is complete, so a resumed job reads exactly what the first run read.
import { errors, type Problem } from '../common/errors';
import type { DatasetFilterSpec } from '../catalog/dataset/dataset.service';
import { LABEL_SOURCES, type LabelSourceName as LabelSource } from '../catalog/label/labelset.service';

/** Record file formats. JSONL is always written: the Croissant record sets read it. */
export const RECORD_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];
/** What the splits must not cut through. */
export const SPLIT_GROUPS = ['sample', 'proposal', 'dataset'] as const;
export type SplitGroup = (typeof SPLIT_GROUPS)[number];

export interface SplitSpec {
  train: number;
  validation: number;
  test: number;
  seed: string;
  /** Datasets sharing one of these never land in different splits. */
  groupBy: SplitGroup;
}

export interface ExportRequest {
  name: string;
  description?: string;
  license?: string;
  /** A dataset filter (the same fields as the datasets query); the caller's access filter is always added. */
  filter: DatasetFilterSpec;
  labelSets: string[];
  labelSources: LabelSource[];
  /** Paths into scientificMetadata, e.g. "energy" or "detector.distance". */
  metadataFields: string[];
  includeFiles: boolean;
  /** JSONL is always written (the Croissant record sets read it); CSV and Parquet are copies. */
  formats: RecordFormat[];
  split: SplitSpec;
}

/**
 * A metadata path: keys joined by dots, each with a character that is not white space and no control
 * character. Keys are as stored, so one the store renamed ("beam．size" for "beam.size") is named so.
 */
const PATH_RE = /^[^.\u0000-\u001f]*[^.\s\u0000-\u001f][^.\u0000-\u001f]*(\.[^.\u0000-\u001f]*[^.\s\u0000-\u001f][^.\u0000-\u001f]*)*$/;
const MAX_FIELDS = 200;

/** Fills defaults and checks everything that does not need the database. */
export function normalizeRequest(input: Omit<Partial<ExportRequest>, 'split'> & { split?: Partial<SplitSpec> }): ExportRequest {
  const p: Problem[] = [];
  const name = (input.name ?? '').trim();
  if (!name) p.push({ path: '/name', message: 'is required: it names the exported dataset' });
  else if (name.length > 200) p.push({ path: '/name', message: 'at most 200 characters' });
  const s: Partial<SplitSpec> = input.split ?? {};
  const split: SplitSpec = {
    train: s.train ?? 0.8,
    validation: s.validation ?? 0.1,
    test: s.test ?? 0.1,
    seed: s.seed ?? '0',
    groupBy: s.groupBy ?? 'sample',
  };
  for (const k of ['train', 'validation', 'test'] as const) {
    if (typeof split[k] !== 'number' || !Number.isFinite(split[k]) || split[k] < 0 || split[k] > 1) p.push({ path: `/split/${k}`, message: `must be a ratio between 0 and 1 (got ${split[k]})` });
  }
  const sum = split.train + split.validation + split.test;
  if (Number.isFinite(sum) && Math.abs(sum - 1) > 1e-9) p.push({ path: '/split', message: `train + validation + test must be 1 (got ${+sum.toFixed(6)})` });
  if (!['sample', 'proposal', 'dataset'].includes(split.groupBy)) p.push({ path: '/split/groupBy', message: 'must be sample, proposal or dataset' });
  if (typeof split.seed !== 'string' || split.seed.length > 100) p.push({ path: '/split/seed', message: 'must be a string of at most 100 characters' });
  filterProblems(input.filter, p);
  const metadataFields = [...new Set(input.metadataFields ?? [])];
  if (metadataFields.length > MAX_FIELDS) p.push({ path: '/metadataFields', message: `at most ${MAX_FIELDS} fields` });
  metadataFields.forEach((f, i) => {
    if (!PATH_RE.test(f)) p.push({ path: `/metadataFields/${i}`, message: `${JSON.stringify(f)} is not a metadata path: use keys joined by dots, e.g. detector.distance (a key holding a dot is stored with "．", as metadataKeys lists it)` });
  });
  const formats = [...new Set<RecordFormat>(['jsonl', ...(input.formats ?? ['csv', 'parquet'])])];
  formats.forEach((f, i) => {
    if (!['jsonl', 'csv', 'parquet'].includes(f)) p.push({ path: `/formats/${i}`, message: `${JSON.stringify(f)} is not one of jsonl, csv, parquet` });
  });
  const labelSources = [...new Set(input.labelSources?.length ? input.labelSources : [...LABEL_SOURCES])];
  labelSources.forEach((f, i) => {
    if (!['human', 'model'].includes(f)) p.push({ path: `/labelSources/${i}`, message: 'must be human or model' });
  });
  if (p.length) throw errors.validation('Export', p);
  return {
    name,
    ...(input.description && { description: input.description }),
    ...(input.license && { license: input.license }),
    filter: JSON.parse(JSON.stringify(input.filter ?? {})),
    labelSets: [...new Set(input.labelSets ?? [])],
    labelSources,
    metadataFields,
    includeFiles: input.includeFiles ?? true,
    formats,
    split,
  };
}

/** The fields a dataset filter takes (the datasets query's DatasetFilter). */
const FILTER_FIELDS: readonly (keyof DatasetFilterSpec)[] = ['pids', 'type', 'ownerGroup', 'instrumentId', 'proposalId', 'sampleId', 'keywords', 'technique', 'text', 'creationTimeFrom', 'creationTimeTo', 'isPublished', 'inputDataset'];

/** A filter is an object of the dataset filter's fields: an unknown one would select everything, so it is refused, named. */
function filterProblems(filter: unknown, p: Problem[]): void {
  if (filter === undefined || filter === null) return;
  if (typeof filter !== 'object' || Array.isArray(filter)) {
    p.push({ path: '/filter', message: 'must be an object of dataset filter fields, e.g. {"instrumentId": "instrument/bl17u1"}' });
    return;
  }
  for (const k of Object.keys(filter)) {
    if (!(FILTER_FIELDS as readonly string[]).includes(k)) p.push({ path: `/filter/${k}`, message: `is not a dataset filter field; use ${FILTER_FIELDS.join(', ')}` });
  }
}

/** The filter with its dates revived (requests are stored in JSON form). */
export function filterOf(r: ExportRequest): DatasetFilterSpec {
  const f: DatasetFilterSpec = { ...r.filter };
  if (f.creationTimeFrom) f.creationTimeFrom = new Date(f.creationTimeFrom);
  if (f.creationTimeTo) f.creationTimeTo = new Date(f.creationTimeTo);
  return f;
}
