import type { CatalogContext } from '../catalog';
import type { PageArgs } from '../../common/pagination';
import { childrenOf } from '../common/relations';

/** A proposal's samples. */
export function samplesOf(ctx: CatalogContext, proposalId: string, page: PageArgs) {
  return childrenOf(ctx, ctx.services.samples, 'proposalId', proposalId, page, { field: '_id', direction: 'ASC' });
}
