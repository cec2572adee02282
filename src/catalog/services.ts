// The service container: one instance of each entity service per process, shared by GraphQL, the CLI,
// seeds and (later) ingest. Services are stateless; all state is in MongoDB.
import type { Db } from 'mongodb';
import { ApiKeyService } from '../auth/apikey.service';
import { OutboxRepository } from './outbox/outbox.repository';
import type { ServiceOptions } from './common/record.service';
import { InstrumentService } from './instrument/instrument.service';
import { ProposalService } from './proposal/proposal.service';
import { SampleService } from './sample/sample.service';
import { DatasetService } from './dataset/dataset.service';
import { OrigDatablockService } from './origdatablock/origdatablock.service';
import { PublicationService } from './publication/publication.service';

export interface Services {
  options: ServiceOptions;
  outbox: OutboxRepository;
  apiKeys: ApiKeyService;
  instruments: InstrumentService;
  proposals: ProposalService;
  samples: SampleService;
  datasets: DatasetService;
  origDatablocks: OrigDatablockService;
  publications: PublicationService;
}

export function createServices(db: Db, options: ServiceOptions): Services {
  const outbox = new OutboxRepository(db);
  const datasets = new DatasetService(db, outbox, options);
  const samples = new SampleService(db, outbox, options, datasets);
  const proposals = new ProposalService(db, outbox, options, { datasets, samples: () => samples });
  const instruments = new InstrumentService(db, outbox, options);
  instruments.datasets = datasets;
  const origDatablocks = new OrigDatablockService(db, outbox, options, datasets);
  datasets.onDeleted = (identity, rec) => origDatablocks.removeForDataset(identity, rec._id);
  datasets.onAccessChanged = (identity, pid, access) => origDatablocks.syncAccess(identity, pid, access);
  const publications = new PublicationService(db, outbox, options);
  return { options, outbox, apiKeys: new ApiKeyService(db), instruments, proposals, samples, datasets, origDatablocks, publications };
}
