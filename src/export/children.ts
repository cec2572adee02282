// The labels and file blocks of each batch of exported datasets. Datasets are read in pid order, so
// when the export takes a large part of the catalog one cursor sorted by the same key is merged
// alongside (one pass, no per-batch query); for a small selection each batch asks with $in instead.
import type { RecordStream } from '../catalog/common/record.stream';
import type { StoredRecord } from '../catalog/common/record.types';

export interface Children {
  /** The children of these datasets (pids ascending, each later call after the last one), by pid. */
  take(pids: string[]): Promise<Map<string, StoredRecord[]>>;
  close(): Promise<void>;
}

export class MergedChildren implements Children {
  private peeked: StoredRecord | null | undefined;

  /** `cursor` must be sorted by `key` ascending and start after the last pid already exported. */
  constructor(private readonly cursor: RecordStream<StoredRecord>, private readonly key: string) {}

  /**
   * The children of these datasets by pid, read off the shared cursor up to the last pid; each call's pids must
   * be ascending and after the previous call's.
   */
  async take(pids: string[]): Promise<Map<string, StoredRecord[]>> {
    const out = new Map<string, StoredRecord[]>();
    if (!pids.length) return out;
    const want = new Set(pids);
    const last = pids[pids.length - 1];
    for (;;) {
      if (this.peeked === undefined) this.peeked = (await this.cursor.next()) ?? null;
      const d = this.peeked;
      if (!d) break;
      const k = d[this.key] as string;
      if (k > last) break;
      if (want.has(k)) push(out, k, d);
      this.peeked = undefined;
    }
    return out;
  }

  /** Closes the shared cursor. */
  async close(): Promise<void> {
    await this.cursor.close();
  }
}

export class BatchedChildren implements Children {
  constructor(private readonly fetch: (pids: string[]) => RecordStream<StoredRecord>, private readonly key: string) {}

  /** The children of these datasets by pid, read with one query for the batch. */
  async take(pids: string[]): Promise<Map<string, StoredRecord[]>> {
    const out = new Map<string, StoredRecord[]>();
    if (!pids.length) return out;
    for await (const d of this.fetch(pids)) push(out, d[this.key] as string, d);
    return out;
  }

  /** Nothing to release: each batch closes its own query. */
  async close(): Promise<void> {}
}

function push(m: Map<string, StoredRecord[]>, k: string, d: StoredRecord): void {
  const l = m.get(k);
  if (l) l.push(d);
  else m.set(k, [d]);
}
