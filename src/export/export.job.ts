// The export job as stored in MongoDB: the request, who asked (their access applies to every read),
// the lease of the worker running it, and the checkpoint a resumed run continues from.
import type { Role } from '../auth';
import type { StorageNote } from '../common/storable';
import type { ScanPlan } from './columns';
import type { OutputFile } from './croissant';
import type { ExportRequest } from './export.request';
import type { SplitName } from './splits';

export const JOB_STATUSES = ['queued', 'running', 'cancelled', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type JobPhase = 'queued' | 'scan' | 'write' | 'finalize' | 'done';
export const TERMINAL: readonly JobStatus[] = ['cancelled', 'completed', 'failed'];

export interface LabelStats {
  labels: number;
  human: number;
  model: number;
  labellers: string[];
}

export interface Checkpoint {
  /** The last dataset written; the next run reads after it. Null: none yet. */
  lastPid: string | null;
  /** Size and record count of each record file at the checkpoint (a list: MongoDB keys may not hold dots). */
  files: { name: string; bytes: number; records: number }[];
  splits: Record<SplitName, number>;
  labelStats: LabelStats;
}

export interface ExportJob {
  _id: string;
  status: JobStatus;
  request: ExportRequest;
  owner: { subject: string; role: Role; groups: string[] };
  outDir: string;
  createdAt: Date;
  updatedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  cancelRequested?: boolean;
  lease?: { worker: string; until: Date } | null;
  /** Values of the request changed so the store keeps them (NUL in the name, a "." in a key), by path in the request. */
  _normalized?: StorageNote[];
  /** How many times a worker took the job (1 for a run that was never interrupted). */
  runs: number;
  plan?: ScanPlan;
  checkpoint?: Checkpoint;
  progress: { phase: JobPhase; total: number; done: number };
  outputs?: OutputFile[];
  error?: string;
}
