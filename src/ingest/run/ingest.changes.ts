// Change detection for sources without an update column, or whose joined tables change after the root row
// (processing results, a renamed proposal): each source record's content is hashed with the mapping, and a
// record whose hash is the one last written is neither mapped nor written again. The hashes of a mapping are
// kept in BUCKETS documents read and written by key only, so this costs a few key reads per run, whatever the
// store. A hash lost to a crash only means that record is mapped again, and its unchanged records write nothing.
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { Collections } from '../../db';
import type { Mapping } from '../mapping/mapping.types';

/** Documents per mapping the hashes are spread over (a key's bucket comes from its own hash). */
export const BUCKETS = 64;
/** Changed hashes held before the buckets they touch are written (and at the end of a run). */
const FLUSH_EVERY = 20_000;

interface HashBucket {
  _id: string;
  /** Source keys and their hashes, index by index (FerretDB takes neither "." in keys nor nested arrays). */
  keys: string[];
  hashes: string[];
}

/** How a mapping finds changed records in incremental runs: its root's cursor column, or content hashes. */
export function changeMode(m: Mapping): 'cursor' | 'hash' | 'keys' {
  if (m.source.changes === 'hash') return 'hash';
  return m.source.root?.cursor || m.source.adapter === 'hdf5' ? 'cursor' : 'keys';
}

/** The hash of a source record as `mappingDigest` maps it: base64url of 16 bytes of SHA-256 over its JSON (bigints as text). */
export function recordHash(record: unknown, mappingDigest: string): string {
  const json = JSON.stringify(record, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return createHash('sha256').update(mappingDigest).update('\0').update(json).digest().subarray(0, 16).toString('base64url');
}

export class SourceHashes {
  private readonly col: Collection<HashBucket>;
  private readonly known = new Map<string, string>();
  private readonly dirty = new Set<number>();
  private pending = 0;

  constructor(
    db: Db,
    private readonly mappingId: string,
    /** A dry run compares with the hashes but writes none. */
    private readonly readOnly = false,
  ) {
    this.col = db.collection<HashBucket>(Collections.ingestHashes);
  }

  private bucketOf(key: string): number {
    return createHash('sha1').update(key).digest()[0] % BUCKETS;
  }

  private id(b: number): string {
    return `${this.mappingId}/${b}`;
  }

  /** Reads the mapping's buckets (BUCKETS key reads, in parallel). Throws what the database throws. */
  async load(): Promise<void> {
    const docs = await Promise.all(Array.from({ length: BUCKETS }, (_, b) => this.col.findOne({ _id: this.id(b) })));
    for (const d of docs) d?.keys.forEach((k, i) => this.known.set(k, d.hashes[i]));
  }

  /** Whether `key`'s record hashes to what was last written. */
  unchanged(key: string, hash: string): boolean {
    return this.known.get(key) === hash;
  }

  /** Remembers the hashes of records just written; writes the buckets they touch once enough are held. */
  async written(entries: { key: string; hash: string }[]): Promise<void> {
    for (const { key, hash } of entries) {
      if (this.known.get(key) === hash) continue;
      this.known.set(key, hash);
      this.dirty.add(this.bucketOf(key));
      this.pending++;
    }
    if (this.pending >= FLUSH_EVERY) await this.flush();
  }

  /** Forgets the hashes of quarantined records: the next run maps them again, so a fixed row resolves its entry. */
  forget(keys: string[]): void {
    for (const k of keys) {
      if (!this.known.delete(k)) continue;
      this.dirty.add(this.bucketOf(k));
      this.pending++;
    }
  }

  /** Writes every bucket that changed (one replace by key each). */
  async flush(): Promise<void> {
    if (!this.dirty.size || this.readOnly) return;
    const byBucket = new Map<number, HashBucket>();
    for (const b of this.dirty) byBucket.set(b, { _id: this.id(b), keys: [], hashes: [] });
    for (const [k, h] of this.known) {
      const doc = byBucket.get(this.bucketOf(k));
      if (doc) {
        doc.keys.push(k);
        doc.hashes.push(h);
      }
    }
    for (const doc of byBucket.values()) await this.col.replaceOne({ _id: doc._id }, doc, { upsert: true });
    this.dirty.clear();
    this.pending = 0;
  }

}

/**
 * What a run of `m` in `mode` reads, in words for its summary: every record, those past the checkpoint, the sweep's
 * window (`since`, as the source spells it) or the keys given, and whether content hashes skip the unchanged ones.
 */
export function describeRead(m: Mapping, mode: string, since?: string, fromCheckpoint?: boolean): string {
  const what = m.source.adapter === 'hdf5' ? 'file' : `row of ${m.source.root?.table}`;
  const cursor = m.source.adapter === 'hdf5' ? 'mtime' : m.source.root?.cursor;
  const hashed = changeMode(m) === 'hash';
  const skip = hashed && mode !== 'full' ? '; records whose content (with everything joined) hashes as when last written are not mapped again' : '';
  if (mode === 'keys') return `the ${what}s with the keys given${skip}`;
  if (mode === 'sweep') return cursor && !hashed ? `every ${what} whose ${cursor} ≥ ${since} (the sweep window); a change only in a joined table is not seen unless ${cursor} moves` : `every ${what}${skip}`;
  if (mode === 'incremental' && fromCheckpoint && !hashed) return cursor ? `every ${what} whose ${cursor} is past the checkpoint` : `every ${what} whose key is past the checkpoint (changed rows are not seen)`;
  return `every ${what}${skip}`;
}
