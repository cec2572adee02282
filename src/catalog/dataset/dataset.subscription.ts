import { Arg, Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { canRead } from '../../auth';
import type { CatalogContext } from '../catalog';
import { Loaders } from '../../graphql/loaders';
import { OutboxFeed } from '../outbox/outbox.feed';
import type { OutboxEvent } from '../outbox/outbox.repository';
import { Dataset } from './dataset.type';

@ObjectType({ description: 'A change to a dataset the subscriber may see.' })
export class DatasetChange {
  @Field({ description: 'created, updated or deleted' }) op: string;
  @Field() pid: string;
  @Field() at: Date;
  @Field({ description: 'Who made the change.' }) by: string;
  @Field(() => Dataset, { nullable: true, description: 'The dataset as it is now; null once deleted.' }) dataset: Dataset | null;
}

interface ChangeArgs {
  ownerGroup?: string;
  pid?: string;
}

@Resolver(() => DatasetChange)
export class DatasetSubscriptionResolver {
  @Subscription(() => DatasetChange, {
    topics: OutboxFeed.topic('Dataset'),
    description: 'Dataset changes, filtered by the subscriber\'s access (and optionally by ownerGroup or pid).',
    filter: ({ payload, args, context }: { payload: OutboxEvent; args: ChangeArgs; context: CatalogContext }) =>
      canRead(context.identity, payload.access) && (!args.ownerGroup || payload.access.ownerGroup === args.ownerGroup) && (!args.pid || payload.id === args.pid),
  })
  async datasetChanged(
    @Root() e: OutboxEvent,
    @Ctx() ctx: CatalogContext,
    @Arg('ownerGroup', () => String, { nullable: true }) _ownerGroup?: string,
    @Arg('pid', () => String, { nullable: true }) _pid?: string,
  ): Promise<DatasetChange> {
    // A subscription keeps one context for its life: give each event fresh loaders so nothing is stale.
    ctx.loaders = new Loaders(ctx.identity);
    const dataset = e.op === 'deleted' ? null : ((await ctx.services.datasets.get(ctx.identity, e.id)) as unknown as Dataset | null);
    return { op: e.op, pid: e.id, at: e.at, by: e.by, dataset };
  }
}
