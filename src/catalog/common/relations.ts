// Back relations (parent → children) as connections, one query per batch of parents.
import type { CatalogContext } from '../catalog';
import type { PageArgs, SortSpec } from '../../common/pagination';
import type { RecordService } from './record.service';
import { toConnection } from '../../graphql/connection';
import { unselected } from '../../graphql/selection';
import type { GraphQLResolveInfo } from 'graphql';

/** `info`: the connection field being resolved; heavy fields its nodes do not select are not read. */
export async function childrenOf(ctx: CatalogContext, svc: RecordService<any>, field: string, key: string, page: PageArgs, sort: SortSpec, info?: GraphQLResolveInfo) {
  const p = await ctx.loaders.pageBy(svc, field, sort, page, info ? unselected(info, svc.heavyFields) : []).load(key);
  // the index gives each key's total with its page; MongoDB counts in a batch of its own
  return toConnection({ ...p, totalCount: () => (p.total !== undefined ? Promise.resolve(p.total) : ctx.loaders.countBy(svc, field).load(key)) }, !!page.after);
}

/** Loads records by id through the request loader, dropping the ones the caller may not see. */
export async function visibleByIds<T>(load: (ids: string[]) => Promise<(T | null | Error)[]>, ids: string[] | undefined): Promise<T[]> {
  if (!ids?.length) return [];
  const rs = await load(ids);
  return rs.filter((r): r is T => !!r && !(r instanceof Error));
}
