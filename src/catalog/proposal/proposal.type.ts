import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AccessInput, AccessPatch, AccessRecord } from '../../graphql/record.types';
import { Connection, SortDirection } from '../../graphql/connection';

@ObjectType({ description: 'A beamtime on an instrument, with its start and end.' })
export class MeasurementPeriod {
  @Field({ nullable: true }) id?: string;
  @Field() instrument: string;
  @Field({ nullable: true }) start?: Date;
  @Field({ nullable: true }) end?: Date;
  @Field({ nullable: true }) comment?: string;
}

@InputType()
export class MeasurementPeriodInput {
  @Field({ nullable: true }) id?: string;
  @Field() instrument: string;
  @Field({ nullable: true }) start?: Date;
  @Field({ nullable: true }) end?: Date;
  @Field({ nullable: true }) comment?: string;
}

@ObjectType({ description: 'An approved proposal for beamtime (SciCat field names).' })
export class Proposal extends AccessRecord {
  @Field() proposalId: string;
  @Field() title: string;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) pi_email?: string;
  @Field({ nullable: true }) pi_firstname?: string;
  @Field({ nullable: true }) pi_lastname?: string;
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true }) firstname?: string;
  @Field({ nullable: true }) lastname?: string;
  @Field({ nullable: true }) startTime?: Date;
  @Field({ nullable: true }) endTime?: Date;
  @Field(() => [MeasurementPeriod], { nullable: true }) measurementPeriodList?: MeasurementPeriod[];
  @Field({ nullable: true }) type?: string;
  @Field({ nullable: true }) parentProposalId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) provenance?: Record<string, unknown>;
}

@ObjectType()
export class ProposalConnection extends Connection(Proposal, 'Proposal') {}

@InputType()
export class ProposalPatch extends AccessPatch {
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) pi_email?: string;
  @Field({ nullable: true }) pi_firstname?: string;
  @Field({ nullable: true }) pi_lastname?: string;
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true }) firstname?: string;
  @Field({ nullable: true }) lastname?: string;
  @Field({ nullable: true }) startTime?: Date;
  @Field({ nullable: true }) endTime?: Date;
  @Field(() => [MeasurementPeriodInput], { nullable: true }) measurementPeriodList?: MeasurementPeriodInput[];
  @Field({ nullable: true }) type?: string;
  @Field({ nullable: true }) parentProposalId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown>;
}

@InputType()
export class ProposalInput extends AccessInput {
  @Field() proposalId: string;
  @Field() title: string;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) pi_email?: string;
  @Field({ nullable: true }) pi_firstname?: string;
  @Field({ nullable: true }) pi_lastname?: string;
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true }) firstname?: string;
  @Field({ nullable: true }) lastname?: string;
  @Field({ nullable: true }) startTime?: Date;
  @Field({ nullable: true }) endTime?: Date;
  @Field(() => [MeasurementPeriodInput], { nullable: true }) measurementPeriodList?: MeasurementPeriodInput[];
  @Field({ nullable: true }) type?: string;
  @Field({ nullable: true }) parentProposalId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) provenance?: Record<string, unknown>;
}

@InputType()
export class ProposalFilter {
  @Field(() => [String], { nullable: true }) proposalIds?: string[];
  @Field({ nullable: true }) ownerGroup?: string;
  @Field({ nullable: true }) type?: string;
  @Field({ nullable: true, description: 'Case-insensitive words in the title.' }) titleContains?: string;
  @Field({ nullable: true }) pi_email?: string;
  @Field({ nullable: true, description: 'Proposals with a measurement period on this instrument.' }) instrument?: string;
  @Field({ nullable: true }) startTimeFrom?: Date;
  @Field({ nullable: true }) startTimeTo?: Date;
}

export enum ProposalSortField {
  PROPOSAL_ID = '_id',
  START_TIME = 'startTime',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(ProposalSortField, { name: 'ProposalSortField' });

@InputType()
export class ProposalSort {
  @Field(() => ProposalSortField) field: ProposalSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}
