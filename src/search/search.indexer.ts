// Writes catalog records into the index. Two routes: the written documents themselves, right after a
// write (indexWritten), and the outbox, whose events re-read each changed record from MongoDB by key,
// so replaying an event twice, or out of order, still converges on the current state. Documents carry
// an external version from the record's updatedAt and revision (docVersion), so whichever route lands
// last, an older state never replaces a newer one. It also rebuilds the whole index behind the alias.
import { errors } from '../common/errors';
import { ObjectId } from 'mongodb';
import { logger } from '../common/logger';
import type { OutboxEvent, OutboxRepository, StoredRecords } from '../catalog';
import type { StoredRecord } from '../catalog/common/record.types';
import { INDEXED, KIND_OF_ENTITY, PARENTS, loadNames, toSearchDoc, uid, type SearchDoc, type IndexKind } from './document';
import type { SearchBackend } from './search.backend';
import type { SearchState } from './search.state';
import { checkIndex, type IndexCheck } from './search.check';

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

/**
 * The external version of a record's document: its updatedAt in ms, then the low 10 bits of its
 * revision (two writes of one record within a millisecond still order). A delete uses the time it is
 * applied with revision bits 0, so a record re-created in the same millisecond is indexed again.
 */
export function docVersion(rec: { updatedAt?: unknown; _rev?: number }): number {
  const t = rec.updatedAt instanceof Date ? rec.updatedAt.getTime() : typeof rec.updatedAt === 'string' ? Date.parse(rec.updatedAt) : 0;
  return (Number.isFinite(t) ? t : 0) * 1024 + ((rec._rev ?? 0) & 1023);
}

export class SearchIndexer {
  /**
   * @param stored the system's reads of the records the index projects (by key, or all of an entity)
   * @param outbox the change log the index follows (replayed after a rebuild)
   */
  constructor(private readonly stored: StoredRecords, private readonly outbox: OutboxRepository, private readonly backend: SearchBackend) {}

  /**
   * Applies outbox events to the targets: the changed records (skipping those the index already holds
   * at the event's revision, as indexWritten put them there) and the records that carry their names.
   */
  async applyEvents(events: OutboxEvent[], targets: string[]): Promise<BulkOutcome> {
    const keys = new Map<string, { kind: IndexKind; id: string; rev: number; op: string }>();
    const parents = new Map<string, string[]>();
    for (const e of events) {
      const kind = KIND_OF_ENTITY[e.entity];
      if (kind) keys.set(uid(kind, e.id), { kind, id: e.id, rev: e.rev ?? 0, op: e.op });
      if (PARENTS[e.entity] && e.op !== 'created') parents.set(e.entity, [...(parents.get(e.entity) ?? []), e.id]);
    }
    const todo = await this.notYetIndexed([...keys.values()], targets);
    for (const d of await this.dependents(parents)) todo.push(d);
    return this.refresh(todo, targets);
  }

  /** The events whose record the index does not hold at that revision yet (one mget per target). */
  private async notYetIndexed(keys: { kind: IndexKind; id: string; rev: number; op: string }[], targets: string[]): Promise<{ kind: IndexKind; id: string }[]> {
    if (!keys.length) return [];
    const stale = new Set<number>();
    try {
      for (const index of targets) {
        const r: any = await this.backend.es().mget({ index, ids: keys.map((k) => uid(k.kind, k.id)), _source: false } as any);
        r.docs.forEach((d: any, i: number) => {
          const held: number = d.found ? d._version : -1;
          // the low 10 bits of a document's version are its record's revision (docVersion)
          const ok = keys[i].op === 'deleted' ? held === -1 : held >= 0 && (held & 1023) === (keys[i].rev & 1023);
          if (!ok) stale.add(i);
        });
      }
    } catch (e) {
      throw this.backend.wrap(e, 'search indexing');
    }
    return keys.filter((_, i) => stale.has(i));
  }

