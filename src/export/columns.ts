// The record sets an export writes and their typed columns, fixed before the first row is written
// (from the request, the declared label sets and a scan of the selection), so that JSONL, CSV,
// Parquet and the Croissant fields all say the same thing.
import { createHash } from 'node:crypto';
import type { StoredRecord } from '../catalog/common/record.types';
import type { LabelSetSpec } from '../catalog/label/labelset.service';
import type { LabelSummary } from '../catalog/label/label.summary';
import type { ExportRequest } from './export.request';

export type ColType = 'text' | 'integer' | 'float' | 'boolean' | 'datetime';

export interface Column {
  name: string;
  type: ColType;
  description: string;
  /** A label field (cr:Label). */
  label?: boolean;
  /** "recordSet/field" this column refers to. */
  references?: string;
}

export type RecordSetName = 'datasets' | 'labels' | 'files';

export interface FieldStats {
  path: string;
  type: ColType | null;
  units: string[];
}

/** What the scan of the selection learnt; stored with the job so a resumed run writes the same columns. */
export interface ScanPlan {
  total: number;
  /** The group of each key that datasets tie together (see GroupUnion); objects, as FerretDB stores no nested arrays. */
  groupPairs: { key: string; group: string }[];
  /** One entry per requested metadata path (a list: MongoDB keys may not hold dots). */
  fields: FieldStats[];
  instruments: string[];
  techniques: string[];
  licenses: string[];
  firstCreation: string | null;
  lastCreation: string | null;
}

const MAX_DISTINCT = 50;

/** A plan before the scan: no datasets seen, and one untyped entry per requested metadata path (`fields`, dotted paths). */
export function emptyPlan(fields: string[]): ScanPlan {
  return { total: 0, groupPairs: [], fields: fields.map((path) => ({ path, type: null, units: [] })), instruments: [], techniques: [], licenses: [], firstCreation: null, lastCreation: null };
}

/** Adds one dataset (projected) to the plan. */
export function observe(plan: ScanPlan, doc: StoredRecord): void {
  plan.total++;
  addDistinct(plan.instruments, doc.instrumentId);
  for (const t of doc.techniques ?? []) addDistinct(plan.techniques, t?.name);
  addDistinct(plan.licenses, doc.license);
  const t = doc.creationTime instanceof Date ? doc.creationTime.toISOString() : undefined;
  if (t && (!plan.firstCreation || t < plan.firstCreation)) plan.firstCreation = t;
  if (t && (!plan.lastCreation || t > plan.lastCreation)) plan.lastCreation = t;
  for (const st of plan.fields) {
    const { value, unit } = metadataValue(doc.scientificMetadata, st.path);
    if (value === null) continue;
    const k = typeOf(value);
    st.type = st.type === null || st.type === k ? k : st.type === 'integer' && k === 'float' ? 'float' : st.type === 'float' && k === 'integer' ? 'float' : 'text';
    if (unit) addDistinct(st.units, unit);
  }
}

function addDistinct(list: string[], v: unknown): void {
  if (typeof v === 'string' && v && list.length < MAX_DISTINCT && !list.includes(v)) list.push(v);
}

function typeOf(v: unknown): ColType {
  if (typeof v === 'boolean') return 'boolean';
  // an integer beyond 2^53 is not exact as one: the column is a float (and conform writes it)
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'integer' : 'float';
  if (v instanceof Date) return 'datetime';
  return 'text';
}

/**
 * A value as its column's type holds it, the same in JSONL, CSV and Parquet. A column whose values have
 * several types (5 in one dataset, "n/a" in another, {value: 3, unit: "mm"} in a third) is typed text by
 * the scan, so the Croissant field says sc:Text, and every value is written as its text form ("5",
 * "n/a", "3" with "mm" in the column's _unit column). A value that does not fit a typed column (its
 * record changed after the scan) is written as null; `mismatch` is told.
 */
export function conform(v: unknown, type: ColType, mismatch?: () => void): unknown {
  if (v === null || v === undefined) return null;
  let out: unknown = null;
  if (type === 'text') out = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  else if (type === 'integer') out = typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
  else if (type === 'float') out = typeof v === 'number' && Number.isFinite(v) ? v : null;
  else if (type === 'boolean') out = typeof v === 'boolean' ? v : null;
  else if (type === 'datetime') {
    const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
    out = d && !Number.isNaN(d.getTime()) ? d : null;
  }
  if (out === null) mismatch?.();
  return out;
}

