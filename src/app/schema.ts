import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { createPubSubBus, type PubSub } from '../graphql/pubsub';
import { InstrumentResolver } from '../catalog/instrument/instrument.resolver';
import { ProposalResolver } from '../catalog/proposal/proposal.resolver';
import { SampleResolver } from '../catalog/sample/sample.resolver';
import { DatasetResolver } from '../catalog/dataset/dataset.resolver';
import { DatasetSubscriptionResolver } from '../catalog/dataset/dataset.subscription';
import { OrigDatablockResolver } from '../catalog/origdatablock/origdatablock.resolver';
import { PublicationResolver } from '../catalog/publication/publication.resolver';
import { ViewerResolver } from './viewer.resolver';
import { IngestResolver } from '../ingest/run/ingest.resolver';
import { DatasetLinksResolver, DoiResolver } from '../doi/doi.resolver';
import { DatasetLabelsResolver, LabelResolver } from '../catalog/label/label.resolver';
import { ExportResolver } from '../export/export.resolver';
import { AttachmentResolver, DatasetAttachmentsResolver, ProposalAttachmentsResolver, SampleAttachmentsResolver } from '../catalog/attachment/attachment.resolver';
import { FacetBucketResolver, SearchHitResolver, SearchResolver, TreeNodeResolver } from '../search/search.resolver';

export { createPubSubBus, type PubSub } from '../graphql/pubsub';

/** The executable GraphQL schema built from every resolver; subscriptions listen on `pubSub` (default: a new in-process bus). */
export async function createSchema(pubSub: PubSub = createPubSubBus()): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [IngestResolver, ViewerResolver, InstrumentResolver, ProposalResolver, SampleResolver, DatasetResolver, DatasetSubscriptionResolver, OrigDatablockResolver, PublicationResolver, DoiResolver, DatasetLinksResolver, LabelResolver, DatasetLabelsResolver, AttachmentResolver, DatasetAttachmentsResolver, SampleAttachmentsResolver, ProposalAttachmentsResolver, ExportResolver, SearchResolver, SearchHitResolver, FacetBucketResolver, TreeNodeResolver],
    pubSub: pubSub as any,
    validate: false,
  });
}

/** The SDL committed at schema/graphql/schema.graphql (sorted, so it diffs cleanly). */
export async function emitSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
