// Runs one export job: a scan of the selection (types, groups, facts for the Croissant file), then the
// records in pid order a batch at a time with a checkpoint after each, then Parquet, checksums,
// Croissant, provenance and manifest. Memory holds one batch, whatever the size of the export.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Filter } from 'mongodb';
import type { Identity } from '../auth';
import type { CatalogServices as Services } from '../catalog';
import type { StoredRecord } from '../catalog/common/record.types';
import type { StoredLabelSet } from '../catalog/label/labelset.service';
import { storableQuiet } from '../common/storable';
import { CatalogError, errors } from '../common/errors';
import { logger } from '../common/logger';
import { BatchedChildren, MergedChildren, type Children } from './children';
import { emptyPlan, layout, observe, type Column, type RecordSetName, type ScanPlan } from './columns';
import { croissant, type OutputFile } from './croissant';
import { filterOf, type ExportRequest } from './export.request';
import type { Checkpoint, ExportJob, JobPhase } from './export.job';
import { LEASE_MS, type ExportService } from './export.service';
import { GroupUnion, groupKeys } from './splits';
import { BatchWriter, type RecordFiles } from './export.batches';
import { fileDigest, jsonlToParquet, RecordFile } from './writers';

export interface RunnerSettings {
  catalogName: string;
  /** The catalog's public address (known once the server listens). */
  publicUrl: () => string;
  version: string;
  /** Datasets per batch (and per checkpoint). */
  batchSize?: number;
}

/** lost: another worker holds the job now; released: this worker was asked to stop and gave the job back. */
export type RunOutcome = 'completed' | 'cancelled' | 'failed' | 'lost' | 'released';
/** Told after each checkpoint; the run waits for it (a listener may, e.g., cancel the job). */
export type ProgressListener = (p: { phase: JobPhase; total: number; done: number }) => void | Promise<void>;

/** Joins of at least this share of the catalog read children in one merged pass instead of per batch. */
const MERGE_SHARE = 0.25;
/** Keys tied together by multi-sample datasets are kept with the job; beyond this, ask for another grouping. */
const MAX_GROUP_PAIRS = 200_000;
const SCAN_BEAT = 5000;

type Outcome = 'ok' | 'cancelled' | 'lost' | 'released';

export class ExportRunner {
  private shouldStop: () => boolean = () => false;

  constructor(private readonly services: Services, private readonly jobs: ExportService, private readonly settings: RunnerSettings) {}

  /** Runs a job this worker has claimed until it completes, fails, is cancelled, or its lease is lost. */
  async run(job: ExportJob, worker: string, onProgress: ProgressListener = () => undefined, shouldStop: () => boolean = () => false): Promise<RunOutcome> {
    this.shouldStop = shouldStop;
    const identity: Identity = { subject: job.owner.subject, role: job.owner.role, groups: job.owner.groups, via: 'system' };
    const log = logger.child({ export: job._id, worker });
    try {
      await mkdir(job.outDir, { recursive: true });
      const sets = await this.services.labelSets.require(job.request.labelSets, '/labelSets');
      const startedAt = job.startedAt ?? new Date();
      let plan = job.plan;
      if (!plan) {
        const scanned = await this.scan(job, identity, worker, onProgress);
        if (typeof scanned === 'string') return scanned;
        plan = scanned;
      }
      const columns = layout(job.request, plan, sets);
      const written = await this.write(job, identity, plan, columns, sets, worker, onProgress);
      if (typeof written === 'string') return written;
      const beat = await this.beat(job, worker, { progress: { phase: 'finalize', total: plan.total, done: plan.total } });
      if (beat !== 'ok') return beat;
      await onProgress({ phase: 'finalize', total: plan.total, done: plan.total });
      const outputs = await this.finalize(job, plan, columns, sets, written, startedAt);
      const now = new Date();
      const r = await this.jobs.col.updateOne(
        { _id: job._id, 'lease.worker': worker },
        { $set: { status: 'completed', outputs, progress: { phase: 'done', total: plan.total, done: plan.total }, finishedAt: now, updatedAt: now, lease: null, startedAt } },
      );
      await onProgress({ phase: 'done', total: plan.total, done: plan.total });
      log.info({ datasets: plan.total }, 'export completed');
      return r.matchedCount ? 'completed' : 'lost';
    } catch (e) {
      // the job's owner reads this: a catalog error says what to change; anything else is ours, logged with the job id
      const message = e instanceof CatalogError ? e.message : `the export failed on an internal error; operators find the cause in the server log under export ${job._id}; resumeExport retries from the last checkpoint`;
      if (!(e instanceof CatalogError)) log.error({ err: e }, 'export failed');
      const now = new Date();
      await this.jobs.col
        .updateOne({ _id: job._id, 'lease.worker': worker }, { $set: { status: 'failed', error: storableQuiet(message), finishedAt: now, updatedAt: now, lease: null } })
        .catch((err) => log.error({ err }, 'could not record the failure; the lease will expire and another worker retries'));
      return 'failed';
    }
  }

