// A dataset's file counters (size, numberOfFiles) kept in step with its origdatablocks. What each block
// holds is kept per dataset in Collections.fileCounters, small documents read and written by id, so a
// block write never searches the blocks collection and a dataset is written only when its counters change.
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { Identity } from '../../auth';
import { Collections, duplicateKeyIndexes, findIds } from '../../db';
import { logger } from '../../common/logger';
import type { Json, StoredRecord } from '../common/record.types';
import type { ChangeOp } from '../outbox/outbox.repository';

/** What one block adds to its dataset's file counters; `removed` when the block was deleted. */
export interface BlockCount {
  datasetId: string;
  blockId: string;
  size?: number;
  numberOfFiles?: number;
  removed?: boolean;
}

/** What a block contributes, as kept in its dataset's entry of Collections.fileCounters. */
interface BlockEntry {
  size: number;
  files: number;
}

/** A dataset's entry in Collections.fileCounters: each block's share, keyed by blockKey. */
interface FileCountersDoc {
  _id: string;
  blocks?: Record<string, BlockEntry>;
}

/** How many times a dataset's counters are read and set again when concurrent block writes keep moving them. */
const MAX_COUNTER_ROUNDS = 5;

/** The dataset fields applyBlockCounts reads (with the access fields every read for a write takes). */
export const COUNTER_FIELDS = { size: 1, numberOfFiles: 1, ownerGroup: 1, accessGroups: 1, isPublished: 1 } as const;

/** A block id as a field name: '.' and '$' may not appear in MongoDB field names, so it is URI-encoded (dots too). */
export function blockKey(blockId: string): string {
  return encodeURIComponent(blockId).replace(/\./g, '%2E');
}

function blockTotals(map: Record<string, BlockEntry>): { size: number; numberOfFiles: number } {
  let size = 0;
  let numberOfFiles = 0;
  for (const e of Object.values(map)) {
    size += e.size;
    numberOfFiles += e.files;
  }
  return { size, numberOfFiles };
}

/**
 * What brings one dataset in step with these block counts: the change to its map of block shares
 * (null when none), the shares after it, and the counters the dataset must then hold (null when it
 * holds them already).
 */
export function planBlockCounts(d: Partial<StoredRecord>, shares: Record<string, BlockEntry>, counts: BlockCount[]): { map: Json | null; shares: Record<string, BlockEntry>; counters: { size: number; numberOfFiles: number } | null } {
  const after = { ...shares };
  const $set: Json = {};
  const $unset: Json = {};
  for (const c of counts) {
    const k = blockKey(c.blockId);
    if (c.removed) {
      if (k in after) $unset[`blocks.${k}`] = '';
      delete after[k];
      continue;
    }
    const e = { size: c.size ?? 0, files: c.numberOfFiles ?? 0 };
    if (after[k]?.size === e.size && after[k]?.files === e.files) continue;
    after[k] = e;
    $set[`blocks.${k}`] = e;
  }
  const map = Object.keys($set).length || Object.keys($unset).length ? { ...(Object.keys($set).length && { $set }), ...(Object.keys($unset).length && { $unset }) } : null;
  const now = blockTotals(after);
  return { map, shares: after, counters: d.size === now.size && d.numberOfFiles === now.numberOfFiles ? null : now };
}

/**
 * Fills Collections.fileCounters from the origdatablocks (a migration: datasets written before it
 * existed). Streams the blocks in dataset order; a dataset's own counters are left as they are, and the
 * next write of one of its blocks brings them in step. Returns how many datasets it wrote.
 */
