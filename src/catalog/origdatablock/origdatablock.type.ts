import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccessInput, AccessPatch, AccessRecord } from '../../graphql/record.types';
import { Connection, PageInfo, SortDirection } from '../../graphql/connection';
import { LongScalar } from '../../graphql/scalars';

@ObjectType({ description: 'One file of a dataset.' })
export class DataFile {
  @Field() path: string;
  @Field(() => LongScalar, { nullable: true, description: 'Bytes; null when unknown (a file listed from a template, with no storage the catalog could measure it on).' }) size?: number;
  @Field({ nullable: true }) time?: Date;
  @Field({ nullable: true, description: 'Checksum, by the block\'s chkAlg.' }) chk?: string;
  @Field({ nullable: true }) uid?: string;
  @Field({ nullable: true }) gid?: string;
  @Field({ nullable: true }) perm?: string;
}

@InputType()
export class DataFileInput {
  @Field() path: string;
  @Field(() => LongScalar, { nullable: true, description: 'Bytes; leave it out when unknown (never 0 for unknown).' }) size?: number;
  @Field({ nullable: true }) time?: Date;
  @Field({ nullable: true }) chk?: string;
  @Field({ nullable: true }) uid?: string;
  @Field({ nullable: true }) gid?: string;
  @Field({ nullable: true }) perm?: string;
}

@ObjectType()
export class DataFileEdge {
  @Field() cursor: string;
  @Field(() => DataFile) node: DataFile;
}

@ObjectType({ description: 'A page of files; cursors are positions in the list.' })
export class DataFileConnection {
  @Field(() => [DataFileEdge]) edges: DataFileEdge[];
  @Field(() => [DataFile]) nodes: DataFile[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType({ description: 'A chunk of a dataset\'s file list.' })
export class OrigDatablock extends AccessRecord {
  @Field() id: string;
  @Field() datasetId: string;
  @Field(() => LongScalar) size: number;
  @Field({ nullable: true }) chkAlg?: string;
  @Field(() => Int, { nullable: true }) chunkIndex?: number;
  @Field(() => Int) numberOfFiles: number;
}

@ObjectType()
export class OrigDatablockConnection extends Connection(OrigDatablock, 'OrigDatablock') {}

@InputType()
export class OrigDatablockInput extends AccessInput {
  @Field({ nullable: true, description: 'Defaults to <datasetId>/block/<chunkIndex>.' }) id?: string;
  @Field() datasetId: string;
  @Field(() => LongScalar, { nullable: true, description: 'Defaults to the sum of the file sizes.' }) size?: number;
  @Field({ nullable: true }) chkAlg?: string;
  @Field(() => Int, { nullable: true }) chunkIndex?: number;
  @Field(() => [DataFileInput]) dataFileList: DataFileInput[];
}

@InputType()
export class OrigDatablockPatch extends AccessPatch {
  @Field({ nullable: true }) chkAlg?: string;
  @Field(() => LongScalar, { nullable: true }) size?: number;
  @Field(() => [DataFileInput], { nullable: true }) dataFileList?: DataFileInput[];
}

@InputType()
export class OrigDatablockFilter {
  @Field({ nullable: true }) datasetId?: string;
}

export enum OrigDatablockSortField {
  ID = '_id',
  CHUNK_INDEX = 'chunkIndex',
  CREATED_AT = 'createdAt',
}
registerEnumType(OrigDatablockSortField, { name: 'OrigDatablockSortField' });

@InputType()
export class OrigDatablockSort {
  @Field(() => OrigDatablockSortField) field: OrigDatablockSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}
