// Writes catalog records into the search index: re-reads each changed record from MongoDB, so replaying
// an event twice, or out of order, still converges on the current state (every write has an outbox
// entry that is applied after it), bulk-indexes them, and rebuilds the whole index from MongoDB behind
// the alias. Elasticsearch versions are left internal: a delete followed by a re-creation of the same
// id must index again, which external versions taken from the record's revision would refuse.
import { ObjectId, type Db } from 'mongodb';
import { Collections } from '../db';
import { logger } from '../common/logger';
import type { OutboxEvent } from '../catalog/outbox/outbox.repository';
import type { StoredRecord } from '../catalog/common/record.types';
import { INDEXED, PARENTS, loadNames, readByIds, toSearchDoc, uid, type SearchDoc, type SearchKind } from './document';
import type { SearchBackend } from './search.backend';
import type { SearchState } from './search.state';

export interface BulkOutcome {
  indexed: number;
  deleted: number;
  /** Documents Elasticsearch refused (logged with their reason); the rest of the batch is kept. */
  failed: { uid: string; reason: string }[];
}

export interface ReindexProgress {
  done: number;
  total: number;
}

const READ_BATCH = 500;
/** Outbox entries are re-read from this far before a rebuild started (ObjectIds order only to the second). */
export const LOOKBACK_SECONDS = 2;

export class SearchIndexer {
  constructor(private readonly db: Db, private readonly backend: SearchBackend) {}

  /** Applies outbox events to the targets: changed records and the records that carry their names. */
  async applyEvents(events: OutboxEvent[], targets: string[]): Promise<BulkOutcome> {
    const keys = new Map<string, { kind: SearchKind; id: string }>();
    const parents: OutboxEvent[] = [];
    for (const e of events) {
      const ix = INDEXED[e.entity];
      if (ix) keys.set(uid(ix.kind, e.id), { kind: ix.kind, id: e.id });
      if (PARENTS[e.entity] && e.op !== 'created') parents.push(e);
    }
    for (const e of parents) {
      for (const dep of PARENTS[e.entity]) {
        const kind = dep.collection === Collections.datasets ? 'dataset' : 'sample';
        const cursor = this.db.collection(dep.collection).find({ [dep.field]: e.id }, { projection: { _id: 1 } });
        for await (const d of cursor) keys.set(uid(kind, String(d._id)), { kind, id: String(d._id) });
      }
    }
    return this.refresh([...keys.values()], targets);
  }

  /** Re-indexes these records from MongoDB; those no longer there are deleted from the index. */
  async refresh(keys: { kind: SearchKind; id: string }[], targets: string[]): Promise<BulkOutcome> {
    const total: BulkOutcome = { indexed: 0, deleted: 0, failed: [] };
    for (let i = 0; i < keys.length; i += READ_BATCH) {
      const chunk = keys.slice(i, i + READ_BATCH);
      const found: { kind: SearchKind; rec: StoredRecord }[] = [];
      for (const kind of ['dataset', 'sample', 'proposal'] as SearchKind[]) {
        const ids = chunk.filter((k) => k.kind === kind).map((k) => k.id);
        if (!ids.length) continue;
        const coll = Object.values(INDEXED).find((x) => x.kind === kind)!.collection;
        for (const rec of await readByIds<StoredRecord>(this.db, coll, ids)) found.push({ kind, rec });
      }
      const present = new Set(found.map((f) => uid(f.kind, f.rec._id)));
      const gone = chunk.map((k) => uid(k.kind, k.id)).filter((u) => !present.has(u));
      const docs = await this.toDocs(found);
      add(total, await this.bulk(docs, gone, targets));
    }
    return total;
  }

  async toDocs(records: { kind: SearchKind; rec: StoredRecord }[]): Promise<SearchDoc[]> {
    const names = await loadNames(this.db, records);
    return records.map(({ kind, rec }) => toSearchDoc(kind, rec, names));
  }

  /** One bulk request per target; deleting what is not there is fine. */
  async bulk(docs: SearchDoc[], deletes: string[], targets: string[]): Promise<BulkOutcome> {
    const out: BulkOutcome = { indexed: 0, deleted: 0, failed: [] };
    if (!docs.length && !deletes.length) return out;
    const es = this.backend.es();
    for (const index of targets) {
      const operations: unknown[] = [];
      for (const d of docs) operations.push({ index: { _index: index, _id: d.uid } }, d);
      for (const u of deletes) operations.push({ delete: { _index: index, _id: u } });
      let r;
      try {
        r = await es.bulk({ operations });
      } catch (e) {
        throw this.backend.wrap(e, 'search indexing');
      }
      for (const item of r.items) {
        const [op, res] = Object.entries(item)[0] as [string, any];
        if (!res.error || (op === 'delete' && res.status === 404)) {
          if (op === 'delete') out.deleted++;
          else out.indexed++;
          continue;
        }
        out.failed.push({ uid: res._id, reason: `${res.error.type}: ${res.error.reason}` });
      }
    }
    if (out.failed.length) logger.error({ failed: out.failed.slice(0, 10), count: out.failed.length }, 'Elasticsearch refused search documents');
    return out;
  }

