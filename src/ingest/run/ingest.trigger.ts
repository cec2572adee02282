// Triggers: a job-finished message on Kafka imports the record whose key it carries, and a scheduled
// sweep re-reads the records whose cursor moved within a window, repairing whatever a lost message
// missed. An offset is committed only after its import succeeded, so a message is never lost to a crash.
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { IngestService } from './ingest.service';
import { first } from '../mapping/paths';
import { durationMs, type Mapping } from '../mapping/mapping.types';
import { SourceDownError } from '../adapters';

export interface TriggerLog {
  info(msg: string): void;
  error(msg: string): void;
}

export class IngestTriggers {
  private consumers: Consumer[] = [];
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly ingest: IngestService,
    private readonly brokers: string[] | undefined,
    private readonly log: TriggerLog,
    private readonly groupId = 'catalog-ingest',
  ) {}

  /** The body's key, or why the message does not trigger an import. */
  static keyOf(m: Mapping, value: Buffer | null): { key?: string; skip?: string } {
    const t = m.triggers!.message!;
    let body: unknown;
    try {
      body = JSON.parse(value?.toString('utf8') ?? '');
    } catch {
      return { skip: 'the message is not JSON' };
    }
    for (const [p, want] of Object.entries(t.filter ?? {})) {
      if (first(p, body) !== want) return { skip: `${p} is not ${JSON.stringify(want)}` };
    }
    const key = first(t.key, body);
    if (key === undefined || key === null || key === '') return { skip: `the message has no key at ${t.key}` };
    return { key: String(key) };
  }

  /**
   * Starts the triggers of these mappings: a consumer group per message trigger (missing topics are created; an
   * offset is committed only once its key was imported) and a timer per sweep trigger (every triggers.sweep.every,
   * a duration such as "15m"). Throws when message triggers exist but CATALOG_KAFKA_BROKERS is not set.
   */
  async start(mappings: Mapping[]): Promise<void> {
    const withMessages = mappings.filter((m) => m.triggers?.message);
    if (withMessages.length) {
      if (!this.brokers?.length) throw new Error('CATALOG_KAFKA_BROKERS is not set: message triggers need a Kafka broker');
      const kafka = new Kafka({ clientId: 'catalog-ingest', brokers: this.brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 300 } });
      // a topic nobody has written to yet is created, so a worker can start before the first job finishes
      const admin = kafka.admin();
      await admin.connect();
      try {
        const have = new Set(await admin.listTopics());
        const missing = [...new Set(withMessages.map((m) => m.triggers!.message!.topic))].filter((t) => !have.has(t));
        if (missing.length) await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
      for (const m of withMessages) {
        const consumer = kafka.consumer({ groupId: `${this.groupId}.${m.id}`, retry: { retries: 10, initialRetryTime: 500 } });
        this.consumers.push(consumer);
        await consumer.connect();
        await consumer.subscribe({ topic: m.triggers!.message!.topic, fromBeginning: true });
        await consumer.run({
          autoCommit: true,
          eachMessage: async ({ message, topic, partition }) => {
            const { key, skip } = IngestTriggers.keyOf(m, message.value);
            if (!key) {
              this.log.info(`${topic}[${partition}]@${message.offset}: ignored (${skip})`);
              return;
            }
            try {
              const run = await this.ingest.runner.run(m, { mode: 'keys', keys: [key], trigger: `kafka:${topic}` });
              this.log.info(`${topic}@${message.offset}: imported ${m.id} key ${key} (run ${run._id}: ${run.counts.created} created, ${run.counts.updated} updated, ${run.counts.unchanged} unchanged, ${run.counts.quarantined} quarantined)`);
            } catch (e) {
              // thrown: kafkajs does not commit the offset and delivers the message again after a backoff
              this.log.error(`${topic}@${message.offset}: import of ${m.id} key ${key} failed: ${(e as Error).message}`);
              throw e;
            }
          },
        });
        this.log.info(`listening on Kafka topic ${m.triggers!.message!.topic} for ${m.id}`);
      }
    }
    for (const m of mappings.filter((x) => x.triggers?.sweep)) {
      const every = durationMs(m.triggers!.sweep!.every);
      const tick = async () => {
        if (this.stopped) return;
        try {
          const run = await this.ingest.runner.run(m, { mode: 'sweep', trigger: 'schedule' });
          this.log.info(`sweep of ${m.id} over ${m.triggers!.sweep!.window}: ${run.counts.read} read, ${run.counts.created} created, ${run.counts.updated} updated, ${run.counts.unchanged} unchanged, ${run.counts.quarantined} quarantined`);
        } catch (e) {
          this.log.error(`sweep of ${m.id} failed${e instanceof SourceDownError ? ' (source down; the next sweep tries again)' : ''}: ${(e as Error).message}`);
        }
      };
      this.timers.push(setInterval(() => void tick(), every));
      this.log.info(`sweeping ${m.id} every ${m.triggers!.sweep!.every} over the last ${m.triggers!.sweep!.window}`);
    }
  }

  /** Stops the sweep timers and disconnects the consumers (errors while disconnecting are ignored); a sweep already running is not awaited. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
  }
}
