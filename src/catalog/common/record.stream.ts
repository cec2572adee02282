// A stream of records for jobs that read whole selections (exports): from the read index when it can
// answer, a batch at a time over a point-in-time, or from a MongoDB cursor. Both give the records in
// the order asked for, and both are read with next() or for await.
import type { Collection, FindCursor } from 'mongodb';
import { findIds } from '../../db';
import type { IndexedRecord } from './record.reads';

export interface RecordStream<T> extends AsyncIterable<T> {
  /** The next record, or null at the end. */
  next(): Promise<T | null>;
  close(): Promise<void>;
}

/** Records from an index scan; fields the index leaves out (a block's file list) are read by key, one $in per batch. */
export class IndexStream<T extends { _id: string }> implements RecordStream<T> {
  private buffer: T[] = [];
  private done = false;

  constructor(
    private readonly batches: AsyncGenerator<IndexedRecord[]>,
    private readonly revive: (r: IndexedRecord) => T,
    private readonly full?: Collection<any>,
  ) {}

  /** The next record, or null at the end; reads the next batch from the index when the buffer is empty. */
  async next(): Promise<T | null> {
    while (!this.buffer.length && !this.done) {
      const r = await this.batches.next();
      if (r.done) this.done = true;
      else this.buffer = await this.complete(r.value);
    }
    return this.buffer.shift() ?? null;
  }

  private async complete(batch: IndexedRecord[]): Promise<T[]> {
    if (!this.full || !batch.length) return batch.map(this.revive);
    const byId = new Map((await findIds(this.full, batch.map((b) => b._id))).map((d) => [d._id as string, d as unknown as T]));
    return batch.map((b) => byId.get(b._id)).filter((d): d is T => !!d);
  }

  /** Ends the stream and the index scan behind it. */
  async close(): Promise<void> {
    this.done = true;
    await this.batches.return(undefined);
  }

  /** Iterates the remaining records; closes the stream when the loop ends or breaks. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (let r = await this.next(); r; r = await this.next()) yield r;
    } finally {
      await this.close();
    }
  }
}

/** A stream whose source is chosen when it is first read (the index may be asked whether it can answer). */
export class LazyStream<T> implements RecordStream<T> {
  private source?: Promise<RecordStream<T>>;

  constructor(private readonly open: () => Promise<RecordStream<T>>) {}

  private get s(): Promise<RecordStream<T>> {
    return (this.source ??= this.open());
  }

  /** The next record, or null at the end; the first call opens the source. */
  async next(): Promise<T | null> {
    return (await this.s).next();
  }

  /** Closes the source if it was opened. */
  async close(): Promise<void> {
    if (this.source) await (await this.source).close();
  }

  /** Iterates the remaining records; closes the stream when the loop ends or breaks. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (let r = await this.next(); r; r = await this.next()) yield r;
    } finally {
      await this.close();
    }
  }
}

/** A MongoDB cursor as a RecordStream. */
export function cursorStream<T>(cursor: FindCursor<T>): RecordStream<T> {
  return cursor as unknown as RecordStream<T>;
}

