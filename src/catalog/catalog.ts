// The catalog domain's own wiring: one service per entity, the cascades between them (a dataset's
// blocks and labels follow its access and go with it), and the context type its resolvers read.
// Higher domains (search, ingest, export, doi, fair) take CatalogServices, or the part they need.
import type { Db } from 'mongodb';
import { ApiKeyService } from '../auth';
import { Collections } from '../db';
import type { Context } from '../graphql/context';
import { OutboxRepository } from './outbox/outbox.repository';
import type { ServiceOptions } from './common/record.service';
import { InstrumentService } from './instrument/instrument.service';
import { ProposalService } from './proposal/proposal.service';
import { SampleService } from './sample/sample.service';
import { DatasetService } from './dataset/dataset.service';
import { OrigDatablockService } from './origdatablock/origdatablock.service';
import { PublicationService } from './publication/publication.service';
import { LabelService } from './label/label.service';
import { LabelSetService } from './label/labelset.service';

/** One instance of each entity service per process; stateless (all state is in MongoDB). */
export interface CatalogServices {
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
}

/** What the catalog's resolvers are given per request. */
export type CatalogContext = Context<CatalogServices>;

/** Builds the entity services over `db`; `options.reads` is the read index lists use when it can answer. */
export function createCatalog(db: Db, options: ServiceOptions): CatalogServices {
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
  return { db, options, outbox, apiKeys: new ApiKeyService(db), instruments, proposals, samples, datasets, origDatablocks, publications, labelSets, labels };
}
