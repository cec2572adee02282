// Schema migrations with migrate-mongo: files in migrations/, applied ones recorded in the "migrations" collection.
import path from 'node:path';
import { projectRoot } from '../common/paths';

export interface MigrationStatus {
  fileName: string;
  appliedAt: string | Date;
}

interface MigrateMongo {
  config: { set(c: object): void };
  database: { connect(): Promise<{ db: unknown; client: { close(): Promise<void> } }> };
  up(db: unknown, client: unknown): Promise<string[]>;
  down(db: unknown, client: unknown): Promise<string[]>;
  status(db: unknown): Promise<MigrationStatus[]>;
}

async function load(uri: string, dbName: string): Promise<MigrateMongo> {
  // migrate-mongo is an ES module; its CommonJS entry exposes each export as a promise.
  const m = require('migrate-mongo');
  const mm = { config: await m.config, database: await m.database, up: await m.up, down: await m.down, status: await m.status } as MigrateMongo;
  mm.config.set({
    mongodb: { url: uri, databaseName: dbName, options: { serverSelectionTimeoutMS: 5000 } },
    migrationsDir: path.join(projectRoot(), 'migrations'),
    changelogCollectionName: 'migrations',
    lockCollectionName: 'migrations_lock',
    lockTtl: 0,
    migrationFileExtension: '.js',
    useFileHash: false,
    moduleSystem: 'commonjs',
  });
  return mm;
}

/**
 * Runs the migrations in migrations/ on database `dbName` at `uri`: `up` applies every pending one and `down` reverts the
 * last applied, each returning the file names it ran; `status` lists every migration with its `appliedAt` ("PENDING" when not applied).
 * Fails when the server does not answer within 5000 ms.
 */
export async function migrate(uri: string, dbName: string, action: 'up' | 'down' | 'status'): Promise<string[] | MigrationStatus[]> {
  const mm = await load(uri, dbName);
  const { db, client } = await mm.database.connect();
  try {
    if (action === 'up') return await mm.up(db, client);
    if (action === 'down') return await mm.down(db, client);
    return await mm.status(db);
  } finally {
    await client.close();
  }
}