  /**
   * Renews the lease and saves progress, unless the job was cancelled (then it is marked so) or another
   * worker took it over. Every checkpoint goes through here, so cancel takes effect within one batch.
   */
  private async beat(job: ExportJob, worker: string, set: Partial<ExportJob>): Promise<Outcome> {
    const now = new Date();
    if (this.shouldStop()) {
      // the process is shutting down: give the job back at once rather than after the lease runs out
      await this.jobs.col.updateOne({ _id: job._id, 'lease.worker': worker }, { $set: { ...set, updatedAt: now, lease: { worker, until: now } } });
      return 'released';
    }
    const r = await this.jobs.col.updateOne(
      { _id: job._id, status: 'running', 'lease.worker': worker, cancelRequested: { $ne: true } },
      { $set: { ...set, updatedAt: now, lease: { worker, until: new Date(now.getTime() + LEASE_MS) } } },
    );
    if (r.matchedCount === 1) return 'ok';
    const c = await this.jobs.col.updateOne(
      { _id: job._id, status: 'running', 'lease.worker': worker, cancelRequested: true },
      { $set: { status: 'cancelled', cancelRequested: false, lease: null, finishedAt: now, updatedAt: now } },
    );
    return c.matchedCount === 1 ? 'cancelled' : 'lost';
  }

  private selection(req: ExportRequest, afterPid: string | null): Filter<any> {
    const base = this.services.datasets.query(filterOf(req));
    if (!afterPid) return base;
    return Object.keys(base).length ? { $and: [base, { _id: { $gt: afterPid } }] } : { _id: { $gt: afterPid } };
  }

  private async scan(job: ExportJob, identity: Identity, worker: string, onProgress: ProgressListener): Promise<ScanPlan | Exclude<Outcome, 'ok'>> {
    const req = job.request;
    const total = job.progress.total;
    const plan = emptyPlan(req.metadataFields);
    const union = new GroupUnion();
    // a parent path already brings its children (and MongoDB refuses both in one projection)
    const paths = req.metadataFields.filter((f) => !req.metadataFields.some((g) => g !== f && f.startsWith(`${g}.`)));
    const projection = { sampleIds: 1, proposalIds: 1, instrumentId: 1, techniques: 1, creationTime: 1, license: 1, ...Object.fromEntries(paths.map((f) => [`scientificMetadata.${f}`, 1])) };
    const cursor = this.services.datasets.stream(identity, this.selection(req, null), { projection, batchSize: 2000 });
    try {
      for await (const d of cursor) {
        observe(plan, d);
        const keys = groupKeys(d, req.split.groupBy);
        if (keys.length > 1) union.union(keys);
        if (plan.total % SCAN_BEAT === 0) {
          const b = await this.beat(job, worker, { progress: { phase: 'scan', total, done: plan.total } });
          if (b !== 'ok') return b;
          await onProgress({ phase: 'scan', total, done: plan.total });
        }
      }
    } finally {
      await cursor.close();
    }
    if (plan.total === 0) throw errors.badInput(`the selection is empty: no dataset ${identity.subject} may see matches the filter ${JSON.stringify(req.filter)} any more`);
    if (union.size > MAX_GROUP_PAIRS) throw errors.badInput(`${union.size} ${req.split.groupBy}s are shared between datasets: too many to keep the splits leak-free in one job; split by proposal or narrow the selection`);
    plan.groupPairs = union.pairs();
    const b = await this.beat(job, worker, { plan, progress: { phase: 'write', total: plan.total, done: 0 } });
    return b === 'ok' ? plan : b;
  }

