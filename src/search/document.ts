// Turns catalog records into index documents. Every document keeps the record's API shape in `record`
// (so a list page needs no MongoDB read) and copies of the fields lists filter and sort on in `q`.
// Datasets, samples and proposals are also searchable: their denormalised hierarchy (instrument ›
// proposal › sample › dataset), access fields, a full-text field over every value and their metadata as
// typed entries. The hierarchy's names are read in one $in query per collection per batch.
import type { StoredRecords } from '../catalog';
import type { StoredRecord } from '../catalog/common/record.types';
import { toJsonForm } from '../common/json';
import { FOLDED_FIELDS, MAX_FOLDED, foldCase } from '../common/text';
import { flattenMetadata, metadataText, type MetaEntry } from './metadata';
import { qFields } from './mongo.filter';

/** The kinds `search`, `logbook`, facets and metadata keys look at (the schema's SearchKind). */
export const SEARCHABLE = ['dataset', 'sample', 'proposal'] as const;
export type SearchKind = (typeof SEARCHABLE)[number];
/** Every kind of document the index holds: the searchable ones, and those there for lists. */
export type IndexKind = SearchKind | 'instrument' | 'publication' | 'origdatablock' | 'label' | 'attachment';

/** The entities the index holds, by outbox entity name, with their kind and what is left out of `record`. */
export const INDEXED: Record<string, { kind: IndexKind; omit?: string[] }> = {
  Dataset: { kind: 'dataset' },
  Sample: { kind: 'sample' },
  Proposal: { kind: 'proposal' },
  Instrument: { kind: 'instrument' },
  Publication: { kind: 'publication' },
  // a block's file list can hold 10^5 entries: lists give the block's summary, files are read by key
  OrigDatablock: { kind: 'origdatablock', omit: ['dataFileList'] },
  Label: { kind: 'label' },
  // a thumbnail is up to 4 MiB: lists give the caption and parent, thumbnails are read by key
  Attachment: { kind: 'attachment', omit: ['thumbnail'] },
};

export const KIND_OF_ENTITY: Record<string, IndexKind> = Object.fromEntries(Object.entries(INDEXED).map(([e, x]) => [e, x.kind]));
export const INDEXED_BY_KIND = Object.fromEntries(Object.values(INDEXED).map((x) => [x.kind, x])) as Record<IndexKind, (typeof INDEXED)[string]>;

/** Entities whose names other records carry: a change re-indexes those records (by the index field that holds the id). */
export const PARENTS: Record<string, { kind: IndexKind; field: string }[]> = {
  Instrument: [{ kind: 'dataset', field: 'instrumentId' }],
  Proposal: [
    { kind: 'dataset', field: 'proposalIds' },
    { kind: 'sample', field: 'proposalIds' },
  ],
  Sample: [{ kind: 'dataset', field: 'sampleIds' }],
};

export interface SearchDoc {
  uid: string;
  kind: IndexKind;
  id: string;
  rev: number;
  title: string;
  description?: string;
  keywords: string[];
  type?: string;
  techniques: string[];
  owner?: string;
  principalInvestigator?: string;
  license?: string;
  time?: string;
  size?: number;
  numberOfFiles?: number;
  instrumentId?: string;
  instrumentName?: string;
  proposalIds: string[];
  proposalTitles: string[];
  sampleIds: string[];
  sampleNames: string[];
  ownerGroup: string;
  accessGroups: string[];
  isPublished: boolean;
  createdAt?: string;
  updatedAt?: string;
  fulltext: string[];
  meta: MetaEntry[];
  /** The record as the API returns it (JSON form, without its content hash); not indexed. */
  record?: Record<string, unknown>;
  /** Copies of the record's fields that lists filter and sort on, by MongoDB path. */
  q?: Record<string, unknown>;
}

/** The id of a record's index document: `<kind>:<id>`, e.g. `dataset:<pid>`. */
export function uid(kind: IndexKind, id: string): string {
  return `${kind}:${id}`;
}

interface Names {
  instruments: Map<string, string>;
  proposals: Map<string, string>;
  samples: Map<string, string>;
}

