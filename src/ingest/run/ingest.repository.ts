// Owns the ingest bookkeeping in MongoDB: runs (history, counts, checkpoint, progress), the per-mapping
// state (incremental checkpoint and the lease that lets one worker run a mapping at a time), and the
// quarantine of source records that could not be imported.
import type { Collection, Db, Filter } from 'mongodb';
import { storable, storableQuiet } from '../../common/storable';
import { Collections, findIds } from '../../db';
import { KeyLists } from '../../db/keylist';

export type { RunMode, RunStatus, EntityCounts, RunCounts, IngestRun, IngestState, QuarantineEntry } from './ingest.records';
export { RUN_STATUSES } from './ingest.records';
import type { RunCounts, IngestRun, IngestState, QuarantineEntry, RunStatus } from './ingest.records';

/** Run counts all at zero, with no per-entity counts yet. */
export function emptyCounts(): RunCounts {
  return { read: 0, quarantined: 0, created: 0, updated: 0, unchanged: 0, entities: {} };
}

/** How many recent runs, open quarantine entries and resolved ones are listed (per mapping, and in all). */
export const RECENT_RUNS = 1000;
export const OPEN_QUARANTINE = 10_000;
export const RESOLVED_QUARANTINE = 1000;
/** The key lists runs and quarantine entries are listed from (no filtered query scans these collections). */
export const IngestLists = {
  runs: (mappingId?: string) => (mappingId ? `ingest:runs:${mappingId}` : 'ingest:runs'),
  open: (mappingId?: string) => (mappingId ? `ingest:quarantine:${mappingId}` : 'ingest:quarantine'),
  resolved: (mappingId?: string) => (mappingId ? `ingest:resolved:${mappingId}` : 'ingest:resolved'),
  /** The entries a run quarantined (open or resolved since). */
  ofRun: (runId: string) => `ingest:quarantine-run:${runId}`,
};

export class IngestRepository {
  readonly runs: Collection<IngestRun>;
  readonly state: Collection<IngestState>;
  readonly quarantine: Collection<QuarantineEntry>;
  private readonly lists: KeyLists;

  constructor(db: Db) {
    this.runs = db.collection<IngestRun>(Collections.ingestRuns);
    this.state = db.collection<IngestState>(Collections.ingestState);
    this.quarantine = db.collection<QuarantineEntry>(Collections.ingestQuarantine);
    this.lists = new KeyLists(db);
  }

  /**
   * Records of `col` listed in `list` (newest first) that pass `keep`, read by key a chunk at a time
   * until `first` are found, then ordered by `newer`.
   */
  private async fromList<R extends { _id: string }>(col: Collection<R>, list: string, keep: (r: R) => boolean, first: number, newer: (a: R, b: R) => number, fields: Record<string, 1>): Promise<R[]> {
    const ids = await this.lists.get(list);
    const picked: R[] = [];
    const chunk = Math.max(2 * first, 100);
    // filtered on the fields `keep` reads; only the records listed are read whole
    for (let i = 0; i < ids.length && picked.length < first; i += chunk) picked.push(...((await findIds(col, ids.slice(i, i + chunk), fields)) as R[]).filter(keep));
    const chosen = picked.sort(newer).slice(0, first);
    const whole = new Map(((await findIds(col, chosen.map((r) => r._id))) as R[]).map((r) => [r._id, r]));
    return chosen.map((r) => whole.get(r._id)).filter((r): r is R => !!r);
  }

  /** Takes the mapping's lease, or returns who holds it. */
  async acquire(mappingId: string, worker: string, ms: number): Promise<{ ok: true; state: IngestState } | { ok: false; holder: { worker: string; until: Date } }> {
    const now = new Date();
    const lease = { worker, until: new Date(now.getTime() + ms) };
    try {
      const r = await this.state.findOneAndUpdate(
        { _id: mappingId, $or: [{ lease: null }, { 'lease.until': { $lt: now } }, { 'lease.worker': worker }] } as Filter<IngestState>,
        { $set: { lease } },
        { upsert: true, returnDocument: 'after' },
      );
      if (r) return { ok: true, state: r };
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
    }
    const cur = await this.state.findOne({ _id: mappingId });
    return { ok: false, holder: cur?.lease ?? { worker: 'unknown', until: now } };
  }

  /** Extends this worker's lease on the mapping to `ms` milliseconds from now; false when the worker no longer holds it. */
  async renew(mappingId: string, worker: string, ms: number): Promise<boolean> {
    const r = await this.state.updateOne({ _id: mappingId, 'lease.worker': worker }, { $set: { 'lease.until': new Date(Date.now() + ms) } });
    return r.matchedCount === 1;
  }

