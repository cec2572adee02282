import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AccessRecord } from '../../graphql/record.types';
import { Connection, SortDirection } from '../../graphql/connection';

const THUMBNAIL = 'A data: URI of a PNG, JPEG, GIF or WebP image in base64 (data:image/png;base64,…), at most 4 MiB decoded.';

@ObjectType({ description: 'A captioned thumbnail attached to one dataset, sample or proposal (SciCat\'s Attachment). Its access fields are its parent\'s, and follow them.' })
export class Attachment extends AccessRecord {
  @Field() id: string;
  @Field({ nullable: true }) caption?: string;
  @Field({ description: THUMBNAIL }) thumbnail: string;
  @Field({ nullable: true, description: 'The dataset it is attached to (one of datasetId, sampleId, proposalId is set).' }) datasetId?: string;
  @Field({ nullable: true }) sampleId?: string;
  @Field({ nullable: true }) proposalId?: string;
  // instrumentGroup comes with the access fields (AccessRecord)
}

@ObjectType()
export class AttachmentConnection extends Connection(Attachment, 'Attachment') {}

@InputType({ description: 'An attachment: exactly one of datasetId, sampleId, proposalId names its parent, which the caller must be able to see and write; its access fields are copied from the parent.' })
export class AttachmentInput {
  @Field({ nullable: true, description: 'Defaults to a new pid.' }) id?: string;
  @Field({ nullable: true }) caption?: string;
  @Field({ description: THUMBNAIL }) thumbnail: string;
  @Field({ nullable: true }) datasetId?: string;
  @Field({ nullable: true }) sampleId?: string;
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true }) instrumentGroup?: string;
}

@InputType({ description: 'What may change of an attachment: never its parent, and never its access (change the parent\'s).' })
export class AttachmentPatch {
  @Field({ nullable: true }) caption?: string;
  @Field({ nullable: true, description: THUMBNAIL }) thumbnail?: string;
  @Field({ nullable: true }) instrumentGroup?: string;
}

@InputType()
export class AttachmentFilter {
  @Field({ nullable: true }) datasetId?: string;
  @Field({ nullable: true }) sampleId?: string;
  @Field({ nullable: true }) proposalId?: string;
}

export enum AttachmentSortField {
  ID = '_id',
  CREATED_AT = 'createdAt',
}
registerEnumType(AttachmentSortField, { name: 'AttachmentSortField' });

@InputType()
export class AttachmentSort {
  @Field(() => AttachmentSortField) field: AttachmentSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}