/** Reads the names of the instruments, proposals and samples a batch of records points at. */
export async function loadNames(stored: StoredRecords, records: { kind: IndexKind; rec: StoredRecord }[]): Promise<Names> {
  const want = { instruments: new Set<string>(), proposals: new Set<string>(), samples: new Set<string>() };
  for (const { kind, rec } of records) {
    if (kind === 'dataset') {
      if (rec.instrumentId) want.instruments.add(rec.instrumentId);
      for (const p of rec.proposalIds ?? []) want.proposals.add(p);
      for (const s of rec.sampleIds ?? []) want.samples.add(s);
    } else if (kind === 'sample' && rec.proposalId) want.proposals.add(rec.proposalId);
  }
  const read = async (entity: string, ids: Set<string>, field: string): Promise<Map<string, string>> => {
    if (ids.size === 0) return new Map();
    const docs = await stored.byIds(entity, [...ids], { [field]: 1 });
    return new Map(docs.map((d: any) => [String(d._id), String(d[field] ?? d._id)]));
  };
  const [instruments, proposals, samples] = await Promise.all([
    read('Instrument', want.instruments, 'name'),
    read('Proposal', want.proposals, 'title'),
    read('Sample', want.samples, 'description'),
  ]);
  return { instruments, proposals, samples };
}

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : undefined);
const strs = (a: unknown): string[] => (Array.isArray(a) ? a.filter((x) => typeof x === 'string') : []);

/** The values at a dotted path, through arrays (`techniques.name` of every technique). */
function valuesAt(node: unknown, parts: string[]): unknown[] {
  if (node == null) return [];
  if (Array.isArray(node)) return node.flatMap((n) => valuesAt(n, parts));
  if (parts.length === 0) return [node];
  if (typeof node !== 'object' || node instanceof Date) return [];
  return valuesAt((node as Record<string, unknown>)[parts[0]], parts.slice(1));
}

/** A value as the `q` field of this type takes it, or undefined (Elasticsearch would refuse the whole document). */
function qValue(type: string, v: unknown): unknown {
  if (type === 'keyword') return typeof v === 'string' ? v : undefined;
  if (type === 'long') return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
  if (type === 'date') {
    const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : undefined;
    return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
  }
  if (type === 'boolean') return typeof v === 'boolean' ? v : undefined;
  return undefined;
}

/** The `q` copies of a record's fields (only the paths the definition declares). */
export function filterFields(rec: StoredRecord): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  for (const [path, type] of qFields()) {
    let vals = valuesAt(rec, path.split('.')).map((v) => qValue(type, v)).filter((v) => v !== undefined);
    // the words a list matches: folded as the query is (mongo.filter), the first MAX_FOLDED characters
    if (FOLDED_FIELDS.has(path)) vals = vals.map((v) => foldCase(String(v).slice(0, MAX_FOLDED)));
    if (vals.length) q[path] = vals.length === 1 ? vals[0] : vals;
  }
  return q;
}

/** The record as the API returns it: JSON form, without the content hash and the fields lists leave out. */
function apiShape(kind: IndexKind, rec: StoredRecord): Record<string, unknown> {
  const out = toJsonForm(rec) as Record<string, unknown>;
  delete out._hash;
  for (const f of INDEXED_BY_KIND[kind].omit ?? []) delete out[f];
  return out;
}

/**
 * A record as its index document: the searchable fields of its kind (with the names from `names`, see loadNames),
 * the record as the API returns it in `record`, and the copies lists filter and sort on in `q`.
 */
export function toSearchDoc(kind: IndexKind, rec: StoredRecord, names: Names): SearchDoc {
  const doc = searchFields(kind, rec, names);
  doc.record = apiShape(kind, rec);
  doc.q = filterFields(rec);
  return doc;
}

/** The fields every index document has: its identity, revision and access. */
type BaseFields = Pick<SearchDoc, 'uid' | 'kind' | 'id' | 'rev' | 'ownerGroup' | 'accessGroups' | 'isPublished' | 'createdAt' | 'updatedAt'>;

