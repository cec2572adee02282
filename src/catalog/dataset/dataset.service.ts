// Owns datasets, raw and derived, and the file counters (size, numberOfFiles) kept in step with their origdatablocks.
import type { Db, Filter } from 'mongodb';
import type { Identity } from '../../auth';
import { Collections, findIds } from '../../db';
import { errors } from '../../common/errors';
import { containsFilter } from '../../common/text';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { StoredRecord } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';

export interface DatasetFilterSpec {
  pids?: string[];
  type?: 'raw' | 'derived';
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

export class DatasetService extends RecordService {
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions) {
    super(
      db,
      {
        entity: 'Dataset',
        schema: 'dataset',
        collection: Collections.datasets,
        idField: 'pid',
        dateFields: ['creationTime', 'createdAt', 'updatedAt'],
        immutable: ['type'],
        preserved: ['size', 'numberOfFiles'],
      },
      outbox,
      options,
      {
        beforeDelete: async (_id, rec) => {
          const n = await this.countAll({ inputDatasets: rec._id });
          if (n > 0) throw errors.conflict(`dataset ${rec._id} is the input of ${n} derived dataset(s); delete those first`);
        },
        afterDelete: async (identity, rec) => this.onDeleted?.(identity, rec),
        // blocks carry their dataset's access fields: when those change, the files must follow
        afterWrite: async (identity, changes) => {
          for (const { doc, old } of changes) {
            if (old && !sameAccess(old, doc)) await this.onAccessChanged?.(identity, doc._id, { ownerGroup: doc.ownerGroup, accessGroups: doc.accessGroups, isPublished: doc.isPublished });
          }
        },
      },
    );
  }

  /** Set by the container: gives the dataset's origdatablocks its new access fields. */
  onAccessChanged?: (identity: Identity, pid: string, access: { ownerGroup: string; accessGroups: string[]; isPublished: boolean }) => Promise<void>;

  /** Set by the container: removes the dataset's origdatablocks. */
  onDeleted?: (identity: Identity, rec: StoredRecord) => Promise<void>;

  query(f: DatasetFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    const id = (v: string) => this.checkId(v);
    if (f.pids) q._id = { $in: f.pids.map(id) };
    if (f.type) q.type = f.type;
    if (f.ownerGroup) q.ownerGroup = f.ownerGroup;
    if (f.instrumentId) q.instrumentId = id(f.instrumentId);
    if (f.proposalId) q.proposalIds = id(f.proposalId);
    if (f.sampleId) q.sampleIds = id(f.sampleId);
    if (f.keywords?.length) q.keywords = { $all: f.keywords };
    if (f.technique) q['techniques.name'] = f.technique;
    if (f.text) q.$or = [{ datasetName: containsFilter(f.text) }, { description: containsFilter(f.text) }];
    if (f.creationTimeFrom || f.creationTimeTo) {
      if (f.creationTimeFrom && f.creationTimeTo && f.creationTimeFrom > f.creationTimeTo) throw errors.badInput('creationTimeFrom is after creationTimeTo');
      q.creationTime = { ...(f.creationTimeFrom && { $gte: f.creationTimeFrom }), ...(f.creationTimeTo && { $lte: f.creationTimeTo }) };
    }
    if (f.isPublished !== undefined && f.isPublished !== null) q.isPublished = f.isPublished;
    if (f.inputDataset) q.inputDatasets = id(f.inputDataset);
    return q;
  }

  /** Sets size and numberOfFiles from block totals (recomputed, not $inc, so a retried write cannot double count). */
  async setFileCounters(identity: Identity, totals: Map<string, { size: number; numberOfFiles: number }>, known?: Map<string, StoredRecord>): Promise<void> {
    if (!totals.size) return;
    const ids = [...totals.keys()];
    const unread = ids.filter((id) => !known?.has(id));
    const current = [...ids.filter((id) => known?.has(id)).map((id) => known!.get(id)!), ...(await findIds(this.col, unread, { size: 1, numberOfFiles: 1 }))];
    const stale = current.filter((d) => d.size !== totals.get(d._id)!.size || d.numberOfFiles !== totals.get(d._id)!.numberOfFiles);
    if (!stale.length) return;
    const now = new Date();
    await this.col.bulkWrite(
      stale.map((d) => {
        const t = totals.get(d._id)!;
        return { updateOne: { filter: { _id: d._id }, update: { $set: { size: t.size, numberOfFiles: t.numberOfFiles, updatedAt: now, updatedBy: identity.subject }, $inc: { _rev: 1 } } } };
      }),
      { ordered: false },
    );
    const docs = await findIds(this.col, stale.map((d) => d._id as string), { ownerGroup: 1, accessGroups: 1, isPublished: 1, _rev: 1 });
    await this.emit(identity, docs as StoredRecord[], 'updated');
  }

  /** The stored dataset regardless of the caller (for services that checked access already). */
  async getUnfiltered(pid: string): Promise<StoredRecord | null> {
    return this.col.findOne({ _id: this.checkId(pid, 'Dataset') });
  }
}

function sameAccess(a: Partial<StoredRecord>, b: Partial<StoredRecord>): boolean {
  return a.ownerGroup === b.ownerGroup && a.isPublished === b.isPublished && JSON.stringify(a.accessGroups ?? []) === JSON.stringify(b.accessGroups ?? []);
}
