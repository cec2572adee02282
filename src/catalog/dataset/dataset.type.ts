import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection, SortDirection } from '../../graphql/connection';
import { LongScalar } from '../../graphql/scalars';
import { graphqlEnum } from '../../graphql/enums';
import { DATASET_TYPES, type DatasetKind } from './dataset.service';
import { DatasetScicatFields, DatasetScicatInput, DatasetScicatPatch } from './dataset.scicat.type';

export const DatasetType = graphqlEnum('DatasetType', DATASET_TYPES, { description: 'raw: measured on an instrument; derived: computed from other datasets.' });
export type DatasetType = DatasetKind;

@ObjectType()
export class Technique {
  @Field({ nullable: true, description: 'e.g. a PaNET ontology id' }) pid?: string;
  @Field() name: string;
}

@InputType()
export class TechniqueInput {
  @Field({ nullable: true }) pid?: string;
  @Field() name: string;
}

@ObjectType({ description: 'A raw or derived dataset (SciCat field names).' })
export class Dataset extends DatasetScicatFields {
  @Field({ description: 'Persistent identifier.' }) pid: string;
  @Field(() => DatasetType) type: DatasetType;
  @Field({ nullable: true }) datasetName?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { nullable: true }) keywords?: string[];
  @Field({ nullable: true }) version?: string;
  @Field({ nullable: true }) license?: string;
  @Field() owner: string;
  @Field({ nullable: true }) ownerEmail?: string;
  @Field({ nullable: true }) orcidOfOwner?: string;
  @Field() contactEmail: string;
  @Field({ nullable: true }) principalInvestigator?: string;
  @Field() sourceFolder: string;
  @Field() creationTime: Date;
  @Field({ nullable: true }) creationLocation?: string;
  @Field({ nullable: true }) instrumentId?: string;
  @Field(() => [String], { nullable: true }) proposalIds?: string[];
  @Field(() => [String], { nullable: true }) sampleIds?: string[];
  @Field(() => [Technique], { nullable: true }) techniques?: Technique[];
  @Field(() => LongScalar, { nullable: true, description: 'Total bytes, kept in step with the origdatablocks.' }) size?: number;
  @Field(() => Int, { nullable: true }) numberOfFiles?: number;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Nested metadata of any depth; a quantity is {value, unit}.' }) scientificMetadata?: Record<string, unknown>;
  @Field(() => [String], { nullable: true, description: 'Derived only: pids of the datasets it was computed from.' }) inputDatasets?: string[];
  @Field(() => [String], { nullable: true }) usedSoftware?: string[];
  @Field(() => GraphQLJSONObject, { nullable: true }) jobParameters?: Record<string, unknown>;
  @Field({ nullable: true }) jobLogData?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Where an ingested record came from: mapping, source, key, run.' }) provenance?: Record<string, unknown>;
}

@ObjectType()
export class DatasetConnection extends Connection(Dataset, 'Dataset') {}

@InputType('DatasetFieldsBase')
abstract class DatasetFields extends DatasetScicatInput {
  @Field({ nullable: true }) datasetName?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { nullable: true }) keywords?: string[];
  @Field({ nullable: true }) version?: string;
  @Field({ nullable: true }) license?: string;
  @Field({ nullable: true }) ownerEmail?: string;
  @Field({ nullable: true }) orcidOfOwner?: string;
  @Field({ nullable: true }) principalInvestigator?: string;
  @Field({ nullable: true }) creationLocation?: string;
  @Field({ nullable: true }) instrumentId?: string;
  @Field(() => [String], { nullable: true }) proposalIds?: string[];
  @Field(() => [String], { nullable: true }) sampleIds?: string[];
  @Field(() => [TechniqueInput], { nullable: true }) techniques?: TechniqueInput[];
  @Field(() => LongScalar, { nullable: true }) size?: number;
  @Field(() => Int, { nullable: true }) numberOfFiles?: number;
  @Field(() => GraphQLJSONObject, { nullable: true }) scientificMetadata?: Record<string, unknown>;
  @Field(() => [String], { nullable: true }) inputDatasets?: string[];
  @Field(() => [String], { nullable: true }) usedSoftware?: string[];
  @Field(() => GraphQLJSONObject, { nullable: true }) jobParameters?: Record<string, unknown>;
  @Field({ nullable: true }) jobLogData?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) provenance?: Record<string, unknown>;
}

@InputType()
export class DatasetInput extends DatasetFields {
  @Field({ nullable: true, description: 'Required for upserts; generated on create when absent.' }) pid?: string;
  @Field(() => DatasetType) type: DatasetType;
  @Field() owner: string;
  @Field() contactEmail: string;
  @Field() sourceFolder: string;
  @Field() creationTime: Date;
}

@InputType()
export class DatasetPatch extends DatasetScicatPatch {
  @Field({ nullable: true }) datasetName?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { nullable: true }) keywords?: string[];
  @Field({ nullable: true }) version?: string;
  @Field({ nullable: true }) license?: string;
  @Field({ nullable: true }) owner?: string;
  @Field({ nullable: true }) ownerEmail?: string;
  @Field({ nullable: true }) orcidOfOwner?: string;
  @Field({ nullable: true }) contactEmail?: string;
  @Field({ nullable: true }) principalInvestigator?: string;
  @Field({ nullable: true }) sourceFolder?: string;
  @Field({ nullable: true }) creationTime?: Date;
  @Field({ nullable: true }) creationLocation?: string;
  @Field({ nullable: true }) instrumentId?: string;
  @Field(() => [String], { nullable: true }) proposalIds?: string[];
  @Field(() => [String], { nullable: true }) sampleIds?: string[];
  @Field(() => [TechniqueInput], { nullable: true }) techniques?: TechniqueInput[];
  @Field(() => GraphQLJSONObject, { nullable: true }) scientificMetadata?: Record<string, unknown>;
  @Field(() => [String], { nullable: true }) inputDatasets?: string[];
  @Field(() => [String], { nullable: true }) usedSoftware?: string[];
  @Field(() => GraphQLJSONObject, { nullable: true }) jobParameters?: Record<string, unknown>;
  @Field({ nullable: true }) jobLogData?: string;
}

@InputType()
export class DatasetFilter {
  @Field(() => [String], { nullable: true }) pids?: string[];
  @Field(() => DatasetType, { nullable: true }) type?: DatasetType;
  @Field({ nullable: true }) ownerGroup?: string;
  @Field({ nullable: true }) instrumentId?: string;
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true }) sampleId?: string;
  @Field(() => [String], { nullable: true, description: 'Datasets carrying all of these keywords.' }) keywords?: string[];
  @Field({ nullable: true, description: 'Technique name.' }) technique?: string;
  @Field({ nullable: true, description: 'Case-insensitive words in datasetName or description (full-text search is `search`).' }) text?: string;
  @Field({ nullable: true }) creationTimeFrom?: Date;
  @Field({ nullable: true }) creationTimeTo?: Date;
  @Field({ nullable: true }) isPublished?: boolean;
  @Field({ nullable: true, description: 'Derived datasets computed from this pid.' }) inputDataset?: string;
}

export enum DatasetSortField {
  CREATION_TIME = 'creationTime',
  PID = '_id',
  SIZE = 'size',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(DatasetSortField, { name: 'DatasetSortField' });

@InputType()
export class DatasetSort {
  @Field(() => DatasetSortField) field: DatasetSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}

export const DEFAULT_DATASET_SORT = { field: DatasetSortField.CREATION_TIME, direction: SortDirection.DESC };
