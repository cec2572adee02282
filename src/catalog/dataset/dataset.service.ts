// Owns datasets, raw and derived, and their cascades: a dataset's blocks and labels follow its access
// and go with it, and a published dataset leaves an OAI-PMH tombstone. File counters: dataset.counters.ts.
import type { Collection, Db, Filter } from 'mongodb';
import type { Identity } from '../../auth';
import { Collections } from '../../db';
import { errors } from '../../common/errors';
import { containsFilter } from '../../common/text';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { StoredRecord } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { FileCounters, type BlockCount } from './dataset.counters';

/** The most pids one list filter takes (a key read of each, or one index terms query). */
const MAX_PIDS_FILTER = 10_000;

/** What a dataset is: raw (measured on an instrument) or derived (computed from other datasets). */
export const DATASET_TYPES = ['raw', 'derived'] as const;
export type DatasetKind = (typeof DATASET_TYPES)[number];

export interface DatasetFilterSpec {
  pids?: string[];
  type?: DatasetKind;
  ownerGroup?: string;
  instrumentId?: string;
  proposalId?: string;
  sampleId?: string;
  keywords?: string[];
  technique?: string;
  text?: string;
  creationTimeFrom?: Date;
  creationTimeTo?: Date;
  isPublished?: boolean;
  inputDataset?: string;
}

/** Access fields a dataset hands on to what hangs off it. */
export interface DatasetAccess {
  ownerGroup: string;
  accessGroups: string[];
  isPublished: boolean;
}

/** What hangs off a dataset (its origdatablocks, its labels): each follows the dataset's access and goes with it. */
export interface DatasetDependent {
  /** The field of the dependent record that holds the dataset's pid. */
  readonly datasetField: string;
  syncAccess(identity: Identity, field: string, pid: string, access: DatasetAccess): Promise<void>;
  removeForDataset(identity: Identity, pid: string): Promise<void>;
}

export class DatasetService extends RecordService {
  /** The file counters (size, numberOfFiles), kept in step with the dataset's blocks. */
  readonly files: FileCounters;