  /** Gives up this worker's lease on the mapping; does nothing when another worker holds it. */
  async release(mappingId: string, worker: string): Promise<void> {
    await this.state.updateOne({ _id: mappingId, 'lease.worker': worker }, { $set: { lease: null } });
  }

  /** Stores the mapping's incremental checkpoint ({cursor, key} of the last written record, or null), the run that reached it and its mapping's version and digest. */
  async saveCheckpoint(mappingId: string, run: Pick<IngestRun, '_id' | 'checkpoint' | 'mappingVersion' | 'mappingDigest'>): Promise<void> {
    const mapping = { version: run.mappingVersion, digest: run.mappingDigest ?? '' };
    // the checkpoint holds source values (cursor, key): storable like every other write
    await this.state.updateOne({ _id: mappingId }, { $set: { checkpoint: storableQuiet(run.checkpoint), mapping, lastRunId: run._id, updatedAt: new Date() } }, { upsert: true });
  }

  /** The mapping's state (checkpoint, last run, lease), or null when it has none yet. */
  async getState(mappingId: string): Promise<IngestState | null> {
    return this.state.findOne({ _id: mappingId });
  }

  /**
   * A run of this mapping left "running" by a worker that is gone (its lease ran out): only the newest
   * stored run can be one, since a mapping runs on one worker at a time (dry runs are not stored).
   */
  async interrupted(mappingId: string): Promise<IngestRun | null> {
    const [newest] = await this.lists.get(IngestLists.runs(mappingId));
    const run = newest ? await this.getRun(newest) : null;
    return run && run.status === 'running' && !run.dryRun ? run : null;
  }

  /** Stores a new run (source error texts and keys made storable) and lists it among the recent runs of its mapping and of all. */
  async createRun(run: IngestRun): Promise<void> {
    await this.runs.insertOne(storableQuiet(run));
    await this.lists.add(IngestLists.runs(run.mappingId), [run._id], RECENT_RUNS);
    await this.lists.add(IngestLists.runs(), [run._id], RECENT_RUNS);
  }

