import type { SchemaName } from '../../common/validation';
import type { Identity } from '../../auth';
import type { StorageNote } from '../../common/storable';

/** What a catalog record looks like in MongoDB: its content plus our bookkeeping fields. */
export interface StoredRecord {
  _id: string;
  _rev: number;
  _hash: string;
  ownerGroup: string;
  accessGroups: string[];
  isPublished: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
  [field: string]: any;
}

import type { UpsertOutcome } from '../../graphql/record.types';
export type { UpsertOutcome };

export interface UpsertResult<T = StoredRecord> {
  id: string;
  outcome: UpsertOutcome;
  record: T;
  /** Values changed so the store keeps them (see common/storable), by JSON path in the input. */
  notes?: StorageNote[];
}

export interface RecordSpec {
  /** The entity's name in messages and events, e.g. "Dataset". */
  entity: string;
  schema: SchemaName;
  collection: string;
  /** The natural key; it is also stored as _id. */
  idField: string;
  /** ISO strings at these paths are stored as Dates. */
  dateFields: string[];
  /** Fields that may not change once written. */
  immutable: string[];
  /** Counters kept on write by other services: an upsert that omits them keeps the stored value. */
  preserved?: string[];
  /** Large fields a list need not read when the caller does not ask for them (a dataset's scientificMetadata). */
  heavy?: string[];
  /** Fields with a unique index besides the id (an instrument's uniqueName): a clash on one is named, never retried. */
  unique?: string[];
  /** Stored fields `checkWrite` compares with the input (read with the access fields before an upsert). */
  guarded?: string[];
  /** Who may write (default: assertCanWrite, ingestors into their groups and admins). */
  writeRule?: (identity: Identity, ownerGroup: string | undefined, entity: string) => void;
}

export interface WriteOptions {
  /** JSON pointer prefix for problems, e.g. "/inputs". */
  basePath?: string;
  /**
   * Parent records this caller has just written, with their outcomes (an ingest batch writes the
   * datasets, then their blocks): the write checks them as it would the stored ones instead of reading
   * them again, and takes the children of those just created to be new.
   */
  parents?: ReadonlyMap<string, UpsertResult>;
}

import type { Json } from '../../common/json';
export type { Json };

export interface RecordHooks {
  /** Completes an input before validation (derived ids, defaults). Must be deterministic for upserts. */
  normalize?(input: Json, ctx: { identity: Identity; forCreate: boolean }): void;
  /** Refuses a delete or cleans up around it. */
  beforeDelete?(identity: Identity, rec: StoredRecord): Promise<void>;
  afterDelete?(identity: Identity, rec: StoredRecord): Promise<void>;
  /** Refuses a write by throwing (a CatalogError): `json` is the record as it would be stored, `old` the stored access and guarded fields (absent: a new record). Nothing is written when it throws. */
  checkWrite?(identity: Identity, json: Json, old?: Partial<StoredRecord>): void;
  /** Runs after records were created or changed; `old` holds the stored access fields before the write. */
  afterWrite?(identity: Identity, changes: { doc: StoredRecord; old?: Partial<StoredRecord> }[]): Promise<void>;
}

/** `_normalized`: the storage notes of the record's last write (values changed so the store keeps them). */
export const BOOKKEEPING = ['_id', '_rev', '_hash', '_normalized', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;