  private recordFiles(job: ExportJob, columns: Record<RecordSetName, Column[]>, sets: StoredLabelSet[]): RecordFiles {
    const m = new Map<string, RecordFile>() as RecordFiles;
    const wanted: RecordSetName[] = ['datasets', ...(sets.length ? (['labels'] as const) : []), ...(job.request.includeFiles ? (['files'] as const) : [])];
    const bySet = new Map<RecordSetName, RecordFile[]>();
    for (const set of wanted) {
      for (const fmt of ['jsonl', 'csv'] as const) {
        if (!job.request.formats.includes(fmt)) continue;
        const name = `${set}.${fmt}`;
        const f = new RecordFile(path.join(job.outDir, name), fmt, columns[set]);
        m.set(name, f);
        bySet.set(set, [...(bySet.get(set) ?? []), f]);
      }
    }
    m.of = (set) => bySet.get(set) ?? [];
    return m;
  }

  private async write(
    job: ExportJob,
    identity: Identity,
    plan: ScanPlan,
    columns: Record<RecordSetName, Column[]>,
    sets: StoredLabelSet[],
    worker: string,
    onProgress: ProgressListener,
  ): Promise<{ files: Map<string, RecordFile>; checkpoint: Checkpoint } | Exclude<Outcome, 'ok'>> {
    const req = job.request;
    const cp: Checkpoint = job.checkpoint ?? { lastPid: null, files: [], splits: { train: 0, validation: 0, test: 0 }, labelStats: { labels: 0, human: 0, model: 0, labellers: [] } };
    const files = this.recordFiles(job, columns, sets);
    for (const [name, f] of files) await f.open(job.checkpoint ? cp.files.find((c) => c.name === name) : undefined);
    const merge = plan.total >= MERGE_SHARE * (await this.services.datasets.estimatedSize());
    const children = (svc: Services['labels'] | Services['origDatablocks'], key: string, extra: Filter<any>, sort: Record<string, 1>): Children =>
      merge
        ? new MergedChildren(svc.stream(identity, cp.lastPid ? { ...extra, [key]: { $gt: cp.lastPid } } : extra, { sort, batchSize: 2000 }), key)
        : new BatchedChildren((pids) => svc.stream(identity, { ...extra, [key]: { $in: pids } }, { sort, batchSize: 2000 }), key);
    const labels = sets.length
      ? children(this.services.labels, 'datasetPid', { labelSet: { $in: sets.map((s) => s.name) }, source: { $in: req.labelSources }, withdrawnAt: { $exists: false } }, { datasetPid: 1, _id: 1 })
      : undefined;
    const blocks = req.includeFiles ? children(this.services.origDatablocks, 'datasetId', {}, { datasetId: 1, chunkIndex: 1 }) : undefined;
    const batchSize = this.settings.batchSize ?? 500;
    const writer = new BatchWriter(req, new GroupUnion(plan.groupPairs), files, sets, cp, labels, blocks);
    const cursor = this.services.datasets.stream(identity, this.selection(req, cp.lastPid), { sort: { _id: 1 }, batchSize });
    let done = Object.values(cp.splits).reduce((a, b) => a + b, 0);
    const writeBatch = async (batch: StoredRecord[]): Promise<Outcome> => {
      await writer.write(batch);
      done += batch.length;
      const b = await this.beat(job, worker, { checkpoint: cp, progress: { phase: 'write', total: plan.total, done } });
      if (b === 'ok') await onProgress({ phase: 'write', total: plan.total, done });
      return b;
    };
    try {
      let batch: StoredRecord[] = [];
      for await (const d of cursor) {
        batch.push(d);
        if (batch.length < batchSize) continue;
        const b = await writeBatch(batch);
        if (b !== 'ok') return b;
        batch = [];
      }
      if (batch.length) {
        const b = await writeBatch(batch);
        if (b !== 'ok') return b;
      }
    } finally {
      await cursor.close();
      await labels?.close();
      await blocks?.close();
      for (const f of files.values()) await f.close();
    }
    return { files, checkpoint: cp };
  }

