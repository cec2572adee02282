// Owns the sync bookkeeping in MongoDB (collection search_state, one document per alias): how far the
// outbox has been indexed, which index a rebuild is filling, and which process holds the sync lease.
// Kept in the database so any replica can take over the worker and see a rebuild in progress.
import { storableQuiet } from '../common/storable';
import type { Db, ObjectId } from 'mongodb';
import { Collections } from '../db';

export interface SearchStateDoc {
  _id: string;
  /** Outbox entries up to here are indexed. */
  checkpoint?: ObjectId | null;
  /** A rebuild in progress: changes go to this index too. */
  building?: { index: string; since: ObjectId } | null;
  leaseOwner?: string | null;
  leaseUntil?: Date | null;
  lastError?: string | null;
  /** Documents Elasticsearch refused lately (they stay out of lists until `catalog search check --repair`). */
  refused?: { at: Date; count: number; first: string } | null;
  lastErrorAt?: Date | null;
  indexedAt?: Date | null;
}

export class SearchState {
  constructor(private readonly db: Db, readonly alias: string) {}

  /** How far every index of this database (one per alias) has followed the outbox: what an outbox prune must keep. */
  static async checkpoints(db: Db): Promise<{ alias: string; checkpoint: ObjectId | null }[]> {
    const docs = await db.collection<SearchStateDoc>(Collections.searchState).find({}, { projection: { checkpoint: 1 } }).toArray();
    return docs.map((d) => ({ alias: d._id, checkpoint: d.checkpoint ?? null }));
  }

  private get col() {
    return this.db.collection<SearchStateDoc>(Collections.searchState);
  }

  /** This alias's sync state (checkpoint, rebuild, lease, last error), or null before the first pass. */
  async get(): Promise<SearchStateDoc | null> {
    return this.col.findOne({ _id: this.alias });
  }

  /** Takes or renews the sync lease; false when another live process holds it. */
  async claim(owner: string, ms: number): Promise<boolean> {
    const now = new Date();
    await this.col.updateOne({ _id: this.alias }, { $setOnInsert: { checkpoint: null, leaseOwner: null, leaseUntil: new Date(0) } }, { upsert: true });
    const r = await this.col.findOneAndUpdate(
      { _id: this.alias, $or: [{ leaseOwner: owner }, { leaseUntil: { $lt: now } }, { leaseOwner: null }] },
      { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + ms) } },
      { returnDocument: 'after' },
    );
    return !!r && r.leaseOwner === owner;
  }

  /** Gives the sync lease up if `owner` still holds it, so another process may take it at once. */
  async release(owner: string): Promise<void> {
    await this.col.updateOne({ _id: this.alias, leaseOwner: owner }, { $set: { leaseOwner: null, leaseUntil: new Date(0) } });
  }

  /** Moves the checkpoint to `checkpoint` (an outbox entry's ObjectId: everything up to it is indexed), stamps `indexedAt` and clears the last error. */
  async advance(checkpoint: ObjectId): Promise<void> {
    await this.col.updateOne({ _id: this.alias }, { $set: { checkpoint, indexedAt: new Date(), lastError: null } }, { upsert: true });
  }

  /** The sync passed again after failing: lists may read the index once it has caught up. */
  async recovered(): Promise<void> {
    await this.col.updateOne({ _id: this.alias }, { $set: { lastError: null } });
  }

  /** Notes that Elasticsearch refused `count` documents of a batch; `first` is one of them, as "<uid>: <reason>", for the search status. */
  async refused(count: number, first: string): Promise<void> {
    await this.col.updateOne({ _id: this.alias }, { $set: { refused: { at: new Date(), count, first: storableQuiet(first) } } });
  }

  /** Records a failed sync pass: its message and when (lists read MongoDB until a pass goes through again). */
  async failed(message: string): Promise<void> {
    await this.col.updateOne({ _id: this.alias }, { $set: { lastError: storableQuiet(message), lastErrorAt: new Date() } }, { upsert: true });
  }

  /** Records that a rebuild fills `index`, starting from the outbox at `since`, so the sync writes changes to it too. */
  async setBuilding(index: string, since: ObjectId): Promise<void> {
    await this.col.updateOne({ _id: this.alias }, { $set: { building: { index, since } } }, { upsert: true });
  }

  /** After the alias swap: the new index is live and the outbox from the rebuild's start is applied to it. */
  async finishBuilding(index: string, since: ObjectId): Promise<void> {
    const cur = await this.get();
    const set: Partial<SearchStateDoc> = { building: null };
    // a first build defines where the sync starts; later builds leave the worker's own checkpoint alone
    if (!cur?.checkpoint) set.checkpoint = since;
    await this.col.updateOne({ _id: this.alias, 'building.index': index }, { $set: set });
  }

  /** Forgets the rebuild of `index` (it failed); a rebuild of another index is left alone. */
  async clearBuilding(index: string): Promise<void> {
    await this.col.updateOne({ _id: this.alias, 'building.index': index }, { $set: { building: null } });
  }

  /** Deletes this alias's state; with no checkpoint, the next sync pass rebuilds the index from MongoDB. */
  async reset(): Promise<void> {
    await this.col.deleteOne({ _id: this.alias });
  }
}