export async function rebuildFileCounters(db: Db): Promise<number> {
  const counters = db.collection<FileCountersDoc>(Collections.fileCounters);
  let written = 0;
  let current: string | undefined;
  let map: Record<string, BlockEntry> = {};
  const flush = async () => {
    if (current === undefined) return;
    await counters.replaceOne({ _id: current }, { blocks: map }, { upsert: true });
    written++;
  };
  const blocks = db.collection(Collections.origDatablocks).find({}, { projection: { datasetId: 1, size: 1, numberOfFiles: 1 }, sort: { datasetId: 1, _id: 1 }, batchSize: 5000, allowDiskUse: true });
  for await (const b of blocks) {
    if (b.datasetId !== current) {
      await flush();
      current = b.datasetId;
      map = {};
    }
    map[blockKey(String(b._id))] = { size: b.size ?? 0, files: b.numberOfFiles ?? 0 };
  }
  await flush();
  return written;
}

/** Writes the outbox entries of changed datasets (the dataset service's own emit). */
type Emit = (identity: Identity, docs: StoredRecord[], op: ChangeOp) => Promise<void>;

/** The counters of the datasets in `datasets`; their shares live in Collections.fileCounters. */
export class FileCounters {
  private readonly shares: Collection<FileCountersDoc>;

  constructor(db: Db, private readonly datasets: Collection<StoredRecord>, private readonly emit: Emit) {
    this.shares = db.collection<FileCountersDoc>(Collections.fileCounters);
  }

  /** The ids of the blocks a dataset's counters hold (one key read): the blocks it has, as of their last write. */
  async blockIds(datasetId: string): Promise<string[]> {
    const doc = await this.shares.findOne({ _id: datasetId });
    return Object.keys(doc?.blocks ?? {}).map((k) => decodeURIComponent(k));
  }

  /** Forgets a deleted dataset's shares. */
  async forget(datasetId: string): Promise<void> {
    await this.shares.deleteOne({ _id: datasetId });
  }

  /**
   * Brings the file counters of these blocks' datasets in step with them. What each block holds is kept
   * per dataset in Collections.fileCounters (small documents read and written by id), so a block write
   * never searches the blocks collection (FerretDB has no index for that), and a dataset is written only
   * when its counters change.
   *
   * The shares are written first, one field per block, so concurrent writers never lose each other's.
   * The dataset's counters are then compare-and-set from shares read after the dataset: a writer whose
   * dataset changed meanwhile reads both again and sets the totals that include everyone's shares.
   *
   * `counts` may include blocks whose write changed nothing: a run that died between writing a block
   * and its counters is repaired when the block is pushed again. `known` holds datasets just read with
   * COUNTER_FIELDS; `created` names datasets created in the same batch, whose shares are inserted
   * without being read first, as are those of datasets that never counted a block; `readShares` reads them all.
   */
  async applyBlockCounts(identity: Identity, counts: BlockCount[], known?: Map<string, StoredRecord>, created?: ReadonlySet<string>, readShares = false): Promise<void> {
    const byDataset = new Map<string, BlockCount[]>();
    for (const c of counts) byDataset.set(c.datasetId, [...(byDataset.get(c.datasetId) ?? []), c]);
    if (!byDataset.size) return;
    const ids = [...byDataset.keys()];
    // the datasets before their shares (see above)
    const current = [...ids.filter((id) => known?.has(id)).map((id) => known!.get(id)!), ...(await findIds(this.datasets, ids.filter((id) => !known?.has(id)), COUNTER_FIELDS))];
    // a dataset created in this batch, or that has never counted a block, has no shares yet: they are inserted
    // without a read (shares left by a write that died before its counters clash, and are read and merged below)
    const counted = new Set(current.filter((d) => d.numberOfFiles !== undefined && d.numberOfFiles !== null).map((d) => d._id));
    const fresh = (id: string) => !readShares && (!!created?.has(id) || !counted.has(id));
    const sharesOf = await this.sharesOf(ids.filter((id) => !fresh(id)));
    const plans = new Map(current.map((d) => [d._id, { d, plan: planBlockCounts(d, sharesOf.get(d._id) ?? {}, byDataset.get(d._id)!) }]));

    const inserts = [...plans.values()].filter(({ d, plan }) => fresh(d._id) && plan.map).map(({ d, plan }) => ({ _id: d._id, blocks: plan.shares }));
    const clashed = await this.insertShares(inserts);
    for (const id of clashed) plans.delete(id);
    const mapOps: AnyBulkWriteOperation<FileCountersDoc>[] = [];
    for (const { d, plan } of plans.values()) if (plan.map && !fresh(d._id)) mapOps.push({ updateOne: { filter: { _id: d._id }, update: plan.map, upsert: true } });
    if (mapOps.length) await this.shares.bulkWrite(mapOps, { ordered: false });
    await this.setCounters(identity, [...plans.values()].filter((p) => p.plan.counters).map(({ d, plan }) => ({ d, to: plan.counters! })));
    // shares were there after all (left by a dataset of the same pid that was deleted mid-way): read and merge them
    if (clashed.length) await this.applyBlockCounts(identity, counts.filter((c) => clashed.includes(c.datasetId)), known, undefined, true);
  }

