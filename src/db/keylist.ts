// Lists of ids kept in one document each, so operational records that have no search index (ingest
// runs, quarantined source rows, export jobs) are listed by key reads: the list's document by its
// `_id`, then its records by `_id $in`. A filtered, sorted MongoDB query would scan the whole
// collection on the embedded server (FerretDB v1 decodes every document it holds for any other filter).
import type { Collection, Db } from 'mongodb';
import { Collections } from './index';

interface KeyListDoc {
  _id: string;
  /** Oldest first. */
  ids: string[];
}

/**
 * Bounded lists of ids, newest last. Adding and removing are single atomic updates (`$push`,
 * `$pullAll`), so concurrent writers on several processes never lose an id; a list that has grown past
 * its cap loses its oldest ids (FerretDB v1 ignores `$push`'s `$slice`, so the trim is a second update).
 */
export class KeyLists {
  constructor(private readonly db: Db) {}

  private get col(): Collection<KeyListDoc> {
    return this.db.collection<KeyListDoc>(Collections.keyLists);
  }

  /** Appends ids (those already there move to the end); keeps the newest `cap`. */
  async add(list: string, ids: readonly string[], cap: number): Promise<void> {
    if (!ids.length) return;
    const fresh = [...new Set(ids)];
    await this.col.updateOne({ _id: list }, { $pullAll: { ids: fresh } }, { upsert: true });
    const after = await this.col.findOneAndUpdate({ _id: list }, { $push: { ids: { $each: fresh } } }, { upsert: true, returnDocument: 'after' });
    const n = after?.ids.length ?? 0;
    // trimmed in steps of a tenth, so a busy list is not rewritten on every add
    if (n > cap + Math.ceil(cap / 10)) await this.col.updateOne({ _id: list }, { $pullAll: { ids: after!.ids.slice(0, n - cap) } });
  }

  /** Takes the ids out of the list in one atomic update; ids that are not in it are ignored. */
  async remove(list: string, ids: readonly string[]): Promise<void> {
    if (ids.length) await this.col.updateOne({ _id: list }, { $pullAll: { ids: [...new Set(ids)] } });
  }

  /** The list's ids, newest first. */
  async get(list: string): Promise<string[]> {
    const doc = await this.col.findOne({ _id: list });
    return doc ? [...doc.ids].reverse() : [];
  }
}
