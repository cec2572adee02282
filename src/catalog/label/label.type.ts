import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum, upper } from '../../graphql/enums';
import { Connection } from '../../graphql/connection';
import { StorageNote } from '../../graphql/record.types';
import { LABEL_KINDS, LABEL_SOURCES, type LabelKind, type LabelSourceName } from './labelset.service';

export const LabelKindEnum = graphqlEnum('LabelKind', LABEL_KINDS, { key: upper, description: 'LIKE: like (true) or dislike (false); SCORE: a number in a declared range; TAGS: a list of tags; CLASS: one class from a declared list.' });
export type LabelKindEnum = LabelKind;

export const LabelSource = graphqlEnum('LabelSource', LABEL_SOURCES, { description: 'Who gave a label: a person, or a model (named and versioned).' });
export type LabelSource = LabelSourceName;

@ObjectType({ description: 'A declared vocabulary for labels: exports declare label fields with its type.' })
export class LabelSet {
  @Field() name: string;
  @Field(() => LabelKindEnum) kind: LabelKindEnum;
  @Field({ nullable: true }) description?: string;
  @Field(() => Float, { nullable: true, description: 'SCORE: the lowest allowed score.' }) min?: number;
  @Field(() => Float, { nullable: true, description: 'SCORE: the highest allowed score.' }) max?: number;
  @Field(() => Float, { nullable: true, description: 'SCORE: scores are min + k × step.' }) step?: number;
  @Field(() => [String], { nullable: true, description: 'CLASS: the classes; TAGS: the allowed tags (absent: free tags).' }) values?: string[];
  @Field() createdBy: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@InputType()
export class LabelSetInput {
  @Field({ description: 'Lower-case letters, digits and _; it names a column in exports.' }) name: string;
  @Field(() => LabelKindEnum) kind: LabelKindEnum;
  @Field({ nullable: true }) description?: string;
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Float, { nullable: true }) step?: number;
  @Field(() => [String], { nullable: true }) values?: string[];
}

@ObjectType()
export class LabelModel {
  @Field() name: string;
  @Field() version: string;
}

@InputType()
export class LabelModelInput {
  @Field() name: string;
  @Field() version: string;
}

@ObjectType({ description: 'One judgement of a dataset by a person or a model. Visible to whoever may see the dataset.' })
export class Label {
  @Field(() => ID) id: string;
  @Field() datasetPid: string;
  @Field() labelSet: string;
  @Field(() => LabelKindEnum) kind: LabelKindEnum;
  @Field(() => Boolean, { nullable: true, description: 'LIKE: true for like, false for dislike.' }) like?: boolean;
  @Field(() => Float, { nullable: true }) score?: number;
  @Field(() => [String], { nullable: true }) tags?: string[];
  @Field(() => String, { nullable: true }) class?: string;
  @Field(() => LabelSource) source: LabelSource;
  @Field({ description: 'The person who gave the label, or who submitted the model\'s label.' }) by: string;
  @Field(() => LabelModel, { nullable: true }) model?: LabelModel;
  @Field({ nullable: true }) comment?: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field({ nullable: true, description: 'Set when the label was withdrawn: it no longer counts in summaries or exports.' }) withdrawnAt?: Date;
  @Field(() => [StorageNote], { name: 'storageNotes', nullable: true, description: 'Values of the last write that were changed so the store keeps them (null: none).' })
  _normalized?: StorageNote[];
}

@ObjectType()
export class LabelConnection extends Connection(Label, 'Label') {}

@InputType({ description: 'Exactly the value field of the set\'s kind: like, score, tags or class.' })
export class LabelInput {
  @Field() datasetPid: string;
  @Field() labelSet: string;
  @Field(() => Boolean, { nullable: true }) like?: boolean;
  @Field(() => Float, { nullable: true }) score?: number;
  @Field(() => [String], { nullable: true }) tags?: string[];
  @Field(() => String, { nullable: true }) class?: string;
  @Field(() => LabelModelInput, { nullable: true, description: 'Set when a model produced the label.' }) model?: LabelModelInput;
  @Field({ nullable: true }) comment?: string;
}

@InputType()
export class LabelFilter {
  @Field({ nullable: true }) datasetPid?: string;
  @Field({ nullable: true }) labelSet?: string;
  @Field({ nullable: true, description: 'Labels given (or submitted) by this subject.' }) by?: string;
  @Field(() => LabelSource, { nullable: true }) source?: LabelSource;
  @Field({ nullable: true, defaultValue: false }) includeWithdrawn?: boolean;
}

@ObjectType()
export class ValueCountType {
  @Field() value: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'The labels one dataset has in one set (withdrawn labels excluded).' })
export class LabelSummaryType {
  @Field() labelSet: string;
  @Field(() => LabelKindEnum) kind: LabelKindEnum;
  @Field(() => Int) count: number;
  @Field(() => Int) humanCount: number;
  @Field(() => Int) modelCount: number;
  @Field(() => Int, { nullable: true }) likes?: number;
  @Field(() => Int, { nullable: true }) dislikes?: number;
  @Field(() => Float, { nullable: true }) meanScore?: number;
  @Field(() => Float, { nullable: true }) minScore?: number;
  @Field(() => Float, { nullable: true }) maxScore?: number;
  @Field(() => [ValueCountType], { nullable: true, description: 'CLASS and TAGS: how often each value was given, most frequent first.' }) counts?: ValueCountType[];
  @Field(() => String, { nullable: true, description: 'The value an ML team would train on, as JSON: LIKE true/false, SCORE the mean, CLASS the majority class, TAGS the tags more than half the labellers gave; null on a tie or without labels.' })
  consensus: string | null;
  @Field(() => Float, { nullable: true, description: '0..1: LIKE and CLASS the share agreeing with the most common value; SCORE 1 − sd/(half the range); TAGS the mean share giving each consensus tag.' })
  agreement: number | null;
}
