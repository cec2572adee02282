import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Info } from 'type-graphql';
import type { Context } from '../../server/context';
import { crudResolver } from '../../server/graphql/crud.resolver';
import { SortDirection } from '../../server/graphql/connection';
import { DatasetConnection, DatasetSort } from '../dataset/dataset.type';
import { datasetsOf } from '../dataset/dataset.relations';
import { SampleConnection } from '../sample/sample.type';
import { samplesOf } from '../sample/sample.relations';
import { Proposal, ProposalConnection, ProposalFilter, ProposalInput, ProposalPatch, ProposalSort, ProposalSortField } from './proposal.type';

const Base = crudResolver({
  one: 'proposal', many: 'proposals', typeName: 'Proposal', idArg: 'proposalId',
  Node: Proposal, Input: ProposalInput, Patch: ProposalPatch, FilterInput: ProposalFilter,
  SortInput: ProposalSort, defaultSort: { field: ProposalSortField.PROPOSAL_ID, direction: SortDirection.ASC },
  Connection: ProposalConnection,
  service: (s) => s.proposals,
  query: (s, f) => s.proposals.query(f),
});

@Resolver(() => Proposal)
export class ProposalResolver extends Base {
  @FieldResolver(() => DatasetConnection, { description: 'Datasets measured under this proposal.' })
  datasets(
    @Root() p: Proposal & { _id: string },
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('sort', () => DatasetSort, { nullable: true }) sort?: DatasetSort,
  ) {
    return datasetsOf(ctx, 'proposalIds', p._id, { first, after }, sort, info);
  }

  @FieldResolver(() => SampleConnection)
  samples(
    @Root() p: Proposal & { _id: string },
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return samplesOf(ctx, p._id, { first, after });
  }

  @FieldResolver(() => Proposal, { nullable: true })
  parentProposal(@Root() p: Proposal, @Ctx() ctx: Context) {
    return p.parentProposalId ? ctx.loaders.byId(ctx.services.proposals).load(p.parentProposalId) : null;
  }
}
