// GraphQL for search: thin mappings onto SearchService; the records behind hits load through the
// per-request DataLoaders (one $in per kind, with the access filter), so they are never more than the
// caller may see.
import { countArg } from '../common/pagination';
import { knownUnit } from '../common/units';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context as RequestContext } from '../graphql/context';
import type { CatalogServices } from '../catalog';
import type { Search } from './index';

/** What search resolvers are given per request. */
type Context = RequestContext<CatalogServices & { search: Search }>;
import type { Facet, SearchQuery } from './search.query';
import type { FacetBucket as Bucket, TreeNode as Node } from './search.service';
import { canRead, seesAll, type AccessFields } from '../auth';
import { FacetBucket, Logbook, MetadataHistogram, MetadataKey, SearchFacet, SearchHit, SearchInput, SearchOrderInput, SearchResult, SearchSort, SearchStatus, SearchTree, TreeNode, TreePathInput } from './search.type';
import { Dataset } from '../catalog/dataset/dataset.type';
import { Sample } from '../catalog/sample/sample.type';
import { Proposal } from '../catalog/proposal/proposal.type';
import { plain } from '../graphql/record.types';

function query(input?: SearchInput): SearchQuery {
  return input ? (plain(input) as SearchQuery) : {};
}

function pageSize(ctx: Context, first: number): number {
  return countArg('first', first, { def: 20, max: ctx.services.options.maxPageSize });
}

/** Readable names for facet values, read with the caller's access (a title you may not see stays null). */
const LABEL_OF: Partial<Record<Facet, { entity: string; field: string; service: 'instruments' | 'proposals' | 'samples' }>> = {
  INSTRUMENT: { entity: 'Instrument', field: 'name', service: 'instruments' },
  PROPOSAL: { entity: 'Proposal', field: 'title', service: 'proposals' },
  SAMPLE: { entity: 'Sample', field: 'description', service: 'samples' },
};

/**
 * The readable name of a facet value the caller may see (null otherwise, or for facets without names).
 * Asked only when a query selects `label`; every label of one facet in a request is one index request
 * (or, without the index, one key read).
 */
async function labelOf(ctx: Context, facet: Facet, id: string | null): Promise<string | null> {
  const of = LABEL_OF[facet];
  if (!of || id === null) return null;
  return ctx.loaders
    .batched<string | null>(`label:${facet}`, async (ids) => {
      const recs = (await ctx.services.search.reads.fields(of.entity, [...ids], [of.field])) ?? (await ctx.loaders.byId(ctx.services[of.service]).loadMany(ids));
      const m = new Map<string, string>();
      for (const r of recs) if (r && !(r instanceof Error) && canRead(ctx.identity, r as AccessFields) && r[of.field]) m.set(r._id, String(r[of.field]));
      return ids.map((i) => m.get(i) ?? null);
    })
    .load(id);
}

@Resolver(() => FacetBucket)
export class FacetBucketResolver {
  @FieldResolver(() => String, { nullable: true, description: 'A readable name (instrument name, proposal title, sample description) when you may see it.' })
  label(@Root() b: Bucket, @Ctx() ctx: Context): Promise<string | null> {
    return labelOf(ctx, b.labelOf, b.value);
  }
}

