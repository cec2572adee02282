// Owns export jobs: their creation (every check that can be made before running), cancel and resume,
// and the leases by which any worker (API replica or CLI) takes a job and continues from its checkpoint.
import { storable, storableQuiet, type StorageNote } from '../common/storable';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Db, Filter } from 'mongodb';
import { assertSignedIn, canSeeJob, isAnonymous, seesAll, type Identity } from '../auth';
import { Collections, findIds } from '../db';
import { KeyLists } from '../db/keylist';
import { errors } from '../common/errors';
import type { CatalogServices } from '../catalog';
import { normalizeRequest, filterOf, type ExportRequest, type SplitSpec } from './export.request';
import { TERMINAL, type ExportJob } from './export.job';

/** A worker that has not renewed its lease for this long is taken to be dead; another may continue its job. */
export const LEASE_MS = 60_000;
const JOB_ID_RE = /^exp-[0-9a-f-]{36}$/;
/** How many recent jobs are listed, in all and per owner; older ones stay readable by id. */
export const RECENT_JOBS = 1000;
/** The key lists of jobs: every job, each owner's, and the open ones (queued or running) workers claim from. */
const ALL = 'exports:all';
const OPEN = 'exports:open';
const ownerList = (subject: string) => `exports:owner:${subject}`;

export type ExportInput = Omit<Partial<ExportRequest>, 'split'> & { split?: Partial<SplitSpec> };

export class ExportService {
  private readonly lists: KeyLists;

  constructor(private readonly db: Db, private readonly services: Pick<CatalogServices, 'datasets' | 'labelSets'>, private readonly exportDir: string) {
    this.lists = new KeyLists(db);
  }

  /** The MongoDB collection of export jobs (export_jobs), one document per job. */
  get col() {
    return this.db.collection<ExportJob>(Collections.exportJobs);
  }

  /** Checks the request against the catalog (label sets, a non-empty selection) and queues the job. */
  async create(identity: Identity, input: ExportInput, opts: { outDir?: string } = {}): Promise<ExportJob> {
    assertSignedIn(identity, 'exporting');
    // the request is the caller's text (a name, filter values): kept in the form the store keeps, with notes
    const notes: StorageNote[] = [];
    const request = storable(normalizeRequest(input), notes) as ExportRequest;
    await this.services.labelSets.require(request.labelSets, '/labelSets');
    const query = this.services.datasets.query(filterOf(request));
    const n = await this.services.datasets.count(identity, query);
    if (n === 0) throw errors.badInput(`the selection is empty: no dataset you may see matches the filter ${JSON.stringify(request.filter)}`, { path: '/filter' });
    const id = `exp-${randomUUID()}`;
    const now = new Date();
    const job: ExportJob = {
      _id: id,
      status: 'queued',
      request,
      owner: storableQuiet({ subject: identity.subject, role: identity.role, groups: [...identity.groups] }),
      outDir: path.resolve(opts.outDir ?? path.join(this.exportDir, id)),
      createdAt: now,
      updatedAt: now,
      runs: 0,
      progress: { phase: 'queued', total: n, done: 0 },
      ...(notes.length && { _normalized: notes }),
    };
    await this.col.insertOne(job);
    await this.lists.add(OPEN, [id], Number.MAX_SAFE_INTEGER);
    await this.lists.add(ALL, [id], RECENT_JOBS);
    await this.lists.add(ownerList(identity.subject), [id], RECENT_JOBS);
    return job;
  }

  /** The job if the caller owns it (stewards and admins see every job); null otherwise. */
  async get(identity: Identity, id: string): Promise<ExportJob | null> {
    if (typeof id !== 'string' || !JOB_ID_RE.test(id)) return null;
    const job = await this.col.findOne({ _id: id });
    return job && canSeeJob(identity, job) ? job : null;
  }

