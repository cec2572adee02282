// GraphQL shapes shared by every entity: the access fields and the results of bulk writes.
import { Field, InputType, ObjectType } from 'type-graphql';
import { setOwn } from '../common/json';
import { graphqlEnum } from './enums';

@ObjectType({ description: 'A value of a write changed so the store keeps it: NaN or ±Infinity stored as null, NUL as U+FFFD, "." or a leading "$" in a key as "．" or "＄", an array inside an array as {"_list": [...]}.' })
export class StorageNote {
  @Field({ description: 'JSON pointer of the value in what was written.' }) path: string;
  @Field() reason: string;
}

@ObjectType('AccessRecordBase')
export abstract class AccessRecord {
  @Field(() => [StorageNote], { name: 'storageNotes', nullable: true, description: 'Values of the last write that were changed so the store keeps them (null: none).' })
  _normalized?: StorageNote[];
  @Field({ description: 'The group that owns the record; its members may read it, its ingestors write it.' }) ownerGroup: string;
  @Field(() => [String], { description: 'Further groups that may read the record.' }) accessGroups: string[];
  @Field({ description: 'Published records are readable by anyone, anonymous callers included.' }) isPublished: boolean;
  @Field({ nullable: true, description: "SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups)." }) instrumentGroup?: string;
  @Field() createdBy: string;
  @Field() updatedBy: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@InputType('AccessInputBase')
export abstract class AccessInput {
  @Field({ description: 'Required: every record belongs to a group.' }) ownerGroup: string;
  @Field(() => [String], { nullable: true }) accessGroups?: string[];
  @Field({ nullable: true }) isPublished?: boolean;
  @Field({ nullable: true }) instrumentGroup?: string;
}

@InputType('AccessPatchBase')
export abstract class AccessPatch {
  @Field({ nullable: true }) ownerGroup?: string;
  @Field(() => [String], { nullable: true }) accessGroups?: string[];
  @Field({ nullable: true }) isPublished?: boolean;
  @Field({ nullable: true }) instrumentGroup?: string;
}

/** What an idempotent upsert did to one record. */
export const UPSERT_OUTCOMES = ['created', 'updated', 'unchanged'] as const;
export type UpsertOutcome = (typeof UPSERT_OUTCOMES)[number];
export const UpsertOutcome = graphqlEnum('UpsertOutcome', UPSERT_OUTCOMES, { description: 'What an idempotent upsert did.' });

@ObjectType()
export class BulkUpsertSummary {
  @Field() created: number;
  @Field() updated: number;
  @Field() unchanged: number;
}

/**
 * A GraphQL input object as plain data (type-graphql hands class instances). Copied without a JSON
 * round trip, which would turn Infinity (a JSON literal such as 1e400) into null before the record
 * service could note it.
 */
export function plain<T extends object>(input: T): Record<string, any> {
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    if (v instanceof Date || v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) setOwn(out, k, copy(x));
    return out;
  };
  return copy(input) as Record<string, any>;
}

/** How many of the upsert results were created, updated and unchanged. */
export function summarize(results: { outcome: string }[]): BulkUpsertSummary {
  const s = { created: 0, updated: 0, unchanged: 0 };
  for (const r of results) s[r.outcome as keyof typeof s]++;
  return s;
}