/** A metadata value at a dotted path; a quantity {value, unit} gives both. */
export function metadataValue(sm: unknown, path: string): { value: unknown; unit: string | null } {
  let v: any = sm;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { value: null, unit: null };
    v = v[part];
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && 'value' in v) {
    return { value: v.value ?? null, unit: typeof v.unit === 'string' ? v.unit : null };
  }
  return { value: v ?? null, unit: null };
}

/** The column of a scientificMetadata path: `md_` plus the path with every character but letters, digits and _ as _. */
export function columnName(path: string): string {
  return `md_${path.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

const LABEL_TYPE: Record<string, ColType> = { like: 'boolean', score: 'float', class: 'text', tags: 'text' };

/**
 * The typed columns of each record set (datasets, labels, files), fixed before the first row: the datasets set has
 * its fixed columns, one per requested metadata path (typed by the scan, plus a `_unit` column where units were seen),
 * and consensus, count and agreement columns per label set.
 */
export function layout(req: ExportRequest, plan: ScanPlan, sets: LabelSetSpec[]): Record<RecordSetName, Column[]> {
  const datasets: Column[] = [
    { name: 'pid', type: 'text', description: 'The dataset\'s persistent identifier in the catalog.' },
    { name: 'name', type: 'text', description: 'datasetName' },
    { name: 'type', type: 'text', description: 'raw (measured) or derived (computed from other datasets)' },
    { name: 'description', type: 'text', description: 'description' },
    { name: 'creation_time', type: 'datetime', description: 'When the data were taken or computed.' },
    { name: 'instrument', type: 'text', description: 'The instrument (beamline) id.' },
    { name: 'proposal', type: 'text', description: 'The proposal ids, separated by ";".' },
    { name: 'sample', type: 'text', description: 'The sample ids, separated by ";".' },
    { name: 'techniques', type: 'text', description: 'Technique names, separated by ";".' },
    { name: 'keywords', type: 'text', description: 'Keywords, separated by ";".' },
    { name: 'license', type: 'text', description: 'The dataset\'s licence.' },
    { name: 'used_software', type: 'text', description: 'Software that produced a derived dataset, separated by ";".' },
    { name: 'input_datasets', type: 'text', description: 'For derived datasets: the pids it was computed from, separated by ";".' },
    { name: 'number_of_files', type: 'integer', description: 'How many files the dataset holds.' },
    { name: 'size', type: 'integer', description: 'Total bytes of the files.' },
    { name: 'split', type: 'text', description: 'train, validation or test.', references: 'splits/name' },
    { name: 'split_group', type: 'text', description: `The ${req.split.groupBy} group the split was drawn for: datasets of one group are never in different splits.` },
  ];
  for (const path of req.metadataFields) {
    const st = plan.fields.find((f) => f.path === path) ?? { path, type: null, units: [] };
    const unitNote = st.units.length === 1 ? ` (unit ${st.units[0]})` : st.units.length ? ` (units vary: see ${columnName(path)}_unit)` : '';
    datasets.push({ name: columnName(path), type: st.type ?? 'text', description: `scientificMetadata.${path}${unitNote}` });
    if (st.units.length) datasets.push({ name: `${columnName(path)}_unit`, type: 'text', description: `The unit of scientificMetadata.${path}.` });
  }
  for (const s of sets) {
    datasets.push({ name: `label_${s.name}`, type: LABEL_TYPE[s.kind], label: true, description: consensusNote(s) });
    datasets.push({ name: `label_${s.name}_count`, type: 'integer', description: `How many ${s.name} labels the dataset has.` });
    datasets.push({ name: `label_${s.name}_agreement`, type: 'float', description: `0..1: how far the ${s.name} labels agree.` });
  }
  const labels: Column[] = [
    { name: 'label_id', type: 'text', description: 'The label\'s id in the catalog.' },
    { name: 'dataset_pid', type: 'text', description: 'The labelled dataset.', references: 'datasets/pid' },
    { name: 'label_set', type: 'text', description: 'The declared label set.' },
    { name: 'kind', type: 'text', description: 'like, score, tags or class.' },
    { name: 'value', type: 'text', label: true, description: 'like: true/false; score: the number; class: the class; tags: the tags separated by ";".' },
    { name: 'score', type: 'float', description: 'The value of a score label, as a number.' },
    { name: 'source', type: 'text', description: 'human or model.' },
    { name: 'labeller', type: 'text', description: 'A pseudonym for a person (a hash of their account), or model name@version.' },
    { name: 'labelled_at', type: 'datetime', description: 'When the label was last given or changed.' },
  ];
  const files: Column[] = [
    { name: 'dataset_pid', type: 'text', description: 'The dataset the file belongs to.', references: 'datasets/pid' },
    { name: 'path', type: 'text', description: 'The file\'s path relative to the dataset\'s source folder.' },
    { name: 'size', type: 'integer', description: 'Bytes.' },
    { name: 'checksum', type: 'text', description: 'The file\'s checksum as the facility recorded it.' },
    { name: 'checksum_algorithm', type: 'text', description: 'The algorithm of checksum (e.g. sha256).' },
    { name: 'modified', type: 'datetime', description: 'The file\'s modification time.' },
  ];
  return { datasets, labels, files };
}

function consensusNote(s: LabelSetSpec): string {
  const what = { like: 'true when more labellers liked than disliked it (empty on a tie)', score: `the mean score (range ${s.min}..${s.max})`, class: `the majority class (${(s.values ?? []).join(', ')})`, tags: 'the tags more than half the labellers gave, separated by ";"' }[s.kind];
  return `Consensus of the ${s.name} labels${s.description ? ` (${s.description})` : ''}: ${what}.`;
}

type Row = Record<string, unknown>;

const joined = (xs: unknown[] | undefined) => (xs?.length ? xs.join(';') : null);

/**
 * One dataset's row of the datasets record set, keyed by column name: list fields joined with ";", each requested
 * metadata value with its unit, and each label set's summary; `split` and `group` are the dataset's split and its group key.
 */
export function datasetRow(d: StoredRecord, req: ExportRequest, split: string, group: string, summaries: LabelSummary[]): Row {
  const row: Row = {
    pid: d._id,
    name: d.datasetName ?? null,
    type: d.type ?? null,
    description: d.description ?? null,
    creation_time: d.creationTime ?? null,
    instrument: d.instrumentId ?? null,
    proposal: joined(d.proposalIds),
    sample: joined(d.sampleIds),
    techniques: joined((d.techniques ?? []).map((t: { name: string }) => t.name)),
    keywords: joined(d.keywords),
    license: d.license ?? null,
    used_software: joined(d.usedSoftware),
    input_datasets: joined(d.inputDatasets),
    number_of_files: d.numberOfFiles ?? 0,
    size: d.size ?? 0,
    split,
    split_group: group,
  };
  for (const path of req.metadataFields) {
    const { value, unit } = metadataValue(d.scientificMetadata, path);
    row[columnName(path)] = value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
    row[`${columnName(path)}_unit`] = unit;
  }
  for (const s of summaries) {
    row[`label_${s.labelSet}`] = Array.isArray(s.consensus) ? joined(s.consensus) : s.consensus;
    row[`label_${s.labelSet}_count`] = s.count;
    row[`label_${s.labelSet}_agreement`] = s.agreement;
  }
  return row;
}

/** One label's row of the labels record set; a person is named by a pseudonym, a model as name@version. */
export function labelRow(l: StoredRecord): Row {
  const v = l.value;
  return {
    label_id: l._id,
    dataset_pid: l.datasetPid,
    label_set: l.labelSet,
    kind: l.kind,
    value: Array.isArray(v) ? v.join(';') : String(v),
    score: typeof v === 'number' ? v : null,
    source: l.source,
    labeller: l.source === 'model' ? `${l.model.name}@${l.model.version}` : pseudonym(l.by),
    labelled_at: l.updatedAt ?? null,
  };
}

/** People are not named in an ML dataset: a stable hash lets one count agreement per labeller without knowing who they are. */
export function pseudonym(subject: string): string {
  return `person:${createHash('sha256').update(`catalog-labeller\0${subject}`).digest('hex').slice(0, 16)}`;
}

/** The rows of the files record set for one block: one per file, size in bytes, the checksum with the block's algorithm. */
export function fileRows(block: StoredRecord): Row[] {
  return (block.dataFileList ?? []).map((f: any) => ({
    dataset_pid: block.datasetId,
    path: f.path,
    size: f.size ?? null,
    checksum: f.chk ?? null,
    checksum_algorithm: f.chk ? (block.chkAlg ?? null) : null,
    modified: f.time ?? null,
  }));
}