  /** The caller's newest jobs (every job for stewards and admins), newest first: key reads only. */
  async list(identity: Identity, limit: number): Promise<ExportJob[]> {
    if (isAnonymous(identity)) return [];
    const ids = (await this.lists.get(seesAll(identity) ? ALL : ownerList(identity.subject))).slice(0, limit);
    const jobs = (await findIds(this.col, ids)) as ExportJob[];
    return jobs.filter((j) => canSeeJob(identity, j)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? -1 : 1));
  }

  /** A queued job is cancelled at once; a running one stops at its next checkpoint. */
  async cancel(identity: Identity, id: string): Promise<ExportJob> {
    const job = await this.mustGet(identity, id);
    if (TERMINAL.includes(job.status)) throw errors.invalidTransition(`export ${id} is ${job.status}; only a queued or running export can be cancelled`, { status: job.status });
    const now = new Date();
    const r = await this.col.findOneAndUpdate(
      { _id: id, status: job.status },
      job.status === 'queued' ? { $set: { status: 'cancelled', updatedAt: now, finishedAt: now } } : { $set: { cancelRequested: true, updatedAt: now } },
      { returnDocument: 'after' },
    );
    return r ?? this.cancel(identity, id); // it changed state meanwhile: decide again
  }

  /** A cancelled or failed job goes back to the queue; it continues from its checkpoint. */
  async resume(identity: Identity, id: string): Promise<ExportJob> {
    const job = await this.mustGet(identity, id);
    if (job.status !== 'cancelled' && job.status !== 'failed') throw errors.invalidTransition(`export ${id} is ${job.status}; only a cancelled or failed export can be resumed`, { status: job.status });
    const r = await this.col.findOneAndUpdate(
      { _id: id, status: job.status },
      { $set: { status: 'queued', cancelRequested: false, updatedAt: new Date() }, $unset: { error: '', finishedAt: '' } },
      { returnDocument: 'after' },
    );
    if (!r) throw errors.conflict(`export ${id} changed while it was being resumed; try again`);
    await this.lists.add(OPEN, [id], Number.MAX_SAFE_INTEGER);
    return r;
  }

  /**
   * The job each time its state or progress changes, until it ends. Read from the shared job record, so
   * a subscriber on any replica follows a job that runs on any other.
   */
  async *watch(identity: Identity, id: string, intervalMs = 500): AsyncGenerator<ExportJob> {
    let last = '';
    for (;;) {
      const job = await this.get(identity, id);
      if (!job) throw errors.notFound('Export', id);
      const key = `${job.status}:${job.progress.phase}:${job.progress.done}:${job.cancelRequested ?? false}`;
      if (key !== last) {
        last = key;
        yield job;
      }
      if (TERMINAL.includes(job.status)) return;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /**
   * Takes the oldest queued job, or a running one whose worker's lease ran out (the worker died). The
   * candidates come from the list of open jobs (key reads; ended jobs are dropped from it here), and a
   * job is taken by a conditional update of its own record, so two workers never take the same one.
   */
  async claim(worker: string, only?: string): Promise<ExportJob | null> {
    const now = new Date();
    const ids = only ? [only] : await this.lists.get(OPEN);
    const jobs = (await findIds(this.col, ids, { status: 1, createdAt: 1, lease: 1 })) as ExportJob[];
    const ended = jobs.filter((j) => TERMINAL.includes(j.status)).map((j) => j._id);
    if (!only) await this.lists.remove(OPEN, [...ended, ...ids.filter((id) => !jobs.some((j) => j._id === id))]);
    const ready = (j: ExportJob) => j.status === 'queued' || (j.status === 'running' && !!j.lease && j.lease.until < now);
    for (const j of jobs.filter(ready).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const still: Filter<ExportJob> = { _id: j._id, $or: [{ status: 'queued' }, { status: 'running', 'lease.until': { $lt: now } }] };
      const taken = await this.col.findOneAndUpdate(still, { $set: { status: 'running', lease: { worker, until: new Date(now.getTime() + LEASE_MS) }, updatedAt: now }, $inc: { runs: 1 } }, { returnDocument: 'after' });
      if (taken) return taken;
    }
    return null;
  }

  /** Fills the key lists from the jobs collection (a migration, for jobs created before the lists existed). */
  static async rebuildLists(db: Db): Promise<number> {
    const lists = new KeyLists(db);
    const jobs = await db.collection<ExportJob>(Collections.exportJobs).find({}, { projection: { _id: 1, status: 1, createdAt: 1, 'owner.subject': 1 } }).toArray();
    jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const j of jobs) {
      if (!TERMINAL.includes(j.status)) await lists.add(OPEN, [j._id], Number.MAX_SAFE_INTEGER);
      await lists.add(ALL, [j._id], RECENT_JOBS);
      await lists.add(ownerList(j.owner.subject), [j._id], RECENT_JOBS);
    }
    return jobs.length;
  }

  private async mustGet(identity: Identity, id: string): Promise<ExportJob> {
    const job = await this.get(identity, id);
    if (!job) throw errors.notFound('Export', id);
    return job;
  }
}
