// SciCat's dataset fields beyond the catalog's core model: the archive lifecycle, relationships to other
// datasets and the bookkeeping fields SciCat clients (pyscicat, scitacean) send and read. They are stored
// as given, so a record written through SciCat's REST API reads back field for field.
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { LongScalar } from '../../graphql/scalars';
import { AccessInput, AccessPatch, AccessRecord } from '../../graphql/record.types';

@ObjectType({ description: "SciCat's archive lifecycle: where the dataset's files stand in the facility's archive." })
@InputType('DatasetLifecycleInput')
export class DatasetLifecycle {
  @Field({ nullable: true }) archivable?: boolean;
  @Field({ nullable: true }) retrievable?: boolean;
  @Field({ nullable: true }) publishable?: boolean;
  @Field({ nullable: true }) isOnCentralDisk?: boolean;
  @Field({ nullable: true }) retrieveIntegrityCheck?: boolean;
  @Field({ nullable: true }) dateOfDiskPurging?: Date;
  @Field({ nullable: true }) archiveRetentionTime?: Date;
  @Field({ nullable: true }) dateOfPublishing?: Date;
  @Field({ nullable: true }) publishedOn?: Date;
  @Field({ nullable: true }) archiveStatusMessage?: string;
  @Field({ nullable: true }) retrieveStatusMessage?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) archiveReturnMessage?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) retrieveReturnMessage?: Record<string, unknown>;
  @Field({ nullable: true }) exportedTo?: string;
}

@ObjectType({ description: 'A typed link to another dataset (SciCat v4 relationships), e.g. {pid, relationship: "is input of"}.' })
@InputType('DatasetRelationshipInput')
export class DatasetRelationship {
  @Field() pid: string;
  @Field() relationship: string;
}

/** The SciCat fields of a dataset as the API returns them (with the access fields every record has). */
@ObjectType('DatasetScicatFieldsBase')
export abstract class DatasetScicatFields extends AccessRecord {
  @Field({ nullable: true }) classification?: string;
  @Field({ nullable: true }) comment?: string;
  @Field({ nullable: true, description: 'e.g. "NeXus HDF5".' }) dataFormat?: string;
  @Field(() => Int, { nullable: true }) dataQualityMetrics?: number;
  @Field({ nullable: true, description: 'When the measurement began.' }) startTime?: Date;
  @Field({ nullable: true, description: 'When the measurement ended.' }) endTime?: Date;
  @Field({ nullable: true }) runNumber?: string;
  @Field(() => Int, { nullable: true }) numberOfFilesArchived?: number;
  @Field(() => LongScalar, { nullable: true, description: 'Bytes once packed for the archive.' }) packedSize?: number;
  @Field(() => [String], { nullable: true, description: 'Users the owner shared the dataset with, as recorded (access is given by accessGroups).' }) sharedWith?: string[];
  @Field({ nullable: true, description: 'The host whose file system holds sourceFolder.' }) sourceFolderHost?: string;
  @Field({ nullable: true }) validationStatus?: string;
  @Field({ nullable: true }) scientificMetadataSchema?: string;
  @Field({ nullable: true }) scientificMetadataValid?: boolean;
  @Field(() => [DatasetRelationship], { nullable: true }) relationships?: DatasetRelationship[];
  @Field(() => DatasetLifecycle, { nullable: true }) datasetlifecycle?: DatasetLifecycle;
}

type InputBase = abstract new (...args: any[]) => object;

/** The SciCat fields as a create (on AccessInput) or a patch (on AccessPatch) takes them: one list for both. */
function scicatInput<B extends InputBase>(Base: B, name: string) {
  @InputType(name)
  abstract class ScicatInput extends Base {
    @Field({ nullable: true }) classification?: string;
    @Field({ nullable: true }) comment?: string;
    @Field({ nullable: true }) dataFormat?: string;
    @Field(() => Int, { nullable: true }) dataQualityMetrics?: number;
    @Field({ nullable: true }) startTime?: Date;
    @Field({ nullable: true }) endTime?: Date;
    @Field({ nullable: true }) runNumber?: string;
    @Field(() => Int, { nullable: true }) numberOfFilesArchived?: number;
    @Field(() => LongScalar, { nullable: true }) packedSize?: number;
    @Field(() => [String], { nullable: true }) sharedWith?: string[];
    @Field({ nullable: true }) sourceFolderHost?: string;
    @Field({ nullable: true }) validationStatus?: string;
    @Field({ nullable: true }) scientificMetadataSchema?: string;
    @Field({ nullable: true }) scientificMetadataValid?: boolean;
    @Field(() => [DatasetRelationship], { nullable: true }) relationships?: DatasetRelationship[];
    @Field(() => DatasetLifecycle, { nullable: true }) datasetlifecycle?: DatasetLifecycle;
  }
  return ScicatInput;
}

/** The SciCat fields a create or upsert takes. */
export const DatasetScicatInput = scicatInput(AccessInput, 'DatasetScicatInputBase');
/** The SciCat fields a patch takes (a datasetlifecycle given replaces the stored one). */
export const DatasetScicatPatch = scicatInput(AccessPatch, 'DatasetScicatPatchBase');