  /**
   * @param dependents the services whose records hang off a dataset; a function, since they are built
   *   with this service (each takes it to check its parent)
   */
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, dependents: () => DatasetDependent[]) {
    super(
      db,
      {
        entity: 'Dataset',
        schema: 'dataset',
        collection: Collections.datasets,
        idField: 'pid',
        dateFields: ['creationTime', 'startTime', 'endTime', 'datasetlifecycle.dateOfDiskPurging', 'datasetlifecycle.archiveRetentionTime', 'datasetlifecycle.dateOfPublishing', 'datasetlifecycle.publishedOn', 'createdAt', 'updatedAt'],
        heavy: ['scientificMetadata', 'jobParameters', 'jobLogData'],
        immutable: ['type'],
        preserved: ['size', 'numberOfFiles'],
        guarded: ['sourceFolder', 'instrumentId'],
      },
      outbox,
      options,
      {
        beforeDelete: async (_id, rec) => {
          const n = await this.countAll({ inputDatasets: rec._id });
          if (n > 0) throw errors.conflict(`dataset ${rec._id} is the input of ${n} derived dataset(s); delete those first`);
        },
        afterDelete: async (identity, rec) => {
          for (const d of dependents()) await d.removeForDataset(identity, rec._id);
          // harvesters learn of a published dataset's removal from its OAI-PMH tombstone
          if (rec.isPublished) await db.collection(Collections.oaiDeleted).replaceOne({ _id: rec._id } as any, { updatedAt: new Date(), instrumentId: rec.instrumentId }, { upsert: true });
          await this.files.forget(rec._id);
        },
        // files under a storage root are served to the dataset's readers: only writers trusted for that root may point a dataset there
        checkWrite: (identity, json, old) => {
          if (old && old.sourceFolder === json.sourceFolder && old.instrumentId === json.instrumentId) return;
          const why = options.folderGuard?.(identity, json.instrumentId, json.sourceFolder);
          if (why) throw errors.forbidden(why);
        },
        // blocks and labels carry their dataset's access fields: when those change, they follow
        afterWrite: async (identity, changes) => {
          for (const { doc, old } of changes) {
            if (!old || sameAccess(old, doc)) continue;
            const access: DatasetAccess = { ownerGroup: doc.ownerGroup, accessGroups: doc.accessGroups, isPublished: doc.isPublished };
            for (const d of dependents()) await d.syncAccess(identity, d.datasetField, doc._id, access);
          }
        },
      },
    );
    this.files = new FileCounters(db, this.col as Collection<StoredRecord>, (identity, docs, op) => this.emit(identity, docs, op));
  }

  /**
   * The MongoDB filter for a dataset list (all criteria optional, combined with AND; `text` matches name or description
   * case-insensitively; creation-time bounds are inclusive). Raises INVALID_ID for a malformed id, BAD_USER_INPUT for more than
   * 10,000 pids, a from-time after the to-time, or a value too long (text 256, ownerGroup 128, technique or keyword 1024 characters).
   */
  query(f: DatasetFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    const id = (v: string, entity = 'Dataset') => this.checkId(v, entity);
    if (f.pids && f.pids.length > MAX_PIDS_FILTER) throw errors.badInput(`pids: at most ${MAX_PIDS_FILTER} (got ${f.pids.length}); page through a list instead`, { field: 'pids' });
    if (f.pids) q._id = { $in: f.pids.map((p) => id(p)) };
    if (f.type) q.type = f.type;
    if (f.ownerGroup) q.ownerGroup = f.ownerGroup;
    if (f.instrumentId) q.instrumentId = id(f.instrumentId, 'Instrument');
    if (f.proposalId) q.proposalIds = id(f.proposalId, 'Proposal');
    if (f.sampleId) q.sampleIds = id(f.sampleId, 'Sample');
    if (f.keywords?.length) q.keywords = { $all: f.keywords };
    if (f.technique) q['techniques.name'] = f.technique;
    if (f.text) q.$or = [{ datasetName: containsFilter(f.text, 'text') }, { description: containsFilter(f.text, 'text') }];
    if (f.creationTimeFrom || f.creationTimeTo) {
      if (f.creationTimeFrom && f.creationTimeTo && f.creationTimeFrom > f.creationTimeTo) throw errors.badInput('creationTimeFrom is after creationTimeTo');
      q.creationTime = { ...(f.creationTimeFrom && { $gte: f.creationTimeFrom }), ...(f.creationTimeTo && { $lte: f.creationTimeTo }) };
    }
    if (f.isPublished !== undefined && f.isPublished !== null) q.isPublished = f.isPublished;
    if (f.inputDataset) q.inputDatasets = id(f.inputDataset);
    if (f.ownerGroup && f.ownerGroup.length > 128) throw errors.badInput('ownerGroup: at most 128 characters, as groups are', { field: 'ownerGroup' });
    if (f.technique && f.technique.length > 1024) throw errors.badInput('technique: at most 1024 characters', { field: 'technique' });
    for (const k of f.keywords ?? []) if (k.length > 1024) throw errors.badInput('keywords: each at most 1024 characters', { field: 'keywords' });
    return q;
  }

  /** See FileCounters.applyBlockCounts: brings these blocks' datasets' counters in step with them. */
  async applyBlockCounts(identity: Identity, counts: BlockCount[], known?: Map<string, StoredRecord>, created?: ReadonlySet<string>): Promise<void> {
    await this.files.applyBlockCounts(identity, counts, known, created);
  }

  /**
   * Tombstones of deleted published datasets (OAI-PMH's deleted records), oldest first: `{ _id (the
   * pid), updatedAt (when it was deleted), instrumentId }`. Tombstones are public (the datasets were);
   * there are as many as published datasets were ever deleted, so a filtered read of them stays small.
   */
  async tombstones(filter: Filter<any>, limit: number): Promise<{ _id: string; updatedAt: Date; instrumentId?: string }[]> {
    return this.db.collection<{ _id: string; updatedAt: Date; instrumentId?: string }>(Collections.oaiDeleted).find(filter).sort({ updatedAt: 1, _id: 1 }).limit(limit).toArray();
  }
}

function sameAccess(a: Partial<StoredRecord>, b: Partial<StoredRecord>): boolean {
  return a.ownerGroup === b.ownerGroup && a.isPublished === b.isPublished && JSON.stringify(a.accessGroups ?? []) === JSON.stringify(b.accessGroups ?? []);
}