  /** Sets these fields of a run (made storable), refreshes its heartbeat and bumps its revision, which progress watchers compare. */
  async updateRun(id: string, set: Partial<IngestRun>): Promise<void> {
    const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, storableQuiet(v)]));
    await this.runs.updateOne({ _id: id }, { $set: { ...values, heartbeatAt: new Date() }, $inc: { rev: 1 } });
  }

  /** The run with this id, or null. */
  async getRun(id: string): Promise<IngestRun | null> {
    return this.runs.findOne({ _id: id });
  }

  /** The newest runs (of one mapping, in one status), newest first, from the last RECENT_RUNS. */
  async listRuns(filter: { mappingId?: string; status?: RunStatus }, first: number): Promise<IngestRun[]> {
    const keep = (r: IngestRun) => (!filter.mappingId || r.mappingId === filter.mappingId) && (!filter.status || r.status === filter.status);
    return this.fromList(this.runs, IngestLists.runs(filter.mappingId), keep, first, byNewest((r) => r.startedAt), { _id: 1, mappingId: 1, status: 1, startedAt: 1 });
  }

  /** Stores (or refreshes) a quarantined record; one entry per mapping and key. */
  async putQuarantine(mappingId: string, runId: string, items: { key: string; reasons: QuarantineEntry['reasons']; record: unknown }[]): Promise<void> {
    if (!items.length) return;
    const now = new Date();
    await this.quarantine.bulkWrite(
      items.map((it) => ({
        updateOne: {
          filter: { _id: `${mappingId}:${it.key}` },
          update: {
            // the source record as it came, in a form the store always keeps (NaN as "NaN"): one bad record never blocks a run
            $set: { mappingId, key: storableQuiet(it.key), runId, reasons: storableQuiet(it.reasons), record: storable(it.record, [], '', 'copy'), lastSeenAt: now, resolvedAt: null },
            $setOnInsert: { firstSeenAt: now },
            $inc: { times: 1 },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    const ids = items.map((it) => `${mappingId}:${it.key}`);
    for (const list of [IngestLists.open(mappingId), IngestLists.open(), IngestLists.ofRun(runId)]) await this.lists.add(list, ids, OPEN_QUARANTINE);
  }

  /** Marks earlier quarantine entries of these keys resolved: a later run imported them. */
  async resolveQuarantine(mappingId: string, keys: string[], runId: string): Promise<void> {
    if (!keys.length) return;
    // a key read of the batch's entries (most do not exist): no scan for open entries first
    const ids = keys.map((k) => `${mappingId}:${k}`);
    const r = await this.quarantine.updateMany({ _id: { $in: ids }, resolvedAt: null }, { $set: { resolvedAt: new Date(), resolvedByRun: runId } });
    if (!r.modifiedCount) return;
    for (const list of [IngestLists.open(mappingId), IngestLists.open()]) await this.lists.remove(list, ids);
    const resolved = (await findIds(this.quarantine, ids, { _id: 1, resolvedByRun: 1 })).filter((d) => d.resolvedByRun === runId).map((d) => String(d._id));
    for (const list of [IngestLists.resolved(mappingId), IngestLists.resolved()]) await this.lists.add(list, resolved, RESOLVED_QUARANTINE);
  }

  /**
   * Quarantine entries, last seen first: the open ones (the newest OPEN_QUARANTINE of a mapping, and in
   * all), and with `includeResolved` the RESOLVED_QUARANTINE most recently resolved as well.
   */
  async listQuarantine(filter: { mappingId?: string; runId?: string; includeResolved?: boolean }, first: number): Promise<QuarantineEntry[]> {
    const keep = (q: QuarantineEntry) => (!filter.mappingId || q.mappingId === filter.mappingId) && (!filter.runId || q.runId === filter.runId);
    const newer = byNewest<QuarantineEntry>((q) => q.lastSeenAt);
    const fields = { _id: 1, mappingId: 1, runId: 1, resolvedAt: 1, lastSeenAt: 1 } as const;
    // a run's own list when one is asked for: a filter never reads the entries of other runs
    if (filter.runId) return this.fromList(this.quarantine, IngestLists.ofRun(filter.runId), (q) => keep(q) && (filter.includeResolved || !q.resolvedAt), first, newer, fields);
    const open = await this.fromList(this.quarantine, IngestLists.open(filter.mappingId), (q) => keep(q) && !q.resolvedAt, first, newer, fields);
    if (!filter.includeResolved) return open;
    const resolved = await this.fromList(this.quarantine, IngestLists.resolved(filter.mappingId), (q) => keep(q) && !!q.resolvedAt, first, newer, fields);
    return [...open, ...resolved].sort(newer).slice(0, first);
  }

  /** The newest runs of each mapping, in all (watching runs reads these by key). */
  async recentRunIds(mappingId: string | undefined, n: number): Promise<string[]> {
    return (await this.lists.get(IngestLists.runs(mappingId))).slice(0, n);
  }

  /** Fills the key lists from the collections (a migration, for data written before the lists existed). */
  static async rebuildLists(db: Db): Promise<number> {
    const repo = new IngestRepository(db);
    let n = 0;
    const runs = await repo.runs.find({}, { projection: { _id: 1, mappingId: 1, startedAt: 1 } }).toArray();
    for (const r of runs.sort(byNewest((x) => x.startedAt)).reverse()) {
      await repo.lists.add(IngestLists.runs(r.mappingId), [r._id], RECENT_RUNS);
      await repo.lists.add(IngestLists.runs(), [r._id], RECENT_RUNS);
      n++;
    }
    const entries = await repo.quarantine.find({}, { projection: { _id: 1, mappingId: 1, runId: 1, lastSeenAt: 1, resolvedAt: 1 } }).toArray();
    for (const q of entries.sort(byNewest((x) => x.lastSeenAt)).reverse()) {
      const list = q.resolvedAt ? IngestLists.resolved : IngestLists.open;
      const cap = q.resolvedAt ? RESOLVED_QUARANTINE : OPEN_QUARANTINE;
      await repo.lists.add(list(q.mappingId), [q._id], cap);
      await repo.lists.add(list(), [q._id], cap);
      if (q.runId) await repo.lists.add(IngestLists.ofRun(q.runId), [q._id], OPEN_QUARANTINE);
      n++;
    }
    return n;
  }
}

/** Newest first by a date, ties by id. */
function byNewest<R extends { _id: string }>(at: (r: R) => Date | undefined | null): (a: R, b: R) => number {
  return (a, b) => (at(b)?.getTime() ?? 0) - (at(a)?.getTime() ?? 0) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}


/**
 * Why an incremental run of `mapping` (its JSON's SHA-256 `digest`) must read from the start although `state` has a checkpoint:
 * the records before it were mapped by another mapping (unchanged ones are then read but not written). Undefined when it need not.
 */
export function mappingChanged(mapping: { id: string; version: string }, digest: string, state: IngestState | null): string | undefined {
  if (!state?.checkpoint || state.mapping?.digest === digest) return undefined;
  if (!state.mapping) return `the checkpoint of ${mapping.id} does not say which mapping reached it: every record is read again`;
  return `mapping ${mapping.id} changed since the checkpoint (version ${state.mapping.version} → ${mapping.version}): every record is read again`;
}
