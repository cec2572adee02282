// Starts the real API in-process against the real MongoDB-protocol server (scripts/test.sh starts it),
// in a database of its own per test file, and counts the commands the server sends to MongoDB.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadConfig, type Config } from '../../src/config';
import { connect, type Database } from '../../src/db';
import { startApp, type App } from '../../src/app/app';
import { issueToken } from '../../src/auth';
import { systemIdentity } from '../../src/auth';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-use';
export const ROOT = path.resolve(__dirname, '../..');

export interface Harness {
  app: App;
  cfg: Config;
  db: Database;
  /** Database commands sent since the last reset (find, insert, update, getMore, …). */
  commands: string[];
  resetCommands(): void;
  tokens: Record<'alice' | 'bob' | 'ingestorA' | 'ingestorB' | 'steward' | 'admin', string>;
  gql<R = any, V = any>(doc: TypedDocumentNode<R, V> | string, variables?: V, token?: string, headers?: Record<string, string>): Promise<GqlResult<R>>;
  close(): Promise<void>;
}

export interface GqlResult<R> {
  status: number;
  data?: R;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
  headers: Headers;
}

/** Groups used across the tests: A and B are two proposals' groups. */
export const GROUP_A = 'pA';
export const GROUP_B = 'pB';

export function mongoUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run the tests with `npm test` (it starts the services), or source .run/env after `npm run services:up`');
  return uri;
}

export function testDbName(name: string): string {
  return `t_${name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}_${randomBytes(3).toString('hex')}`;
}

/** Runs `catalog migrate <action>` as the operator would, against the given database. */
export function cli(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('node', [path.join(ROOT, 'dist/src/cli/main.js'), ...args], {
    env: { ...process.env, CATALOG_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * `share`: a second API process over the stores of a harness already running (same database and index;
 * nothing is migrated, and closing it leaves them to their owner).
 */
export async function startHarness(name: string, overrides: Partial<Config> = {}, share?: Harness): Promise<Harness> {
  const dbName = share?.cfg.dbName ?? testDbName(name);
  // each test file has its own search index too; the sync worker runs only where a test asks for it
  const searchIndex = share?.cfg.searchIndex ?? dbName.toLowerCase();
  const esEnv: Record<string, string> = 'elasticsearchUrl' in overrides ? { ELASTICSEARCH_URL: overrides.elasticsearchUrl ?? '' } : {};
  if (!share) cli(['migrate', 'up'], { MONGODB_URI: mongoUri(), CATALOG_DB: dbName, CATALOG_SEARCH_INDEX: searchIndex, ...esEnv });
  const cfg = loadConfig(
    { ...process.env, MONGODB_URI: mongoUri(), CATALOG_JWT_SECRET: SECRET },
    { dbName, port: 0, outboxPollMs: 50, logLevel: 'silent', searchIndex, searchSync: false, searchPollMs: 50, ...overrides },
  );
  const commands: string[] = [];
  const db = await connect(cfg.mongoUri, cfg.dbName, { monitorCommands: true });
  // the outbox feed and the export worker (its open-job list) poll in the background on the same client; their reads are not the request's
  const background = new Set(['outbox', 'export_jobs', 'search_state', 'key_lists']);
  db.client.on('commandStarted', (e) => {
    const target = e.command[e.commandName];
    if (!background.has(target) && !(e.commandName === 'getMore' && background.has(e.command.collection))) commands.push(e.commandName);
  });
  const app = await startApp(cfg, { db });
  const tok = (subject: string, role: 'user' | 'ingestor' | 'steward' | 'admin', groups: string[]) => issueToken(SECRET, { subject, role, groups });
  const tokens = {
    alice: await tok('alice', 'user', [GROUP_A]),
    bob: await tok('bob', 'user', [GROUP_B]),
    ingestorA: await tok('adapter-a', 'ingestor', [GROUP_A]),
    ingestorB: await tok('adapter-b', 'ingestor', [GROUP_B]),
    steward: await tok('stella', 'steward', []),
    admin: await tok('root', 'admin', []),
  };
  return {
    app,
    cfg,
    db,
    commands,
    resetCommands: () => void commands.splice(0),
    tokens,
    async gql(doc, variables, token, headers = {}) {
      // lists read the index, which shows a write within its refresh interval, once the sync has followed
      // the outbox: make this test's writes visible first (the API itself never waits for the index)
      const search = app.services.search;
      await search.reads.settle();
      if (search.backend.configured) await search.sync.drain().catch(() => undefined);
      search.reads.invalidate();
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
        body: JSON.stringify({ query: typeof doc === 'string' ? doc : print(doc), variables }),
      });
      const body = (await res.json()) as any;
      return { status: res.status, data: body.data ?? undefined, errors: body.errors, extensions: body.extensions, headers: res.headers };
    },
    async close() {
      if (share) {
        await app.close();
        await db.close();
        return;
      }
      const search = app.services.search.backend;
      if (search.configured) await search.es().indices.delete({ index: `${search.settings.prefix}-records-*`, allow_no_indices: true }).catch(() => undefined);
      await app.close();
      await db.db.dropDatabase().catch(() => undefined);
      await db.close();
    },
  };
}

export const SYSTEM = systemIdentity('test');

/** A valid raw dataset input; tests override what they need. */
export function rawDataset(pid: string, ownerGroup: string, extra: Record<string, any> = {}): any {
  return {
    pid,
    type: 'raw',
    datasetName: `dataset ${pid}`,
    owner: 'Test Owner',
    contactEmail: 'owner@example.org',
    sourceFolder: `/data/${pid}`,
    creationTime: '2026-03-01T10:00:00.000Z',
    creationLocation: '/Demo/BL17U1',
    ownerGroup,
    ...extra,
  };
}

export function codes(r: GqlResult<unknown>): string[] {
  return (r.errors ?? []).map((e) => e.extensions?.code);
}