@Resolver(() => TreeNode)
export class TreeNodeResolver {
  @FieldResolver(() => String, { nullable: true, description: 'A readable name (instrument name, proposal title, sample description) when you may see it.' })
  label(@Root() n: Node, @Ctx() ctx: Context): Promise<string | null> {
    return labelOf(ctx, n.labelOf, n.id);
  }
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchResult, { description: 'Full-text and filtered search over the records you may see, with facets and highlights.' })
  async search(
    @Ctx() ctx: Context,
    @Arg('input', () => SearchInput, { nullable: true }) input?: SearchInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
    @Arg('sort', () => SearchSort, { nullable: true }) sort?: SearchSort,
    @Arg('facets', () => [SearchFacet], { nullable: true }) facets?: SearchFacet[],
    @Arg('facetSize', () => Int, { defaultValue: 20 }) facetSize = 20,
    @Arg('order', () => SearchOrderInput, { nullable: true, description: 'Sort by a record field or a metadata path; wins over sort.' }) order?: SearchOrderInput,
  ) {
    return ctx.services.search.service.search(ctx.identity, query(input), { first: pageSize(ctx, first), offset: countArg('offset', offset, { def: 0, max: Number.MAX_SAFE_INTEGER }), sort, order: order ? plain(order) : undefined, facets: facets && ([...new Set(facets)] as Facet[]), facetSize: countArg('facetSize', facetSize, { def: 20, min: 1, max: 1000 }) });
  }

  @Query(() => SearchTree, { description: 'Drill down the hierarchy instrument › proposal › sample › dataset, with dataset counts per node.' })
  async searchTree(
    @Ctx() ctx: Context,
    @Arg('input', () => SearchInput, { nullable: true }) input?: SearchInput,
    @Arg('path', () => TreePathInput, { nullable: true }) path?: TreePathInput,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ) {
    return ctx.services.search.service.tree(ctx.identity, query(input), path ? plain(path) : {}, { first: pageSize(ctx, first) });
  }

  @Query(() => Logbook, { description: 'Matching records newest first, grouped by day, with cursor paging.' })
  async logbook(
    @Ctx() ctx: Context,
    @Arg('input', () => SearchInput, { nullable: true }) input?: SearchInput,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA zone the days are cut in (default UTC).' }) timeZone?: string,
  ) {
    return ctx.services.search.service.logbook(ctx.identity, query(input), { first: pageSize(ctx, first), after: after ?? undefined, timeZone: timeZone ?? undefined });
  }

  @Query(() => [MetadataKey], { description: 'Metadata keys in the records you may see (optionally only those matching input), with types and units.' })
  async metadataKeys(
    @Ctx() ctx: Context,
    @Arg('prefix', () => String, { nullable: true }) prefix?: string,
    @Arg('input', () => SearchInput, { nullable: true }) input?: SearchInput,
    @Arg('first', () => Int, { defaultValue: 200 }) first = 200,
  ) {
    const keys = await ctx.services.search.service.metadataKeys(ctx.identity, { prefix: prefix ?? undefined, first: countArg('first', first, { def: 200, min: 1, max: 10_000 }), query: input && query(input) });
    return keys.map((k) => ({ key: k.key, count: k.count, types: k.types, units: k.units, dimensions: k.dims, unknownUnits: k.units.filter((u) => !knownUnit(u)) }));
  }

  @Query(() => MetadataHistogram, { description: 'How the values of a numeric metadata key spread over the records you may see that match input (SI units for quantities). Counts are records: one with several values for the key counts in each bucket it has a value in.' })
  async metadataHistogram(
    @Ctx() ctx: Context,
    @Arg('input', () => SearchInput, { nullable: true }) input: SearchInput | undefined,
    @Arg('path', () => String, { description: 'A numeric metadata path such as "detector.distance" (metadataKeys lists them).' }) path: string,
    @Arg('buckets', () => Int, { defaultValue: 20, description: 'Equal-width buckets between min and max, 1 to 100.' }) buckets = 20,
  ) {
    return ctx.services.search.service.histogram(ctx.identity, query(input), path, buckets);
  }

  @Query(() => SearchStatus, { description: 'Whether search is available and how far the index is behind the catalog.' })
  async searchStatus(@Ctx() ctx: Context) {
    return ctx.services.search.status(seesAll(ctx.identity));
  }
}

@Resolver(() => SearchHit)
export class SearchHitResolver {
  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() h: SearchHit, @Ctx() ctx: Context) {
    return h.kind === 'dataset' ? ctx.loaders.byId(ctx.services.datasets).load(h.id) : null;
  }

  @FieldResolver(() => Sample, { nullable: true })
  sample(@Root() h: SearchHit, @Ctx() ctx: Context) {
    return h.kind === 'sample' ? ctx.loaders.byId(ctx.services.samples).load(h.id) : null;
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() h: SearchHit, @Ctx() ctx: Context) {
    return h.kind === 'proposal' ? ctx.loaders.byId(ctx.services.proposals).load(h.id) : null;
  }
}
