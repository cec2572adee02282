import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Info } from 'type-graphql';
import type { Context } from '../../server/context';
import { crudResolver } from '../../server/graphql/crud.resolver';
import { SortDirection } from '../../server/graphql/connection';
import { DatasetConnection, DatasetSort } from '../dataset/dataset.type';
import { datasetsOf } from '../dataset/dataset.relations';
import { Proposal } from '../proposal/proposal.type';
import { Sample, SampleConnection, SampleFilter, SampleInput, SamplePatch, SampleSort, SampleSortField } from './sample.type';

const Base = crudResolver({
  one: 'sample', many: 'samples', typeName: 'Sample', idArg: 'sampleId',
  Node: Sample, Input: SampleInput, Patch: SamplePatch, FilterInput: SampleFilter,
  SortInput: SampleSort, defaultSort: { field: SampleSortField.SAMPLE_ID, direction: SortDirection.ASC },
  Connection: SampleConnection,
  service: (s) => s.samples,
  query: (s, f) => s.samples.query(f),
});

@Resolver(() => Sample)
export class SampleResolver extends Base {
  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() s: Sample, @Ctx() ctx: Context) {
    return s.proposalId ? ctx.loaders.byId(ctx.services.proposals).load(s.proposalId) : null;
  }

  @FieldResolver(() => DatasetConnection, { description: 'Datasets measured on this sample.' })
  datasets(
    @Root() s: Sample & { _id: string },
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('sort', () => DatasetSort, { nullable: true }) sort?: DatasetSort,
  ) {
    return datasetsOf(ctx, 'sampleIds', s._id, { first, after }, sort, info);
  }
}
