import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum, upper } from '../graphql/enums';
import { RECORD_FORMATS, SPLIT_GROUPS, type RecordFormat, type SplitGroup as SplitGroupName } from './export.request';
import { JOB_STATUSES, type JobStatus } from './export.job';
import { GraphQLJSONObject } from 'graphql-scalars';
import { DatasetFilter } from '../catalog/dataset/dataset.type';
import { LabelSource } from '../catalog/label/label.type';
import { StorageNote } from '../graphql/record.types';

export const ExportFormat = graphqlEnum('ExportFormat', RECORD_FORMATS, { key: upper, description: 'Record file formats. JSONL is always written: the Croissant record sets read it.' });
export type ExportFormat = RecordFormat;

export const SplitGroup = graphqlEnum('SplitGroup', SPLIT_GROUPS, { key: upper, description: 'What the splits must not cut through: datasets sharing a sample (or proposal) always land in the same split.' });
export type SplitGroup = SplitGroupName;

export const ExportStatus = graphqlEnum('ExportStatus', JOB_STATUSES);
export type ExportStatus = JobStatus;

@InputType()
export class SplitInput {
  @Field(() => Float, { defaultValue: 0.8 }) train: number;
  @Field(() => Float, { defaultValue: 0.1 }) validation: number;
  @Field(() => Float, { defaultValue: 0.1 }) test: number;
  @Field({ defaultValue: '0', description: 'The same selection and seed always give the same split.' }) seed: string;
  @Field(() => SplitGroup, { defaultValue: 'sample' }) groupBy: SplitGroup;
}

@InputType()
export class ExportInput {
  @Field({ description: 'The name of the exported dataset.' }) name: string;
  @Field({ nullable: true }) description?: string;
  @Field({ nullable: true, description: 'The licence of the export (default: the datasets\' licence when they share one).' }) license?: string;
  @Field(() => DatasetFilter, { nullable: true, description: 'Which datasets; your access rights always apply.' }) filter?: DatasetFilter;
  @Field(() => [String], { nullable: true, description: 'Declared label sets to include.' }) labelSets?: string[];
  @Field(() => [LabelSource], { nullable: true, description: 'Whose labels (default both).' }) labelSources?: LabelSource[];
  @Field(() => [String], { nullable: true, description: 'scientificMetadata paths to copy as typed columns, e.g. "energy" or "detector.distance".' }) metadataFields?: string[];
  @Field({ nullable: true, defaultValue: true, description: 'Include the files record set (paths, sizes, checksums).' }) includeFiles?: boolean;
  @Field(() => [ExportFormat], { nullable: true, description: 'Default JSONL, CSV and Parquet.' }) formats?: ExportFormat[];
  @Field(() => SplitInput, { nullable: true }) split?: SplitInput;
}

@ObjectType()
export class ExportProgress {
  @Field({ description: 'queued, scan, write, finalize or done' }) phase: string;
  @Field(() => Int) total: number;
  @Field(() => Int) done: number;
}

@ObjectType()
export class ExportFile {
  @Field() name: string;
  @Field({ nullable: true, description: 'datasets, labels or files' }) recordSet?: string;
  @Field({ nullable: true }) format?: string;
  @Field(() => Float) bytes: number;
  @Field() sha256: string;
  @Field(() => Int, { nullable: true }) records?: number;
  @Field({ description: 'Where to download it (with your token).' }) url: string;
}

@ObjectType()
export class SplitCounts {
  @Field(() => Int) train: number;
  @Field(() => Int) validation: number;
  @Field(() => Int) test: number;
}

@ObjectType({ description: 'An export job: a Croissant dataset written to a folder and offered for download.' })
export class ExportJobType {
  @Field(() => ID) id: string;
  @Field(() => ExportStatus) status: ExportStatus;
  @Field() name: string;
  @Field(() => GraphQLJSONObject, { description: 'The request as stored (defaults filled in).' }) request: Record<string, unknown>;
  @Field({ description: 'Who asked; their access rights applied to every read.' }) requestedBy: string;
  @Field(() => ExportProgress) progress: ExportProgress;
  @Field({ description: 'A cancel was asked for and takes effect at the next checkpoint.' }) cancelRequested: boolean;
  @Field(() => Int, { description: 'How many times a worker took the job (more than 1 after a resume or a takeover).' }) runs: number;
  @Field(() => SplitCounts, { nullable: true }) splitCounts?: SplitCounts;
  @Field(() => [ExportFile], { nullable: true, description: 'Once completed.' }) files?: ExportFile[];
  @Field({ nullable: true }) error?: string;
  @Field() createdAt: Date;
  @Field({ nullable: true }) startedAt?: Date;
  @Field({ nullable: true }) finishedAt?: Date;
  @Field(() => [StorageNote], { nullable: true, description: 'Values of the request that were changed so the store keeps them, by their paths in the request (null: none).' })
  storageNotes?: StorageNote[];
}
