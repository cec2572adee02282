import type { Config } from '../../config';
import type { IngestSettings } from './ingest.service';

/** The ingest settings of the configuration, in the form the service container takes. */
export function ingestOptions(cfg: Config): IngestSettings {
  return { mappingsDir: cfg.mappingsDir, leaseMs: cfg.ingestLeaseMs, retries: cfg.ingestRetries, backoffMs: cfg.ingestBackoffMs, storageRoots: cfg.storageRoots };
}
