// The queries and mutations every entity has (get, list, create, update, delete, upsert, bulk upsert),
// declared once so each entity's resolver only adds its relations. The entity names each operation
// (so a grep for `upsertDatasets` finds dataset.resolver.ts). Resolvers stay thin: map the arguments,
// call one service method, shape the result.
import { Arg, ClassType, Ctx, Field, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { unselected } from './selection';
import type { Filter } from 'mongodb';
import type { Identity } from '../auth';
import type { ListResult, PageArgs, ReadTrace } from '../common/pagination';
import type { Context } from './context';
import { BulkUpsertSummary, plain, StorageNote, summarize, UpsertOutcome } from './record.types';
import { SortDirection, toConnection } from './connection';

/** What the operations call (the catalog's RecordService has it); every call applies the caller's access rule. */
export interface CrudService {
  readonly heavyFields: string[];
  get(identity: Identity, id: string): Promise<unknown>;
  list(identity: Identity, query: Filter<any>, sort: { field: string; direction: SortDirection }, page: PageArgs, trace?: ReadTrace, omit?: string[]): Promise<ListResult<unknown>>;
  create(identity: Identity, input: Record<string, any>): Promise<unknown>;
  update(identity: Identity, id: string, patch: Record<string, any>): Promise<unknown>;
  remove(identity: Identity, id: string): Promise<unknown>;
  upsert(identity: Identity, input: Record<string, any>): Promise<{ outcome: string; record: unknown }>;
  upsertMany(identity: Identity, inputs: Record<string, any>[], opts: { basePath: string }): Promise<{ id: string; outcome: string; notes?: StorageNote[] }[]>;
}

/** The name of each operation in the schema, e.g. { get: 'dataset', list: 'datasets', upsertMany: 'upsertDatasets', … }. */
export interface CrudNames {
  get: string;
  list: string;
  create: string;
  update: string;
  delete: string;
  upsert: string;
  upsertMany: string;
}

export interface CrudOptions<S, TNode extends object, TInput extends object, TPatch extends object, TFilter extends object> {
  names: CrudNames;
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
  service: (s: S) => CrudService;
  query: (s: S, filter: TFilter | undefined) => Filter<any>;
}

/**
 * The abstract base resolver of one entity's standard operations, named by `o.names`: get, list (a Relay connection),
 * create, update, delete, upsert and bulk upsert. Each calls one service method, whose errors reach the client as they are;
 * the entity's resolver extends it and adds its relations.
 */
export function crudResolver<S, TNode extends object, TInput extends object, TPatch extends object, TFilter extends object>(o: CrudOptions<S, TNode, TInput, TPatch, TFilter>) {
  const Cap = o.typeName;

  const { UpsertResultType, BulkResult } = upsertResultTypes(Cap, o.Node);

  @Resolver()
  abstract class Crud {
    @Query(() => o.Node, { name: o.names.get, nullable: true, description: `One ${Cap} by ${o.idArg}; null when it does not exist or the caller may not see it.` })
    async get(@Arg(o.idArg, () => String) id: string, @Ctx() ctx: Context<S>): Promise<TNode | null> {
      return o.service(ctx.services).get(ctx.identity, id) as Promise<TNode | null>;
    }

    @Query(() => o.Connection, { name: o.names.list, description: `${Cap} records the caller may see, a page at a time.` })
    async list(
      @Ctx() ctx: Context<S>,
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

    @Mutation(() => o.Node, { name: o.names.create, description: `Creates a ${Cap}; fails with CONFLICT if its id exists.` })
    async create(@Arg('input', () => o.Input) input: TInput, @Ctx() ctx: Context<S>): Promise<TNode> {
      return o.service(ctx.services).create(ctx.identity, plain(input)) as Promise<TNode>;
    }

    @Mutation(() => o.Node, { name: o.names.update, description: 'Changes the given fields; null removes an optional field.' })
    async update(@Arg(o.idArg, () => String) id: string, @Arg('patch', () => o.Patch) patch: TPatch, @Ctx() ctx: Context<S>): Promise<TNode> {
      return o.service(ctx.services).update(ctx.identity, id, plain(patch)) as Promise<TNode>;
    }

    @Mutation(() => o.Node, { name: o.names.delete, description: 'Deletes the record and returns it as it was.' })
    async remove(@Arg(o.idArg, () => String) id: string, @Ctx() ctx: Context<S>): Promise<TNode> {
      return o.service(ctx.services).remove(ctx.identity, id) as Promise<TNode>;
    }

    @Mutation(() => UpsertResultType, { name: o.names.upsert, description: `Creates or replaces a ${Cap} keyed by its ${o.idArg}: pushing the same record twice stores it once.` })
    async upsert(@Arg('input', () => o.Input) input: TInput, @Ctx() ctx: Context<S>) {
      const r = await o.service(ctx.services).upsert(ctx.identity, plain(input));
      return { outcome: r.outcome, record: r.record };
    }

    @Mutation(() => BulkResult, { name: o.names.upsertMany, description: 'Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid.' })
    async upsertMany(@Arg('inputs', () => [o.Input]) inputs: TInput[], @Ctx() ctx: Context<S>) {
      const rs = await o.service(ctx.services).upsertMany(ctx.identity, inputs.map(plain), { basePath: '/inputs' });
      return { summary: summarize(rs), items: rs.map((r) => ({ id: r.id, outcome: r.outcome, storageNotes: r.notes })) };
    }
  }
  return Crud;
}

/** The GraphQL result types of one entity's upserts: `<Type>UpsertResult`, `<Type>BulkUpsertItem`, `<Type>BulkUpsertResult`. */
function upsertResultTypes<TNode extends object>(Cap: string, Node: ClassType<TNode>) {
  @ObjectType(`${Cap}UpsertResult`)
  class UpsertResultType {
    @Field(() => UpsertOutcome) outcome: UpsertOutcome;
    @Field(() => Node) record: TNode;
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
  return { UpsertResultType, BulkResult };
}
