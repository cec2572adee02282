import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { SortDirection } from '../../graphql/connection';
import { Dataset } from '../dataset';
import { visibleByIds } from '../common/relations';
import { Publication, PublicationConnection, PublicationFilter, PublicationInput, PublicationPatch, PublicationSort, PublicationSortField } from './publication.type';

const Base = crudResolver({
  names: { get: 'publication', list: 'publications', create: 'createPublication', update: 'updatePublication', delete: 'deletePublication', upsert: 'upsertPublication', upsertMany: 'upsertPublications' },
  typeName: 'Publication', idArg: 'id',
  Node: Publication, Input: PublicationInput, Patch: PublicationPatch, FilterInput: PublicationFilter,
  SortInput: PublicationSort, defaultSort: { field: PublicationSortField.ID, direction: SortDirection.ASC },
  Connection: PublicationConnection,
  service: (s: CatalogServices) => s.publications,
  query: (s: CatalogServices, f) => s.publications.query(f),
});

@Resolver(() => Publication)
export class PublicationResolver extends Base {
  @FieldResolver(() => [Dataset], { description: 'The datasets behind this DOI that the caller may see.' })
  datasets(@Root() p: Publication, @Ctx() ctx: CatalogContext) {
    return visibleByIds((ids) => ctx.loaders.byId(ctx.services.datasets).loadMany(ids), p.datasetPids);
  }
}
