// The service container: one instance of each entity service per process, shared by GraphQL, the CLI,
// seeds and (later) ingest. Services are stateless; all state is in MongoDB.
import type { Db } from 'mongodb';
import { ApiKeyService } from '../auth/apikey.service';
import { Collections } from '../db';
import { OutboxRepository } from './outbox/outbox.repository';
import type { ServiceOptions } from './common/record.service';
import { InstrumentService } from './instrument/instrument.service';
import { ProposalService } from './proposal/proposal.service';
import { SampleService } from './sample/sample.service';
import { DatasetService } from './dataset/dataset.service';
import { OrigDatablockService } from './origdatablock/origdatablock.service';
import { PublicationService } from './publication/publication.service';
import { DoiWorkflow, type DoiSettings } from '../doi/doi.workflow';
import { LabelService } from './label/label.service';
import { LabelSetService } from './label/labelset.service';
import { ExportService } from '../export/export.service';
import { projectRoot } from '../common/paths';
import path from 'node:path';
import { Search, type ReadStoreMode, type SearchSettings } from '../search';
import { IngestService, type IngestSettings } from '../ingest/ingest.service';

export interface Services {
  db: Db;
  options: ServiceOptions;
  outbox: OutboxRepository;
  apiKeys: ApiKeyService;
  instruments: InstrumentService;
  proposals: ProposalService;
  samples: SampleService;
  datasets: DatasetService;
  origDatablocks: OrigDatablockService;
  publications: PublicationService;
  labelSets: LabelSetService;
  labels: LabelService;
  exports: ExportService;
  doi: DoiWorkflow;
  /** Search over Elasticsearch; its calls say clearly when no Elasticsearch is configured. */
  search: Search;
  /** Declarative ingest: mapping files, runs, quarantine. */
  ingest: IngestService;
}

/** `doi` settings: the DataCite client (absent: DOIs cannot be registered) and the public address. */
export function createServices(
  db: Db,
  options: ServiceOptions,
  doi: DoiSettings = { publicUrl: 'http://127.0.0.1:4000' },
  search: { settings: SearchSettings; pollMs?: number; batch?: number; readStore?: ReadStoreMode } = { settings: { prefix: 'catalog' } },
  ingest: IngestSettings = { mappingsDir: path.join(projectRoot(), 'mappings'), leaseMs: 30_000, retries: 5, backoffMs: 1000 },
): Services {
  const searchParts = new Search(db, search.settings, { pollMs: search.pollMs ?? 250, batch: search.batch ?? 500 }, search.readStore);
  // lists, relations and counts read the index when it can answer; writes go to MongoDB and then the index
  options = { ...options, reads: searchParts.reads };
  const outbox = new OutboxRepository(db);
  const datasets = new DatasetService(db, outbox, options);
  const samples = new SampleService(db, outbox, options, datasets);
  const proposals = new ProposalService(db, outbox, options, { datasets, samples: () => samples });
  const instruments = new InstrumentService(db, outbox, options);
  instruments.datasets = datasets;
  const origDatablocks = new OrigDatablockService(db, outbox, options, datasets);
  const labelSets = new LabelSetService(db);
  const labels = new LabelService(db, outbox, options, datasets, labelSets);
  datasets.onDeleted = async (identity, rec) => {
    await origDatablocks.removeForDataset(identity, rec._id);
    await labels.removeForDataset(identity, rec._id);
    // harvesters learn of a published dataset's removal from its OAI-PMH tombstone
    if (rec.isPublished) await db.collection(Collections.oaiDeleted).replaceOne({ _id: rec._id } as any, { updatedAt: new Date(), instrumentId: rec.instrumentId }, { upsert: true });
  };
  // blocks and labels are visible exactly where their dataset is
  datasets.onAccessChanged = async (identity, pid, access) => {
    await origDatablocks.syncAccess(identity, 'datasetId', pid, access);
    await labels.syncAccess(identity, 'datasetPid', pid, access);
  };
  const publications = new PublicationService(db, outbox, options);
  const services: Services = { db, options, outbox, apiKeys: new ApiKeyService(db), instruments, proposals, samples, datasets, origDatablocks, publications, labelSets, labels } as Services;
  services.exports = new ExportService(db, services, options.exportDir ?? path.join(projectRoot(), '.data', 'exports'));
  services.doi = new DoiWorkflow(services, doi);
  services.search = searchParts;
  services.ingest = new IngestService(services, ingest);
  return services;
}