  /** How many records the index should hold. */
  async sourceCount(): Promise<number> {
    let n = 0;
    for (const { collection } of Object.values(INDEXED)) n += await this.db.collection(collection).estimatedDocumentCount();
    return n;
  }

  /** Every indexable record from MongoDB, in batches of documents. */
  async *scan(batchSize = READ_BATCH): AsyncGenerator<SearchDoc[]> {
    for (const { kind, collection } of Object.values(INDEXED)) {
      let batch: { kind: SearchKind; rec: StoredRecord }[] = [];
      for await (const rec of this.db.collection<StoredRecord>(collection).find({}, { batchSize })) {
        batch.push({ kind, rec });
        if (batch.length >= batchSize) {
          yield this.toDocs(batch);
          batch = [];
        }
      }
      if (batch.length) yield this.toDocs(batch);
    }
  }

  /**
   * Rebuilds the index from MongoDB without downtime: a new index is filled while the old one serves,
   * the sync worker writes changes to both meanwhile, the outbox since the start is replayed into the
   * new one, and then the alias moves.
   */
  async reindex(state: SearchState, onProgress?: (p: ReindexProgress) => void): Promise<{ index: string; docs: number; failed: number; replaced: string[] }> {
    const es = this.backend.es();
    const index = this.backend.newIndexName();
    const since = ObjectId.createFromTime(Math.floor(Date.now() / 1000) - LOOKBACK_SECONDS);
    await this.backend.createIndex(index, { refresh_interval: '-1' });
    await state.setBuilding(index, since);
    let done = 0;
    let failed = 0;
    try {
      const total = await this.sourceCount();
      onProgress?.({ done, total });
      for await (const docs of this.scan()) {
        const r = await this.bulk(docs, [], [index]);
        done += docs.length;
        failed += r.failed.length;
        onProgress?.({ done, total: Math.max(total, done) });
      }
      await this.replay(since, [index]);
      await es.indices.putSettings({ index, settings: { refresh_interval: (this.backend.definition.settings.refresh_interval as string) ?? '1s' } });
      await es.indices.refresh({ index });
      const replaced = await this.backend.swap(index);
      await state.finishBuilding(index, since);
      return { index, docs: done, failed, replaced };
    } catch (e) {
      await state.clearBuilding(index).catch(() => undefined);
      await es.indices.delete({ index }).catch(() => undefined);
      throw this.backend.wrap(e, 'search reindex');
    }
  }

  /** Applies every outbox entry from `since` on to the targets. */
  async replay(since: ObjectId, targets: string[]): Promise<number> {
    let n = 0;
    let batch: OutboxEvent[] = [];
    for await (const e of this.db.collection<OutboxEvent>(Collections.outbox).find({ _id: { $gte: since } }).sort({ _id: 1 })) {
      batch.push(e);
      if (batch.length >= READ_BATCH) {
        await this.applyEvents(batch, targets);
        n += batch.length;
        batch = [];
      }
    }
    if (batch.length) await this.applyEvents(batch, targets);
    return n + batch.length;
  }

  /**
   * Compares the index with MongoDB: records missing from the index, documents whose revision is
   * older than the record's, and documents whose record is gone.
   */
  async check(): Promise<{ records: number; documents: number; missing: string[]; stale: string[]; orphaned: string[] }> {
    const expected = new Map<string, number>();
    for (const { kind, collection } of Object.values(INDEXED)) {
      for await (const r of this.db.collection(collection).find({}, { projection: { _id: 1, _rev: 1 }, batchSize: 5000 })) expected.set(uid(kind, String(r._id)), r._rev ?? 0);
    }
    const es = this.backend.es();
    // Make every write acknowledged so far visible to the search below; otherwise a document
    // indexed within the last refresh interval would be reported missing.
    try {
      await es.indices.refresh({ index: this.backend.alias });
    } catch (e) {
      throw this.backend.wrap(e, 'search check');
    }
    const stale: string[] = [];
    const orphaned: string[] = [];
    const seen = new Set<string>();
    let after: unknown[] | undefined;
    for (;;) {
      const r: any = await es.search({ index: this.backend.alias, size: 5000, _source: false, docvalue_fields: ['uid', 'rev'], sort: [{ uid: 'asc' }], ...(after && { search_after: after }), query: { match_all: {} } } as any);
      const hits = r.hits.hits;
      for (const h of hits) {
        const u = h.fields.uid[0];
        seen.add(u);
        const want = expected.get(u);
        if (want === undefined) orphaned.push(u);
        else if (Number(h.fields.rev?.[0] ?? -1) < want) stale.push(u);
      }
      if (hits.length < 5000) break;
      after = hits[hits.length - 1].sort;
    }
    const missing = [...expected.keys()].filter((u) => !seen.has(u));
    return { records: expected.size, documents: seen.size, missing, stale, orphaned };
  }
}

function add(total: BulkOutcome, r: BulkOutcome): void {
  total.indexed += r.indexed;
  total.deleted += r.deleted;
  total.failed.push(...r.failed);
}
