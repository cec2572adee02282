// The system's own reads of stored records, for what rebuilds and checks the read index: by key, or
// every record of an entity in _id order. No access rule applies, so only the index builder uses it;
// every read on behalf of a caller goes through the entity services.
import type { Db, Document, FindCursor } from 'mongodb';
import { Collections, findIds } from '../../db';
import type { StoredRecord } from './record.types';

/** The collection of each entity, by its outbox entity name. */
const COLLECTION_OF: Record<string, string> = {
  Dataset: Collections.datasets,
  Sample: Collections.samples,
  Proposal: Collections.proposals,
  Instrument: Collections.instruments,
  Publication: Collections.publications,
  OrigDatablock: Collections.origDatablocks,
  Label: Collections.labels,
  Attachment: Collections.attachments,
};

export class StoredRecords {
  constructor(private readonly db: Db) {}

  private col(entity: string) {
    const name = COLLECTION_OF[entity];
    if (!name) throw new Error(`no stored records of entity ${entity}`);
    return this.db.collection<StoredRecord>(name);
  }

  /** The records of `entity` with these ids (one `_id $in` read), `projection` applied; missing ids are left out. */
  async byIds(entity: string, ids: readonly string[], projection?: Document): Promise<StoredRecord[]> {
    return (await findIds(this.col(entity), ids, projection)) as StoredRecord[];
  }

  /** Every record of `entity`, streamed in batches of `batchSize` (a full read: for rebuilds and checks only). */
  all(entity: string, opts: { projection?: Document; batchSize?: number } = {}): FindCursor<StoredRecord> {
    return this.col(entity).find({}, { projection: opts.projection, batchSize: opts.batchSize ?? 1000 });
  }

  /** About how many records of `entity` there are (collection metadata, not a count). */
  async estimatedCount(entity: string): Promise<number> {
    return this.col(entity).estimatedDocumentCount();
  }
}
