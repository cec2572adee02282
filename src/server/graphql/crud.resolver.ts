// The queries and mutations every entity has (get, list, create, update, delete, upsert, bulk upsert),
// generated once so each entity's resolver only adds its relations. Resolvers stay thin: map the
// arguments, call one service method, shape the result.
import { Arg, ClassType, Ctx, Field, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { unselected } from './selection';
import type { Filter } from 'mongodb';
import type { Context } from '../context';
import type { RecordService } from '../../catalog/common/record.service';
import type { Services } from '../../catalog/services';
import { BulkUpsertSummary, plain, StorageNote, summarize, UpsertOutcome } from './record.types';
import { SortDirection, toConnection } from './connection';

export interface CrudOptions<TNode extends object, TInput extends object, TPatch extends object, TFilter extends object> {
  /** Singular and plural field names, e.g. "dataset" and "datasets". */
  one: string;
  many: string;
  /** The GraphQL type name, e.g. "Dataset". */
  typeName: string;
  idArg: string;
  Node: ClassType<TNode>;
  Input: ClassType<TInput>;
  Patch: ClassType<TPatch>;
  FilterInput: ClassType<TFilter>;
  SortInput: ClassType<{ field: string; direction: SortDirection }>;
  defaultSort: { field: string; direction: SortDirection };
  Connection: ClassType<any>;
  service: (s: Services) => RecordService<any>;
  query: (s: Services, filter: TFilter | undefined) => Filter<any>;
}

export function crudResolver<TNode extends object, TInput extends object, TPatch extends object, TFilter extends object>(o: CrudOptions<TNode, TInput, TPatch, TFilter>) {
  const Cap = o.typeName;

  @ObjectType(`${Cap}UpsertResult`)
  class UpsertResultType {
    @Field(() => UpsertOutcome) outcome: UpsertOutcome;
    @Field(() => o.Node) record: TNode;
  }

  @ObjectType(`${Cap}BulkUpsertItem`)
  class BulkItem {
    @Field() id: string;
    @Field(() => UpsertOutcome) outcome: UpsertOutcome;
    @Field(() => [StorageNote], { nullable: true, description: 'Values of this input changed so the store keeps them.' }) storageNotes?: StorageNote[];
  }

  @ObjectType(`${Cap}BulkUpsertResult`)
  class BulkResult {
    @Field(() => BulkUpsertSummary) summary: BulkUpsertSummary;
    @Field(() => [BulkItem], { description: 'One entry per input, in input order.' }) items: BulkItem[];
  }

  @Resolver()
  abstract class Crud {
    @Query(() => o.Node, { name: o.one, nullable: true, description: `One ${Cap} by ${o.idArg}; null when it does not exist or the caller may not see it.` })
    async get(@Arg(o.idArg, () => String) id: string, @Ctx() ctx: Context): Promise<TNode | null> {
      return o.service(ctx.services).get(ctx.identity, id) as Promise<TNode | null>;
    }

    @Query(() => o.Connection, { name: o.many, description: `${Cap} records the caller may see, a page at a time.` })
    async list(
      @Ctx() ctx: Context,
      @Info() info: GraphQLResolveInfo,
      @Arg('filter', () => o.FilterInput, { nullable: true }) filter?: TFilter,
      @Arg('sort', () => o.SortInput, { nullable: true }) sort?: { field: string; direction: SortDirection },
      @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50).' }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ) {
      const svc = o.service(ctx.services);
      const r = await svc.list(ctx.identity, o.query(ctx.services, filter), sort ?? o.defaultSort, { first, after }, ctx.loaders.trace, unselected(info, svc.heavyFields));
      return toConnection(r, !!after);
    }

    @Mutation(() => o.Node, { name: `create${Cap}`, description: `Creates a ${Cap}; fails with CONFLICT if its id exists.` })
    async create(@Arg('input', () => o.Input) input: TInput, @Ctx() ctx: Context): Promise<TNode> {
      return o.service(ctx.services).create(ctx.identity, plain(input)) as Promise<TNode>;
    }

    @Mutation(() => o.Node, { name: `update${Cap}`, description: 'Changes the given fields; null removes an optional field.' })
    async update(@Arg(o.idArg, () => String) id: string, @Arg('patch', () => o.Patch) patch: TPatch, @Ctx() ctx: Context): Promise<TNode> {
      return o.service(ctx.services).update(ctx.identity, id, plain(patch)) as Promise<TNode>;
    }

    @Mutation(() => o.Node, { name: `delete${Cap}`, description: 'Deletes the record and returns it as it was.' })
    async remove(@Arg(o.idArg, () => String) id: string, @Ctx() ctx: Context): Promise<TNode> {
      return o.service(ctx.services).remove(ctx.identity, id) as Promise<TNode>;
    }

    @Mutation(() => UpsertResultType, { name: `upsert${Cap}`, description: `Creates or replaces a ${Cap} keyed by its ${o.idArg}: pushing the same record twice stores it once.` })
    async upsert(@Arg('input', () => o.Input) input: TInput, @Ctx() ctx: Context) {
      const r = await o.service(ctx.services).upsert(ctx.identity, plain(input));
      return { outcome: r.outcome, record: r.record };
    }

    @Mutation(() => BulkResult, { name: `upsert${o.many.charAt(0).toUpperCase()}${o.many.slice(1)}`, description: 'Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid.' })
    async upsertMany(@Arg('inputs', () => [o.Input]) inputs: TInput[], @Ctx() ctx: Context) {
      const rs = await o.service(ctx.services).upsertMany(ctx.identity, inputs.map(plain), { basePath: '/inputs' });
      return { summary: summarize(rs), items: rs.map((r) => ({ id: r.id, outcome: r.outcome, storageNotes: r.notes })) };
    }
  }
  return Crud;
}
