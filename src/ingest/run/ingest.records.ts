// The records of the ingest bookkeeping: runs (counts, checkpoint, what they read), the per-mapping state, and
// quarantined source records. IngestRepository (ingest.repository.ts) stores them.
import type { Checkpoint } from '../adapters/adapter';

export type RunMode = 'full' | 'incremental' | 'keys' | 'sweep';
/** The states of an ingest run (the schema's IngestRunStatus is built from this list). */
export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type EntityCounts = { created: number; updated: number; unchanged: number };

export interface RunCounts {
  read: number;
  quarantined: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records not mapped because their content hash was the one last written (mappings with changes: hash). */
  skipped?: number;
  /** Per entity (proposal, sample, dataset, origdatablock). */
  entities: Record<string, EntityCounts>;
}

export interface IngestRun {
  _id: string;
  mappingId: string;
  mappingVersion: string;
  /** SHA-256 of the mapping's JSON as the run read it. */
  mappingDigest?: string;
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
  /** Keys a key import asked for that the source does not have. */
  missingKeys?: string[];
  /** The runs of a mapping's further roots, when it has some (not stored with this run: each is a run of its own). */
  parts?: IngestRun[];
  /** What the run reads, in words (every record, the sweep window, those past the checkpoint; whether hashes skip unchanged ones). */
  reads?: string;
  /** Why an incremental run read the source from its start instead of its checkpoint (the mapping changed). */
  rereadReason?: string;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt?: Date;
  rev: number;
}

export interface IngestState {
  _id: string;
  checkpoint?: Checkpoint | null;
  /** The mapping the checkpoint was reached with: its version and the SHA-256 of its JSON (a changed mapping reads everything again). */
  mapping?: { version: string; digest: string };
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

