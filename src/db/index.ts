// The MongoDB connection. Plain driver code: it runs on FerretDB locally and on MongoDB 6+ anywhere.
import { MongoClient, type Collection, type Db, type Document, type Filter, type MongoBulkWriteError, type MongoClientOptions } from 'mongodb';
import { errors } from '../common/errors';

export const Collections = {
  proposals: 'proposals',
  samples: 'samples',
  datasets: 'datasets',
  origDatablocks: 'origdatablocks',
  /** Per dataset: what each of its origdatablocks holds (bookkeeping for the dataset's file counters). */
  fileCounters: 'dataset_file_counters',
  publications: 'publications',
  instruments: 'instruments',
  apiKeys: 'apikeys',
  /** Local functional accounts (SciCat's ingestor accounts): user name, bcrypt hash, role and groups. */
  accounts: 'functional_accounts',
  outbox: 'outbox',
  oaiDeleted: 'oai_deleted',
  labels: 'labels',
  /** Captioned thumbnails attached to datasets, samples and proposals (SciCat's Attachment). */
  attachments: 'attachments',
  labelSets: 'label_sets',
  exportJobs: 'export_jobs',
  searchState: 'search_state',
  ingestRuns: 'ingest_runs',
  ingestState: 'ingest_state',
  ingestQuarantine: 'ingest_quarantine',
  /** Per mapping, in buckets: the content hash of each source record as last written (change detection without an update column). */
  ingestHashes: 'ingest_hashes',
  /** Bounded lists of ids (recent runs, open quarantine entries, export jobs): see keylist.ts. */
  keyLists: 'key_lists',
} as const;

export interface Database {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/**
 * Connects to MongoDB (or FerretDB) at `uri` and checks database `dbName` answers a ping, waiting at most 5000 ms for a server
 * by default. Raises SERVICE_UNAVAILABLE, with the credentials in the URI hidden, when it cannot.
 */
export async function connect(uri: string, dbName: string, options: MongoClientOptions = {}): Promise<Database> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, appName: 'catalog', ...options });
  try {
    await client.connect();
    await client.db(dbName).command({ ping: 1 });
  } catch (e) {
    await client.close().catch(() => undefined);
    throw errors.unavailable(`MongoDB at ${redact(uri)}`, (e as Error).message);
  }
  return { client, db: client.db(dbName), close: () => client.close() };
}

/** Hides credentials when a URI is printed. */
export function redact(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}

/** `{_id: x}` for one id, `{_id: {$in: [...]}}` for more. */
export function idsFilter(ids: readonly string[]): Filter<any> {
  return ids.length === 1 ? { _id: ids[0] } : { _id: { $in: [...ids] } };
}

/**
 * The documents with these ids (those that exist, in no particular order), in one query that every
 * supported server answers from its `_id` index: MongoDB, and FerretDB with the build-time fix in
 * scripts/ferretdb.sh (without it, FerretDB read the whole table for `$in`).
 */
export async function findIds(col: Collection<any>, ids: readonly string[], projection?: Document): Promise<Document[]> {
  if (ids.length === 0) return [];
  return col.find(idsFilter(ids), { projection, batchSize: ids.length + 1 }).toArray();
}

/**
 * The positions in a failed unordered bulk write whose `_id` was already taken (duplicate key: someone
 * wrote it first). Any other failure is thrown, as the database refusing the write of `what`.
 */
export function duplicateKeyIndexes(e: unknown, what: string): number[] {
  const writeErrors = (e as MongoBulkWriteError).writeErrors;
  if (!writeErrors) throw e;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  // a bulk write the driver refused as a whole (a document it could not encode) names no write: nothing was written
  if (!list.length) throw errors.unavailable('the catalog database', `write of ${what} failed: ${(e as Error).message}`);
  const other = list.find((we) => we.code !== 11000);
  if (other) throw errors.unavailable('the catalog database', `write of ${what} failed: ${other.errmsg}`);
  // a duplicate on another unique field (an instrument's uniqueName) is a clash no retry resolves: said, with the value
  const clash = list.map((we) => /index: (\S+) dup key: (\{.*\})/.exec(we.errmsg ?? '')).find((m) => m && m[1] !== '_id_');
  if (clash) throw errors.conflict(`${what}: ${clash[2].replace(/^\{\s*|\s*\}$/g, '')} is already taken by another record (unique index ${clash[1]})`);
  return list.map((we) => we.index);
}
