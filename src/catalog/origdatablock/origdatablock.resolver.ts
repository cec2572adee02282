import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { SortDirection } from '../../graphql/connection';
import { plain } from '../../graphql/record.types';
import { Dataset } from '../dataset';
import { filesPage } from './origdatablock.relations';
import { FILES_PER_BLOCK } from './origdatablock.service';
import {
  DataFileConnection, DataFileInput, OrigDatablock, OrigDatablockConnection, OrigDatablockFilter, OrigDatablockInput,
  OrigDatablockPatch, OrigDatablockSort, OrigDatablockSortField,
} from './origdatablock.type';

const Base = crudResolver({
  names: { get: 'origDatablock', list: 'origDatablocks', create: 'createOrigDatablock', update: 'updateOrigDatablock', delete: 'deleteOrigDatablock', upsert: 'upsertOrigDatablock', upsertMany: 'upsertOrigDatablocks' },
  typeName: 'OrigDatablock', idArg: 'id',
  Node: OrigDatablock, Input: OrigDatablockInput, Patch: OrigDatablockPatch, FilterInput: OrigDatablockFilter,
  SortInput: OrigDatablockSort, defaultSort: { field: OrigDatablockSortField.ID, direction: SortDirection.ASC },
  Connection: OrigDatablockConnection,
  service: (s: CatalogServices) => s.origDatablocks,
  query: (s: CatalogServices, f) => s.origDatablocks.query(f),
});

@Resolver(() => OrigDatablock)
export class OrigDatablockResolver extends Base {
  @FieldResolver(() => DataFileConnection, { description: 'The files of this block, a page at a time.' })
  files(
    @Root() b: OrigDatablock & { _id: string },
    @Ctx() ctx: CatalogContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return filesPage(ctx, [{ _id: b._id, numberOfFiles: b.numberOfFiles }], first, after);
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() b: OrigDatablock, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.byId(ctx.services.datasets).load(b.datasetId);
  }

  @Mutation(() => Dataset, { description: `Appends files to a dataset in blocks of ${FILES_PER_BLOCK}; size and numberOfFiles follow.` })
  async addDatasetFiles(
    @Arg('pid') pid: string,
    @Arg('files', () => [DataFileInput]) files: DataFileInput[],
    @Arg('chkAlg', () => String, { nullable: true }) chkAlg: string | undefined,
    @Ctx() ctx: CatalogContext,
  ) {
    await ctx.services.origDatablocks.addFiles(ctx.identity, pid, files.map(plain) as any, { chkAlg });
    return ctx.services.datasets.get(ctx.identity, pid);
  }
}
