import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AccessInput, AccessPatch, AccessRecord } from '../../graphql/record.types';
import { Connection, SortDirection } from '../../graphql/connection';

@ObjectType({ description: 'An instrument: a beamline or end station.' })
export class Instrument extends AccessRecord {
  @Field() pid: string;
  @Field() name: string;
  @Field({ description: 'The short name facilities use, e.g. BL17U1.' }) uniqueName: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) customMetadata?: Record<string, unknown>;
}

@ObjectType()
export class InstrumentConnection extends Connection(Instrument, 'Instrument') {}

@InputType()
export class InstrumentInput extends AccessInput {
  @Field({ nullable: true, description: 'Defaults to one derived from uniqueName.' }) pid?: string;
  @Field() name: string;
  @Field() uniqueName: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) customMetadata?: Record<string, unknown>;
}

@InputType()
export class InstrumentPatch extends AccessPatch {
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true }) uniqueName?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) customMetadata?: Record<string, unknown>;
}

@InputType()
export class InstrumentFilter {
  @Field(() => [String], { nullable: true }) pids?: string[];
  @Field({ nullable: true }) uniqueName?: string;
  @Field({ nullable: true, description: 'Case-insensitive words in the name.' }) nameContains?: string;
}

export enum InstrumentSortField {
  PID = '_id',
  UNIQUE_NAME = 'uniqueName',
  CREATED_AT = 'createdAt',
}
registerEnumType(InstrumentSortField, { name: 'InstrumentSortField' });

@InputType()
export class InstrumentSort {
  @Field(() => InstrumentSortField) field: InstrumentSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}
