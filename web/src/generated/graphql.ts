import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: any; output: any; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, any>; output: Record<string, any>; }
  /** A 64-bit integer (byte counts). Sent as a JSON number; accepted as a number or a string of digits; exact up to 2^53-1. */
  Long: { input: number; output: number; }
};

/** A captioned thumbnail attached to one dataset, sample or proposal (SciCat's Attachment). Its access fields are its parent's, and follow them. */
export type Attachment = {
  __typename?: 'Attachment';
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  caption?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  /** The dataset it is attached to, if the caller may see it. */
  dataset?: Maybe<Dataset>;
  /** The dataset it is attached to (one of datasetId, sampleId, proposalId is set). */
  datasetId?: Maybe<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  /** The proposal it is attached to, if the caller may see it. */
  proposal?: Maybe<Proposal>;
  proposalId?: Maybe<Scalars['String']['output']>;
  /** The sample it is attached to, if the caller may see it. */
  sample?: Maybe<Sample>;
  sampleId?: Maybe<Scalars['String']['output']>;
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  /** A data: URI of a PNG, JPEG, GIF or WebP image in base64 (data:image/png;base64,…), at most 4 MiB decoded. */
  thumbnail: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
};

export type AttachmentBulkUpsertItem = {
  __typename?: 'AttachmentBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type AttachmentBulkUpsertResult = {
  __typename?: 'AttachmentBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<AttachmentBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

export type AttachmentConnection = {
  __typename?: 'AttachmentConnection';
  edges: Array<AttachmentEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Attachment>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type AttachmentEdge = {
  __typename?: 'AttachmentEdge';
  cursor: Scalars['String']['output'];
  node: Attachment;
};

export type AttachmentFilter = {
  datasetId?: InputMaybe<Scalars['String']['input']>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  sampleId?: InputMaybe<Scalars['String']['input']>;
};

/** An attachment: exactly one of datasetId, sampleId, proposalId names its parent, which the caller must be able to see and write; its access fields are copied from the parent. */
export type AttachmentInput = {
  caption?: InputMaybe<Scalars['String']['input']>;
  datasetId?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to a new pid. */
  id?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  sampleId?: InputMaybe<Scalars['String']['input']>;
  /** A data: URI of a PNG, JPEG, GIF or WebP image in base64 (data:image/png;base64,…), at most 4 MiB decoded. */
  thumbnail: Scalars['String']['input'];
};

/** What may change of an attachment: never its parent, and never its access (change the parent's). */
export type AttachmentPatch = {
  caption?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  /** A data: URI of a PNG, JPEG, GIF or WebP image in base64 (data:image/png;base64,…), at most 4 MiB decoded. */
  thumbnail?: InputMaybe<Scalars['String']['input']>;
};

export type AttachmentSort = {
  direction?: SortDirection;
  field: AttachmentSortField;
};

export type AttachmentSortField =
  | 'CREATED_AT'
  | 'ID';

export type AttachmentUpsertResult = {
  __typename?: 'AttachmentUpsertResult';
  outcome: UpsertOutcome;
  record: Attachment;
};

export type BulkUpsertSummary = {
  __typename?: 'BulkUpsertSummary';
  created: Scalars['Float']['output'];
  unchanged: Scalars['Float']['output'];
  updated: Scalars['Float']['output'];
};

export type Creator = {
  __typename?: 'Creator';
  affiliation?: Maybe<Scalars['String']['output']>;
  familyName?: Maybe<Scalars['String']['output']>;
  givenName?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  orcid?: Maybe<Scalars['String']['output']>;
};

export type CreatorInput = {
  affiliation?: InputMaybe<Scalars['String']['input']>;
  familyName?: InputMaybe<Scalars['String']['input']>;
  givenName?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  orcid?: InputMaybe<Scalars['String']['input']>;
};

/** One file of a dataset. */
export type DataFile = {
  __typename?: 'DataFile';
  /** Checksum, by the block's chkAlg. */
  chk?: Maybe<Scalars['String']['output']>;
  gid?: Maybe<Scalars['String']['output']>;
  path: Scalars['String']['output'];
  perm?: Maybe<Scalars['String']['output']>;
  /** Bytes; null when unknown (a file listed from a template, with no storage the catalog could measure it on). */
  size?: Maybe<Scalars['Long']['output']>;
  time?: Maybe<Scalars['DateTimeISO']['output']>;
  uid?: Maybe<Scalars['String']['output']>;
};

/** A page of files; cursors are positions in the list. */
export type DataFileConnection = {
  __typename?: 'DataFileConnection';
  edges: Array<DataFileEdge>;
  nodes: Array<DataFile>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DataFileEdge = {
  __typename?: 'DataFileEdge';
  cursor: Scalars['String']['output'];
  node: DataFile;
};

export type DataFileInput = {
  chk?: InputMaybe<Scalars['String']['input']>;
  gid?: InputMaybe<Scalars['String']['input']>;
  path: Scalars['String']['input'];
  perm?: InputMaybe<Scalars['String']['input']>;
  /** Bytes; leave it out when unknown (never 0 for unknown). */
  size?: InputMaybe<Scalars['Long']['input']>;
  time?: InputMaybe<Scalars['DateTimeISO']['input']>;
  uid?: InputMaybe<Scalars['String']['input']>;
};

/** A raw or derived dataset (SciCat field names). */
export type Dataset = {
  __typename?: 'Dataset';
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  /** Thumbnails attached to this dataset, oldest first. */
  attachments: Array<Attachment>;
  /** Papers and other works that cite or use this dataset, through its publications. */
  citedBy: Array<RelatedIdentifier>;
  classification?: Maybe<Scalars['String']['output']>;
  comment?: Maybe<Scalars['String']['output']>;
  contactEmail: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  creationLocation?: Maybe<Scalars['String']['output']>;
  creationTime: Scalars['DateTimeISO']['output'];
  /** e.g. "NeXus HDF5". */
  dataFormat?: Maybe<Scalars['String']['output']>;
  dataQualityMetrics?: Maybe<Scalars['Int']['output']>;
  datasetName?: Maybe<Scalars['String']['output']>;
  datasetlifecycle?: Maybe<DatasetLifecycle>;
  /** Datasets derived from this one. */
  derivedDatasets: DatasetConnection;
  description?: Maybe<Scalars['String']['output']>;
  /** When the measurement ended. */
  endTime?: Maybe<Scalars['DateTimeISO']['output']>;
  /** All files of the dataset across its blocks, a page at a time. */
  files: DataFileConnection;
  /** Derived datasets: the datasets this one was computed from. */
  inputDatasetRecords: Array<Dataset>;
  /** Derived only: pids of the datasets it was computed from. */
  inputDatasets?: Maybe<Array<Scalars['String']['output']>>;
  instrument?: Maybe<Instrument>;
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  instrumentId?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  jobLogData?: Maybe<Scalars['String']['output']>;
  jobParameters?: Maybe<Scalars['JSONObject']['output']>;
  keywords?: Maybe<Array<Scalars['String']['output']>>;
  /** Per label set: counts, consensus and agreement. Every declared set unless `labelSets` names some. */
  labelSummary: Array<LabelSummaryType>;
  /** The labels on this dataset (withdrawn ones excluded), optionally of one set. */
  labels: Array<Label>;
  license?: Maybe<Scalars['String']['output']>;
  numberOfFiles?: Maybe<Scalars['Int']['output']>;
  numberOfFilesArchived?: Maybe<Scalars['Int']['output']>;
  orcidOfOwner?: Maybe<Scalars['String']['output']>;
  /** The blocks of the file list, in chunk order (without their files: use `files`). */
  origDatablocks: Array<OrigDatablock>;
  owner: Scalars['String']['output'];
  ownerEmail?: Maybe<Scalars['String']['output']>;
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  /** Bytes once packed for the archive. */
  packedSize?: Maybe<Scalars['Long']['output']>;
  /** Persistent identifier. */
  pid: Scalars['String']['output'];
  principalInvestigator?: Maybe<Scalars['String']['output']>;
  proposalIds?: Maybe<Array<Scalars['String']['output']>>;
  /** The proposals this dataset was measured under (those the caller may see). */
  proposals: Array<Proposal>;
  /** Where an ingested record came from: mapping, source, key, run. */
  provenance?: Maybe<Scalars['JSONObject']['output']>;
  /** Publications (DOIs) that include this dataset. */
  publications: Array<Publication>;
  relationships?: Maybe<Array<DatasetRelationship>>;
  runNumber?: Maybe<Scalars['String']['output']>;
  sampleIds?: Maybe<Array<Scalars['String']['output']>>;
  samples: Array<Sample>;
  /** Nested metadata of any depth; a quantity is {value, unit}. */
  scientificMetadata?: Maybe<Scalars['JSONObject']['output']>;
  scientificMetadataSchema?: Maybe<Scalars['String']['output']>;
  scientificMetadataValid?: Maybe<Scalars['Boolean']['output']>;
  /** Users the owner shared the dataset with, as recorded (access is given by accessGroups). */
  sharedWith?: Maybe<Array<Scalars['String']['output']>>;
  /** Total bytes, kept in step with the origdatablocks. */
  size?: Maybe<Scalars['Long']['output']>;
  sourceFolder: Scalars['String']['output'];
  /** The host whose file system holds sourceFolder. */
  sourceFolderHost?: Maybe<Scalars['String']['output']>;
  /** When the measurement began. */
  startTime?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  techniques?: Maybe<Array<Technique>>;
  type: DatasetType;
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
  usedSoftware?: Maybe<Array<Scalars['String']['output']>>;
  validationStatus?: Maybe<Scalars['String']['output']>;
  version?: Maybe<Scalars['String']['output']>;
};


/** A raw or derived dataset (SciCat field names). */
export type DatasetDerivedDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<DatasetSort>;
};


/** A raw or derived dataset (SciCat field names). */
export type DatasetFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A raw or derived dataset (SciCat field names). */
export type DatasetLabelSummaryArgs = {
  labelSets?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** A raw or derived dataset (SciCat field names). */
export type DatasetLabelsArgs = {
  labelSet?: InputMaybe<Scalars['String']['input']>;
};

export type DatasetBulkUpsertItem = {
  __typename?: 'DatasetBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type DatasetBulkUpsertResult = {
  __typename?: 'DatasetBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<DatasetBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

/** A change to a dataset the subscriber may see. */
export type DatasetChange = {
  __typename?: 'DatasetChange';
  at: Scalars['DateTimeISO']['output'];
  /** Who made the change. */
  by: Scalars['String']['output'];
  /** The dataset as it is now; null once deleted. */
  dataset?: Maybe<Dataset>;
  /** created, updated or deleted */
  op: Scalars['String']['output'];
  pid: Scalars['String']['output'];
};

export type DatasetConnection = {
  __typename?: 'DatasetConnection';
  edges: Array<DatasetEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Dataset>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type DatasetEdge = {
  __typename?: 'DatasetEdge';
  cursor: Scalars['String']['output'];
  node: Dataset;
};

export type DatasetFilter = {
  creationTimeFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  creationTimeTo?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Derived datasets computed from this pid. */
  inputDataset?: InputMaybe<Scalars['String']['input']>;
  instrumentId?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  /** Datasets carrying all of these keywords. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  pids?: InputMaybe<Array<Scalars['String']['input']>>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  sampleId?: InputMaybe<Scalars['String']['input']>;
  /** Technique name. */
  technique?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive words in datasetName or description (full-text search is `search`). */
  text?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<DatasetType>;
};

export type DatasetInput = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  classification?: InputMaybe<Scalars['String']['input']>;
  comment?: InputMaybe<Scalars['String']['input']>;
  contactEmail: Scalars['String']['input'];
  creationLocation?: InputMaybe<Scalars['String']['input']>;
  creationTime: Scalars['DateTimeISO']['input'];
  dataFormat?: InputMaybe<Scalars['String']['input']>;
  dataQualityMetrics?: InputMaybe<Scalars['Int']['input']>;
  datasetName?: InputMaybe<Scalars['String']['input']>;
  datasetlifecycle?: InputMaybe<DatasetLifecycleInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  endTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  inputDatasets?: InputMaybe<Array<Scalars['String']['input']>>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  instrumentId?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  jobLogData?: InputMaybe<Scalars['String']['input']>;
  jobParameters?: InputMaybe<Scalars['JSONObject']['input']>;
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  license?: InputMaybe<Scalars['String']['input']>;
  numberOfFiles?: InputMaybe<Scalars['Int']['input']>;
  numberOfFilesArchived?: InputMaybe<Scalars['Int']['input']>;
  orcidOfOwner?: InputMaybe<Scalars['String']['input']>;
  owner: Scalars['String']['input'];
  ownerEmail?: InputMaybe<Scalars['String']['input']>;
  /** Required: every record belongs to a group. */
  ownerGroup: Scalars['String']['input'];
  packedSize?: InputMaybe<Scalars['Long']['input']>;
  /** Required for upserts; generated on create when absent. */
  pid?: InputMaybe<Scalars['String']['input']>;
  principalInvestigator?: InputMaybe<Scalars['String']['input']>;
  proposalIds?: InputMaybe<Array<Scalars['String']['input']>>;
  provenance?: InputMaybe<Scalars['JSONObject']['input']>;
  relationships?: InputMaybe<Array<DatasetRelationshipInput>>;
  runNumber?: InputMaybe<Scalars['String']['input']>;
  sampleIds?: InputMaybe<Array<Scalars['String']['input']>>;
  scientificMetadata?: InputMaybe<Scalars['JSONObject']['input']>;
  scientificMetadataSchema?: InputMaybe<Scalars['String']['input']>;
  scientificMetadataValid?: InputMaybe<Scalars['Boolean']['input']>;
  sharedWith?: InputMaybe<Array<Scalars['String']['input']>>;
  size?: InputMaybe<Scalars['Long']['input']>;
  sourceFolder: Scalars['String']['input'];
  sourceFolderHost?: InputMaybe<Scalars['String']['input']>;
  startTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  techniques?: InputMaybe<Array<TechniqueInput>>;
  type: DatasetType;
  usedSoftware?: InputMaybe<Array<Scalars['String']['input']>>;
  validationStatus?: InputMaybe<Scalars['String']['input']>;
  version?: InputMaybe<Scalars['String']['input']>;
};

/** SciCat's archive lifecycle: where the dataset's files stand in the facility's archive. */
export type DatasetLifecycle = {
  __typename?: 'DatasetLifecycle';
  archivable?: Maybe<Scalars['Boolean']['output']>;
  archiveRetentionTime?: Maybe<Scalars['DateTimeISO']['output']>;
  archiveReturnMessage?: Maybe<Scalars['JSONObject']['output']>;
  archiveStatusMessage?: Maybe<Scalars['String']['output']>;
  dateOfDiskPurging?: Maybe<Scalars['DateTimeISO']['output']>;
  dateOfPublishing?: Maybe<Scalars['DateTimeISO']['output']>;
  exportedTo?: Maybe<Scalars['String']['output']>;
  isOnCentralDisk?: Maybe<Scalars['Boolean']['output']>;
  publishable?: Maybe<Scalars['Boolean']['output']>;
  publishedOn?: Maybe<Scalars['DateTimeISO']['output']>;
  retrievable?: Maybe<Scalars['Boolean']['output']>;
  retrieveIntegrityCheck?: Maybe<Scalars['Boolean']['output']>;
  retrieveReturnMessage?: Maybe<Scalars['JSONObject']['output']>;
  retrieveStatusMessage?: Maybe<Scalars['String']['output']>;
};

export type DatasetLifecycleInput = {
  archivable?: InputMaybe<Scalars['Boolean']['input']>;
  archiveRetentionTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  archiveReturnMessage?: InputMaybe<Scalars['JSONObject']['input']>;
  archiveStatusMessage?: InputMaybe<Scalars['String']['input']>;
  dateOfDiskPurging?: InputMaybe<Scalars['DateTimeISO']['input']>;
  dateOfPublishing?: InputMaybe<Scalars['DateTimeISO']['input']>;
  exportedTo?: InputMaybe<Scalars['String']['input']>;
  isOnCentralDisk?: InputMaybe<Scalars['Boolean']['input']>;
  publishable?: InputMaybe<Scalars['Boolean']['input']>;
  publishedOn?: InputMaybe<Scalars['DateTimeISO']['input']>;
  retrievable?: InputMaybe<Scalars['Boolean']['input']>;
  retrieveIntegrityCheck?: InputMaybe<Scalars['Boolean']['input']>;
  retrieveReturnMessage?: InputMaybe<Scalars['JSONObject']['input']>;
  retrieveStatusMessage?: InputMaybe<Scalars['String']['input']>;
};

export type DatasetPatch = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  classification?: InputMaybe<Scalars['String']['input']>;
  comment?: InputMaybe<Scalars['String']['input']>;
  contactEmail?: InputMaybe<Scalars['String']['input']>;
  creationLocation?: InputMaybe<Scalars['String']['input']>;
  creationTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  dataFormat?: InputMaybe<Scalars['String']['input']>;
  dataQualityMetrics?: InputMaybe<Scalars['Int']['input']>;
  datasetName?: InputMaybe<Scalars['String']['input']>;
  datasetlifecycle?: InputMaybe<DatasetLifecycleInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  endTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  inputDatasets?: InputMaybe<Array<Scalars['String']['input']>>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  instrumentId?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  jobLogData?: InputMaybe<Scalars['String']['input']>;
  jobParameters?: InputMaybe<Scalars['JSONObject']['input']>;
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  license?: InputMaybe<Scalars['String']['input']>;
  numberOfFilesArchived?: InputMaybe<Scalars['Int']['input']>;
  orcidOfOwner?: InputMaybe<Scalars['String']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  ownerEmail?: InputMaybe<Scalars['String']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  packedSize?: InputMaybe<Scalars['Long']['input']>;
  principalInvestigator?: InputMaybe<Scalars['String']['input']>;
  proposalIds?: InputMaybe<Array<Scalars['String']['input']>>;
  relationships?: InputMaybe<Array<DatasetRelationshipInput>>;
  runNumber?: InputMaybe<Scalars['String']['input']>;
  sampleIds?: InputMaybe<Array<Scalars['String']['input']>>;
  scientificMetadata?: InputMaybe<Scalars['JSONObject']['input']>;
  scientificMetadataSchema?: InputMaybe<Scalars['String']['input']>;
  scientificMetadataValid?: InputMaybe<Scalars['Boolean']['input']>;
  sharedWith?: InputMaybe<Array<Scalars['String']['input']>>;
  sourceFolder?: InputMaybe<Scalars['String']['input']>;
  sourceFolderHost?: InputMaybe<Scalars['String']['input']>;
  startTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  techniques?: InputMaybe<Array<TechniqueInput>>;
  usedSoftware?: InputMaybe<Array<Scalars['String']['input']>>;
  validationStatus?: InputMaybe<Scalars['String']['input']>;
  version?: InputMaybe<Scalars['String']['input']>;
};

/** A typed link to another dataset (SciCat v4 relationships), e.g. {pid, relationship: "is input of"}. */
export type DatasetRelationship = {
  __typename?: 'DatasetRelationship';
  pid: Scalars['String']['output'];
  relationship: Scalars['String']['output'];
};

export type DatasetRelationshipInput = {
  pid: Scalars['String']['input'];
  relationship: Scalars['String']['input'];
};

export type DatasetSort = {
  direction?: SortDirection;
  field: DatasetSortField;
};

export type DatasetSortField =
  | 'CREATED_AT'
  | 'CREATION_TIME'
  | 'PID'
  | 'SIZE'
  | 'UPDATED_AT';

/** raw: measured on an instrument; derived: computed from other datasets. */
export type DatasetType =
  | 'derived'
  | 'raw';

export type DatasetUpsertResult = {
  __typename?: 'DatasetUpsertResult';
  outcome: UpsertOutcome;
  record: Dataset;
};

export type ExportFile = {
  __typename?: 'ExportFile';
  bytes: Scalars['Float']['output'];
  format?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** datasets, labels or files */
  recordSet?: Maybe<Scalars['String']['output']>;
  records?: Maybe<Scalars['Int']['output']>;
  sha256: Scalars['String']['output'];
  /** Where to download it (with your token). */
  url: Scalars['String']['output'];
};

/** Record file formats. JSONL is always written: the Croissant record sets read it. */
export type ExportFormat =
  | 'CSV'
  | 'JSONL'
  | 'PARQUET';

export type ExportInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** Which datasets; your access rights always apply. */
  filter?: InputMaybe<DatasetFilter>;
  /** Default JSONL, CSV and Parquet. */
  formats?: InputMaybe<Array<ExportFormat>>;
  /** Include the files record set (paths, sizes, checksums). */
  includeFiles?: InputMaybe<Scalars['Boolean']['input']>;
  /** Declared label sets to include. */
  labelSets?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Whose labels (default both). */
  labelSources?: InputMaybe<Array<LabelSource>>;
  /** The licence of the export (default: the datasets' licence when they share one). */
  license?: InputMaybe<Scalars['String']['input']>;
  /** scientificMetadata paths to copy as typed columns, e.g. "energy" or "detector.distance". */
  metadataFields?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The name of the exported dataset. */
  name: Scalars['String']['input'];
  split?: InputMaybe<SplitInput>;
};

/** An export job: a Croissant dataset written to a folder and offered for download. */
export type ExportJobType = {
  __typename?: 'ExportJobType';
  /** A cancel was asked for and takes effect at the next checkpoint. */
  cancelRequested: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** Once completed. */
  files?: Maybe<Array<ExportFile>>;
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  progress: ExportProgress;
  /** The request as stored (defaults filled in). */
  request: Scalars['JSONObject']['output'];
  /** Who asked; their access rights applied to every read. */
  requestedBy: Scalars['String']['output'];
  /** How many times a worker took the job (more than 1 after a resume or a takeover). */
  runs: Scalars['Int']['output'];
  splitCounts?: Maybe<SplitCounts>;
  startedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  status: ExportStatus;
  /** Values of the request that were changed so the store keeps them, by their paths in the request (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type ExportProgress = {
  __typename?: 'ExportProgress';
  done: Scalars['Int']['output'];
  /** queued, scan, write, finalize or done */
  phase: Scalars['String']['output'];
  total: Scalars['Int']['output'];
};

export type ExportStatus =
  | 'cancelled'
  | 'completed'
  | 'failed'
  | 'queued'
  | 'running';

export type FacetBucket = {
  __typename?: 'FacetBucket';
  count: Scalars['Int']['output'];
  /** A readable name (instrument name, proposal title, sample description) when you may see it. */
  label?: Maybe<Scalars['String']['output']>;
  value: Scalars['String']['output'];
};

export type FacetResult = {
  __typename?: 'FacetResult';
  buckets: Array<FacetBucket>;
  facet: SearchFacet;
  /** Records with values beyond the buckets shown. */
  otherCount: Scalars['Int']['output'];
};

/** Comparison of a field or metadata value with the operands (value, values, from/to). */
export type FilterOp =
  | 'EQ'
  | 'EXISTS'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'LT'
  | 'LTE'
  | 'NE'
  | 'PREFIX'
  | 'RANGE';

/** Records per bucket: values in [from, to); the last bucket also holds to (the maximum). */
export type HistogramBucket = {
  __typename?: 'HistogramBucket';
  /** Records with a value in the bucket; a record with several values counts in each bucket it has one in. */
  count: Scalars['Int']['output'];
  /** Lower bound (inclusive), in the histogram's unit. */
  from: Scalars['Float']['output'];
  /** Upper bound (exclusive but for the last bucket), in the histogram's unit. */
  to: Scalars['Float']['output'];
};

export type IngestEntityCounts = {
  __typename?: 'IngestEntityCounts';
  created: Scalars['Int']['output'];
  entity: Scalars['String']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

/** A mapping file in the mappings folder. */
export type IngestMapping = {
  __typename?: 'IngestMapping';
  adapter?: Maybe<Scalars['String']['output']>;
  file: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  problems: Array<MappingProblemType>;
  valid: Scalars['Boolean']['output'];
  version?: Maybe<Scalars['String']['output']>;
};

export type IngestRunStatus =
  | 'failed'
  | 'running'
  | 'succeeded';

/** One run of a mapping: what it read and what became of each record. */
export type IngestRunType = {
  __typename?: 'IngestRunType';
  /** Failed attempts to reach the source. */
  attempts: Scalars['Int']['output'];
  /** The last source position written: {cursor, key}. */
  checkpoint?: Maybe<Scalars['JSON']['output']>;
  created: Scalars['Int']['output'];
  entities: Array<IngestEntityCounts>;
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  mappingId: Scalars['String']['output'];
  mappingVersion: Scalars['String']['output'];
  /** full, incremental, keys or sweep */
  mode: Scalars['String']['output'];
  quarantined: Scalars['Int']['output'];
  read: Scalars['Int']['output'];
  /** What the run reads, in words: every record, the sweep window, those past the checkpoint. */
  reads?: Maybe<Scalars['String']['output']>;
  /** How often a crashed run was resumed from its checkpoint. */
  resumed: Scalars['Int']['output'];
  /** Records not mapped because their content hash was the one last written (mappings with changes: hash). */
  skipped: Scalars['Int']['output'];
  /** The source, without credentials. */
  source: Scalars['String']['output'];
  startedAt: Scalars['DateTimeISO']['output'];
  status: IngestRunStatus;
  /** Records the source said it would return, when it could tell. */
  total?: Maybe<Scalars['Int']['output']>;
  /** cli, graphql, kafka:<topic> or schedule */
  trigger: Scalars['String']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

/** An instrument: a beamline or end station. */
export type Instrument = {
  __typename?: 'Instrument';
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  customMetadata?: Maybe<Scalars['JSONObject']['output']>;
  /** Datasets measured on this instrument. */
  datasets: DatasetConnection;
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  pid: Scalars['String']['output'];
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  /** The short name facilities use, e.g. BL17U1. */
  uniqueName: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
};


/** An instrument: a beamline or end station. */
export type InstrumentDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<DatasetSort>;
};

export type InstrumentBulkUpsertItem = {
  __typename?: 'InstrumentBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type InstrumentBulkUpsertResult = {
  __typename?: 'InstrumentBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<InstrumentBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

export type InstrumentConnection = {
  __typename?: 'InstrumentConnection';
  edges: Array<InstrumentEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Instrument>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type InstrumentEdge = {
  __typename?: 'InstrumentEdge';
  cursor: Scalars['String']['output'];
  node: Instrument;
};

export type InstrumentFilter = {
  /** Case-insensitive words in the name. */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  pids?: InputMaybe<Array<Scalars['String']['input']>>;
  uniqueName?: InputMaybe<Scalars['String']['input']>;
};

export type InstrumentInput = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  customMetadata?: InputMaybe<Scalars['JSONObject']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  /** Required: every record belongs to a group. */
  ownerGroup: Scalars['String']['input'];
  /** Defaults to one derived from uniqueName. */
  pid?: InputMaybe<Scalars['String']['input']>;
  uniqueName: Scalars['String']['input'];
};

export type InstrumentPatch = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  customMetadata?: InputMaybe<Scalars['JSONObject']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  uniqueName?: InputMaybe<Scalars['String']['input']>;
};

export type InstrumentSort = {
  direction?: SortDirection;
  field: InstrumentSortField;
};

export type InstrumentSortField =
  | 'CREATED_AT'
  | 'PID'
  | 'UNIQUE_NAME';

export type InstrumentUpsertResult = {
  __typename?: 'InstrumentUpsertResult';
  outcome: UpsertOutcome;
  record: Instrument;
};

/** One judgement of a dataset by a person or a model. Visible to whoever may see the dataset. */
export type Label = {
  __typename?: 'Label';
  /** The person who gave the label, or who submitted the model's label. */
  by: Scalars['String']['output'];
  class?: Maybe<Scalars['String']['output']>;
  comment?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  dataset?: Maybe<Dataset>;
  datasetPid: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: LabelKind;
  labelSet: Scalars['String']['output'];
  /** LIKE: true for like, false for dislike. */
  like?: Maybe<Scalars['Boolean']['output']>;
  model?: Maybe<LabelModel>;
  score?: Maybe<Scalars['Float']['output']>;
  source: LabelSource;
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  tags?: Maybe<Array<Scalars['String']['output']>>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Set when the label was withdrawn: it no longer counts in summaries or exports. */
  withdrawnAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

export type LabelConnection = {
  __typename?: 'LabelConnection';
  edges: Array<LabelEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Label>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type LabelEdge = {
  __typename?: 'LabelEdge';
  cursor: Scalars['String']['output'];
  node: Label;
};

export type LabelFilter = {
  /** Labels given (or submitted) by this subject. */
  by?: InputMaybe<Scalars['String']['input']>;
  datasetPid?: InputMaybe<Scalars['String']['input']>;
  includeWithdrawn?: InputMaybe<Scalars['Boolean']['input']>;
  labelSet?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<LabelSource>;
};

/** Exactly the value field of the set's kind: like, score, tags or class. */
export type LabelInput = {
  class?: InputMaybe<Scalars['String']['input']>;
  comment?: InputMaybe<Scalars['String']['input']>;
  datasetPid: Scalars['String']['input'];
  labelSet: Scalars['String']['input'];
  like?: InputMaybe<Scalars['Boolean']['input']>;
  /** Set when a model produced the label. */
  model?: InputMaybe<LabelModelInput>;
  score?: InputMaybe<Scalars['Float']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** LIKE: like (true) or dislike (false); SCORE: a number in a declared range; TAGS: a list of tags; CLASS: one class from a declared list. */
export type LabelKind =
  | 'CLASS'
  | 'LIKE'
  | 'SCORE'
  | 'TAGS';

export type LabelModel = {
  __typename?: 'LabelModel';
  name: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type LabelModelInput = {
  name: Scalars['String']['input'];
  version: Scalars['String']['input'];
};

/** A declared vocabulary for labels: exports declare label fields with its type. */
export type LabelSet = {
  __typename?: 'LabelSet';
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  description?: Maybe<Scalars['String']['output']>;
  kind: LabelKind;
  /** SCORE: the highest allowed score. */
  max?: Maybe<Scalars['Float']['output']>;
  /** SCORE: the lowest allowed score. */
  min?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  /** SCORE: scores are min + k × step. */
  step?: Maybe<Scalars['Float']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** CLASS: the classes; TAGS: the allowed tags (absent: free tags). */
  values?: Maybe<Array<Scalars['String']['output']>>;
};

export type LabelSetInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  kind: LabelKind;
  max?: InputMaybe<Scalars['Float']['input']>;
  min?: InputMaybe<Scalars['Float']['input']>;
  /** Lower-case letters, digits and _; it names a column in exports. */
  name: Scalars['String']['input'];
  step?: InputMaybe<Scalars['Float']['input']>;
  values?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Who gave a label: a person, or a model (named and versioned). */
export type LabelSource =
  | 'human'
  | 'model';

/** The labels one dataset has in one set (withdrawn labels excluded). */
export type LabelSummaryType = {
  __typename?: 'LabelSummaryType';
  /** 0..1: LIKE and CLASS the share agreeing with the most common value; SCORE 1 − sd/(half the range); TAGS the mean share giving each consensus tag. */
  agreement?: Maybe<Scalars['Float']['output']>;
  /** The value an ML team would train on, as JSON: LIKE true/false, SCORE the mean, CLASS the majority class, TAGS the tags more than half the labellers gave; null on a tie or without labels. */
  consensus?: Maybe<Scalars['String']['output']>;
  count: Scalars['Int']['output'];
  /** CLASS and TAGS: how often each value was given, most frequent first. */
  counts?: Maybe<Array<ValueCountType>>;
  dislikes?: Maybe<Scalars['Int']['output']>;
  humanCount: Scalars['Int']['output'];
  kind: LabelKind;
  labelSet: Scalars['String']['output'];
  likes?: Maybe<Scalars['Int']['output']>;
  maxScore?: Maybe<Scalars['Float']['output']>;
  meanScore?: Maybe<Scalars['Float']['output']>;
  minScore?: Maybe<Scalars['Float']['output']>;
  modelCount: Scalars['Int']['output'];
};

export type Logbook = {
  __typename?: 'Logbook';
  days: Array<LogbookDay>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  totalCount: Scalars['Int']['output'];
};

export type LogbookDay = {
  __typename?: 'LogbookDay';
  /** All matching records of that day (not only this page's). */
  count: Scalars['Int']['output'];
  /** YYYY-MM-DD in the requested time zone. */
  day: Scalars['String']['output'];
  entries: Array<SearchHit>;
};

export type MappingProblemType = {
  __typename?: 'MappingProblemType';
  hint?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  path: Scalars['String']['output'];
};

/** A beamtime on an instrument, with its start and end. */
export type MeasurementPeriod = {
  __typename?: 'MeasurementPeriod';
  comment?: Maybe<Scalars['String']['output']>;
  end?: Maybe<Scalars['DateTimeISO']['output']>;
  id?: Maybe<Scalars['String']['output']>;
  instrument: Scalars['String']['output'];
  start?: Maybe<Scalars['DateTimeISO']['output']>;
};

export type MeasurementPeriodInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  end?: InputMaybe<Scalars['DateTimeISO']['input']>;
  id?: InputMaybe<Scalars['String']['input']>;
  instrument: Scalars['String']['input'];
  start?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** The distribution of a numeric metadata key over the records you may see that match a search, in up to 100 equal-width buckets between min and max. */
export type MetadataHistogram = {
  __typename?: 'MetadataHistogram';
  /** Equal widths from min to max; one bucket when every value is the same; none without values. */
  buckets: Array<HistogramBucket>;
  /** Records with a value of the key. */
  count: Scalars['Int']['output'];
  max?: Maybe<Scalars['Float']['output']>;
  /** Null when no record has a value. */
  min?: Maybe<Scalars['Float']['output']>;
  path: Scalars['String']['output'];
  /** The SI unit min, max and the bounds are in (e.g. m, J, K, Pa; base units such as m2 when there is no name) for quantities; null for plain numbers. Values with no or an unknown unit are left out of a quantity's histogram. */
  unit?: Maybe<Scalars['String']['output']>;
};

/** A scientific metadata key in records you may see. */
export type MetadataKey = {
  __typename?: 'MetadataKey';
  /** Records carrying it. */
  count: Scalars['Int']['output'];
  /** SI base units of its quantities (values in units of one dimension compare). */
  dimensions: Array<Scalars['String']['output']>;
  key: Scalars['String']['output'];
  /** string, number, quantity, date, boolean. */
  types: Array<Scalars['String']['output']>;
  units: Array<Scalars['String']['output']>;
  /** Units among `units` the catalog does not know: their values have no SI form, so unit-aware filters do not reach them (never guessed). */
  unknownUnits: Array<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Appends files to a dataset in blocks of 5000; size and numberOfFiles follow. */
  addDatasetFiles: Dataset;
  /** A steward approves a complete draft; its DOI is fixed and reserved at DataCite as a draft. */
  approvePublication: Publication;
  /** Cancels a queued export, or stops a running one at its next checkpoint. */
  cancelExport: ExportJobType;
  /** Creates a Attachment; fails with CONFLICT if its id exists. */
  createAttachment: Attachment;
  /** Creates a Dataset; fails with CONFLICT if its id exists. */
  createDataset: Dataset;
  /** Queues an export of the datasets you may see that match the filter; a worker runs it. */
  createExport: ExportJobType;
  /** Creates a Instrument; fails with CONFLICT if its id exists. */
  createInstrument: Instrument;
  /** Creates a OrigDatablock; fails with CONFLICT if its id exists. */
  createOrigDatablock: OrigDatablock;
  /** Creates a Proposal; fails with CONFLICT if its id exists. */
  createProposal: Proposal;
  /** Creates a Publication; fails with CONFLICT if its id exists. */
  createPublication: Publication;
  /** Creates a Sample; fails with CONFLICT if its id exists. */
  createSample: Sample;
  /** Declares a label set or changes its description, range or values (stewards and admins). The kind never changes. */
  declareLabelSet: LabelSet;
  /** Deletes the record and returns it as it was. */
  deleteAttachment: Attachment;
  /** Deletes the record and returns it as it was. */
  deleteDataset: Dataset;
  /** Deletes the record and returns it as it was. */
  deleteInstrument: Instrument;
  /** Deletes the record and returns it as it was. */
  deleteOrigDatablock: OrigDatablock;
  /** Deletes the record and returns it as it was. */
  deleteProposal: Proposal;
  /** Deletes the record and returns it as it was. */
  deletePublication: Publication;
  /** Deletes the record and returns it as it was. */
  deleteSample: Sample;
  /** findable → registered (DataCite hide). The DOI keeps resolving. */
  hidePublication: Publication;
  /** Imports the records with these source keys now, as a job-finished message would (ingestors, admins). */
  ingestKeys: IngestRunType;
  /** Makes the DOI findable. The datasets become public. Repeat after a failure to complete it. */
  publishPublication: Publication;
  /** Registers the DOI (it resolves; not in DataCite search). The datasets become public. */
  registerPublication: Publication;
  /** Queues a cancelled or failed export again; it continues from its checkpoint. */
  resumeExport: ExportJobType;
  /** Gives or changes the caller's label (or a model's, with `model`) on a dataset the caller may see. */
  setLabel: Label;
  /** Changes the given fields; null removes an optional field. */
  updateAttachment: Attachment;
  /** Changes the given fields; null removes an optional field. */
  updateDataset: Dataset;
  /** Changes the given fields; null removes an optional field. */
  updateInstrument: Instrument;
  /** Changes the given fields; null removes an optional field. */
  updateOrigDatablock: OrigDatablock;
  /** Changes the given fields; null removes an optional field. */
  updateProposal: Proposal;
  /** Changes the given fields; null removes an optional field. */
  updatePublication: Publication;
  /** Changes the given fields; null removes an optional field. */
  updateSample: Sample;
  /** Creates or replaces a Attachment keyed by its id: pushing the same record twice stores it once. */
  upsertAttachment: AttachmentUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertAttachments: AttachmentBulkUpsertResult;
  /** Creates or replaces a Dataset keyed by its pid: pushing the same record twice stores it once. */
  upsertDataset: DatasetUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertDatasets: DatasetBulkUpsertResult;
  /** Creates or replaces a Instrument keyed by its pid: pushing the same record twice stores it once. */
  upsertInstrument: InstrumentUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertInstruments: InstrumentBulkUpsertResult;
  /** Creates or replaces a OrigDatablock keyed by its id: pushing the same record twice stores it once. */
  upsertOrigDatablock: OrigDatablockUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertOrigDatablocks: OrigDatablockBulkUpsertResult;
  /** Creates or replaces a Proposal keyed by its proposalId: pushing the same record twice stores it once. */
  upsertProposal: ProposalUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertProposals: ProposalBulkUpsertResult;
  /** Creates or replaces a Publication keyed by its id: pushing the same record twice stores it once. */
  upsertPublication: PublicationUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertPublications: PublicationBulkUpsertResult;
  /** Creates or replaces a Sample keyed by its sampleId: pushing the same record twice stores it once. */
  upsertSample: SampleUpsertResult;
  /** Idempotent bulk upsert for adapters: all inputs are validated first, and nothing is written if one is invalid. */
  upsertSamples: SampleBulkUpsertResult;
  /** Withdraws a label (its author, a steward or an admin): it is kept, but no longer counts. */
  withdrawLabel: Label;
};


export type MutationAddDatasetFilesArgs = {
  chkAlg?: InputMaybe<Scalars['String']['input']>;
  files: Array<DataFileInput>;
  pid: Scalars['String']['input'];
};


export type MutationApprovePublicationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelExportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateAttachmentArgs = {
  input: AttachmentInput;
};


export type MutationCreateDatasetArgs = {
  input: DatasetInput;
};


export type MutationCreateExportArgs = {
  input: ExportInput;
};


export type MutationCreateInstrumentArgs = {
  input: InstrumentInput;
};


export type MutationCreateOrigDatablockArgs = {
  input: OrigDatablockInput;
};


export type MutationCreateProposalArgs = {
  input: ProposalInput;
};


export type MutationCreatePublicationArgs = {
  input: PublicationInput;
};


export type MutationCreateSampleArgs = {
  input: SampleInput;
};


export type MutationDeclareLabelSetArgs = {
  input: LabelSetInput;
};


export type MutationDeleteAttachmentArgs = {
  id: Scalars['String']['input'];
};


export type MutationDeleteDatasetArgs = {
  pid: Scalars['String']['input'];
};


export type MutationDeleteInstrumentArgs = {
  pid: Scalars['String']['input'];
};


export type MutationDeleteOrigDatablockArgs = {
  id: Scalars['String']['input'];
};


export type MutationDeleteProposalArgs = {
  proposalId: Scalars['String']['input'];
};


export type MutationDeletePublicationArgs = {
  id: Scalars['String']['input'];
};


export type MutationDeleteSampleArgs = {
  sampleId: Scalars['String']['input'];
};


export type MutationHidePublicationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationIngestKeysArgs = {
  keys: Array<Scalars['String']['input']>;
  mappingId: Scalars['String']['input'];
};


export type MutationPublishPublicationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRegisterPublicationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeExportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetLabelArgs = {
  input: LabelInput;
};


export type MutationUpdateAttachmentArgs = {
  id: Scalars['String']['input'];
  patch: AttachmentPatch;
};


export type MutationUpdateDatasetArgs = {
  patch: DatasetPatch;
  pid: Scalars['String']['input'];
};


export type MutationUpdateInstrumentArgs = {
  patch: InstrumentPatch;
  pid: Scalars['String']['input'];
};


export type MutationUpdateOrigDatablockArgs = {
  id: Scalars['String']['input'];
  patch: OrigDatablockPatch;
};


export type MutationUpdateProposalArgs = {
  patch: ProposalPatch;
  proposalId: Scalars['String']['input'];
};


export type MutationUpdatePublicationArgs = {
  id: Scalars['String']['input'];
  patch: PublicationPatch;
};


export type MutationUpdateSampleArgs = {
  patch: SamplePatch;
  sampleId: Scalars['String']['input'];
};


export type MutationUpsertAttachmentArgs = {
  input: AttachmentInput;
};


export type MutationUpsertAttachmentsArgs = {
  inputs: Array<AttachmentInput>;
};


export type MutationUpsertDatasetArgs = {
  input: DatasetInput;
};


export type MutationUpsertDatasetsArgs = {
  inputs: Array<DatasetInput>;
};


export type MutationUpsertInstrumentArgs = {
  input: InstrumentInput;
};


export type MutationUpsertInstrumentsArgs = {
  inputs: Array<InstrumentInput>;
};


export type MutationUpsertOrigDatablockArgs = {
  input: OrigDatablockInput;
};


export type MutationUpsertOrigDatablocksArgs = {
  inputs: Array<OrigDatablockInput>;
};


export type MutationUpsertProposalArgs = {
  input: ProposalInput;
};


export type MutationUpsertProposalsArgs = {
  inputs: Array<ProposalInput>;
};


export type MutationUpsertPublicationArgs = {
  input: PublicationInput;
};


export type MutationUpsertPublicationsArgs = {
  inputs: Array<PublicationInput>;
};


export type MutationUpsertSampleArgs = {
  input: SampleInput;
};


export type MutationUpsertSamplesArgs = {
  inputs: Array<SampleInput>;
};


export type MutationWithdrawLabelArgs = {
  id: Scalars['ID']['input'];
};

/** A chunk of a dataset's file list. */
export type OrigDatablock = {
  __typename?: 'OrigDatablock';
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  chkAlg?: Maybe<Scalars['String']['output']>;
  chunkIndex?: Maybe<Scalars['Int']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  dataset?: Maybe<Dataset>;
  datasetId: Scalars['String']['output'];
  /** The files of this block, a page at a time. */
  files: DataFileConnection;
  id: Scalars['String']['output'];
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  numberOfFiles: Scalars['Int']['output'];
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  size: Scalars['Long']['output'];
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
};


/** A chunk of a dataset's file list. */
export type OrigDatablockFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrigDatablockBulkUpsertItem = {
  __typename?: 'OrigDatablockBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type OrigDatablockBulkUpsertResult = {
  __typename?: 'OrigDatablockBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<OrigDatablockBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

export type OrigDatablockConnection = {
  __typename?: 'OrigDatablockConnection';
  edges: Array<OrigDatablockEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<OrigDatablock>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type OrigDatablockEdge = {
  __typename?: 'OrigDatablockEdge';
  cursor: Scalars['String']['output'];
  node: OrigDatablock;
};

export type OrigDatablockFilter = {
  datasetId?: InputMaybe<Scalars['String']['input']>;
};

export type OrigDatablockInput = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  chkAlg?: InputMaybe<Scalars['String']['input']>;
  chunkIndex?: InputMaybe<Scalars['Int']['input']>;
  dataFileList: Array<DataFileInput>;
  datasetId: Scalars['String']['input'];
  /** Defaults to <datasetId>/block/<chunkIndex>. */
  id?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  /** Required: every record belongs to a group. */
  ownerGroup: Scalars['String']['input'];
  /** Defaults to the sum of the file sizes. */
  size?: InputMaybe<Scalars['Long']['input']>;
};

export type OrigDatablockPatch = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  chkAlg?: InputMaybe<Scalars['String']['input']>;
  dataFileList?: InputMaybe<Array<DataFileInput>>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  size?: InputMaybe<Scalars['Long']['input']>;
};

export type OrigDatablockSort = {
  direction?: SortDirection;
  field: OrigDatablockSortField;
};

export type OrigDatablockSortField =
  | 'CHUNK_INDEX'
  | 'CREATED_AT'
  | 'ID';

export type OrigDatablockUpsertResult = {
  __typename?: 'OrigDatablockUpsertResult';
  outcome: UpsertOutcome;
  record: OrigDatablock;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A DataCite call that has not completed: retrying the same step finishes it. */
export type PendingDoiChange = {
  __typename?: 'PendingDoiChange';
  /** Why the last attempt failed. */
  error?: Maybe<Scalars['String']['output']>;
  since: Scalars['DateTimeISO']['output'];
  target: PublicationStatus;
};

/** An approved proposal for beamtime (SciCat field names). */
export type Proposal = {
  __typename?: 'Proposal';
  abstract?: Maybe<Scalars['String']['output']>;
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  /** Thumbnails attached to this proposal, oldest first. */
  attachments: Array<Attachment>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  /** Datasets measured under this proposal. */
  datasets: DatasetConnection;
  email?: Maybe<Scalars['String']['output']>;
  endTime?: Maybe<Scalars['DateTimeISO']['output']>;
  firstname?: Maybe<Scalars['String']['output']>;
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  lastname?: Maybe<Scalars['String']['output']>;
  measurementPeriodList?: Maybe<Array<MeasurementPeriod>>;
  metadata?: Maybe<Scalars['JSONObject']['output']>;
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  parentProposal?: Maybe<Proposal>;
  parentProposalId?: Maybe<Scalars['String']['output']>;
  pi_email?: Maybe<Scalars['String']['output']>;
  pi_firstname?: Maybe<Scalars['String']['output']>;
  pi_lastname?: Maybe<Scalars['String']['output']>;
  proposalId: Scalars['String']['output'];
  provenance?: Maybe<Scalars['JSONObject']['output']>;
  samples: SampleConnection;
  startTime?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  title: Scalars['String']['output'];
  type?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
};


/** An approved proposal for beamtime (SciCat field names). */
export type ProposalDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<DatasetSort>;
};


/** An approved proposal for beamtime (SciCat field names). */
export type ProposalSamplesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ProposalBulkUpsertItem = {
  __typename?: 'ProposalBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type ProposalBulkUpsertResult = {
  __typename?: 'ProposalBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<ProposalBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

export type ProposalConnection = {
  __typename?: 'ProposalConnection';
  edges: Array<ProposalEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Proposal>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ProposalEdge = {
  __typename?: 'ProposalEdge';
  cursor: Scalars['String']['output'];
  node: Proposal;
};

export type ProposalFilter = {
  /** Proposals with a measurement period on this instrument. */
  instrument?: InputMaybe<Scalars['String']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  pi_email?: InputMaybe<Scalars['String']['input']>;
  proposalIds?: InputMaybe<Array<Scalars['String']['input']>>;
  startTimeFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  startTimeTo?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Case-insensitive words in the title. */
  titleContains?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type ProposalInput = {
  abstract?: InputMaybe<Scalars['String']['input']>;
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  email?: InputMaybe<Scalars['String']['input']>;
  endTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  firstname?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  lastname?: InputMaybe<Scalars['String']['input']>;
  measurementPeriodList?: InputMaybe<Array<MeasurementPeriodInput>>;
  metadata?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Required: every record belongs to a group. */
  ownerGroup: Scalars['String']['input'];
  parentProposalId?: InputMaybe<Scalars['String']['input']>;
  pi_email?: InputMaybe<Scalars['String']['input']>;
  pi_firstname?: InputMaybe<Scalars['String']['input']>;
  pi_lastname?: InputMaybe<Scalars['String']['input']>;
  proposalId: Scalars['String']['input'];
  provenance?: InputMaybe<Scalars['JSONObject']['input']>;
  startTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  title: Scalars['String']['input'];
  type?: InputMaybe<Scalars['String']['input']>;
};

export type ProposalPatch = {
  abstract?: InputMaybe<Scalars['String']['input']>;
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  email?: InputMaybe<Scalars['String']['input']>;
  endTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  firstname?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  lastname?: InputMaybe<Scalars['String']['input']>;
  measurementPeriodList?: InputMaybe<Array<MeasurementPeriodInput>>;
  metadata?: InputMaybe<Scalars['JSONObject']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  parentProposalId?: InputMaybe<Scalars['String']['input']>;
  pi_email?: InputMaybe<Scalars['String']['input']>;
  pi_firstname?: InputMaybe<Scalars['String']['input']>;
  pi_lastname?: InputMaybe<Scalars['String']['input']>;
  startTime?: InputMaybe<Scalars['DateTimeISO']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type ProposalSort = {
  direction?: SortDirection;
  field: ProposalSortField;
};

export type ProposalSortField =
  | 'CREATED_AT'
  | 'PROPOSAL_ID'
  | 'START_TIME'
  | 'UPDATED_AT';

export type ProposalUpsertResult = {
  __typename?: 'ProposalUpsertResult';
  outcome: UpsertOutcome;
  record: Proposal;
};

/** Published data: a DOI for a set of datasets (SciCat PublishedData). */
export type Publication = {
  __typename?: 'Publication';
  abstract?: Maybe<Scalars['String']['output']>;
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  /** SciCat's PublishedData affiliation. */
  affiliation?: Maybe<Scalars['String']['output']>;
  approvedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The steward who approved the draft. */
  approvedBy?: Maybe<Scalars['String']['output']>;
  authors?: Maybe<Array<Scalars['String']['output']>>;
  /** A citation in DataCite's recommended form: Creators (Year): Title. Publisher. Identifier */
  citation: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  creator: Array<Creator>;
  /** SciCat's PublishedData dataDescription: where the data are described. */
  dataDescription?: Maybe<Scalars['String']['output']>;
  datasetPids: Array<Scalars['String']['output']>;
  /** The datasets behind this DOI that the caller may see. */
  datasets: Array<Dataset>;
  /** Assigned under the repository prefix on approval unless given. */
  doi?: Maybe<Scalars['String']['output']>;
  /** https://doi.org/<doi> */
  doiUrl?: Maybe<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  landingPage?: Maybe<Scalars['String']['output']>;
  /** An SPDX identifier (e.g. CC-BY-4.0) or a licence URL. */
  license?: Maybe<Scalars['String']['output']>;
  numberOfFiles?: Maybe<Scalars['Int']['output']>;
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  pending?: Maybe<PendingDoiChange>;
  publicationYear?: Maybe<Scalars['Int']['output']>;
  publishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  publisher?: Maybe<Scalars['String']['output']>;
  registeredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Papers and other works, typed by DataCite relation. */
  relatedPublications?: Maybe<Array<RelatedIdentifier>>;
  /** Free text, e.g. "Diffraction images"; DataCite resourceType. */
  resourceType?: Maybe<Scalars['String']['output']>;
  /** DataCite resourceTypeGeneral (default Dataset). */
  resourceTypeGeneral: Scalars['String']['output'];
  sizeOfArchive?: Maybe<Scalars['Long']['output']>;
  status: PublicationStatus;
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  /** An image as a data: URI. */
  thumbnail?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
};

export type PublicationBulkUpsertItem = {
  __typename?: 'PublicationBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type PublicationBulkUpsertResult = {
  __typename?: 'PublicationBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<PublicationBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

export type PublicationConnection = {
  __typename?: 'PublicationConnection';
  edges: Array<PublicationEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Publication>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type PublicationEdge = {
  __typename?: 'PublicationEdge';
  cursor: Scalars['String']['output'];
  node: Publication;
};

export type PublicationFilter = {
  /** Publications that include this dataset. */
  datasetPid?: InputMaybe<Scalars['String']['input']>;
  doi?: InputMaybe<Scalars['String']['input']>;
  publicationYear?: InputMaybe<Scalars['Int']['input']>;
  /** Publications related to this identifier, e.g. a journal article DOI. */
  relatedIdentifier?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<PublicationStatus>;
  titleContains?: InputMaybe<Scalars['String']['input']>;
};

export type PublicationInput = {
  abstract?: InputMaybe<Scalars['String']['input']>;
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  affiliation?: InputMaybe<Scalars['String']['input']>;
  authors?: InputMaybe<Array<Scalars['String']['input']>>;
  creator?: InputMaybe<Array<CreatorInput>>;
  dataDescription?: InputMaybe<Scalars['String']['input']>;
  datasetPids: Array<Scalars['String']['input']>;
  /** Only under the repository prefix; assigned on approval when omitted. */
  doi?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to the DOI, or a generated id on create. */
  id?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  license?: InputMaybe<Scalars['String']['input']>;
  numberOfFiles?: InputMaybe<Scalars['Int']['input']>;
  /** Required: every record belongs to a group. */
  ownerGroup: Scalars['String']['input'];
  publicationYear?: InputMaybe<Scalars['Int']['input']>;
  publisher?: InputMaybe<Scalars['String']['input']>;
  relatedPublications?: InputMaybe<Array<RelatedIdentifierInput>>;
  resourceType?: InputMaybe<Scalars['String']['input']>;
  resourceTypeGeneral?: InputMaybe<Scalars['String']['input']>;
  sizeOfArchive?: InputMaybe<Scalars['Long']['input']>;
  thumbnail?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  url?: InputMaybe<Scalars['String']['input']>;
};

export type PublicationPatch = {
  abstract?: InputMaybe<Scalars['String']['input']>;
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  affiliation?: InputMaybe<Scalars['String']['input']>;
  authors?: InputMaybe<Array<Scalars['String']['input']>>;
  creator?: InputMaybe<Array<CreatorInput>>;
  dataDescription?: InputMaybe<Scalars['String']['input']>;
  datasetPids?: InputMaybe<Array<Scalars['String']['input']>>;
  doi?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  license?: InputMaybe<Scalars['String']['input']>;
  numberOfFiles?: InputMaybe<Scalars['Int']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  publicationYear?: InputMaybe<Scalars['Int']['input']>;
  publisher?: InputMaybe<Scalars['String']['input']>;
  relatedPublications?: InputMaybe<Array<RelatedIdentifierInput>>;
  resourceType?: InputMaybe<Scalars['String']['input']>;
  resourceTypeGeneral?: InputMaybe<Scalars['String']['input']>;
  sizeOfArchive?: InputMaybe<Scalars['Long']['input']>;
  thumbnail?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type PublicationSort = {
  direction?: SortDirection;
  field: PublicationSortField;
};

export type PublicationSortField =
  | 'CREATED_AT'
  | 'ID'
  | 'PUBLICATION_YEAR';

/** DataCite DOI states. */
export type PublicationStatus =
  | 'draft'
  | 'findable'
  | 'registered';

export type PublicationUpsertResult = {
  __typename?: 'PublicationUpsertResult';
  outcome: UpsertOutcome;
  record: Publication;
};

export type QuarantineReason = {
  __typename?: 'QuarantineReason';
  message: Scalars['String']['output'];
  /** Where in the mapping (or the catalog record) the problem is. */
  path: Scalars['String']['output'];
};

/** A source record that could not be imported, kept with its reasons. */
export type QuarantinedRecord = {
  __typename?: 'QuarantinedRecord';
  firstSeenAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** The record's source key. */
  key: Scalars['String']['output'];
  lastSeenAt: Scalars['DateTimeISO']['output'];
  mappingId: Scalars['String']['output'];
  reasons: Array<QuarantineReason>;
  /** The source record as read. */
  record?: Maybe<Scalars['JSONObject']['output']>;
  /** Set when a later run imported the record. */
  resolvedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  runId: Scalars['String']['output'];
  times: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One Attachment by id; null when it does not exist or the caller may not see it. */
  attachment?: Maybe<Attachment>;
  /** Attachment records the caller may see, a page at a time. */
  attachments: AttachmentConnection;
  /** One Dataset by pid; null when it does not exist or the caller may not see it. */
  dataset?: Maybe<Dataset>;
  /** Dataset records the caller may see, a page at a time. */
  datasets: DatasetConnection;
  /** The datasets behind a work (e.g. a journal article DOI) that the caller may see, through the publications that link to it. */
  datasetsForWork: Array<Dataset>;
  /** One of your exports (stewards and admins: any). */
  exportJob?: Maybe<ExportJobType>;
  /** Your exports, newest first (stewards and admins: everyone's). */
  exportJobs: Array<ExportJobType>;
  /** The mapping files the catalog can run, with any problems (ingestors, stewards, admins). */
  ingestMappings: Array<IngestMapping>;
  /** Source records that could not be imported, with their reasons (ingestors, admins). */
  ingestQuarantine: Array<QuarantinedRecord>;
  ingestRun?: Maybe<IngestRunType>;
  /** Ingest runs, newest first (ingestors, stewards, admins). */
  ingestRuns: Array<IngestRunType>;
  /** One Instrument by pid; null when it does not exist or the caller may not see it. */
  instrument?: Maybe<Instrument>;
  /** Instrument records the caller may see, a page at a time. */
  instruments: InstrumentConnection;
  /** The declared label sets. */
  labelSets: Array<LabelSet>;
  /** Labels on datasets the caller may see, a page at a time (by id). */
  labels: LabelConnection;
  /** Matching records newest first, grouped by day, with cursor paging. */
  logbook: Logbook;
  /** How the values of a numeric metadata key spread over the records you may see that match input (SI units for quantities). Counts are records: one with several values for the key counts in each bucket it has a value in. */
  metadataHistogram: MetadataHistogram;
  /** Metadata keys in the records you may see (optionally only those matching input), with types and units. */
  metadataKeys: Array<MetadataKey>;
  /** One OrigDatablock by id; null when it does not exist or the caller may not see it. */
  origDatablock?: Maybe<OrigDatablock>;
  /** OrigDatablock records the caller may see, a page at a time. */
  origDatablocks: OrigDatablockConnection;
  /** One Proposal by proposalId; null when it does not exist or the caller may not see it. */
  proposal?: Maybe<Proposal>;
  /** Proposal records the caller may see, a page at a time. */
  proposals: ProposalConnection;
  /** One Publication by id; null when it does not exist or the caller may not see it. */
  publication?: Maybe<Publication>;
  /** Publication records the caller may see, a page at a time. */
  publications: PublicationConnection;
  /** One Sample by sampleId; null when it does not exist or the caller may not see it. */
  sample?: Maybe<Sample>;
  /** Sample records the caller may see, a page at a time. */
  samples: SampleConnection;
  /** Full-text and filtered search over the records you may see, with facets and highlights. */
  search: SearchResult;
  /** Whether search is available and how far the index is behind the catalog. */
  searchStatus: SearchStatus;
  /** Drill down the hierarchy instrument › proposal › sample › dataset, with dataset counts per node. */
  searchTree: SearchTree;
  viewer: Viewer;
};


export type QueryAttachmentArgs = {
  id: Scalars['String']['input'];
};


export type QueryAttachmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AttachmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<AttachmentSort>;
};


export type QueryDatasetArgs = {
  pid: Scalars['String']['input'];
};


export type QueryDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DatasetFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<DatasetSort>;
};


export type QueryDatasetsForWorkArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryExportJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExportJobsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryIngestQuarantineArgs = {
  first?: Scalars['Int']['input'];
  includeResolved?: Scalars['Boolean']['input'];
  mappingId?: InputMaybe<Scalars['String']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryIngestRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIngestRunsArgs = {
  first?: Scalars['Int']['input'];
  mappingId?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<IngestRunStatus>;
};


export type QueryInstrumentArgs = {
  pid: Scalars['String']['input'];
};


export type QueryInstrumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InstrumentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<InstrumentSort>;
};


export type QueryLabelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LabelFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLogbookArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  input?: InputMaybe<SearchInput>;
  timeZone?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMetadataHistogramArgs = {
  buckets?: Scalars['Int']['input'];
  input?: InputMaybe<SearchInput>;
  path: Scalars['String']['input'];
};


export type QueryMetadataKeysArgs = {
  first?: Scalars['Int']['input'];
  input?: InputMaybe<SearchInput>;
  prefix?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOrigDatablockArgs = {
  id: Scalars['String']['input'];
};


export type QueryOrigDatablocksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrigDatablockFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<OrigDatablockSort>;
};


export type QueryProposalArgs = {
  proposalId: Scalars['String']['input'];
};


export type QueryProposalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProposalFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProposalSort>;
};


export type QueryPublicationArgs = {
  id: Scalars['String']['input'];
};


export type QueryPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PublicationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<PublicationSort>;
};


export type QuerySampleArgs = {
  sampleId: Scalars['String']['input'];
};


export type QuerySamplesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SampleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<SampleSort>;
};


export type QuerySearchArgs = {
  facetSize?: Scalars['Int']['input'];
  facets?: InputMaybe<Array<SearchFacet>>;
  first?: Scalars['Int']['input'];
  input?: InputMaybe<SearchInput>;
  offset?: Scalars['Int']['input'];
  order?: InputMaybe<SearchOrderInput>;
  sort?: InputMaybe<SearchSort>;
};


export type QuerySearchTreeArgs = {
  first?: Scalars['Int']['input'];
  input?: InputMaybe<SearchInput>;
  path?: InputMaybe<TreePathInput>;
};

/** A link to another work, typed by DataCite relation. */
export type RelatedIdentifier = {
  __typename?: 'RelatedIdentifier';
  identifier: Scalars['String']['output'];
  /** DOI, URL, Handle, ARK, arXiv, PMID, ISBN or ISSN */
  identifierType: Scalars['String']['output'];
  /** DataCite relationType, e.g. IsSupplementTo, IsCitedBy, IsDerivedFrom */
  relationType: Scalars['String']['output'];
};

export type RelatedIdentifierInput = {
  identifier: Scalars['String']['input'];
  identifierType: Scalars['String']['input'];
  relationType: Scalars['String']['input'];
};

/** A physical sample measured in one or more datasets. */
export type Sample = {
  __typename?: 'Sample';
  /** Further groups that may read the record. */
  accessGroups: Array<Scalars['String']['output']>;
  /** Thumbnails attached to this sample, oldest first. */
  attachments: Array<Attachment>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  /** Datasets measured on this sample. */
  datasets: DatasetConnection;
  description?: Maybe<Scalars['String']['output']>;
  /** SciCat's instrument group, recorded as given (access is given by ownerGroup and accessGroups). */
  instrumentGroup?: Maybe<Scalars['String']['output']>;
  /** Published records are readable by anyone, anonymous callers included. */
  isPublished: Scalars['Boolean']['output'];
  owner?: Maybe<Scalars['String']['output']>;
  /** The group that owns the record; its members may read it, its ingestors write it. */
  ownerGroup: Scalars['String']['output'];
  /** The sample this one was taken from. */
  parentSampleId?: Maybe<Scalars['String']['output']>;
  proposal?: Maybe<Proposal>;
  proposalId?: Maybe<Scalars['String']['output']>;
  provenance?: Maybe<Scalars['JSONObject']['output']>;
  /** Free JSON: chemical formula, preparation, in-situ conditions… */
  sampleCharacteristics?: Maybe<Scalars['JSONObject']['output']>;
  sampleId: Scalars['String']['output'];
  /** A name people know the sample by. */
  sampleName?: Maybe<Scalars['String']['output']>;
  /** Values of the last write that were changed so the store keeps them (null: none). */
  storageNotes?: Maybe<Array<StorageNote>>;
  type?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  updatedBy: Scalars['String']['output'];
};


/** A physical sample measured in one or more datasets. */
export type SampleDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<DatasetSort>;
};

export type SampleBulkUpsertItem = {
  __typename?: 'SampleBulkUpsertItem';
  id: Scalars['String']['output'];
  outcome: UpsertOutcome;
  /** Values of this input changed so the store keeps them. */
  storageNotes?: Maybe<Array<StorageNote>>;
};

export type SampleBulkUpsertResult = {
  __typename?: 'SampleBulkUpsertResult';
  /** One entry per input, in input order. */
  items: Array<SampleBulkUpsertItem>;
  summary: BulkUpsertSummary;
};

export type SampleConnection = {
  __typename?: 'SampleConnection';
  edges: Array<SampleEdge>;
  /** The nodes of the edges, for clients that do not need cursors. */
  nodes: Array<Sample>;
  pageInfo: PageInfo;
  /** How many records match the filter (the caller may see), across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type SampleEdge = {
  __typename?: 'SampleEdge';
  cursor: Scalars['String']['output'];
  node: Sample;
};

export type SampleFilter = {
  /** Case-insensitive words in the description. */
  descriptionContains?: InputMaybe<Scalars['String']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  sampleIds?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type SampleInput = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Required: every record belongs to a group. */
  ownerGroup: Scalars['String']['input'];
  parentSampleId?: InputMaybe<Scalars['String']['input']>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  provenance?: InputMaybe<Scalars['JSONObject']['input']>;
  sampleCharacteristics?: InputMaybe<Scalars['JSONObject']['input']>;
  sampleId: Scalars['String']['input'];
  sampleName?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type SamplePatch = {
  accessGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  instrumentGroup?: InputMaybe<Scalars['String']['input']>;
  isPublished?: InputMaybe<Scalars['Boolean']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  parentSampleId?: InputMaybe<Scalars['String']['input']>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  sampleCharacteristics?: InputMaybe<Scalars['JSONObject']['input']>;
  sampleName?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type SampleSort = {
  direction?: SortDirection;
  field: SampleSortField;
};

export type SampleSortField =
  | 'CREATED_AT'
  | 'SAMPLE_ID'
  | 'UPDATED_AT';

export type SampleUpsertResult = {
  __typename?: 'SampleUpsertResult';
  outcome: UpsertOutcome;
  record: Sample;
};

export type SearchFacet =
  | 'INSTRUMENT'
  | 'KEYWORD'
  | 'KIND'
  | 'MONTH'
  | 'OWNER'
  | 'OWNER_GROUP'
  | 'PROPOSAL'
  | 'SAMPLE'
  | 'TECHNIQUE'
  | 'TYPE'
  | 'YEAR';

/** One condition on a record field (field) or a scientific metadata path (path). */
export type SearchFilterInput = {
  /** kind, pid, type, instrumentId, proposalId, sampleId, keyword, technique, ownerGroup, accessGroup, owner, principalInvestigator, license, title, isPublished, creationTime, createdAt, updatedAt, size or numberOfFiles. */
  field?: InputMaybe<Scalars['String']['input']>;
  /** RANGE lower bound (inclusive). */
  from?: InputMaybe<Scalars['String']['input']>;
  op: FilterOp;
  /** A metadata path such as "energy" or "detector.distance" (metadataKeys lists them). */
  path?: InputMaybe<Scalars['String']['input']>;
  /** RANGE upper bound (inclusive). */
  to?: InputMaybe<Scalars['String']['input']>;
  /** The unit of the operands for a metadata quantity, e.g. keV; values stored in any convertible unit match. */
  unit?: InputMaybe<Scalars['String']['input']>;
  /** The operand of EQ, NE, LT, LTE, GT, GTE and PREFIX. */
  value?: InputMaybe<Scalars['String']['input']>;
  /** The operands of IN. */
  values?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type SearchHighlight = {
  __typename?: 'SearchHighlight';
  field: Scalars['String']['output'];
  /** HTML fragments: the stored text HTML-escaped, with matches marked by <mark>…</mark> (the only markup). */
  fragments: Array<Scalars['String']['output']>;
};

/** One matching record; dataset, sample or proposal resolves the record itself. */
export type SearchHit = {
  __typename?: 'SearchHit';
  dataset?: Maybe<Dataset>;
  highlights: Array<SearchHighlight>;
  id: Scalars['ID']['output'];
  instrumentId?: Maybe<Scalars['String']['output']>;
  kind: SearchKind;
  proposal?: Maybe<Proposal>;
  proposalIds: Array<Scalars['String']['output']>;
  sample?: Maybe<Sample>;
  sampleIds: Array<Scalars['String']['output']>;
  score?: Maybe<Scalars['Float']['output']>;
  time?: Maybe<Scalars['DateTimeISO']['output']>;
  title: Scalars['String']['output'];
};

/** What to look for: free text, record kinds and filters, all combined with AND. */
export type SearchInput = {
  filters?: InputMaybe<Array<SearchFilterInput>>;
  /** Default: every kind. */
  kinds?: InputMaybe<Array<SearchKind>>;
  /** Words (all must match), "quoted phrases", -exclusions, OR, wildcards*; quantities such as 12 keV also match metadata values within 5%. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** The kinds of record the index holds. */
export type SearchKind =
  | 'DATASET'
  | 'PROPOSAL'
  | 'SAMPLE';

/** A column to sort search results by: exactly one of field and path. Ties go newest first; records without a value come last in either direction. */
export type SearchOrderInput = {
  direction?: SortDirection;
  /** A record field: any of SearchFilterInput.field (e.g. creationTime, size, numberOfFiles, owner, pid, type, title, principalInvestigator, ownerGroup). A field with several values sorts by its smallest going up, its largest going down. */
  field?: InputMaybe<Scalars['String']['input']>;
  /** A metadata path such as "energy" or "detector.distance": quantities sort by their value in SI units (12 keV and 12500 eV compare as energies; values of several dimensions are refused), numbers by value, dates as dates, else as text. Values that do not fit that scale (a number with no or an unknown unit among quantities, text among numbers) count as missing. */
  path?: InputMaybe<Scalars['String']['input']>;
};

export type SearchResult = {
  __typename?: 'SearchResult';
  /** Each facet counts under every filter except those on its own field. */
  facets: Array<FacetResult>;
  hits: Array<SearchHit>;
  offset: Scalars['Int']['output'];
  /** Elasticsearch's own time for the query. */
  tookMs: Scalars['Int']['output'];
  totalCount: Scalars['Int']['output'];
};

/** RELEVANCE is the default with text, NEWEST without. */
export type SearchSort =
  | 'NEWEST'
  | 'OLDEST'
  | 'RELEVANCE';

export type SearchStatus = {
  __typename?: 'SearchStatus';
  alias?: Maybe<Scalars['String']['output']>;
  available: Scalars['Boolean']['output'];
  documents?: Maybe<Scalars['Int']['output']>;
  /** When the sync worker last indexed a change. */
  indexedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  indices: Array<Scalars['String']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  /** Outbox entries written but not yet indexed. */
  pending: Scalars['Int']['output'];
  reason?: Maybe<Scalars['String']['output']>;
};

export type SearchTree = {
  __typename?: 'SearchTree';
  /** Matching datasets under the path. */
  datasetCount: Scalars['Int']['output'];
  /** At the DATASET level: the datasets, newest first. */
  datasets: Array<SearchHit>;
  level: TreeLevel;
  /** Matching datasets with nothing at this level. */
  missingCount: Scalars['Int']['output'];
  nodes: Array<TreeNode>;
  /** Datasets under nodes beyond those listed. */
  otherCount: Scalars['Int']['output'];
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type SplitCounts = {
  __typename?: 'SplitCounts';
  test: Scalars['Int']['output'];
  train: Scalars['Int']['output'];
  validation: Scalars['Int']['output'];
};

/** What the splits must not cut through: datasets sharing a sample (or proposal) always land in the same split. */
export type SplitGroup =
  | 'DATASET'
  | 'PROPOSAL'
  | 'SAMPLE';

export type SplitInput = {
  groupBy?: SplitGroup;
  /** The same selection and seed always give the same split. */
  seed?: Scalars['String']['input'];
  test?: Scalars['Float']['input'];
  train?: Scalars['Float']['input'];
  validation?: Scalars['Float']['input'];
};

/** A value of a write changed so the store keeps it: NaN or ±Infinity stored as null, NUL as U+FFFD, "." or a leading "$" in a key as "．" or "＄", an array inside an array as {"_list": [...]}. */
export type StorageNote = {
  __typename?: 'StorageNote';
  /** JSON pointer of the value in what was written. */
  path: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Dataset changes, filtered by the subscriber's access (and optionally by ownerGroup or pid). */
  datasetChanged: DatasetChange;
  /** The export each time its status or progress changes, until it completes, fails or is cancelled. */
  exportProgress: ExportJobType;
  /** A run each time its progress or status changes: one run by id, or every run (of one mapping) from now on. */
  ingestProgress: IngestRunType;
};


export type SubscriptionDatasetChangedArgs = {
  ownerGroup?: InputMaybe<Scalars['String']['input']>;
  pid?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionExportProgressArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionIngestProgressArgs = {
  mappingId?: InputMaybe<Scalars['String']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
};

export type Technique = {
  __typename?: 'Technique';
  name: Scalars['String']['output'];
  /** e.g. a PaNET ontology id */
  pid?: Maybe<Scalars['String']['output']>;
};

export type TechniqueInput = {
  name: Scalars['String']['input'];
  pid?: InputMaybe<Scalars['String']['input']>;
};

/** Levels of the hierarchy: instrument › proposal › sample › dataset. */
export type TreeLevel =
  | 'DATASET'
  | 'INSTRUMENT'
  | 'PROPOSAL'
  | 'SAMPLE';

export type TreeNode = {
  __typename?: 'TreeNode';
  /** Matching datasets under this node. */
  count: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** A readable name (instrument name, proposal title, sample description) when you may see it. */
  label?: Maybe<Scalars['String']['output']>;
};

/** Where in the hierarchy to look: nothing (instruments), an instrument (its proposals), a proposal (its samples), a sample (its datasets). */
export type TreePathInput = {
  instrumentId?: InputMaybe<Scalars['String']['input']>;
  proposalId?: InputMaybe<Scalars['String']['input']>;
  sampleId?: InputMaybe<Scalars['String']['input']>;
};

/** What an idempotent upsert did. */
export type UpsertOutcome =
  | 'created'
  | 'unchanged'
  | 'updated';

export type ValueCountType = {
  __typename?: 'ValueCountType';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

/** Who the API thinks the caller is. */
export type Viewer = {
  __typename?: 'Viewer';
  groups: Array<Scalars['String']['output']>;
  /** anonymous, user, ingestor or admin */
  role: Scalars['String']['output'];
  subject: Scalars['String']['output'];
  /** anonymous, jwt or apikey */
  via: Scalars['String']['output'];
};

export type ExportFieldsFragment = { __typename?: 'ExportJobType', id: string, name: string, status: ExportStatus, error?: string | null, createdAt: string, startedAt?: string | null, finishedAt?: string | null, progress: { __typename?: 'ExportProgress', phase: string, done: number, total: number }, files?: Array<{ __typename?: 'ExportFile', name: string, url: string, bytes: number, records?: number | null, format?: string | null, recordSet?: string | null }> | null };

export type PortalCreateExportMutationVariables = Exact<{
  input: ExportInput;
}>;


export type PortalCreateExportMutation = { __typename?: 'Mutation', createExport: { __typename?: 'ExportJobType', id: string, name: string, status: ExportStatus, error?: string | null, createdAt: string, startedAt?: string | null, finishedAt?: string | null, progress: { __typename?: 'ExportProgress', phase: string, done: number, total: number }, files?: Array<{ __typename?: 'ExportFile', name: string, url: string, bytes: number, records?: number | null, format?: string | null, recordSet?: string | null }> | null } };

export type PortalExportsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalExportsQuery = { __typename?: 'Query', exportJobs: Array<{ __typename?: 'ExportJobType', id: string, name: string, status: ExportStatus, error?: string | null, createdAt: string, startedAt?: string | null, finishedAt?: string | null, progress: { __typename?: 'ExportProgress', phase: string, done: number, total: number }, files?: Array<{ __typename?: 'ExportFile', name: string, url: string, bytes: number, records?: number | null, format?: string | null, recordSet?: string | null }> | null }> };

export type PortalExportQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalExportQuery = { __typename?: 'Query', exportJob?: { __typename?: 'ExportJobType', id: string, name: string, status: ExportStatus, error?: string | null, createdAt: string, startedAt?: string | null, finishedAt?: string | null, progress: { __typename?: 'ExportProgress', phase: string, done: number, total: number }, files?: Array<{ __typename?: 'ExportFile', name: string, url: string, bytes: number, records?: number | null, format?: string | null, recordSet?: string | null }> | null } | null };

export type PortalExportProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalExportProgressSubscription = { __typename?: 'Subscription', exportProgress: { __typename?: 'ExportJobType', id: string, name: string, status: ExportStatus, error?: string | null, createdAt: string, startedAt?: string | null, finishedAt?: string | null, progress: { __typename?: 'ExportProgress', phase: string, done: number, total: number }, files?: Array<{ __typename?: 'ExportFile', name: string, url: string, bytes: number, records?: number | null, format?: string | null, recordSet?: string | null }> | null } };

export type PortalDatasetQueryVariables = Exact<{
  pid: Scalars['String']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PortalDatasetQuery = { __typename?: 'Query', dataset?: { __typename?: 'Dataset', pid: string, type: DatasetType, datasetName?: string | null, description?: string | null, keywords?: Array<string> | null, version?: string | null, license?: string | null, owner: string, ownerEmail?: string | null, orcidOfOwner?: string | null, contactEmail: string, principalInvestigator?: string | null, sourceFolder: string, creationTime: string, creationLocation?: string | null, instrumentId?: string | null, proposalIds?: Array<string> | null, sampleIds?: Array<string> | null, size?: number | null, numberOfFiles?: number | null, scientificMetadata?: Record<string, any> | null, inputDatasets?: Array<string> | null, usedSoftware?: Array<string> | null, jobParameters?: Record<string, any> | null, jobLogData?: string | null, ownerGroup: string, accessGroups: Array<string>, isPublished: boolean, createdAt: string, updatedAt: string, createdBy: string, updatedBy: string, dataFormat?: string | null, startTime?: string | null, endTime?: string | null, runNumber?: string | null, classification?: string | null, techniques?: Array<{ __typename?: 'Technique', pid?: string | null, name: string }> | null, instrument?: { __typename?: 'Instrument', pid: string, name: string, uniqueName: string } | null, proposals: Array<{ __typename?: 'Proposal', proposalId: string, title: string }>, samples: Array<{ __typename?: 'Sample', sampleId: string, sampleName?: string | null, description?: string | null }>, inputDatasetRecords: Array<{ __typename?: 'Dataset', pid: string, datasetName?: string | null, type: DatasetType, creationTime: string }>, derivedDatasets: { __typename?: 'DatasetConnection', totalCount: number, nodes: Array<{ __typename?: 'Dataset', pid: string, datasetName?: string | null, type: DatasetType, creationTime: string }> }, publications: Array<{ __typename?: 'Publication', id: string, doi?: string | null, doiUrl?: string | null, title: string, status: PublicationStatus, citation: string }>, attachments: Array<{ __typename?: 'Attachment', id: string, caption?: string | null, thumbnail: string }>, labels: Array<{ __typename?: 'Label', id: string, labelSet: string, kind: LabelKind, like?: boolean | null, score?: number | null, tags?: Array<string> | null, class?: string | null, by: string, source: LabelSource, createdAt: string }>, labelSummary: Array<{ __typename?: 'LabelSummaryType', labelSet: string, kind: LabelKind, count: number, likes?: number | null, dislikes?: number | null, meanScore?: number | null, consensus?: string | null, counts?: Array<{ __typename?: 'ValueCountType', value: string, count: number }> | null }>, files: { __typename?: 'DataFileConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'DataFile', path: string, size?: number | null, time?: string | null, chk?: string | null }> } } | null, labelSets: Array<{ __typename?: 'LabelSet', name: string, kind: LabelKind, description?: string | null, min?: number | null, max?: number | null, step?: number | null, values?: Array<string> | null }> };

export type PortalFilesQueryVariables = Exact<{
  pid: Scalars['String']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PortalFilesQuery = { __typename?: 'Query', dataset?: { __typename?: 'Dataset', pid: string, files: { __typename?: 'DataFileConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'DataFile', path: string, size?: number | null, time?: string | null, chk?: string | null }> } } | null };

export type PortalSetLabelMutationVariables = Exact<{
  input: LabelInput;
}>;


export type PortalSetLabelMutation = { __typename?: 'Mutation', setLabel: { __typename?: 'Label', id: string, labelSet: string, kind: LabelKind, like?: boolean | null, score?: number | null, tags?: Array<string> | null, class?: string | null, by: string } };

export type PortalProposalQueryVariables = Exact<{
  proposalId: Scalars['String']['input'];
}>;


export type PortalProposalQuery = { __typename?: 'Query', proposal?: { __typename?: 'Proposal', proposalId: string, title: string, abstract?: string | null, pi_email?: string | null, pi_firstname?: string | null, pi_lastname?: string | null, email?: string | null, firstname?: string | null, lastname?: string | null, startTime?: string | null, endTime?: string | null, type?: string | null, ownerGroup: string, accessGroups: Array<string>, isPublished: boolean, measurementPeriodList?: Array<{ __typename?: 'MeasurementPeriod', instrument: string, start?: string | null, end?: string | null, comment?: string | null }> | null, samples: { __typename?: 'SampleConnection', totalCount: number, nodes: Array<{ __typename?: 'Sample', sampleId: string, sampleName?: string | null, description?: string | null }> }, datasets: { __typename?: 'DatasetConnection', totalCount: number, nodes: Array<{ __typename?: 'Dataset', pid: string, datasetName?: string | null, type: DatasetType, creationTime: string, size?: number | null }> } } | null };

export type PortalSampleQueryVariables = Exact<{
  sampleId: Scalars['String']['input'];
}>;


export type PortalSampleQuery = { __typename?: 'Query', sample?: { __typename?: 'Sample', sampleId: string, sampleName?: string | null, description?: string | null, owner?: string | null, proposalId?: string | null, sampleCharacteristics?: Record<string, any> | null, ownerGroup: string, accessGroups: Array<string>, isPublished: boolean, proposal?: { __typename?: 'Proposal', proposalId: string, title: string } | null, datasets: { __typename?: 'DatasetConnection', totalCount: number, nodes: Array<{ __typename?: 'Dataset', pid: string, datasetName?: string | null, type: DatasetType, creationTime: string, size?: number | null }> } } | null };

export type PortalPublicationQueryVariables = Exact<{
  id: Scalars['String']['input'];
}>;


export type PortalPublicationQuery = { __typename?: 'Query', publication?: { __typename?: 'Publication', id: string, doi?: string | null, doiUrl?: string | null, title: string, abstract?: string | null, publisher?: string | null, publicationYear?: number | null, resourceType?: string | null, resourceTypeGeneral: string, license?: string | null, status: PublicationStatus, citation: string, landingPage?: string | null, approvedBy?: string | null, approvedAt?: string | null, registeredAt?: string | null, publishedAt?: string | null, datasetPids: Array<string>, creator: Array<{ __typename?: 'Creator', name: string, givenName?: string | null, familyName?: string | null, orcid?: string | null, affiliation?: string | null }>, relatedPublications?: Array<{ __typename?: 'RelatedIdentifier', identifier: string, identifierType: string, relationType: string }> | null, datasets: Array<{ __typename?: 'Dataset', pid: string, datasetName?: string | null, type: DatasetType }> } | null };

export type PortalApproveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalApproveMutation = { __typename?: 'Mutation', approvePublication: { __typename?: 'Publication', id: string, status: PublicationStatus, approvedBy?: string | null } };

export type PortalRegisterMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalRegisterMutation = { __typename?: 'Mutation', registerPublication: { __typename?: 'Publication', id: string, status: PublicationStatus, doi?: string | null } };

export type PortalPublishMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalPublishMutation = { __typename?: 'Mutation', publishPublication: { __typename?: 'Publication', id: string, status: PublicationStatus } };

export type PortalViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', subject: string, role: string, groups: Array<string>, via: string } };

export type HitFieldsFragment = { __typename?: 'SearchHit', id: string, kind: SearchKind, title: string, time?: string | null, highlights: Array<{ __typename?: 'SearchHighlight', field: string, fragments: Array<string> }>, dataset?: { __typename?: 'Dataset', pid: string, type: DatasetType, owner: string, ownerGroup: string, principalInvestigator?: string | null, size?: number | null, numberOfFiles?: number | null, proposalIds?: Array<string> | null, sampleIds?: Array<string> | null, keywords?: Array<string> | null, instrument?: { __typename?: 'Instrument', pid: string, name: string } | null } | null };

export type PortalSearchQueryVariables = Exact<{
  input?: InputMaybe<SearchInput>;
  first: Scalars['Int']['input'];
  offset: Scalars['Int']['input'];
  sort?: InputMaybe<SearchSort>;
  order?: InputMaybe<SearchOrderInput>;
  facets?: InputMaybe<Array<SearchFacet> | SearchFacet>;
  withMeta: Scalars['Boolean']['input'];
}>;


export type PortalSearchQuery = { __typename?: 'Query', search: { __typename?: 'SearchResult', totalCount: number, offset: number, facets: Array<{ __typename?: 'FacetResult', facet: SearchFacet, otherCount: number, buckets: Array<{ __typename?: 'FacetBucket', value: string, label?: string | null, count: number }> }>, hits: Array<{ __typename?: 'SearchHit', id: string, kind: SearchKind, title: string, time?: string | null, dataset?: { __typename?: 'Dataset', scientificMetadata?: Record<string, any> | null, pid: string, type: DatasetType, owner: string, ownerGroup: string, principalInvestigator?: string | null, size?: number | null, numberOfFiles?: number | null, proposalIds?: Array<string> | null, sampleIds?: Array<string> | null, keywords?: Array<string> | null, instrument?: { __typename?: 'Instrument', pid: string, name: string } | null } | null, highlights: Array<{ __typename?: 'SearchHighlight', field: string, fragments: Array<string> }> }> } };

export type PortalLogbookQueryVariables = Exact<{
  input?: InputMaybe<SearchInput>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  timeZone?: InputMaybe<Scalars['String']['input']>;
}>;


export type PortalLogbookQuery = { __typename?: 'Query', logbook: { __typename?: 'Logbook', totalCount: number, hasNextPage: boolean, endCursor?: string | null, days: Array<{ __typename?: 'LogbookDay', day: string, count: number, entries: Array<{ __typename?: 'SearchHit', id: string, kind: SearchKind, title: string, time?: string | null, highlights: Array<{ __typename?: 'SearchHighlight', field: string, fragments: Array<string> }>, dataset?: { __typename?: 'Dataset', pid: string, type: DatasetType, owner: string, ownerGroup: string, principalInvestigator?: string | null, size?: number | null, numberOfFiles?: number | null, proposalIds?: Array<string> | null, sampleIds?: Array<string> | null, keywords?: Array<string> | null, instrument?: { __typename?: 'Instrument', pid: string, name: string } | null } | null }> }> } };

export type PortalTreeQueryVariables = Exact<{
  input?: InputMaybe<SearchInput>;
  path?: InputMaybe<TreePathInput>;
}>;


export type PortalTreeQuery = { __typename?: 'Query', searchTree: { __typename?: 'SearchTree', level: TreeLevel, datasetCount: number, missingCount: number, otherCount: number, nodes: Array<{ __typename?: 'TreeNode', id: string, label?: string | null, count: number }>, datasets: Array<{ __typename?: 'SearchHit', id: string, title: string, time?: string | null }> } };

export type PortalMetadataKeysQueryVariables = Exact<{
  prefix?: InputMaybe<Scalars['String']['input']>;
  input?: InputMaybe<SearchInput>;
  first?: Scalars['Int']['input'];
}>;


export type PortalMetadataKeysQuery = { __typename?: 'Query', metadataKeys: Array<{ __typename?: 'MetadataKey', key: string, count: number, types: Array<string>, units: Array<string>, dimensions: Array<string>, unknownUnits: Array<string> }> };

export type PortalHistogramQueryVariables = Exact<{
  input?: InputMaybe<SearchInput>;
  path: Scalars['String']['input'];
  buckets: Scalars['Int']['input'];
}>;


export type PortalHistogramQuery = { __typename?: 'Query', metadataHistogram: { __typename?: 'MetadataHistogram', path: string, unit?: string | null, count: number, min?: number | null, max?: number | null, buckets: Array<{ __typename?: 'HistogramBucket', from: number, to: number, count: number }> } };

export type PortalDatasetChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PortalDatasetChangedSubscription = { __typename?: 'Subscription', datasetChanged: { __typename?: 'DatasetChange', op: string, pid: string, at: string } };

export const ExportFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportJobType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordSet"}}]}}]}}]} as unknown as DocumentNode<ExportFieldsFragment, unknown>;
export const HitFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchHit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"ownerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"principalInvestigator"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfFiles"}},{"kind":"Field","name":{"kind":"Name","value":"proposalIds"}},{"kind":"Field","name":{"kind":"Name","value":"sampleIds"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<HitFieldsFragment, unknown>;
export const PortalCreateExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalCreateExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportJobType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordSet"}}]}}]}}]} as unknown as DocumentNode<PortalCreateExportMutation, PortalCreateExportMutationVariables>;
export const PortalExportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalExports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportJobType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordSet"}}]}}]}}]} as unknown as DocumentNode<PortalExportsQuery, PortalExportsQueryVariables>;
export const PortalExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportJobType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordSet"}}]}}]}}]} as unknown as DocumentNode<PortalExportQuery, PortalExportQueryVariables>;
export const PortalExportProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalExportProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportJobType"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordSet"}}]}}]}}]} as unknown as DocumentNode<PortalExportProgressSubscription, PortalExportProgressSubscriptionVariables>;
export const PortalDatasetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalDataset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"license"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"ownerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"orcidOfOwner"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmail"}},{"kind":"Field","name":{"kind":"Name","value":"principalInvestigator"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFolder"}},{"kind":"Field","name":{"kind":"Name","value":"creationTime"}},{"kind":"Field","name":{"kind":"Name","value":"creationLocation"}},{"kind":"Field","name":{"kind":"Name","value":"instrumentId"}},{"kind":"Field","name":{"kind":"Name","value":"proposalIds"}},{"kind":"Field","name":{"kind":"Name","value":"sampleIds"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfFiles"}},{"kind":"Field","name":{"kind":"Name","value":"scientificMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"inputDatasets"}},{"kind":"Field","name":{"kind":"Name","value":"usedSoftware"}},{"kind":"Field","name":{"kind":"Name","value":"jobParameters"}},{"kind":"Field","name":{"kind":"Name","value":"jobLogData"}},{"kind":"Field","name":{"kind":"Name","value":"ownerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"accessGroups"}},{"kind":"Field","name":{"kind":"Name","value":"isPublished"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"dataFormat"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"techniques"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"instrument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"samples"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sampleId"}},{"kind":"Field","name":{"kind":"Name","value":"sampleName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputDatasetRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"creationTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"derivedDatasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"creationTime"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"publications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"doiUrl"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"citation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"labels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"labelSet"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"like"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"class"}},{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"labelSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"labelSet"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"dislikes"}},{"kind":"Field","name":{"kind":"Name","value":"meanScore"}},{"kind":"Field","name":{"kind":"Name","value":"consensus"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"chk"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"labelSets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"values"}}]}}]}}]} as unknown as DocumentNode<PortalDatasetQuery, PortalDatasetQueryVariables>;
export const PortalFilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalFiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"chk"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalFilesQuery, PortalFilesQueryVariables>;
export const PortalSetLabelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalSetLabel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LabelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setLabel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"labelSet"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"like"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"class"}},{"kind":"Field","name":{"kind":"Name","value":"by"}}]}}]}}]} as unknown as DocumentNode<PortalSetLabelMutation, PortalSetLabelMutationVariables>;
export const PortalProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"proposalId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"proposalId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"proposalId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"abstract"}},{"kind":"Field","name":{"kind":"Name","value":"pi_email"}},{"kind":"Field","name":{"kind":"Name","value":"pi_firstname"}},{"kind":"Field","name":{"kind":"Name","value":"pi_lastname"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"lastname"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"ownerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"accessGroups"}},{"kind":"Field","name":{"kind":"Name","value":"isPublished"}},{"kind":"Field","name":{"kind":"Name","value":"measurementPeriodList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instrument"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"samples"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sampleId"}},{"kind":"Field","name":{"kind":"Name","value":"sampleName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CREATION_TIME"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"creationTime"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalProposalQuery, PortalProposalQueryVariables>;
export const PortalSampleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalSample"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sampleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sample"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sampleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sampleId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sampleId"}},{"kind":"Field","name":{"kind":"Name","value":"sampleName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"sampleCharacteristics"}},{"kind":"Field","name":{"kind":"Name","value":"ownerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"accessGroups"}},{"kind":"Field","name":{"kind":"Name","value":"isPublished"}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CREATION_TIME"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"creationTime"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalSampleQuery, PortalSampleQueryVariables>;
export const PortalPublicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalPublication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"doiUrl"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"abstract"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"resourceTypeGeneral"}},{"kind":"Field","name":{"kind":"Name","value":"license"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"citation"}},{"kind":"Field","name":{"kind":"Name","value":"landingPage"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetPids"}},{"kind":"Field","name":{"kind":"Name","value":"creator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"orcid"}},{"kind":"Field","name":{"kind":"Name","value":"affiliation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relatedPublications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"identifierType"}},{"kind":"Field","name":{"kind":"Name","value":"relationType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]} as unknown as DocumentNode<PortalPublicationQuery, PortalPublicationQueryVariables>;
export const PortalApproveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalApprove"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvePublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}}]}}]}}]} as unknown as DocumentNode<PortalApproveMutation, PortalApproveMutationVariables>;
export const PortalRegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalRegister"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerPublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}}]}}]}}]} as unknown as DocumentNode<PortalRegisterMutation, PortalRegisterMutationVariables>;
export const PortalPublishDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalPublish"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishPublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PortalPublishMutation, PortalPublishMutationVariables>;
export const PortalViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"groups"}},{"kind":"Field","name":{"kind":"Name","value":"via"}}]}}]}}]} as unknown as DocumentNode<PortalViewerQuery, PortalViewerQueryVariables>;
export const PortalSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchOrderInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"facets"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchFacet"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withMeta"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"order"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}},{"kind":"Argument","name":{"kind":"Name","value":"facets"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facets"}}},{"kind":"Argument","name":{"kind":"Name","value":"facetSize"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facet"}},{"kind":"Field","name":{"kind":"Name","value":"otherCount"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HitFields"}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scientificMetadata"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withMeta"}}}]}]}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchHit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"ownerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"principalInvestigator"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfFiles"}},{"kind":"Field","name":{"kind":"Name","value":"proposalIds"}},{"kind":"Field","name":{"kind":"Name","value":"sampleIds"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<PortalSearchQuery, PortalSearchQueryVariables>;
export const PortalLogbookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalLogbook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeZone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logbook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeZone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeZone"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"days"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HitFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchHit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"ownerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"principalInvestigator"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfFiles"}},{"kind":"Field","name":{"kind":"Name","value":"proposalIds"}},{"kind":"Field","name":{"kind":"Name","value":"sampleIds"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<PortalLogbookQuery, PortalLogbookQueryVariables>;
export const PortalTreeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalTree"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TreePathInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchTree"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"datasetCount"}},{"kind":"Field","name":{"kind":"Name","value":"missingCount"}},{"kind":"Field","name":{"kind":"Name","value":"otherCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"time"}}]}}]}}]}}]} as unknown as DocumentNode<PortalTreeQuery, PortalTreeQueryVariables>;
export const PortalMetadataKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalMetadataKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"15"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metadataKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"dimensions"}},{"kind":"Field","name":{"kind":"Name","value":"unknownUnits"}}]}}]}}]} as unknown as DocumentNode<PortalMetadataKeysQuery, PortalMetadataKeysQueryVariables>;
export const PortalHistogramDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalHistogram"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"buckets"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metadataHistogram"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}},{"kind":"Argument","name":{"kind":"Name","value":"buckets"},"value":{"kind":"Variable","name":{"kind":"Name","value":"buckets"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<PortalHistogramQuery, PortalHistogramQueryVariables>;
export const PortalDatasetChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalDatasetChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<PortalDatasetChangedSubscription, PortalDatasetChangedSubscriptionVariables>;