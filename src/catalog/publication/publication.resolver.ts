import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context';
import { crudResolver } from '../../server/graphql/crud.resolver';
import { SortDirection } from '../../server/graphql/connection';
import { Dataset } from '../dataset/dataset.type';
import { visibleByIds } from '../common/relations';
import { Publication, PublicationConnection, PublicationFilter, PublicationInput, PublicationPatch, PublicationSort, PublicationSortField } from './publication.type';

const Base = crudResolver({
  one: 'publication', many: 'publications', typeName: 'Publication', idArg: 'id',
  Node: Publication, Input: PublicationInput, Patch: PublicationPatch, FilterInput: PublicationFilter,
  SortInput: PublicationSort, defaultSort: { field: PublicationSortField.ID, direction: SortDirection.ASC },
  Connection: PublicationConnection,
  service: (s) => s.publications,
  query: (s, f) => s.publications.query(f),
});

@Resolver(() => Publication)
export class PublicationResolver extends Base {
  @FieldResolver(() => [Dataset], { description: 'The datasets behind this DOI that the caller may see.' })
  datasets(@Root() p: Publication, @Ctx() ctx: Context) {
    return visibleByIds((ids) => ctx.loaders.byId(ctx.services.datasets).loadMany(ids), p.datasetPids);
  }
}
