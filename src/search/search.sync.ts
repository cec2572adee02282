// The search sync worker: follows the outbox and indexes changes in bulk. One process at a time holds
// the lease (any replica may run the worker); the checkpoint only moves once Elasticsearch accepted a
// batch, so writes made while Elasticsearch is down are indexed when it returns, with no manual step.
import { randomUUID } from 'node:crypto';
import { ObjectId } from 'mongodb';
import { logger } from '../common/logger';
import type { OutboxRepository } from '../catalog';
import { LOOKBACK_SECONDS, type SearchIndexer } from './search.indexer';
import { SearchBackend } from './search.backend';
import type { SearchState } from './search.state';

const LEASE_MS = 30_000;
/** The longest wait between failing passes: lists read MongoDB until the sync has caught up, so keep it short. */
const MAX_BACKOFF_MS = 5_000;

export interface SyncOptions {
  pollMs: number;
  batch: number;
}

export class SearchSync {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  /** Passes run one after another, whether the timer or a caller started them. */
  private running: Promise<unknown> = Promise.resolve();
  private failures = 0;
  private seen = new Map<string, number>();
  /** Total events applied by this process, for status and tests. */
  applied = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly backend: SearchBackend,
    private readonly indexer: SearchIndexer,
    private readonly state: SearchState,
    private readonly opts: SyncOptions,
  ) {}

  /** Starts the worker: a pass at once, then one every `pollMs` ms (backing off up to 5 s while passes fail). Does nothing without an Elasticsearch URL. */
  start(): void {
    if (!this.backend.configured) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the worker: waits for a running pass to end, then gives up the sync lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running.catch(() => undefined);
    await this.state.release(this.owner).catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick().then(
        () => this.schedule(this.opts.pollMs),
        () => this.schedule(Math.min(MAX_BACKOFF_MS, this.opts.pollMs * 2 ** Math.min(this.failures, 8))),
      );
    }, ms);
    this.timer.unref();
  }

  /**
   * One pass: takes the lease, builds the index if there is none (or it is of an older definition),
   * then indexes the outbox from the checkpoint on. Returns how many events it applied. Public so
   * tests and the CLI can drive it.
   */
  tick(): Promise<number> {
    const next = this.running.catch(() => undefined).then(() => this.guardedPass());
    this.running = next;
    return next;
  }

  private async guardedPass(): Promise<number> {
    try {
      const n = await this.pass();
      if (this.failures) logger.info({ after: this.failures }, 'search sync recovered; the index is catching up');
      this.failures = 0;
      return n;
    } catch (e) {
      this.failures++;
      const msg = (e as Error).message;
      if (this.failures === 1 || this.failures % 20 === 0) logger.warn({ err: msg, failures: this.failures }, 'search sync failed; retrying with backoff (catalog writes are unaffected)');
      await this.state.failed(msg).catch(() => undefined);
      throw e;
    }
  }

  private async pass(): Promise<number> {
    if (!(await this.state.claim(this.owner, LEASE_MS))) return 0;
    let st = await this.state.get();
    const live = await this.backend.liveIndices();
    const outdated = live.length > 0 && live.every((i) => SearchBackend.versionOf(i) < this.backend.definition.version);
    if (!live.length || outdated || !st?.checkpoint) {
      if (!st?.building) {
        logger.info({ alias: this.backend.alias, reason: !live.length ? 'no index' : outdated ? 'older definition' : 'no checkpoint' }, 'building the search index from MongoDB');
        await this.indexer.reindex(this.state);
      }
      st = await this.state.get();
      if (!st?.checkpoint) return 0;
    }
    let applied = 0;
    let from = st.checkpoint!;
    for (;;) {
      const limit = this.opts.batch + this.seen.size;
      const since = ObjectId.createFromTime(from.getTimestamp().getTime() / 1000 - LOOKBACK_SECONDS);
      const events = await this.outbox.since(since, limit);
      const fresh = events.filter((e) => !this.seen.has(e._id!.toHexString()));
      if (!fresh.length) break;
      const targets = [this.backend.alias, ...(st.building?.index ? [st.building.index] : [])];
      const outcome = await this.indexer.applyEvents(fresh, targets);
      // a document Elasticsearch refuses is reported, not retried forever: `catalog search check` lists it
      if (outcome.failed.length) await this.state.refused(outcome.failed.length, `${outcome.failed[0].uid}: ${outcome.failed[0].reason}`);
      for (const e of fresh) this.seen.set(e._id!.toHexString(), e._id!.getTimestamp().getTime() / 1000);
      const last = fresh[fresh.length - 1]._id!;
      if (last.getTimestamp() >= from.getTimestamp()) from = last;
      await this.state.advance(from);
      applied += fresh.length;
      this.applied += fresh.length;
      if (events.length < limit) break;
      await this.state.claim(this.owner, LEASE_MS);
      st = (await this.state.get()) ?? st;
    }
    const horizon = from.getTimestamp().getTime() / 1000 - LOOKBACK_SECONDS - 1;
    for (const [k, ts] of this.seen) if (ts < horizon) this.seen.delete(k);
    // a pass that went through clears an error any holder of the lease recorded: lists may read the index
    // again, once what it applied is visible (a refresh first, or a list would count part of the backlog)
    if (st?.lastError) {
      await this.backend.es().indices.refresh({ index: this.backend.alias });
      await this.state.recovered();
    }
    return applied;
  }

  /** Runs passes until the outbox is indexed, then refreshes so everything is searchable (tests, CLI). */
  async drain(): Promise<void> {
    while ((await this.tick()) > 0);
    await this.backend.es().indices.refresh({ index: this.backend.alias });
  }
}
