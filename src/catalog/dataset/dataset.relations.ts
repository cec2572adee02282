import type { GraphQLResolveInfo } from 'graphql';
import type { CatalogContext } from '../catalog';
import type { PageArgs, SortSpec } from '../../common/pagination';
import { childrenOf } from '../common/relations';
import { DEFAULT_DATASET_SORT } from './dataset.type';

/** Datasets whose `field` holds `key` (proposal, sample, instrument, derived → datasets). */
export function datasetsOf(ctx: CatalogContext, field: string, key: string, page: PageArgs, sort: SortSpec | undefined, info: GraphQLResolveInfo) {
  return childrenOf(ctx, ctx.services.datasets, field, key, page, sort ?? DEFAULT_DATASET_SORT, info);
}
