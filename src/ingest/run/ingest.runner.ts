// Runs a mapping: reads the source in batches, maps each record, quarantines what is bad, and writes the
// rest as bulk upserts (unchanged records are not rewritten). Each written batch moves the checkpoint, so a
// killed run resumes there; a source that is down fails the attempt clearly and is retried with backoff.
import { createHash, randomUUID } from 'node:crypto';
import { systemIdentity, type Identity } from '../../auth';
import type { CatalogServices as Services } from '../../catalog';
import { MAX_BULK, type RecordService } from '../../catalog/common/record.service';
import type { UpsertResult } from '../../catalog/common/record.types';
import { errors } from '../../common/errors';
import { createAdapter, SourceDownError, type Checkpoint, type SourceAdapter, type SourceRecord } from '../adapters';
import { compileMapping, type CompiledMapping, type Json } from '../mapping/mapping.engine';
import { durationMs, ID_FIELD, type EntityName, type Mapping } from '../mapping/mapping.types';
import { emptyCounts, IngestRepository, mappingChanged, type IngestRun, type RunMode } from './ingest.repository';
import type { RecordDiff } from './ingest.diff';
import { dryDiff } from './ingest.dry';
import { readAhead } from './ingest.stream';
import { mapBatch } from './ingest.map';
import { changeMode, describeRead, SourceHashes } from './ingest.changes';
import { rootParts } from '../mapping/mapping.roots';
import { FileMeasurer } from './ingest.files';
import type { StorageRootSetting } from '../../config';

export { readAhead };

export interface RunOptions {
  mode: RunMode;
  keys?: string[];
  /** sweep: how far back (ms) the window reaches; default the mapping's triggers.sweep.window. */
  windowMs?: number;
  dryRun?: boolean;
  trigger?: string;
  batchSize?: number;
  /** Connection value instead of the mapping's environment variable. */
  connection?: string;
  /** Stop after this many records (dry runs). */
  limit?: number;
  onProgress?: (run: IngestRun) => void;
  onDiff?: (d: RecordDiff) => void;
}

export interface RunnerSettings {
  leaseMs: number;
  /** Attempts to reach a source that is down before the run fails. */
  retries: number;
  backoffMs: number;
  worker?: string;
  /** Where datasets' files are (CATALOG_STORAGE_ROOTS): files a mapping lists without a size are measured there. */
  storageRoots?: StorageRootSetting[];
}

const SERVICE: Record<EntityName, keyof Services> = { instrument: 'instruments', proposal: 'proposals', sample: 'samples', dataset: 'datasets', origdatablock: 'origDatablocks' };

export class IngestRunner {
  readonly repo: IngestRepository;
  private readonly worker: string;
  private readonly measurer: FileMeasurer;

