// GraphQL for ingest: run history with counts, quarantined rows, the mapping files, a mutation that
// imports records by key (what a message trigger does), and run progress as a subscription.
import { countArg } from '../../common/pagination';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import type { Context as RequestContext } from '../../graphql/context';
import type { CatalogServices } from '../../catalog';
import { canRunIngest, seesAll } from '../../auth';
import type { IngestService } from './ingest.service';

/** What ingest resolvers are given per request. */
type Context = RequestContext<CatalogServices & { ingest: IngestService }>;
import { RUN_STATUSES, type IngestRun, type QuarantineEntry, type RunStatus } from './ingest.repository';
import { graphqlEnum } from '../../graphql/enums';

export const IngestRunStatus = graphqlEnum('IngestRunStatus', RUN_STATUSES);
export type IngestRunStatus = RunStatus;

@ObjectType()
class IngestEntityCounts {
  @Field() entity: string;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
}

@ObjectType({ description: 'One run of a mapping: what it read and what became of each record.' })
export class IngestRunType {
  @Field(() => ID) id: string;
  @Field() mappingId: string;
  @Field() mappingVersion: string;
  @Field({ description: 'The source, without credentials.' }) source: string;
  @Field({ description: 'full, incremental, keys or sweep' }) mode: string;
  @Field({ description: 'cli, graphql, kafka:<topic> or schedule' }) trigger: string;
  @Field(() => IngestRunStatus) status: IngestRunStatus;
  @Field(() => Int, { nullable: true, description: 'Records the source said it would return, when it could tell.' }) total?: number | null;
  @Field(() => Int) read: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) quarantined: number;
  @Field(() => Int, { description: 'Records not mapped because their content hash was the one last written (mappings with changes: hash).' }) skipped: number;
  @Field({ nullable: true, description: 'What the run reads, in words: every record, the sweep window, those past the checkpoint.' }) reads?: string;
  @Field(() => [IngestEntityCounts]) entities: IngestEntityCounts[];
  @Field(() => GraphQLJSON, { nullable: true, description: 'The last source position written: {cursor, key}.' }) checkpoint?: unknown;
  @Field(() => Int, { description: 'Failed attempts to reach the source.' }) attempts: number;
  @Field({ nullable: true }) lastError?: string;
  @Field({ nullable: true }) error?: string;
  @Field(() => Int, { description: 'How often a crashed run was resumed from its checkpoint.' }) resumed: number;
  @Field() startedAt: Date;
  @Field({ nullable: true }) finishedAt?: Date;
}

@ObjectType()
class QuarantineReason {
  @Field({ description: 'Where in the mapping (or the catalog record) the problem is.' }) path: string;
  @Field() message: string;
}

@ObjectType({ description: 'A source record that could not be imported, kept with its reasons.' })
export class QuarantinedRecord {
  @Field(() => ID) id: string;
  @Field() mappingId: string;
  @Field({ description: 'The record\'s source key.' }) key: string;
  @Field() runId: string;
  @Field(() => [QuarantineReason]) reasons: QuarantineReason[];
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The source record as read.' }) record?: Record<string, unknown>;
  @Field(() => Int) times: number;
  @Field() firstSeenAt: Date;
  @Field() lastSeenAt: Date;
  @Field({ nullable: true, description: 'Set when a later run imported the record.' }) resolvedAt?: Date;
}

@ObjectType()
class MappingProblemType {
  @Field() path: string;
  @Field() message: string;
  @Field({ nullable: true }) hint?: string;
}

@ObjectType({ description: 'A mapping file in the mappings folder.' })
export class IngestMapping {
  @Field() file: string;
  @Field({ nullable: true }) id?: string;
  @Field({ nullable: true }) version?: string;
  @Field({ nullable: true }) adapter?: string;
  @Field() valid: boolean;
  @Field(() => [MappingProblemType]) problems: MappingProblemType[];
}

