import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { SortDirection } from '../../graphql/connection';
import { DatasetConnection } from '../dataset';
import { DatasetPageArgs, datasetsOf } from '../dataset';
import { Instrument, InstrumentConnection, InstrumentFilter, InstrumentInput, InstrumentPatch, InstrumentSortField, InstrumentSort } from './instrument.type';

const Base = crudResolver({
  names: { get: 'instrument', list: 'instruments', create: 'createInstrument', update: 'updateInstrument', delete: 'deleteInstrument', upsert: 'upsertInstrument', upsertMany: 'upsertInstruments' },
  typeName: 'Instrument', idArg: 'pid',
  Node: Instrument, Input: InstrumentInput, Patch: InstrumentPatch, FilterInput: InstrumentFilter,
  SortInput: InstrumentSort, defaultSort: { field: InstrumentSortField.UNIQUE_NAME, direction: SortDirection.ASC },
  Connection: InstrumentConnection,
  service: (s: CatalogServices) => s.instruments,
  query: (s: CatalogServices, f) => s.instruments.query(f),
});

@Resolver(() => Instrument)
export class InstrumentResolver extends Base {
  @FieldResolver(() => DatasetConnection, { description: 'Datasets measured on this instrument.' })
  datasets(
    @Root() i: Instrument & { _id: string },
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: CatalogContext,
    @Args(() => DatasetPageArgs) args: DatasetPageArgs,
  ) {
    return datasetsOf(ctx, 'instrumentId', i._id, args, info);
  }
}
