import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Info, Args } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { Instrument } from '../instrument';
import { Proposal } from '../proposal';
import { Sample } from '../sample';
import { Publication } from '../publication';
import { DataFileConnection, OrigDatablock } from '../origdatablock';
import { blocksOf, filesPage } from '../origdatablock';
import { Dataset, DatasetConnection, DatasetFilter, DatasetInput, DatasetPatch, DatasetSort, DEFAULT_DATASET_SORT } from './dataset.type';
import { DatasetPageArgs, datasetsOf } from './dataset.relations';
import { visibleByIds } from '../common/relations';

type Row = Dataset & { _id: string };

const Base = crudResolver({
  names: { get: 'dataset', list: 'datasets', create: 'createDataset', update: 'updateDataset', delete: 'deleteDataset', upsert: 'upsertDataset', upsertMany: 'upsertDatasets' },
  typeName: 'Dataset', idArg: 'pid',
  Node: Dataset, Input: DatasetInput, Patch: DatasetPatch, FilterInput: DatasetFilter,
  SortInput: DatasetSort, defaultSort: DEFAULT_DATASET_SORT,
  Connection: DatasetConnection,
  service: (s: CatalogServices) => s.datasets,
  query: (s: CatalogServices, f) => s.datasets.query(f),
});

@Resolver(() => Dataset)
export class DatasetResolver extends Base {
  @FieldResolver(() => [Proposal], { description: 'The proposals this dataset was measured under (those the caller may see).' })
  proposals(@Root() d: Row, @Ctx() ctx: CatalogContext) {
    return visibleByIds((ids) => ctx.loaders.byId(ctx.services.proposals).loadMany(ids), d.proposalIds);
  }

  @FieldResolver(() => [Sample])
  samples(@Root() d: Row, @Ctx() ctx: CatalogContext) {
    return visibleByIds((ids) => ctx.loaders.byId(ctx.services.samples).loadMany(ids), d.sampleIds);
  }

  @FieldResolver(() => Instrument, { nullable: true })
  instrument(@Root() d: Row, @Ctx() ctx: CatalogContext) {
    return d.instrumentId ? ctx.loaders.byId(ctx.services.instruments).load(d.instrumentId) : null;
  }

  @FieldResolver(() => [OrigDatablock], { description: 'The blocks of the file list, in chunk order (without their files: use `files`).' })
  origDatablocks(@Root() d: Row, @Ctx() ctx: CatalogContext) {
    return blocksOf(ctx, d._id);
  }

  @FieldResolver(() => DataFileConnection, { description: 'All files of the dataset across its blocks, a page at a time.' })
  async files(
    @Root() d: Row,
    @Ctx() ctx: CatalogContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return filesPage(ctx, await blocksOf(ctx, d._id), first, after);
  }

  @FieldResolver(() => [Publication], { description: 'Publications (DOIs) that include this dataset.' })
  publications(@Root() d: Row, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.allBy(ctx.services.publications, 'datasetPids', { field: '_id', direction: 'ASC' }).load(d._id);
  }

  @FieldResolver(() => [Dataset], { description: 'Derived datasets: the datasets this one was computed from.' })
  inputDatasetRecords(@Root() d: Row, @Ctx() ctx: CatalogContext) {
    return visibleByIds((ids) => ctx.loaders.byId(ctx.services.datasets).loadMany(ids), d.inputDatasets);
  }

  @FieldResolver(() => DatasetConnection, { description: 'Datasets derived from this one.' })
  derivedDatasets(
    @Root() d: Row,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: CatalogContext,
    @Args(() => DatasetPageArgs) args: DatasetPageArgs,
  ) {
    return datasetsOf(ctx, 'inputDatasets', d._id, args, info);
  }
}