  /** The datasets and samples that carry the names of these instruments, proposals and samples (found on the index). */
  private async dependents(parents: Map<string, string[]>): Promise<{ kind: IndexKind; id: string }[]> {
    const should: unknown[] = [];
    for (const [entity, ids] of parents) for (const dep of PARENTS[entity]) should.push({ bool: { filter: [{ term: { kind: dep.kind } }, { terms: { [dep.field]: ids } }] } });
    if (!should.length) return [];
    const out: { kind: IndexKind; id: string }[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const r: any = await this.backend.es().search({ index: this.backend.alias, size: 5000, _source: false, docvalue_fields: ['kind', 'id'], sort: [{ uid: 'asc' }], ...(after && { search_after: after }), query: { bool: { should, minimum_should_match: 1 } } } as any);
      for (const h of r.hits.hits) out.push({ kind: h.fields.kind[0], id: h.fields.id[0] });
      if (r.hits.hits.length < 5000) return out;
      after = r.hits.hits.at(-1).sort;
    }
  }

  /** Indexes records from the documents just written (deletes for 'deleted'); the outbox repairs whatever this misses. */
  async indexWritten(entity: string, docs: StoredRecord[], ops: string[], targets: string[]): Promise<BulkOutcome> {
    const kind = KIND_OF_ENTITY[entity];
    if (!kind) return { indexed: 0, deleted: 0, failed: [] };
    const live = docs.filter((_, i) => ops[i] !== 'deleted').map((rec) => ({ kind, rec }));
    const gone = docs.filter((_, i) => ops[i] === 'deleted').map((d) => uid(kind, d._id));
    return this.bulk(await this.toDocs(live), gone, targets, true);
  }

  /** Re-indexes these records from MongoDB (by key); those no longer there are deleted from the index. */
  async refresh(keys: { kind: IndexKind; id: string }[], targets: string[]): Promise<BulkOutcome> {
    const total: BulkOutcome = { indexed: 0, deleted: 0, failed: [] };
    for (let i = 0; i < keys.length; i += READ_BATCH) {
      const chunk = keys.slice(i, i + READ_BATCH);
      const found: { kind: IndexKind; rec: StoredRecord }[] = [];
      for (const [entity, ix] of Object.entries(INDEXED)) {
        const ids = [...new Set(chunk.filter((k) => k.kind === ix.kind).map((k) => k.id))];
        if (!ids.length) continue;
        const projection = ix.omit && Object.fromEntries(ix.omit.map((f) => [f, 0 as const]));
        for (const rec of await this.stored.byIds(entity, ids, projection)) found.push({ kind: ix.kind, rec });
      }
      const present = new Set(found.map((f) => uid(f.kind, f.rec._id)));
      const gone = [...new Set(chunk.map((k) => uid(k.kind, k.id)))].filter((u) => !present.has(u));
      const docs = await this.toDocs(found);
      add(total, await this.bulk(docs, gone, targets, false, true));
    }
    return total;
  }

  /** The index documents of these records, with the names of the instruments, proposals and samples they point at (one read per collection). */
  async toDocs(records: { kind: IndexKind; rec: StoredRecord }[]): Promise<SearchDoc[]> {
    const names = await loadNames(this.stored, records);
    return records.map(({ kind, rec }) => toSearchDoc(kind, rec, names));
  }

