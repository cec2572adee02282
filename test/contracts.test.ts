// Committed contracts (GraphQL SDL, JSON Schemas), migrations and the CLI, as an operator uses them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { emitSdl } from '../src/app/schema';
import { loadConfig } from '../src/config';
import { cli, mongoUri, ROOT, SECRET, testDbName } from './helpers/harness';

test('the committed SDL is what the code emits (no drift)', async () => {
  const committed = readFileSync(path.join(ROOT, 'schema/graphql/schema.graphql'), 'utf8');
  expect(await emitSdl()).toBe(committed);
});

test('migrate up, status and down create and drop the indexes, never data', async () => {
  const db = testDbName('migrate');
  // without Elasticsearch the search migration records itself and leaves the index to the sync worker
  const env = { MONGODB_URI: mongoUri(), CATALOG_DB: db, ELASTICSEARCH_URL: '' };
  expect(cli(['migrate', 'up'], env)).toMatch(/applied: 20261121000000-collections-and-indexes\.js/);
  expect(cli(['migrate', 'up'], env)).toMatch(/nothing to apply/);
  expect(cli(['migrate', 'status'], env)).toMatch(/^\d{4}-\d\d-\d\dT.*collections-and-indexes\.js$/m);
  const client = await MongoClient.connect(mongoUri());
  try {
    const names = (await client.db(db).collection('datasets').listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['proposalIds_1_creationTime_-1', 'ownerGroup_1', 'accessGroups_1']));
    await client.db(db).collection('datasets').insertOne({ _id: 'keep-me' } as any);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261201000000-attachments/);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261129000000-key-lists/);
    // runs, quarantine entries and jobs written before the key lists existed are listed once it has run
    const at = new Date();
    await client.db(db).collection('ingest_runs').insertOne({ _id: 'mx/20260101T000000-a', mappingId: 'mx', startedAt: at, status: 'succeeded' } as any);
    await client.db(db).collection('ingest_quarantine').insertOne({ _id: 'mx:42', mappingId: 'mx', lastSeenAt: at, resolvedAt: null } as any);
    await client.db(db).collection('export_jobs').insertOne({ _id: 'exp-1', status: 'queued', createdAt: at, owner: { subject: 'ada' } } as any);
    expect(cli(['migrate', 'up'], env)).toMatch(/key lists: filled from 3 ingest run\(s\), quarantine entries and export job\(s\)/);
    const lists = Object.fromEntries((await client.db(db).collection('key_lists').find({}).toArray()).map((l) => [l._id, l.ids]));
    expect(lists).toEqual({
      'ingest:runs:mx': ['mx/20260101T000000-a'],
      'ingest:runs': ['mx/20260101T000000-a'],
      'ingest:quarantine:mx': ['mx:42'],
      'ingest:quarantine': ['mx:42'],
      'exports:open': ['exp-1'],
      'exports:all': ['exp-1'],
      'exports:owner:ada': ['exp-1'],
    });
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261201000000-attachments/);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261129000000-key-lists/);
    expect(await client.db(db).listCollections({ name: 'key_lists' }).toArray()).toEqual([]);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261122000000-dataset-file-counters/);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261121030000-search-index/);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261121020000-labels-and-exports/);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261121010000-fair-harvesting/);
    expect(cli(['migrate', 'down'], env)).toMatch(/rolled back: 20261121000000/);
    expect((await client.db(db).collection('datasets').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect(await client.db(db).collection('datasets').countDocuments()).toBe(1);
    expect(cli(['migrate', 'status'], env)).toMatch(/PENDING/);
  } finally {
    await client.db(db).dropDatabase();
    await client.close();
  }
});

test('catalog token issues a token the API accepts; bad arguments are named', () => {
  const tok = cli(['token', '-s', 'alice', '-g', 'pA,pB', '-r', 'user'], { MONGODB_URI: mongoUri() }).trim();
  expect(tok.split('.')).toHaveLength(3);
  const payload = JSON.parse(Buffer.from(tok.split('.')[1], 'base64url').toString());
  expect(payload).toMatchObject({ sub: 'alice', groups: ['pA', 'pB'], roles: ['user'] });
  expect(() => cli(['token', '-s', 'x', '-r', 'superuser'], { MONGODB_URI: mongoUri() })).toThrow(/superuser.*invalid|Allowed choices/s);
  expect(() => cli(['token', '-s', 'x', '-g', 'bad group!'], { MONGODB_URI: mongoUri() })).toThrow(/"bad group!" is not a valid group name/);
});

test('a missing or bad setting stops the program with a message naming it', () => {
  expect(() => loadConfig({})).toThrow(/MONGODB_URI is not set/);
  expect(() => loadConfig({ MONGODB_URI: 'http://x', CATALOG_JWT_SECRET: SECRET })).toThrow(/MONGODB_URI must use mongodb:/);
  expect(() => loadConfig({ MONGODB_URI: 'mongodb://x', CATALOG_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  expect(() => loadConfig({ MONGODB_URI: 'mongodb://x', CATALOG_JWT_SECRET: SECRET, CATALOG_MAX_PAGE_SIZE: 'lots' })).toThrow(/CATALOG_MAX_PAGE_SIZE="lots" must be an integer/);
  expect(() => cli(['migrate', 'up'], { MONGODB_URI: '', CATALOG_JWT_SECRET: SECRET })).toThrow(/MONGODB_URI is not set/);
});

test('a database that is down gives a clear error, not a hang', () => {
  expect(() => cli(['seed'], { MONGODB_URI: 'mongodb://127.0.0.1:1/' })).toThrow(/SERVICE_UNAVAILABLE: MongoDB at mongodb:\/\/127\.0\.0\.1:1\/ is unavailable/);
});

test('outbox-prune deletes old change events only, and refuses a zero window', async () => {
  const db = testDbName('prune');
  // without Elasticsearch the search migration records itself and leaves the index to the sync worker
  const env = { MONGODB_URI: mongoUri(), CATALOG_DB: db, ELASTICSEARCH_URL: '' };
  const client = await MongoClient.connect(mongoUri());
  try {
    const { ObjectId } = await import('mongodb');
    const old = ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 10 * 86400);
    await client.db(db).collection('outbox').insertMany([{ _id: old, entity: 'Dataset' }, { _id: new ObjectId(), entity: 'Dataset' }] as any[]);
    expect(cli(['outbox-prune', '--older-than-days', '7'], env)).toMatch(/deleted 1 outbox entry older than 7 day/);
    expect(await client.db(db).collection('outbox').countDocuments()).toBe(1);
    expect(() => cli(['outbox-prune', '--older-than-days', '0'], env)).toThrow(/at least 1/);
  } finally {
    await client.db(db).dropDatabase();
    await client.close();
  }
});
