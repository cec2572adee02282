import type { Context } from '../../server/context';
import type { PageArgs } from '../../common/pagination';
import { childrenOf } from '../common/relations';

/** A proposal's samples. */
export function samplesOf(ctx: Context, proposalId: string, page: PageArgs) {
  return childrenOf(ctx, ctx.services.samples, 'proposalId', proposalId, page, { field: '_id', direction: 'ASC' });
}
