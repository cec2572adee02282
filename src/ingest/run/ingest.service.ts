// Owns ingest for the API and the workers: finds mapping files, runs them, and reads run history and
// quarantine with the caller's rights (ingestors and admins run; stewards also read).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assertSignedIn, canRunIngest, seesAll, type Identity } from '../../auth';
import type { CatalogServices as Services } from '../../catalog';
import { errors } from '../../common/errors';
import { findIds } from '../../db';
import { IngestRunner, type RunOptions, type RunnerSettings } from './ingest.runner';
import type { IngestRun, QuarantineEntry, RunStatus } from './ingest.repository';
import { loadMapping, MappingError, validateMapping } from '../mapping/mapping.validate';
import type { Mapping } from '../mapping/mapping.types';

export interface IngestSettings extends RunnerSettings {
  mappingsDir: string;
}

export interface MappingInfo {
  file: string;
  id?: string;
  version?: string;
  adapter?: string;
  problems: { path: string; message: string; hint?: string }[];
}

export class IngestService {
  readonly runner: IngestRunner;

  constructor(
    services: Services,
    readonly settings: IngestSettings,
  ) {
    this.runner = new IngestRunner(services, settings);
  }

  private assertRun(identity: Identity): void {
    assertSignedIn(identity, 'running an ingest');
    if (!canRunIngest(identity)) throw errors.forbidden('running an ingest needs the ingestor or admin role');
  }

  private assertRead(identity: Identity): void {
    assertSignedIn(identity, 'reading ingest runs');
    if (!canRunIngest(identity) && !seesAll(identity)) throw errors.forbidden('ingest runs are visible to ingestors, stewards and admins');
  }

  /** Every mapping file in the folder, with its problems (an invalid file is listed, not hidden). */
  mappings(): MappingInfo[] {
    let files: string[] = [];
    try {
      files = readdirSync(this.settings.mappingsDir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return [];
    }
    return files.map((f) => {
      const file = path.join(this.settings.mappingsDir, f);
      try {
        const json = JSON.parse(readFileSync(file, 'utf8'));
        return { file: f, id: json.id, version: json.version, adapter: json.source?.adapter, problems: validateMapping(json) };
      } catch (e) {
        return { file: f, problems: [{ path: '', message: `is not JSON: ${(e as Error).message}` }] };
      }
    });
  }

  /** The mapping with this id (or file name) from the mappings folder; invalid ones are refused with their problems. */
  mapping(idOrFile: string): Mapping {
    const info = this.mappings().find((m) => m.id === idOrFile || m.file === idOrFile || m.file === `${idOrFile}.json`);
    if (!info) throw errors.notFound('Mapping', idOrFile);
    try {
      return loadMapping(path.join(this.settings.mappingsDir, info.file));
    } catch (e) {
      if (e instanceof MappingError) throw errors.badInput(e.message, { problems: e.problems });
      throw e;
    }
  }

  /**
   * Imports the records with these source keys now, as a message trigger does (no lease), and returns the finished
   * run. Errors: UNAUTHENTICATED, FORBIDDEN (not ingestor or admin), BAD_USER_INPUT (not 1 to 1000 keys, or an
   * invalid mapping), NOT_FOUND (no mapping with this id or file name), and whatever fails the run.
   */
  async runKeys(identity: Identity, mappingId: string, keys: string[], trigger = 'graphql'): Promise<IngestRun> {
    this.assertRun(identity);
    if (!keys.length || keys.length > 1000) throw errors.badInput('keys: give between 1 and 1000 source keys', { count: keys.length });
    const m = this.mapping(mappingId);
    return this.runner.run(m, { mode: 'keys', keys, trigger });
  }

  /**
   * Runs a mapping for a caller who may (ingestor or admin) and returns the finished run. Errors: UNAUTHENTICATED,
   * FORBIDDEN, CONFLICT (another worker holds the mapping's lease), SourceConfigError, SourceDownError after the retries.
   */
  async run(identity: Identity, m: Mapping, opts: RunOptions): Promise<IngestRun> {
    this.assertRun(identity);
    return this.runner.run(m, opts);
  }

  /** The newest `first` runs, of one mapping or in one status if asked (ingestors, stewards, admins). Errors: UNAUTHENTICATED, FORBIDDEN. */
  async runs(identity: Identity, filter: { mappingId?: string; status?: RunStatus }, first: number): Promise<IngestRun[]> {
    this.assertRead(identity);
    return this.runner.repo.listRuns(filter, first);
  }

  /** The run with this id, or null (ingestors, stewards, admins). Errors: UNAUTHENTICATED, FORBIDDEN. */
  async getRun(identity: Identity, id: string): Promise<IngestRun | null> {
    this.assertRead(identity);
    return this.runner.repo.getRun(id);
  }

  /**
   * Up to `first` quarantined source records, last seen first, of one mapping or one run if asked; the open ones,
   * and resolved ones too with includeResolved (ingestors and admins). Errors: UNAUTHENTICATED, FORBIDDEN.
   */
  async quarantine(identity: Identity, filter: { mappingId?: string; runId?: string; includeResolved?: boolean }, first: number): Promise<QuarantineEntry[]> {
    assertSignedIn(identity, 'reading quarantined source rows');
    if (!canRunIngest(identity)) throw errors.forbidden('quarantined source rows are visible to ingestors and admins');
    return this.runner.repo.listQuarantine(filter, first);
  }

  /** The run each time its progress or status changes, until it ends (polled: every replica sees every worker's runs). */
  async *watch(identity: Identity, filter: { runId?: string; mappingId?: string }, intervalMs = 500): AsyncGenerator<IngestRun> {
    this.assertRead(identity);
    const seen = new Map<string, number>();
    const started = new Date(Date.now() - 1000);
    for (;;) {
      // key reads: the run asked for, or the newest runs (those still beating, or ended since we began)
      const ids = filter.runId ? [filter.runId] : await this.runner.repo.recentRunIds(filter.mappingId, 50);
      const runs = ((await findIds(this.runner.repo.runs, ids)) as IngestRun[])
        .filter((r) => (filter.runId || r.heartbeatAt >= started) && (!filter.mappingId || r.mappingId === filter.mappingId))
        .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
      for (const r of runs) {
        if (seen.get(r._id) === r.rev) continue;
        seen.set(r._id, r.rev);
        yield r;
        if (filter.runId && r.status !== 'running') return;
      }
      await new Promise((res) => setTimeout(res, intervalMs));
    }
  }
}
