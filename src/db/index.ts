// The MongoDB connection. Plain driver code: it runs on FerretDB locally and on MongoDB 6+ anywhere.
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { errors } from '../common/errors';

export const Collections = {
  proposals: 'proposals',
  samples: 'samples',
  datasets: 'datasets',
  origDatablocks: 'origdatablocks',
  publications: 'publications',
  instruments: 'instruments',
  apiKeys: 'apikeys',
  outbox: 'outbox',
  oaiDeleted: 'oai_deleted',
  labels: 'labels',
  labelSets: 'label_sets',
  exportJobs: 'export_jobs',
  searchState: 'search_state',
  ingestRuns: 'ingest_runs',
  ingestState: 'ingest_state',
  ingestQuarantine: 'ingest_quarantine',
} as const;

export interface Database {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

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