  /**
   * One bulk request per target; deleting what is not there is fine, and so is a version conflict (the
   * index holds a newer state of that record already). `requireAlias` writes only into an index that
   * exists behind the alias, never one Elasticsearch would create on the fly.
   */
  async bulk(docs: SearchDoc[], deletes: string[], targets: string[], requireAlias = false, repair = false): Promise<BulkOutcome> {
    const out: BulkOutcome = { indexed: 0, deleted: 0, failed: [] };
    if (!docs.length && !deletes.length) return out;
    const es = this.backend.es();
    const deletedAt = Date.now() * 1024;
    for (const index of targets) {
      const operations: unknown[] = [];
      for (const d of docs) operations.push({ index: { _index: index, _id: d.uid, version: docVersion(d.record as any), version_type: 'external_gte' } }, d);
      for (const u of deletes) operations.push({ delete: { _index: index, _id: u, version: deletedAt, version_type: 'external_gte' } });
      let r;
      try {
        r = await es.bulk({ operations, ...(requireAlias && index === this.backend.alias && { require_alias: true }) });
      } catch (e) {
        throw this.backend.wrap(e, 'search indexing');
      }
      // a node still starting (shards not yet active) or overloaded answers some items 503 or 429:
      // those are retried by the caller's next pass, never recorded as refused documents
      const busy = r.items.map((item: any) => Object.values(item)[0] as any).filter((res: any) => res.status === 429 || res.status >= 500);
      if (busy.length) throw errors.unavailable('Elasticsearch', `${busy.length} of ${r.items.length} search documents not taken yet (${busy[0].error?.type ?? `HTTP ${busy[0].status}`}); they are sent again`);
      const conflicts: string[] = [];
      for (const item of r.items) {
        const [op, res] = Object.entries(item)[0] as [string, any];
        if (op === 'index' && res.status === 409) conflicts.push(res._id);
        if (!res.error || (op === 'delete' && res.status === 404) || res.status === 409) {
          if (op === 'delete') out.deleted++;
          else out.indexed++;
          continue;
        }
        out.failed.push({ uid: res._id, reason: `${res.error.type}: ${res.error.reason}` });
      }
      if (repair && conflicts.length) await this.repairTombstones(index, docs.filter((d) => conflicts.includes(d.uid)));
    }
    if (out.failed.length) logger.error({ failed: out.failed.slice(0, 10), count: out.failed.length }, 'Elasticsearch refused search documents');
    return out;
  }

  /**
   * Documents read from MongoDB that a version conflict kept out although the index does not hold them:
   * the tombstone of a delete made outside the catalog (by hand, a restored snapshot) outranks the
   * record's version for a while. MongoDB is the truth, so they are written without a version.
   */
  private async repairTombstones(index: string, docs: SearchDoc[]): Promise<void> {
    if (!docs.length) return;
    const es = this.backend.es();
    const r: any = await es.mget({ index, ids: docs.map((d) => d.uid), _source: false } as any);
    const missing = new Set(r.docs.filter((d: any) => !d.found).map((d: any) => d._id));
    const operations = docs.filter((d) => missing.has(d.uid)).flatMap((d) => [{ index: { _index: index, _id: d.uid } }, d]);
    if (operations.length) await es.bulk({ operations });
  }

  /** How many records the index should hold. */
  async sourceCount(): Promise<number> {
    let n = 0;
    for (const entity of Object.keys(INDEXED)) n += await this.stored.estimatedCount(entity);
    return n;
  }

  /** Every indexable record from MongoDB, in batches of documents. */
  async *scan(batchSize = READ_BATCH): AsyncGenerator<SearchDoc[]> {
    for (const [entity, { kind, omit }] of Object.entries(INDEXED)) {
      let batch: { kind: IndexKind; rec: StoredRecord }[] = [];
      const projection = omit && Object.fromEntries(omit.map((f) => [f, 0]));
      for await (const rec of this.stored.all(entity, { batchSize, projection })) {
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

  /** Applies every outbox entry from `since` on to the targets, a page at a time; returns how many. */
  async replay(since: ObjectId, targets: string[]): Promise<number> {
    let n = 0;
    for (let from = since, first = true; ; first = false) {
      const raw = await this.outbox.since(from, READ_BATCH + 1);
      // pages after the first start at the last entry applied (since() is inclusive)
      const page = first ? raw : raw.filter((e) => !e._id!.equals(from));
      if (page.length) {
        await this.applyEvents(page, targets);
        n += page.length;
        from = page[page.length - 1]._id!;
      }
      if (raw.length <= READ_BATCH) return n;
    }
  }

  /** See checkIndex (search.check.ts): what the index is missing, holds stale, or holds of deleted records. */
  check(): Promise<IndexCheck> {
    return checkIndex(this.stored, this.backend);
  }
}

function add(total: BulkOutcome, r: BulkOutcome): void {
  total.indexed += r.indexed;
  total.deleted += r.deleted;
  total.failed.push(...r.failed);
}