/** A stored run in its GraphQL form: the counts set on the run itself, the per-entity counts as a list. */
export function toRun(r: IngestRun): IngestRunType {
  return {
    id: r._id, mappingId: r.mappingId, mappingVersion: r.mappingVersion, source: r.source, mode: r.mode, trigger: r.trigger, status: r.status,
    total: r.total ?? null, read: r.counts.read, created: r.counts.created, updated: r.counts.updated, unchanged: r.counts.unchanged, quarantined: r.counts.quarantined,
    skipped: r.counts.skipped ?? 0, reads: r.reads,
    entities: Object.entries(r.counts.entities).map(([entity, c]) => ({ entity, ...c })),
    checkpoint: r.checkpoint, attempts: r.attempts, lastError: r.lastError, error: r.error, resumed: r.resumed, startedAt: r.startedAt, finishedAt: r.finishedAt,
  };
}

function toQuarantined(q: QuarantineEntry): QuarantinedRecord {
  return { id: q._id, mappingId: q.mappingId, key: q.key, runId: q.runId, reasons: q.reasons, record: q.record as Record<string, unknown>, times: q.times, firstSeenAt: q.firstSeenAt, lastSeenAt: q.lastSeenAt, resolvedAt: q.resolvedAt ?? undefined };
}

const firstOf = (n: number, ctx: Context) => countArg('first', n, { def: 20, max: ctx.services.options.maxPageSize });

@Resolver()
export class IngestResolver {
  @Query(() => [IngestMapping], { description: 'The mapping files the catalog can run, with any problems (ingestors, stewards, admins).' })
  ingestMappings(@Ctx() ctx: Context): IngestMapping[] {
    if (!canRunIngest(ctx.identity) && !seesAll(ctx.identity)) return [];
    return ctx.services.ingest.mappings().map((m) => ({ ...m, valid: m.problems.length === 0 }));
  }

  @Query(() => [IngestRunType], { description: 'Ingest runs, newest first (ingestors, stewards, admins).' })
  async ingestRuns(
    @Ctx() ctx: Context,
    @Arg('mappingId', () => String, { nullable: true }) mappingId?: string,
    @Arg('status', () => IngestRunStatus, { nullable: true }) status?: IngestRunStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
  ) {
    return (await ctx.services.ingest.runs(ctx.identity, { mappingId, status }, firstOf(first, ctx))).map(toRun);
  }

  @Query(() => IngestRunType, { nullable: true })
  async ingestRun(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const r = await ctx.services.ingest.getRun(ctx.identity, id);
    return r && toRun(r);
  }

  @Query(() => [QuarantinedRecord], { description: 'Source records that could not be imported, with their reasons (ingestors, admins).' })
  async ingestQuarantine(
    @Ctx() ctx: Context,
    @Arg('mappingId', () => String, { nullable: true }) mappingId?: string,
    @Arg('runId', () => ID, { nullable: true }) runId?: string,
    @Arg('includeResolved', () => Boolean, { defaultValue: false }) includeResolved = false,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ) {
    return (await ctx.services.ingest.quarantine(ctx.identity, { mappingId, runId, includeResolved }, firstOf(first, ctx))).map(toQuarantined);
  }

  @Mutation(() => IngestRunType, { description: 'Imports the records with these source keys now, as a job-finished message would (ingestors, admins).' })
  async ingestKeys(@Arg('mappingId', () => String) mappingId: string, @Arg('keys', () => [String]) keys: string[], @Ctx() ctx: Context) {
    return toRun(await ctx.services.ingest.runKeys(ctx.identity, mappingId, keys));
  }

  @Subscription(() => IngestRunType, {
    description: 'A run each time its progress or status changes: one run by id, or every run (of one mapping) from now on.',
    subscribe: ({ args, context }) => (context as Context).services.ingest.watch((context as Context).identity, { runId: args.runId, mappingId: args.mappingId }),
  })
  ingestProgress(@Root() run: IngestRun, @Arg('runId', () => ID, { nullable: true }) _runId?: string, @Arg('mappingId', () => String, { nullable: true }) _mappingId?: string): IngestRunType {
    return toRun(run);
  }
}