  constructor(
    private readonly services: Services,
    private readonly settings: RunnerSettings,
  ) {
    this.repo = new IngestRepository(services.db);
    this.worker = settings.worker ?? `ingest:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.measurer = new FileMeasurer(settings.storageRoots);
  }

  private service(e: EntityName): RecordService {
    return this.services[SERVICE[e]] as unknown as RecordService;
  }

  /**
   * Runs `mapping` in `opts.mode` (or previews it, dryRun): resumes the mapping's interrupted run if it
   * has one, else starts a new run. Returns the finished run with its counts; throws what failed it (the
   * run is then stored as failed), or a conflict when another worker holds the mapping's lease. A mapping
   * with further `roots` runs each after the main one (not for key imports, whose keys are the main root's):
   * the main run is returned with theirs in `parts`.
   */
  async run(mapping: Mapping, opts: RunOptions): Promise<IngestRun> {
    const [main, ...more] = rootParts(mapping);
    const run = await this.runOne(main, opts);
    if (opts.mode === 'keys' || !more.length) return run;
    run.parts = [];
    for (const part of more) {
      const r = await this.runOne(part, opts);
      run.parts.push(r);
      opts.onProgress?.(r);
    }
    return run;
  }

  private async runOne(mapping: Mapping, opts: RunOptions): Promise<IngestRun> {
    const compiled = compileMapping(mapping);
    const identity = systemIdentity(`ingest:${mapping.id}`);
    const adapter = createAdapter(mapping, opts.connection);
    const batchSize = opts.batchSize ?? mapping.source.batchSize ?? 500;
    const dry = !!opts.dryRun;
    // one worker at a time reads a mapping's source; a key import (a trigger) only upserts a few records,
    // which the services' revision check keeps safe beside a running import, so it does not wait for one
    const leased = !dry && opts.mode !== 'keys';
    if (leased) {
      const lease = await this.repo.acquire(mapping.id, this.worker, this.settings.leaseMs);
      if (!lease.ok) throw errors.conflict(`mapping ${mapping.id} is being run by ${lease.holder.worker} (lease until ${lease.holder.until.toISOString()}); try again later`);
    }
    let run: IngestRun | undefined;
    try {
      const begun = await this.begin(mapping, opts, adapter, dry);
      run = begun.run;
      if (begun.stale) await this.repo.updateRun(run._id, { worker: this.worker, resumed: run.resumed });
      else if (!dry) await this.repo.createRun(run);
      // content hashes (changes: hash) say which records changed; a dry run reads them but keeps none
      const hashes = changeMode(mapping) === 'hash' ? new SourceHashes(this.services.db, mapping.id, dry) : undefined;
      await hashes?.load();
      try {
        await this.execute(run, compiled, adapter, identity, { ...opts, batchSize }, { hashes });
      } finally {
        // hashes of what was written are kept even when the run fails; losing them only means mapping those records again
        await hashes?.flush().catch(() => undefined);
      }
      await this.succeed(run, mapping.id, dry);
      opts.onProgress?.(run);
      return run;
    } catch (e) {
      if (run) await this.fail(run, e as Error, dry, opts);
      throw e;
    } finally {
      await adapter.close();
      if (leased) await this.repo.release(mapping.id, this.worker).catch(() => undefined);
    }
  }

  /** The run to execute, not stored yet: the interrupted run of the mapping taken over (`stale`), or a new one. */
  private async begin(mapping: Mapping, opts: RunOptions, adapter: SourceAdapter, dry: boolean): Promise<{ run: IngestRun; stale: boolean }> {
    // a run whose worker died (kill -9) is picked up where its last batch ended
    const stale = !dry && (opts.mode === 'full' || opts.mode === 'incremental') ? await this.repo.interrupted(mapping.id) : null;
    const state = await this.repo.getState(mapping.id);
    const now = new Date();
    if (stale) return { run: { ...stale, worker: this.worker, resumed: stale.resumed + 1 }, stale: true };
    const windowMs = opts.windowMs ?? (mapping.triggers?.sweep ? durationMs(mapping.triggers.sweep.window) : 3_600_000);
    const mappingDigest = createHash('sha256').update(JSON.stringify(mapping)).digest('hex');
    const rereadReason = opts.mode === 'incremental' ? mappingChanged(mapping, mappingDigest, state) : undefined;
    const run: IngestRun = {
      _id: `${mapping.id}/${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 6)}`,
      mappingId: mapping.id,
      mappingVersion: mapping.version,
      mappingDigest,
      ...(rereadReason && { rereadReason }),
      source: adapter.label,
      mode: opts.mode,
      trigger: opts.trigger ?? 'cli',
      dryRun: dry,
      status: 'running',
      worker: this.worker,
      keys: opts.keys,
      since: opts.mode === 'sweep' ? adapter.since(windowMs) : undefined,
      // with content hashes an incremental run reads every record (its checkpoint only resumes a killed run)
      checkpoint: opts.mode === 'incremental' && !rereadReason && changeMode(mapping) !== 'hash' ? (state?.checkpoint ?? null) : null,
      counts: emptyCounts(),
      attempts: 0,
      resumed: 0,
      startedAt: now,
      heartbeatAt: now,
      rev: 0,
    };
    run.reads = describeRead(mapping, run.mode, run.since, !!run.checkpoint);
    return { run, stale: false };
  }

  /** Marks the run succeeded and, unless dry, stores it and moves the mapping's checkpoint (full and incremental runs). */
  private async succeed(run: IngestRun, mappingId: string, dry: boolean): Promise<void> {
    run.status = 'succeeded';
    if (run.keys) run.missingKeys ??= run.keys;
    run.finishedAt = new Date();
    if (!dry) {
      await this.repo.updateRun(run._id, { status: 'succeeded', finishedAt: run.finishedAt, counts: run.counts, checkpoint: run.checkpoint });
      if (run.mode === 'full' || run.mode === 'incremental') await this.repo.saveCheckpoint(mappingId, run);
    }
  }

  /** Marks the run failed with `e`'s message and, unless dry, stores that (a store that fails too is ignored); then reports progress. */
  private async fail(run: IngestRun, e: Error, dry: boolean, opts: RunOptions): Promise<void> {
    run.status = 'failed';
    run.error = e.message;
    run.finishedAt = new Date();
    if (!dry) await this.repo.updateRun(run._id, { status: 'failed', error: run.error, finishedAt: run.finishedAt, counts: run.counts, checkpoint: run.checkpoint }).catch(() => undefined);
    opts.onProgress?.(run);
  }

  /** Reads from the run's checkpoint to the end, retrying a source that is down with backoff. */
  private async execute(run: IngestRun, m: CompiledMapping, adapter: SourceAdapter, identity: Identity, opts: RunOptions & { batchSize: number }, parts: { hashes?: SourceHashes }): Promise<void> {
    let opened = false;
    for (;;) {
      try {
        if (!opened) {
          await adapter.open();
          opened = true;
          if (run.total === undefined) {
            run.total = await adapter.count({ keys: run.keys, since: run.since, after: run.checkpoint, batchSize: opts.batchSize }).catch(() => null);
            if (run.total !== null && run.total !== undefined) run.total += run.counts.read;
          }
          opts.onProgress?.(run);
        }
        // a limit below one batch reads no more than it: the batches shrink to it, and the last one is cut
        const batchSize = opts.limit !== undefined ? Math.max(1, Math.min(opts.batchSize, opts.limit)) : opts.batchSize;
        for await (const batch of readAhead(adapter.batches({ keys: run.keys, since: run.since, after: run.checkpoint, batchSize }))) {
          const take = opts.limit !== undefined ? batch.slice(0, opts.limit - run.counts.read) : batch;
          if (take.length) await this.batch(run, m, take, identity, opts, parts);
          if (opts.limit !== undefined && run.counts.read >= opts.limit) return;
        }
        return;
      } catch (e) {
        if (!(e instanceof SourceDownError)) throw e;
        run.attempts++;
        run.lastError = e.message;
        if (!run.dryRun) await this.repo.updateRun(run._id, { attempts: run.attempts, lastError: run.lastError });
        opts.onProgress?.(run);
        if (run.attempts > this.settings.retries) throw new SourceDownError(e.source, `${e.reason} (gave up after ${run.attempts} attempts)`);
        await new Promise((r) => setTimeout(r, this.settings.backoffMs * 2 ** (run.attempts - 1)));
        await adapter.close();
        opened = false;
        if (!run.dryRun && run.mode !== 'keys') await this.repo.renew(run.mappingId, this.worker, this.settings.leaseMs);
      }
    }
  }

  private async batch(run: IngestRun, m: CompiledMapping, batch: SourceRecord[], identity: Identity, opts: RunOptions, parts: { hashes?: SourceHashes }): Promise<void> {
    const { good, quarantine, skipped } = await mapBatch({ ...parts, service: (e) => this.service(e), measurer: this.measurer, skipUnchanged: run.mode !== 'full', mappingDigest: run.mappingDigest ?? '' }, m, batch, run._id, identity);
    run.counts.skipped = (run.counts.skipped ?? 0) + skipped;
    // keys asked for that the source does not have are said, not passed over
    if (run.keys) run.missingKeys = (run.missingKeys ?? run.keys).filter((k) => !batch.some((sr) => sr.key === k));
    run.counts.read += batch.length;
    run.counts.quarantined += quarantine.length;

    if (run.dryRun) {
      for (const q of quarantine) opts.onDiff?.({ key: q.key, entity: 'source', id: q.key, outcome: 'quarantined', reasons: q.reasons, changes: [] });
      await dryDiff((e) => this.service(e), run, m, good, identity, opts.onDiff);
    } else {
      // the datasets this batch wrote: their blocks are checked against these without reading them again
      const datasets = new Map<string, UpsertResult>();
      for (const e of m.order) {
        // one record per identity in the batch: rows that share a proposal or sample write it once
        const byId = new Map<string, Json>();
        for (const g of good) {
          const rec = g.entities[e];
          if (rec) byId.set(rec[ID_FIELD[e]], rec);
        }
        const recs = [...byId.values()];
        const c = (run.counts.entities[e] ??= { created: 0, updated: 0, unchanged: 0 });
        for (let i = 0; i < recs.length; i += MAX_BULK) {
          for (const r of await this.service(e).upsertMany(identity, recs.slice(i, i + MAX_BULK), e === 'origdatablock' ? { parents: datasets } : {})) {
            if (e === 'dataset') datasets.set(r.id, r);
            c[r.outcome as 'created']++;
            if (e === 'dataset' || !m.order.includes('dataset')) run.counts[r.outcome as 'created']++;
          }
        }
      }
      await this.repo.putQuarantine(run.mappingId, run._id, quarantine);
      await this.repo.resolveQuarantine(run.mappingId, good.map((g) => g.key), run._id);
      parts.hashes?.forget(quarantine.map((q) => q.key));
      await parts.hashes?.written(good.map((g) => ({ key: g.key, hash: g.hash! })));
    }
    run.checkpoint = batch[batch.length - 1].checkpoint as Checkpoint;
    if (!run.dryRun) {
      await this.repo.updateRun(run._id, { counts: run.counts, checkpoint: run.checkpoint, total: run.total });
      if (run.mode === 'full' || run.mode === 'incremental') await this.repo.saveCheckpoint(run.mappingId, run);
      const held = run.mode === 'keys' || (await this.repo.renew(run.mappingId, this.worker, this.settings.leaseMs));
      if (!held) throw new Error(`lost the lease on mapping ${run.mappingId} (another worker took over); stopping`);
    }
    opts.onProgress?.(run);
  }

}
