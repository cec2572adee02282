import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { SortDirection } from '../../graphql/connection';
import { DatasetConnection } from '../dataset';
import { DatasetPageArgs, datasetsOf } from '../dataset';
import { Proposal } from '../proposal';
import { Sample, SampleConnection, SampleFilter, SampleInput, SamplePatch, SampleSort, SampleSortField } from './sample.type';

const Base = crudResolver({
  names: { get: 'sample', list: 'samples', create: 'createSample', update: 'updateSample', delete: 'deleteSample', upsert: 'upsertSample', upsertMany: 'upsertSamples' },
  typeName: 'Sample', idArg: 'sampleId',
  Node: Sample, Input: SampleInput, Patch: SamplePatch, FilterInput: SampleFilter,
  SortInput: SampleSort, defaultSort: { field: SampleSortField.SAMPLE_ID, direction: SortDirection.ASC },
  Connection: SampleConnection,
  service: (s: CatalogServices) => s.samples,
  query: (s: CatalogServices, f) => s.samples.query(f),
});

@Resolver(() => Sample)
export class SampleResolver extends Base {
  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() s: Sample, @Ctx() ctx: CatalogContext) {
    return s.proposalId ? ctx.loaders.byId(ctx.services.proposals).load(s.proposalId) : null;
  }

  @FieldResolver(() => DatasetConnection, { description: 'Datasets measured on this sample.' })
  datasets(
    @Root() s: Sample & { _id: string },
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: CatalogContext,
    @Args(() => DatasetPageArgs) args: DatasetPageArgs,
  ) {
    return datasetsOf(ctx, 'sampleIds', s._id, args, info);
  }
}
