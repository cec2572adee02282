// GraphQL for the DOI workflow and for the links between datasets and papers.
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context as RequestContext } from '../graphql/context';
import type { CatalogServices } from '../catalog';
import type { DoiWorkflow } from './doi.workflow';

/** What DOI resolvers are given per request. */
type Context = RequestContext<CatalogServices & { doi: DoiWorkflow }>;
import { Dataset } from '../catalog/dataset/dataset.type';
import { Publication, RelatedIdentifier } from '../catalog/publication/publication.type';
import { visibleByIds } from '../catalog/common/relations';
import type { StoredRecord } from '../catalog/common/record.types';
import { citationText } from './citation';

/** Relations by which a publication's related work cites or uses its data. */
const CITING = new Set(['IsCitedBy', 'IsSupplementTo', 'IsReferencedBy', 'IsDocumentedBy', 'IsDescribedBy', 'IsPublishedIn']);
const BY_ID = { field: '_id', direction: 'ASC' as const };

@Resolver(() => Publication)
export class DoiResolver {
  @Mutation(() => Publication, { description: 'A steward approves a complete draft; its DOI is fixed and reserved at DataCite as a draft.' })
  approvePublication(@Arg('id', () => ID, { description: 'Publication id or DOI' }) id: string, @Ctx() ctx: Context) {
    return ctx.services.doi.approve(ctx.identity, id);
  }

  @Mutation(() => Publication, { description: 'Registers the DOI (it resolves; not in DataCite search). The datasets become public.' })
  registerPublication(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.doi.register(ctx.identity, id);
  }

  @Mutation(() => Publication, { description: 'Makes the DOI findable. The datasets become public. Repeat after a failure to complete it.' })
  publishPublication(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.doi.publish(ctx.identity, id);
  }

  @Mutation(() => Publication, { description: 'findable → registered (DataCite hide). The DOI keeps resolving.' })
  hidePublication(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.doi.hide(ctx.identity, id);
  }

  @Query(() => [Dataset], { description: 'The datasets behind a work (e.g. a journal article DOI) that the caller may see, through the publications that link to it.' })
  async datasetsForWork(@Arg('identifier') identifier: string, @Ctx() ctx: Context): Promise<StoredRecord[]> {
    const pubs = await ctx.services.publications.findByField(ctx.identity, 'relatedPublications.identifier', [identifier], { sort: BY_ID });
    const pids = [...new Set(pubs.flatMap((p) => p.datasetPids as string[]))];
    return visibleByIds((ids) => ctx.loaders.byId(ctx.services.datasets).loadMany(ids), pids);
  }

  @FieldResolver(() => String, { nullable: true, description: 'https://doi.org/<doi>' })
  doiUrl(@Root() p: Publication) {
    return p.doi ? `https://doi.org/${p.doi}` : null;
  }

  @FieldResolver(() => String, { description: 'A citation in DataCite\'s recommended form: Creators (Year): Title. Publisher. Identifier' })
  citation(@Root() p: Publication) {
    return citationText(p as unknown as StoredRecord);
  }
}

/** Dataset.publications itself is declared with the dataset (catalog/dataset/dataset.resolver.ts). */
@Resolver(() => Dataset)
export class DatasetLinksResolver {
  @FieldResolver(() => [RelatedIdentifier], { description: 'Papers and other works that cite or use this dataset, through its publications.' })
  async citedBy(@Root() d: Dataset, @Ctx() ctx: Context) {
    const pubs = await ctx.loaders.allBy(ctx.services.publications, 'datasetPids', BY_ID).load(d.pid);
    const seen = new Set<string>();
    return pubs.flatMap((p) => (p.relatedPublications ?? []) as RelatedIdentifier[]).filter((r) => CITING.has(r.relationType) && !seen.has(r.identifier) && seen.add(r.identifier));
  }
}
