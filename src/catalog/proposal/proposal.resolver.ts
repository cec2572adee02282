import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Info, Args } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { SortDirection } from '../../graphql/connection';
import { DatasetConnection } from '../dataset';
import { DatasetPageArgs, datasetsOf } from '../dataset';
import { SampleConnection } from '../sample';
import { samplesOf } from '../sample';
import { Proposal, ProposalConnection, ProposalFilter, ProposalInput, ProposalPatch, ProposalSort, ProposalSortField } from './proposal.type';

const Base = crudResolver({
  names: { get: 'proposal', list: 'proposals', create: 'createProposal', update: 'updateProposal', delete: 'deleteProposal', upsert: 'upsertProposal', upsertMany: 'upsertProposals' },
  typeName: 'Proposal', idArg: 'proposalId',
  Node: Proposal, Input: ProposalInput, Patch: ProposalPatch, FilterInput: ProposalFilter,
  SortInput: ProposalSort, defaultSort: { field: ProposalSortField.PROPOSAL_ID, direction: SortDirection.ASC },
  Connection: ProposalConnection,
  service: (s: CatalogServices) => s.proposals,
  query: (s: CatalogServices, f) => s.proposals.query(f),
});

@Resolver(() => Proposal)
export class ProposalResolver extends Base {
  @FieldResolver(() => DatasetConnection, { description: 'Datasets measured under this proposal.' })
  datasets(
    @Root() p: Proposal & { _id: string },
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: CatalogContext,
    @Args(() => DatasetPageArgs) args: DatasetPageArgs,
  ) {
    return datasetsOf(ctx, 'proposalIds', p._id, args, info);
  }

  @FieldResolver(() => SampleConnection)
  samples(
    @Root() p: Proposal & { _id: string },
    @Ctx() ctx: CatalogContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return samplesOf(ctx, p._id, { first, after });
  }

  @FieldResolver(() => Proposal, { nullable: true })
  parentProposal(@Root() p: Proposal, @Ctx() ctx: CatalogContext) {
    return p.parentProposalId ? ctx.loaders.byId(ctx.services.proposals).load(p.parentProposalId) : null;
  }
}
