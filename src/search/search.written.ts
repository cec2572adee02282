// Direct indexing of just-written records, gathered for a few milliseconds so that concurrent single-record
// writes (SciCat clients post one dataset, then its block, four at a time) share one bulk request and one
// read of the names their documents carry. A record written twice meanwhile (a dataset, then its file
// counters) is indexed once, as last written. Nothing waits for it but `drain` (tests, the CLI); a failure is
// logged and left to the outbox sync, which indexes everything in any case.
import type { StoredRecord } from '../catalog/common/record.types';
import type { ChangeOp } from '../catalog/outbox/outbox.repository';
import { logger } from '../common/logger';

/** How long written records wait for others to share their request, in milliseconds. */
export const WRITTEN_BATCH_MS = 5;

/** Indexes one entity's records as written (see SearchIndexer.indexWritten). */
export type IndexWritten = (entity: string, docs: StoredRecord[], ops: ChangeOp[]) => Promise<void>;

export class WrittenQueue {
  /** entity → record id → its last write. */
  private queue = new Map<string, Map<string, { doc: StoredRecord; op: ChangeOp }>>();
  private timer?: NodeJS.Timeout;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly index: IndexWritten) {}

  /** Queues records for indexing; they are sent within WRITTEN_BATCH_MS. */
  add(entity: string, docs: StoredRecord[], ops: ChangeOp[]): void {
    let q = this.queue.get(entity);
    if (!q) this.queue.set(entity, (q = new Map()));
    docs.forEach((doc, i) => {
      q!.delete(doc._id);
      q!.set(doc._id, { doc, op: ops[i] });
    });
    this.timer ??= setTimeout(() => this.flush(), WRITTEN_BATCH_MS).unref();
  }

  /** Sends what is queued now, one request per entity. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.queue];
    this.queue = new Map();
    for (const [entity, q] of batches) {
      const items = [...q.values()];
      const p = this.index(entity, items.map((x) => x.doc), items.map((x) => x.op))
        .catch((e) => logger.warn({ err: (e as Error).message, entity, count: items.length }, 'indexing written records failed; the outbox sync will index them'))
        .finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }
  }

  /** Sends what is queued and waits until every request sent has answered. */
  async drain(): Promise<void> {
    if (this.timer) this.flush();
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }
}
