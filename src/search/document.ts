// Turns catalog records into search documents: the record's own fields, its denormalised hierarchy
// (instrument › proposal › sample › dataset), its access fields, a full-text field over every value and
// its metadata as typed entries. The hierarchy's names are read in one $in query per collection per batch.
import type { Db } from 'mongodb';
import { Collections } from '../db';
import type { StoredRecord } from '../catalog/common/record.types';
import { flattenMetadata, metadataText, type MetaEntry } from './metadata';

export type SearchKind = 'dataset' | 'sample' | 'proposal';

/** The entities the index holds, by outbox entity name, with their collection. */
export const INDEXED: Record<string, { kind: SearchKind; collection: string }> = {
  Dataset: { kind: 'dataset', collection: Collections.datasets },
  Sample: { kind: 'sample', collection: Collections.samples },
  Proposal: { kind: 'proposal', collection: Collections.proposals },
};

/** Entities whose names other records carry: a change re-indexes those records (field in datasets/samples). */
export const PARENTS: Record<string, { collection: string; field: string }[]> = {
  Instrument: [{ collection: Collections.datasets, field: 'instrumentId' }],
  Proposal: [
    { collection: Collections.datasets, field: 'proposalIds' },
    { collection: Collections.samples, field: 'proposalId' },
  ],
  Sample: [{ collection: Collections.datasets, field: 'sampleIds' }],
};

export interface SearchDoc {
  uid: string;
  kind: SearchKind;
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
}

export function uid(kind: SearchKind, id: string): string {
  return `${kind}:${id}`;
}

/** Up to this many ids are read by point queries rather than one $in. */
const POINT_READS = 64;

/**
 * Records by id. A few ids are read with one equality query each (in parallel): the form every server
 * answers from its primary key, where FerretDB's SQLite backend scans the whole collection for $in.
 */
export async function readByIds<T extends { _id: any }>(db: Db, collection: string, ids: string[], projection?: Record<string, 1>): Promise<T[]> {
  const col = db.collection<any>(collection);
  if (ids.length > POINT_READS) return col.find({ _id: { $in: ids } }, { projection }).toArray() as Promise<T[]>;
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 8) {
    const got = await Promise.all(ids.slice(i, i + 8).map((id) => col.findOne({ _id: id }, { projection })));
    for (const r of got) if (r) out.push(r as T);
  }
  return out;
}

interface Names {
  instruments: Map<string, string>;
  proposals: Map<string, string>;
  samples: Map<string, string>;
}

/** Reads the names of the instruments, proposals and samples a batch of records points at. */
export async function loadNames(db: Db, records: { kind: SearchKind; rec: StoredRecord }[]): Promise<Names> {
  const want = { instruments: new Set<string>(), proposals: new Set<string>(), samples: new Set<string>() };
  for (const { kind, rec } of records) {
    if (kind === 'dataset') {
      if (rec.instrumentId) want.instruments.add(rec.instrumentId);
      for (const p of rec.proposalIds ?? []) want.proposals.add(p);
      for (const s of rec.sampleIds ?? []) want.samples.add(s);
    } else if (kind === 'sample' && rec.proposalId) want.proposals.add(rec.proposalId);
  }
  const read = async (collection: string, ids: Set<string>, field: string): Promise<Map<string, string>> => {
    if (ids.size === 0) return new Map();
    const docs = await readByIds<any>(db, collection, [...ids], { [field]: 1 });
    return new Map(docs.map((d: any) => [String(d._id), String(d[field] ?? d._id)]));
  };
  const [instruments, proposals, samples] = await Promise.all([
    read(Collections.instruments, want.instruments, 'name'),
    read(Collections.proposals, want.proposals, 'title'),
    read(Collections.samples, want.samples, 'description'),
  ]);
  return { instruments, proposals, samples };
}

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : undefined);
const strs = (a: unknown): string[] => (Array.isArray(a) ? a.filter((x) => typeof x === 'string') : []);

export function toSearchDoc(kind: SearchKind, rec: StoredRecord, names: Names): SearchDoc {
  const base = {
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
  let doc: SearchDoc;
  if (kind === 'dataset') {
    const proposalIds = strs(rec.proposalIds);
    const sampleIds = strs(rec.sampleIds);
    doc = {
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
  } else if (kind === 'sample') {
    const proposalIds = strs([rec.proposalId]);
    doc = {
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
  } else {
    const pi = [rec.pi_firstname, rec.pi_lastname].filter(Boolean).join(' ') || rec.pi_email;
    doc = {
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