function datasetFields(base: BaseFields, rec: StoredRecord, names: Names): SearchDoc {
  const proposalIds = strs(rec.proposalIds);
  const sampleIds = strs(rec.sampleIds);
  const doc: SearchDoc = {
    ...base,
    title: rec.datasetName || rec._id,
    description: rec.description,
    keywords: strs(rec.keywords),
    type: rec.type,
    techniques: (rec.techniques ?? []).map((t: any) => t?.name).filter(Boolean),
    owner: rec.owner,
    principalInvestigator: rec.principalInvestigator,
    license: rec.license,
    time: iso(rec.creationTime),
    size: typeof rec.size === 'number' ? rec.size : undefined,
    numberOfFiles: rec.numberOfFiles,
    instrumentId: rec.instrumentId,
    instrumentName: rec.instrumentId ? names.instruments.get(rec.instrumentId) ?? rec.instrumentId : undefined,
    proposalIds,
    proposalTitles: proposalIds.map((p) => names.proposals.get(p)).filter((x): x is string => !!x),
    sampleIds,
    sampleNames: sampleIds.map((s) => names.samples.get(s)).filter((x): x is string => !!x),
    fulltext: [],
    meta: flattenMetadata(rec.scientificMetadata),
  };
  doc.fulltext.push(...strs([rec.creationLocation, rec.sourceFolder, rec.ownerEmail, rec.contactEmail, rec.version]), ...strs(rec.usedSoftware));
  return doc;
}

function sampleFields(base: BaseFields, rec: StoredRecord, names: Names): SearchDoc {
  const proposalIds = strs([rec.proposalId]);
  return {
    ...base,
    title: rec.description || rec._id,
    keywords: [],
    techniques: [],
    owner: rec.owner,
    time: iso(rec.createdAt),
    proposalIds,
    proposalTitles: proposalIds.map((p) => names.proposals.get(p)).filter((x): x is string => !!x),
    sampleIds: [rec._id],
    sampleNames: strs([rec.description]),
    fulltext: [],
    meta: flattenMetadata(rec.sampleCharacteristics),
  };
}

function proposalFields(base: BaseFields, rec: StoredRecord): SearchDoc {
  const pi = [rec.pi_firstname, rec.pi_lastname].filter(Boolean).join(' ') || rec.pi_email;
  return {
    ...base,
    title: rec.title || rec._id,
    description: rec.abstract,
    keywords: [],
    type: rec.type,
    techniques: [],
    owner: [rec.firstname, rec.lastname].filter(Boolean).join(' ') || rec.email,
    principalInvestigator: pi,
    time: iso(rec.startTime) ?? iso(rec.createdAt),
    proposalIds: [rec._id],
    proposalTitles: strs([rec.title]),
    sampleIds: [],
    sampleNames: [],
    fulltext: strs([rec.pi_email, rec.email, rec.parentProposalId]),
    meta: flattenMetadata(rec.metadata),
  };
}

function searchFields(kind: IndexKind, rec: StoredRecord, names: Names): SearchDoc {
  const base: BaseFields = {
    uid: uid(kind, rec._id),
    kind,
    id: rec._id,
    rev: rec._rev ?? 0,
    ownerGroup: rec.ownerGroup,
    accessGroups: strs(rec.accessGroups),
    isPublished: rec.isPublished === true,
    createdAt: iso(rec.createdAt),
    updatedAt: iso(rec.updatedAt),
  };
  if (kind !== 'dataset' && kind !== 'sample' && kind !== 'proposal') {
    // instruments, publications, blocks, labels and attachments: listed, not searched
    const title = String(rec.name ?? rec.title ?? rec._id);
    return { ...base, title, keywords: [], techniques: [], proposalIds: [], proposalTitles: [], sampleIds: [], sampleNames: [], fulltext: [], meta: [] };
  }
  const doc = kind === 'dataset' ? datasetFields(base, rec, names) : kind === 'sample' ? sampleFields(base, rec, names) : proposalFields(base, rec);
  // every value a person might type: ids, names and the metadata as written
  doc.fulltext.push(
    doc.id,
    doc.title,
    ...strs([doc.description]),
    ...doc.proposalTitles,
    ...doc.sampleNames,
    ...strs([doc.owner, doc.principalInvestigator, doc.instrumentId, doc.instrumentName, doc.type]),
    ...doc.keywords,
    ...doc.techniques,
    ...doc.proposalIds,
    ...doc.sampleIds,
    ...metadataText(doc.meta),
  );
  return doc;
}
