import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Info } from 'type-graphql';
import type { Context } from '../../server/context';
import { crudResolver } from '../../server/graphql/crud.resolver';
import { SortDirection } from '../../server/graphql/connection';
import { DatasetConnection, DatasetSort } from '../dataset/dataset.type';
import { datasetsOf } from '../dataset/dataset.relations';
import { Instrument, InstrumentConnection, InstrumentFilter, InstrumentInput, InstrumentPatch, InstrumentSortField, InstrumentSort } from './instrument.type';

const Base = crudResolver({
  one: 'instrument', many: 'instruments', typeName: 'Instrument', idArg: 'pid',
  Node: Instrument, Input: InstrumentInput, Patch: InstrumentPatch, FilterInput: InstrumentFilter,
  SortInput: InstrumentSort, defaultSort: { field: InstrumentSortField.UNIQUE_NAME, direction: SortDirection.ASC },
  Connection: InstrumentConnection,
  service: (s) => s.instruments,
  query: (s, f) => s.instruments.query(f),
});

@Resolver(() => Instrument)
export class InstrumentResolver extends Base {
  @FieldResolver(() => DatasetConnection, { description: 'Datasets measured on this instrument.' })
  datasets(
    @Root() i: Instrument & { _id: string },
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('sort', () => DatasetSort, { nullable: true }) sort?: DatasetSort,
  ) {
    return datasetsOf(ctx, 'instrumentId', i._id, { first, after }, sort, info);
  }
}
