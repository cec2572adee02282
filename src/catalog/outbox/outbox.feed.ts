// Reads the shared outbox and publishes each change to this process's subscribers. Every API replica
// runs one, so a change written through any replica reaches clients connected to all of them.
import { ObjectId } from 'mongodb';
import { logger } from '../../common/logger';
import type { OutboxEvent, OutboxRepository } from './outbox.repository';

/** ObjectIds from different writers are ordered only to the second, so each poll re-reads this window. */
const LOOKBACK_SECONDS = 2;
const BATCH = 1000;

export type Publish = (topic: string, event: OutboxEvent) => void;

export class OutboxFeed {
  private timer?: NodeJS.Timeout;
  private seen = new Map<string, number>();
  private from: number;
  private running = false;
  private stopped = false;

  constructor(private readonly outbox: OutboxRepository, private readonly publish: Publish, private readonly pollMs: number) {
    this.from = Math.floor(Date.now() / 1000);
  }

  /** The pub/sub topic the changes of one entity are published on: `changes:<entity>`. */
  static topic(entity: string): string {
    return `changes:${entity}`;
  }

  /** Starts polling the outbox every `pollMs` milliseconds, publishing each new entry once; entries from before the feed was built (less a 2-second window) are skipped. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops polling; a poll already running finishes but schedules no next one. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  /** One read of the outbox; public so tests can drive it without waiting. */
  async poll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let delivered = 0;
    try {
      for (;;) {
        const events = await this.outbox.since(ObjectId.createFromTime(this.from - LOOKBACK_SECONDS), BATCH + this.seen.size);
        let fresh = 0;
        for (const e of events) {
          const key = e._id!.toHexString();
          if (this.seen.has(key)) continue;
          const ts = e._id!.getTimestamp().getTime() / 1000;
          this.seen.set(key, ts);
          this.from = Math.max(this.from, Math.floor(ts));
          this.publish(OutboxFeed.topic(e.entity), e);
          fresh++;
        }
        delivered += fresh;
        if (fresh === 0 || events.length < BATCH) break;
      }
      for (const [k, ts] of this.seen) if (ts < this.from - LOOKBACK_SECONDS - 1) this.seen.delete(k);
    } catch (e) {
      logger.warn({ err: e }, 'outbox poll failed; retrying');
    } finally {
      this.running = false;
      this.schedule();
    }
    return delivered;
  }
}
