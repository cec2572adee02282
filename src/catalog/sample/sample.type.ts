import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AccessInput, AccessPatch, AccessRecord } from '../../graphql/record.types';
import { Connection, SortDirection } from '../../graphql/connection';

@ObjectType({ description: 'A physical sample measured in one or more datasets.' })
export class Sample extends AccessRecord {
  @Field() sampleId: string;
  @Field({ nullable: true }) owner?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free JSON: chemical formula, preparation, in-situ conditions…' }) sampleCharacteristics?: Record<string, unknown>;
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true, description: 'A name people know the sample by.' }) sampleName?: string;
  @Field({ nullable: true, description: 'The sample this one was taken from.' }) parentSampleId?: string;
  @Field({ nullable: true }) type?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) provenance?: Record<string, unknown>;
}

@ObjectType()
export class SampleConnection extends Connection(Sample, 'Sample') {}

@InputType()
export class SampleInput extends AccessInput {
  @Field() sampleId: string;
  @Field({ nullable: true }) owner?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) sampleCharacteristics?: Record<string, unknown>;
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true }) sampleName?: string;
  @Field({ nullable: true }) parentSampleId?: string;
  @Field({ nullable: true }) type?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) provenance?: Record<string, unknown>;
}

@InputType()
export class SamplePatch extends AccessPatch {
  @Field({ nullable: true }) owner?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) sampleCharacteristics?: Record<string, unknown>;
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true }) sampleName?: string;
  @Field({ nullable: true }) parentSampleId?: string;
  @Field({ nullable: true }) type?: string;
}

@InputType()
export class SampleFilter {
  @Field(() => [String], { nullable: true }) sampleIds?: string[];
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true }) ownerGroup?: string;
  @Field({ nullable: true }) owner?: string;
  @Field({ nullable: true, description: 'Case-insensitive words in the description.' }) descriptionContains?: string;
}

export enum SampleSortField {
  SAMPLE_ID = '_id',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(SampleSortField, { name: 'SampleSortField' });

@InputType()
export class SampleSort {
  @Field(() => SampleSortField) field: SampleSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}
