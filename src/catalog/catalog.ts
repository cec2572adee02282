// The catalog domain's own wiring: one service per entity, each given what it depends on when it is
// built (the cascades live with the service that owns them), and the context type its resolvers read.
// Higher domains (search, ingest, export, doi, fair) take CatalogServices, or the part they need.
import type { Db } from 'mongodb';
import { ApiKeyService } from '../auth';
import type { Context } from '../graphql/context';
import { OutboxRepository } from './outbox/outbox.repository';
import type { ServiceOptions } from './common/record.service';
import { InstrumentService } from './instrument/instrument.service';
import { ProposalService } from './proposal/proposal.service';
import { SampleService } from './sample/sample.service';
import { DatasetService, type DatasetDependent } from './dataset/dataset.service';
import { OrigDatablockService } from './origdatablock/origdatablock.service';
import { PublicationService } from './publication/publication.service';
import { LabelService } from './label/label.service';
import { LabelSetService } from './label/labelset.service';
import { AttachmentService } from './attachment/attachment.service';

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
  attachments: AttachmentService;
}

/** What the catalog's resolvers are given per request. */
export type CatalogContext = Context<CatalogServices>;

/** Builds the entity services over `db`; `options.reads` is the read index lists use when it can answer. */
export function createCatalog(db: Db, options: ServiceOptions): CatalogServices {
  const outbox = new OutboxRepository(db);
  const datasets: DatasetService = new DatasetService(db, outbox, options, (): DatasetDependent[] => [origDatablocks, labels, attachments]);
  const samples: SampleService = new SampleService(db, outbox, options, datasets, () => [attachments.followerOf('sample')]);
  const proposals: ProposalService = new ProposalService(db, outbox, options, { datasets, samples: () => samples, dependents: () => [attachments.followerOf('proposal')] });
  const attachments = new AttachmentService(db, outbox, options, { datasets, samples, proposals });
  const instruments = new InstrumentService(db, outbox, options, datasets);
  const origDatablocks = new OrigDatablockService(db, outbox, options, datasets);
  const labelSets = new LabelSetService(db);
  const labels = new LabelService(db, outbox, options, datasets, labelSets);
  const publications = new PublicationService(db, outbox, options);
  return { db, options, outbox, apiKeys: new ApiKeyService(db), instruments, proposals, samples, datasets, origDatablocks, publications, labelSets, labels, attachments };
}
