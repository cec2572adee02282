// The index checked against MongoDB, record by record: what it misses, what it holds at an older
// revision than the record's, and what it holds of records that are gone (`catalog search check`).
import type { StoredRecords } from '../catalog';
import { INDEXED, uid } from './document';
import type { SearchBackend } from './search.backend';

/** Index document uids (`<kind>:<id>`) by finding; `records` and `documents` are the totals compared. */
export interface IndexCheck {
  records: number;
  documents: number;
  missing: string[];
  stale: string[];
  orphaned: string[];
}

/**
 * Compares the index behind the alias with MongoDB: every record's id and revision is read from its
 * collection, every document's uid and revision from the index (refreshed first, so acknowledged writes
 * count). Raises SERVICE_UNAVAILABLE when Elasticsearch cannot be reached.
 */
export async function checkIndex(stored: StoredRecords, backend: SearchBackend): Promise<IndexCheck> {
    const expected = new Map<string, number>();
    for (const [entity, { kind }] of Object.entries(INDEXED)) {
      for await (const r of stored.all(entity, { projection: { _id: 1, _rev: 1 }, batchSize: 5000 })) expected.set(uid(kind, String(r._id)), r._rev ?? 0);
    }
    const es = backend.es();
    // Make every write acknowledged so far visible to the search below; otherwise a document
    // indexed within the last refresh interval would be reported missing.
    try {
      await es.indices.refresh({ index: backend.alias });
    } catch (e) {
      throw backend.wrap(e, 'search check');
    }
    const stale: string[] = [];
    const orphaned: string[] = [];
    const seen = new Set<string>();
    let after: unknown[] | undefined;
    for (;;) {
      const r: any = await es.search({ index: backend.alias, size: 5000, _source: false, docvalue_fields: ['uid', 'rev'], sort: [{ uid: 'asc' }], ...(after && { search_after: after }), query: { match_all: {} } } as any);
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
