// The service container of the composition root: the catalog's entity services (catalog/catalog.ts
// wires them), then the domains built on them: search, export, DOI registration and ingest.
import type { Db } from 'mongodb';
import path from 'node:path';
import { createCatalog, type CatalogServices } from '../catalog';
import type { ServiceOptions } from '../catalog/common/record.service';
import { FunctionalAccounts } from '../auth';
import { projectRoot } from '../common/paths';
import { DoiWorkflow, type DoiSettings } from '../doi';
import { ExportService } from '../export';
import { DatasetFiles, StorageRoots } from '../files';
import type { StorageRootSetting } from '../config';
import { IngestService, type IngestSettings } from '../ingest';
import { Search, type ReadStoreMode, type SearchSettings } from '../search';

export interface Services extends CatalogServices {
  exports: ExportService;
  doi: DoiWorkflow;
  /** Search over Elasticsearch; its calls say clearly when no Elasticsearch is configured. */
  search: Search;
  /** Declarative ingest: mapping files, runs, quarantine. */
  ingest: IngestService;
  /** Datasets' files on the storage roots of this machine (downloads, archives, checksums). */
  files: DatasetFiles;
  /** Local functional accounts that log in with a password (SciCat's REST login). */
  accounts: FunctionalAccounts;
}

/** `doi` settings: the DataCite client (absent: DOIs cannot be registered) and the public address; `storageRoots`: where datasets' files are (none: no file is served). */
export function createServices(
  db: Db,
  options: ServiceOptions,
  doi: DoiSettings = { publicUrl: 'http://127.0.0.1:4000' },
  search: { settings: SearchSettings; pollMs?: number; batch?: number; readStore?: ReadStoreMode } = { settings: { prefix: 'catalog' } },
  ingest: IngestSettings = { mappingsDir: path.join(projectRoot(), 'mappings'), leaseMs: 30_000, retries: 5, backoffMs: 1000 },
  storageRoots: StorageRootSetting[] = [],
): Services {
  const searchParts = new Search(db, search.settings, { pollMs: search.pollMs ?? 250, batch: search.batch ?? 500 }, search.readStore);
  // lists, relations and counts read the index when it can answer; writes go to MongoDB and then the index;
  // a dataset may point under a storage root only when its writer is trusted for that root
  const roots = new StorageRoots(storageRoots);
  options = { ...options, reads: searchParts.reads, folderGuard: (identity, instrumentId, folder) => roots.mayDeclare(identity, instrumentId, folder) };
  const catalog = createCatalog(db, options);
  const exports = new ExportService(db, catalog, options.exportDir ?? path.join(projectRoot(), '.data', 'exports'));
  // each domain is given the catalog it builds on, never the whole container
  const files = new DatasetFiles(catalog, roots);
  return { ...catalog, exports, doi: new DoiWorkflow(catalog, doi), search: searchParts, ingest: new IngestService(catalog, ingest), files, accounts: new FunctionalAccounts(db) };
}
