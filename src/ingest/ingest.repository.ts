// Owns the ingest bookkeeping in MongoDB: runs (history, counts, checkpoint, progress), the per-mapping
// state (incremental checkpoint and the lease that lets one worker run a mapping at a time), and the
// quarantine of source records that could not be imported.
import type { Collection, Db, Filter } from 'mongodb';
import { storable, storableQuiet } from '../common/storable';
import { Collections } from '../db';
import type { Checkpoint } from './adapters/adapter';

export type RunMode = 'full' | 'incremental' | 'keys' | 'sweep';
export type RunStatus = 'running' | 'succeeded' | 'failed';
export type EntityCounts = { created: number; updated: number; unchanged: number };

export interface RunCounts {
  read: number;
  quarantined: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Per entity (proposal, sample, dataset, origdatablock). */
  entities: Record<string, EntityCounts>;
}

export interface IngestRun {
  _id: string;
  mappingId: string;
  mappingVersion: string;
  source: string;
  mode: RunMode;
  trigger: string;
  dryRun: boolean;
  status: RunStatus;
  worker: string;
  keys?: string[];
  since?: string;
  total?: number | null;
  checkpoint: Checkpoint | null;
  counts: RunCounts;
  /** Failed attempts to reach the source, with the reason of the last. */
  attempts: number;
  lastError?: string;
  error?: string;
  resumed: number;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt?: Date;
  rev: number;
}

export interface IngestState {
  _id: string;
  checkpoint?: Checkpoint | null;
  lastRunId?: string;
  lease?: { worker: string; until: Date; runId?: string } | null;
  updatedAt?: Date;
}

export interface QuarantineEntry {
  _id: string;
  mappingId: string;
  key: string;
  runId: string;
  reasons: { path: string; message: string }[];
  /** The source record as it was read: nothing is lost. */
  record: unknown;
  firstSeenAt: Date;
  lastSeenAt: Date;
  times: number;
  resolvedAt?: Date | null;
  resolvedByRun?: string;
}

export function emptyCounts(): RunCounts {
  return { read: 0, quarantined: 0, created: 0, updated: 0, unchanged: 0, entities: {} };
}

export class IngestRepository {
  readonly runs: Collection<IngestRun>;
  readonly state: Collection<IngestState>;
  readonly quarantine: Collection<QuarantineEntry>;

  constructor(db: Db) {
    this.runs = db.collection<IngestRun>(Collections.ingestRuns);
    this.state = db.collection<IngestState>(Collections.ingestState);
    this.quarantine = db.collection<QuarantineEntry>(Collections.ingestQuarantine);
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

  async renew(mappingId: string, worker: string, ms: number): Promise<boolean> {
    const r = await this.state.updateOne({ _id: mappingId, 'lease.worker': worker }, { $set: { 'lease.until': new Date(Date.now() + ms) } });
    return r.matchedCount === 1;
  }

  async release(mappingId: string, worker: string): Promise<void> {
    await this.state.updateOne({ _id: mappingId, 'lease.worker': worker }, { $set: { lease: null } });
  }

  async saveCheckpoint(mappingId: string, checkpoint: Checkpoint | null, runId: string): Promise<void> {
    // the checkpoint holds source values (cursor, key): storable like every other write
    await this.state.updateOne({ _id: mappingId }, { $set: { checkpoint: storableQuiet(checkpoint), lastRunId: runId, updatedAt: new Date() } }, { upsert: true });
  }

  async getState(mappingId: string): Promise<IngestState | null> {
    return this.state.findOne({ _id: mappingId });
  }

  /** A run of this mapping left "running" by a worker that is gone (its lease ran out). */
  async interrupted(mappingId: string): Promise<IngestRun | null> {
    const runs = await this.runs.find({ mappingId, status: 'running', dryRun: false }).sort({ startedAt: -1 }).limit(1).toArray();
    return runs[0] ?? null;
  }

  // run documents carry source error texts and keys: storable, like every other write
  async createRun(run: IngestRun): Promise<void> {
    await this.runs.insertOne(storableQuiet(run));
  }

  async updateRun(id: string, set: Partial<IngestRun>): Promise<void> {
    const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, storableQuiet(v)]));
    await this.runs.updateOne({ _id: id }, { $set: { ...values, heartbeatAt: new Date() }, $inc: { rev: 1 } });
  }

  async getRun(id: string): Promise<IngestRun | null> {
    return this.runs.findOne({ _id: id });
  }

  async listRuns(filter: { mappingId?: string; status?: RunStatus }, first: number): Promise<IngestRun[]> {
    const q: Filter<IngestRun> = {};
    if (filter.mappingId) q.mappingId = filter.mappingId;
    if (filter.status) q.status = filter.status;
    return this.runs.find(q).sort({ startedAt: -1 }).limit(first).toArray();
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
  }

  /** Marks earlier quarantine entries of these keys resolved: a later run imported them. */
  async resolveQuarantine(mappingId: string, keys: string[], runId: string): Promise<void> {
    if (!keys.length) return;
    const open = await this.quarantine.countDocuments({ mappingId, resolvedAt: null }, { limit: 1 });
    if (!open) return;
    await this.quarantine.updateMany({ _id: { $in: keys.map((k) => `${mappingId}:${k}`) }, resolvedAt: null }, { $set: { resolvedAt: new Date(), resolvedByRun: runId } });
  }

  async listQuarantine(filter: { mappingId?: string; runId?: string; includeResolved?: boolean }, first: number): Promise<QuarantineEntry[]> {
    const q: Filter<QuarantineEntry> = {};
    if (filter.mappingId) q.mappingId = filter.mappingId;
    if (filter.runId) q.runId = filter.runId;
    if (!filter.includeResolved) q.resolvedAt = null;
    return this.quarantine.find(q).sort({ lastSeenAt: -1 }).limit(first).toArray();
  }
}