  private async sharesOf(ids: string[]): Promise<Map<string, Record<string, BlockEntry>>> {
    return new Map((await findIds(this.shares, ids)).map((c) => [c._id as string, (c.blocks ?? {}) as Record<string, BlockEntry>]));
  }

  /**
   * Sets each dataset's counters if they are still what `d` holds, then checks each against its shares
   * read again (dataset first): a dataset whose counters miss a share written meanwhile (its writer's
   * set lost to ours, or ours to theirs) goes round again. After a few rounds the rest are left to the
   * next block write.
   */
  private async setCounters(identity: Identity, todo: { d: Partial<StoredRecord>; to: { size: number; numberOfFiles: number } }[]): Promise<void> {
    for (let round = 0; todo.length; round++) {
      if (round > MAX_COUNTER_ROUNDS) {
        logger.warn({ datasets: todo.map((t) => t.d._id) }, 'dataset file counters kept changing under concurrent block writes; the next block write sets them');
        return;
      }
      const now = new Date();
      const ops = todo.map(({ d, to }) => ({
        updateOne: {
          filter: { _id: d._id!, size: d.size ?? null, numberOfFiles: d.numberOfFiles ?? null },
          update: { $set: { ...to, updatedAt: now, updatedBy: identity.subject }, $inc: { _rev: 1 } },
        },
      }));
      // whole records: the outbox entry and the read index take them as written (one dataset, a single-record
      // write's case: set and read back in one command)
      const after = todo.length === 1 ? await this.setOne(ops[0].updateOne) : await this.setMany(ops);
      const before = new Map(todo.map((t) => [t.d._id, t.d]));
      await this.emit(identity, after.filter((d) => d.size !== before.get(d._id)!.size || d.numberOfFiles !== before.get(d._id)!.numberOfFiles), 'updated');
      const shares = await this.sharesOf(after.map((d) => d._id));
      todo = after.map((d) => ({ d, to: planBlockCounts(d, shares.get(d._id) ?? {}, []).counters })).filter((x): x is { d: StoredRecord; to: { size: number; numberOfFiles: number } } => !!x.to);
    }
  }

  private async setMany(ops: { updateOne: { filter: any; update: any } }[]): Promise<StoredRecord[]> {
    await this.datasets.bulkWrite(ops, { ordered: false });
    return (await findIds(this.datasets, ops.map((o) => o.updateOne.filter._id))) as StoredRecord[];
  }

  private async setOne(op: { filter: any; update: any }): Promise<StoredRecord[]> {
    const set = await this.datasets.findOneAndUpdate(op.filter, op.update, { returnDocument: 'after' });
    // the counters moved meanwhile: read the dataset as it is, to go round again
    const doc = set ?? (await this.datasets.findOne({ _id: op.filter._id }));
    return doc ? [doc as StoredRecord] : [];
  }

  /** Inserts the shares of new datasets in one request; returns the ids that already had them. */
  private async insertShares(docs: FileCountersDoc[]): Promise<string[]> {
    if (!docs.length) return [];
    try {
      await this.shares.insertMany(docs, { ordered: false });
      return [];
    } catch (e) {
      return duplicateKeyIndexes(e, 'dataset file counters').map((k) => docs[k]._id);
    }
  }

}
