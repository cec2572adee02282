// GraphQL for label sets and labels, and the labels and summaries of each dataset.
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CatalogContext } from '../catalog';
import { toConnection } from '../../graphql/connection';
import { plain } from '../../graphql/record.types';
import { Dataset } from '../dataset';
import type { StoredRecord } from '../common/record.types';
import { Label, LabelConnection, LabelFilter, LabelInput, LabelSet, LabelSetInput, LabelSummaryType } from './label.type';
import { summarize } from './label.summary';

const BY_ID = { field: '_id', direction: 'ASC' as const };

/** The stored label with its value under the field of its kind. */
function toLabel(r: StoredRecord): Label {
  const v = r.value;
  return { ...(r as any), id: r._id, like: r.kind === 'like' ? v : undefined, score: r.kind === 'score' ? v : undefined, tags: r.kind === 'tags' ? v : undefined, class: r.kind === 'class' ? v : undefined };
}

@Resolver(() => Label)
export class LabelResolver {
  @Query(() => [LabelSet], { description: 'The declared label sets.' })
  labelSets(@Ctx() ctx: CatalogContext) {
    return ctx.services.labelSets.list();
  }

  @Mutation(() => LabelSet, { description: 'Declares a label set or changes its description, range or values (stewards and admins). The kind never changes.' })
  declareLabelSet(@Arg('input', () => LabelSetInput) input: LabelSetInput, @Ctx() ctx: CatalogContext) {
    const s = ctx.services;
    return s.labelSets.declare(ctx.identity, { ...input, kind: input.kind }, () => s.labels.valuesOf(input.name));
  }

  @Query(() => LabelConnection, { description: 'Labels on datasets the caller may see, a page at a time (by id).' })
  async labels(
    @Ctx() ctx: CatalogContext,
    @Arg('filter', () => LabelFilter, { nullable: true }) filter?: LabelFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const r = await ctx.services.labels.list(ctx.identity, ctx.services.labels.query(filter), BY_ID, { first, after }, ctx.loaders.trace);
    return toConnection({ ...r, nodes: r.nodes.map(toLabel) }, !!after);
  }

  @Mutation(() => Label, { description: 'Gives or changes the caller\'s label (or a model\'s, with `model`) on a dataset the caller may see.' })
  async setLabel(@Arg('input', () => LabelInput) input: LabelInput, @Ctx() ctx: CatalogContext) {
    return toLabel(await ctx.services.labels.set(ctx.identity, plain(input) as LabelInput));
  }

  @Mutation(() => Label, { description: 'Withdraws a label (its author, a steward or an admin): it is kept, but no longer counts.' })
  async withdrawLabel(@Arg('id', () => ID) id: string, @Ctx() ctx: CatalogContext) {
    return toLabel(await ctx.services.labels.withdraw(ctx.identity, id));
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() l: Label, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.byId(ctx.services.datasets).load(l.datasetPid);
  }
}

@Resolver(() => Dataset)
export class DatasetLabelsResolver {
  @FieldResolver(() => [Label], { description: 'The labels on this dataset (withdrawn ones excluded), optionally of one set.' })
  async labels(@Root() d: Dataset, @Ctx() ctx: CatalogContext, @Arg('labelSet', () => String, { nullable: true }) labelSet?: string) {
    const all = await ctx.loaders.allBy(ctx.services.labels, 'datasetPid', BY_ID).load(d.pid);
    return all.filter((l) => !l.withdrawnAt && (!labelSet || l.labelSet === labelSet)).map(toLabel);
  }

  @FieldResolver(() => [LabelSummaryType], { description: 'Per label set: counts, consensus and agreement. Every declared set unless `labelSets` names some.' })
  async labelSummary(@Root() d: Dataset, @Ctx() ctx: CatalogContext, @Arg('labelSets', () => [String], { nullable: true }) labelSets?: string[]) {
    const sets = labelSets ? await ctx.services.labelSets.require(labelSets, '/labelSets') : await ctx.services.labelSets.list();
    const all = (await ctx.loaders.allBy(ctx.services.labels, 'datasetPid', BY_ID).load(d.pid)).filter((l) => !l.withdrawnAt);
    return sets.map((s) => {
      const sum = summarize(s, all.filter((l) => l.labelSet === s.name) as any);
      return { ...sum, consensus: sum.consensus === null ? null : JSON.stringify(sum.consensus) };
    });
  }
}
