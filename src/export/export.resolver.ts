// GraphQL for export jobs: create, cancel, resume, read, and follow progress as a subscription.
import { countArg } from '../common/pagination';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context as RequestContext } from '../graphql/context';
import type { CatalogServices } from '../catalog';
import type { ExportService } from './export.service';

/** What export resolvers are given per request. */
type Context = RequestContext<CatalogServices & { exports: ExportService }>;
import { plain } from '../graphql/record.types';
import type { ExportJob } from './export.job';
import { ExportInput, ExportJobType } from './export.type';

/** The stored job in its GraphQL shape; download URLs are relative to the catalog's address. */
export function toExportJob(j: ExportJob): ExportJobType {
  return {
    id: j._id,
    status: j.status as any,
    name: j.request.name,
    request: j.request as unknown as Record<string, unknown>,
    requestedBy: j.owner.subject,
    progress: j.progress,
    cancelRequested: !!j.cancelRequested,
    runs: j.runs,
    splitCounts: j.checkpoint?.splits,
    files: j.outputs?.map((o) => ({ ...o, url: `/exports/${j._id}/${o.name}` })),
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    storageNotes: j._normalized,
  };
}

@Resolver(() => ExportJobType)
export class ExportResolver {
  @Mutation(() => ExportJobType, { description: 'Queues an export of the datasets you may see that match the filter; a worker runs it.' })
  async createExport(@Arg('input', () => ExportInput) input: ExportInput, @Ctx() ctx: Context) {
    return toExportJob(await ctx.services.exports.create(ctx.identity, plain(input)));
  }

  @Mutation(() => ExportJobType, { description: 'Cancels a queued export, or stops a running one at its next checkpoint.' })
  async cancelExport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return toExportJob(await ctx.services.exports.cancel(ctx.identity, id));
  }

  @Mutation(() => ExportJobType, { description: 'Queues a cancelled or failed export again; it continues from its checkpoint.' })
  async resumeExport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return toExportJob(await ctx.services.exports.resume(ctx.identity, id));
  }

  @Query(() => ExportJobType, { nullable: true, description: 'One of your exports (stewards and admins: any).' })
  async exportJob(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const j = await ctx.services.exports.get(ctx.identity, id);
    return j && toExportJob(j);
  }

  @Query(() => [ExportJobType], { description: 'Your exports, newest first (stewards and admins: everyone\'s).' })
  async exportJobs(@Ctx() ctx: Context, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return (await ctx.services.exports.list(ctx.identity, countArg('first', first, { def: 20, max: ctx.services.options.maxPageSize }))).map(toExportJob);
  }

  @Subscription(() => ExportJobType, {
    description: 'The export each time its status or progress changes, until it completes, fails or is cancelled.',
    subscribe: ({ args, context }) => (context as Context).services.exports.watch((context as Context).identity, args.id),
  })
  exportProgress(@Root() job: ExportJob, @Arg('id', () => ID) _id: string): ExportJobType {
    return toExportJob(job);
  }
}
