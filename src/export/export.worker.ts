// Runs queued export jobs inside an API process. Every replica may run one; a job belongs to whichever
// worker holds its lease, and a job whose worker died is taken over when the lease runs out.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { logger } from '../common/logger';
import type { ExportService } from './export.service';
import type { ExportRunner, RunOutcome } from './export.runner';

export class ExportWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private current?: Promise<RunOutcome | null>;
  private stopping = false;

  constructor(private readonly jobs: ExportService, private readonly runner: ExportRunner, private readonly pollMs: number) {}

  /** Starts taking queued jobs, one at a time: the next is looked for at once after a job ran, else after `pollMs` milliseconds. */
  start(): void {
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops taking jobs; a running job is given back at its next checkpoint. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    let ran: RunOutcome | null = null;
    try {
      this.current = this.tick();
      ran = await this.current;
    } catch (e) {
      logger.warn({ err: e }, 'export worker: could not take a job; retrying');
    } finally {
      this.current = undefined;
      this.schedule(ran ? 0 : this.pollMs);
    }
  }

  /** Takes one job and runs it; null when none is waiting. */
  async tick(): Promise<RunOutcome | null> {
    const job = await this.jobs.claim(this.id);
    if (!job) return null;
    return this.runner.run(job, this.id, undefined, () => this.stopping);
  }
}
