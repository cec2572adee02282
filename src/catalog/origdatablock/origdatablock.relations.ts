// File pages across a dataset's blocks, loaded through the request's DataLoaders.
import type { CatalogContext } from '../catalog';
import { decodeCursor, encodeCursor, pageSize } from '../../common/pagination';
import { errors } from '../../common/errors';
import { fileSlices, type BlockMeta } from './origdatablock.service';

export const BLOCK_META_PROJECTION = { dataFileList: 0 } as const;
export const BLOCK_SORT = { field: 'chunkIndex', direction: 'ASC' } as const;

function offsetOf(after: string | undefined | null): number {
  if (!after) return 0;
  const { value, id } = decodeCursor(after, 'file');
  if (id !== 'file' || !Number.isSafeInteger(value) || (value as number) < 0) throw errors.invalidCursor(after);
  return (value as number) + 1;
}

/** A page of files drawn from `blocks` (metadata only); the blocks' file lists are loaded in one batch. */
export async function filesPage(ctx: CatalogContext, blocks: BlockMeta[], first: number | undefined | null, after: string | undefined | null) {
  const n = pageSize({ first }, ctx.services.options.maxPageSize);
  const offset = offsetOf(after);
  const total = blocks.reduce((s, b) => s + (b.numberOfFiles ?? 0), 0);
  const slices = fileSlices(blocks, offset, n);
  const loader = ctx.loaders.byId(ctx.services.origDatablocks, undefined, 'full');
  const full = await loader.loadMany(slices.map((s) => s.blockId));
  const nodes: any[] = [];
  slices.forEach((s, i) => {
    const b = full[i];
    if (b && !(b instanceof Error)) nodes.push(...(b.dataFileList ?? []).slice(s.from, s.to));
  });
  const edges = nodes.map((node, i) => ({ node, cursor: encodeCursor(offset + i, 'file', 'file') }));
  return {
    edges,
    nodes,
    totalCount: total,
    pageInfo: {
      hasNextPage: offset + nodes.length < total,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? after ?? null,
    },
  };
}

/** The caller-visible blocks of a dataset, without their file lists. */
export function blocksOf(ctx: CatalogContext, datasetId: string): Promise<BlockMeta[]> {
  return ctx.loaders.allBy(ctx.services.origDatablocks, 'datasetId', BLOCK_SORT, BLOCK_META_PROJECTION).load(datasetId) as Promise<BlockMeta[]>;
}