  private async finalize(job: ExportJob, plan: ScanPlan, columns: Record<RecordSetName, Column[]>, sets: StoredLabelSet[], w: { files: Map<string, RecordFile>; checkpoint: Checkpoint }, startedAt: Date): Promise<OutputFile[]> {
    const req = job.request;
    const outputs: OutputFile[] = [];
    const add = async (name: string, extra: Partial<OutputFile> = {}) => outputs.push({ name, ...(await fileDigest(path.join(job.outDir, name))), ...extra });
    for (const set of ['datasets', 'labels', 'files'] as RecordSetName[]) {
      const jsonl = w.files.get(`${set}.jsonl`);
      if (!jsonl) continue;
      await add(`${set}.jsonl`, { recordSet: set, format: 'jsonl', records: jsonl.records });
      if (req.formats.includes('csv')) await add(`${set}.csv`, { recordSet: set, format: 'csv', records: jsonl.records });
      if (req.formats.includes('parquet')) {
        await jsonlToParquet(jsonl.path, path.join(job.outDir, `${set}.parquet`), columns[set]);
        await add(`${set}.parquet`, { recordSet: set, format: 'parquet', records: jsonl.records });
      }
    }
    const finishedAt = new Date();
    const catalog = { name: this.settings.catalogName, url: this.settings.publicUrl(), version: this.settings.version };
    const cp = w.checkpoint;
    const provenance = {
      export: job._id,
      catalog,
      requestedBy: job.owner,
      request: req,
      createdAt: job.createdAt,
      startedAt,
      finishedAt,
      runs: job.runs,
      selection: { datasets: plan.total, splits: cp.splits },
      labels: { total: cp.labelStats.labels, human: cp.labelStats.human, model: cp.labelStats.model, labellers: cp.labelStats.labellers.length },
      files: w.files.get('files.jsonl')?.records ?? 0,
      note: 'Every read applied the access rights of requestedBy at the time of the export.',
    };
    await writeFile(path.join(job.outDir, 'provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`);
    await add('provenance.json');
    const ld = croissant({
      request: req,
      plan,
      columns,
      labelSets: sets,
      files: outputs,
      splitCounts: cp.splits,
      labelStats: { labels: cp.labelStats.labels, human: cp.labelStats.human, model: cp.labelStats.model, labellers: cp.labelStats.labellers.length, models: cp.labelStats.labellers.filter((l) => !l.startsWith('person:')) },
      jobId: job._id,
      requestedBy: job.owner.subject,
      startedAt,
      finishedAt,
      catalog,
      downloadUrl: `${catalog.url}/exports/${job._id}/`,
    });
    await writeFile(path.join(job.outDir, 'croissant.json'), `${JSON.stringify(ld, null, 2)}\n`);
    await add('croissant.json');
    const manifest = { export: job._id, createdAt: finishedAt, files: outputs.map((o) => ({ name: o.name, bytes: o.bytes, sha256: o.sha256, ...(o.records !== undefined && { records: o.records }) })) };
    await writeFile(path.join(job.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await add('manifest.json');
    return outputs;
  }
}
