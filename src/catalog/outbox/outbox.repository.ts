// Owns the outbox: one entry per committed change, read by the subscription feed of every API replica
// and by the search sync worker. Entries carry the record's access fields so events can be filtered
// without another read.
import { storableQuiet } from '../../common/storable';
import { ObjectId, type Db } from 'mongodb';
import { Collections } from '../../db';
import type { AccessFields } from '../../auth';

export type ChangeOp = 'created' | 'updated' | 'deleted';

export interface OutboxEvent {
  _id?: ObjectId;
  entity: string;
  op: ChangeOp;
  id: string;
  rev: number;
  at: Date;
  by: string;
  access: AccessFields;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  private get col() {
    return this.db.collection<OutboxEvent>(Collections.outbox);
  }

  /** Appends one outbox entry per committed change (nothing for an empty list); the `by` subject is made storable first. */
  async record(events: OutboxEvent[]): Promise<void> {
    // who made a change comes from a token: keep it storable like everything else written
    if (events.length) await this.col.insertMany(events.map((e) => storableQuiet(e)), { ordered: false });
  }

  /** Deletes entries older than `before`; returns how many. Consumers must have read them by then. */
  async prune(before: Date): Promise<number> {
    const r = await this.col.deleteMany({ _id: { $lt: ObjectId.createFromTime(Math.floor(before.getTime() / 1000)) } });
    return r.deletedCount;
  }

  /** Entries at or after `since` in _id order (ObjectIds order by time to the second, so the feed re-reads a small window). */
  async since(since: ObjectId, limit: number): Promise<OutboxEvent[]> {
    return this.col.find({ _id: { $gte: since } }).sort({ _id: 1 }).limit(limit).toArray();
  }

  /** How many entries were written after `after` (the index sync's lag). */
  async countAfter(after: ObjectId): Promise<number> {
    return this.col.countDocuments({ _id: { $gt: after } });
  }
}
