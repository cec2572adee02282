// A page of datasets hanging off another record (proposal, sample, instrument, or a dataset's derived
// datasets), with the arguments every such field takes.
import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field, Int } from 'type-graphql';
import type { CatalogContext } from '../catalog';
import { childrenOf } from '../common/relations';
import { DEFAULT_DATASET_SORT, DatasetSort } from './dataset.type';

/** The arguments of a dataset back relation: a page (`first`, `after` cursor) in `sort` order (default newest first). */
@ArgsType()
export class DatasetPageArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => DatasetSort, { nullable: true }) sort?: DatasetSort;
}

/** Datasets whose `field` holds `key` (proposal, sample, instrument, derived → datasets), one page per parent through the loaders. */
export function datasetsOf(ctx: CatalogContext, field: string, key: string, args: DatasetPageArgs, info: GraphQLResolveInfo) {
  return childrenOf(ctx, ctx.services.datasets, field, key, { first: args.first, after: args.after }, args.sort ?? DEFAULT_DATASET_SORT, info);
}
