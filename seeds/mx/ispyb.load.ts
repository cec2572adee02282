// Loads the ISPyB-style database into MariaDB or PostgreSQL through the admin connection: tables first,
// then the rows a chunk of data collections at a time, with multi-row INSERTs.
import { createConnection, type Connection } from 'mysql2/promise';
import pg from 'pg';
import { ddl, quote, TABLES, type Dialect, type Table } from './ispyb.schema';
import { collectionRows, staticRows, type MxSize, type Row, type Rows } from './ispyb.data';

export interface SqlTarget {
  dialect: Dialect;
  exec(sql: string, params?: unknown[]): Promise<Record<string, any>[]>;
  close(): Promise<void>;
}

/** The URL with another database name (tests use one database per file). */
export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function openTarget(dialect: Dialect, url: string): Promise<SqlTarget> {
  if (dialect === 'mariadb') {
    const c: Connection = await createConnection({ uri: url, dateStrings: true, multipleStatements: false, supportBigNumbers: true, decimalNumbers: true });
    return {
      dialect,
      exec: async (sql, params = []) => (await c.query(sql, params))[0] as any,
      close: () => c.end(),
    };
  }
  // date-times come back as the database stores them (naive local times), as the ingest adapter reads them
  const types = { getTypeParser: (oid: number, format?: any) => ([1082, 1114, 1184].includes(oid) ? (v: string) => v : oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) };
  const c = new pg.Client({ connectionString: url, types: types as any });
  await c.connect();
  return { dialect, exec: async (sql, params = []) => (await c.query(sql, params as any[])).rows, close: () => c.end() };
}

/** Creates the database when it is missing (connecting through the server's default database). */
export async function ensureDatabase(dialect: Dialect, adminUrl: string, db: string): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(db)) throw new Error(`"${db}" is not a usable database name`);
  if (dialect === 'mariadb') {
    const t = await openTarget(dialect, withDatabase(adminUrl, ''));
    try {
      await t.exec(`CREATE DATABASE IF NOT EXISTS \`${db}\``);
    } finally {
      await t.close();
    }
    return;
  }
  const t = await openTarget(dialect, withDatabase(adminUrl, 'postgres'));
  try {
    const have = await t.exec('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    if (!have.length) await t.exec(`CREATE DATABASE "${db}"`);
  } finally {
    await t.close();
  }
}

/** Inserts `rows` into `table` (one of `tables`, default this database's) with multi-row INSERTs; absent columns are NULL. */
export async function insertRows(t: SqlTarget, table: string, rows: Row[], tables: Table[] = TABLES): Promise<void> {
  if (!rows.length) return;
  const cols = tables.find((x) => x.name === table)!.cols.map((c) => c[0]);
  const per = Math.max(1, Math.min(1000, Math.floor(60000 / cols.length)));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const values = chunk.map((r) => `(${cols.map((c) => {
      params.push(r[c] ?? null);
      return t.dialect === 'mariadb' ? '?' : `$${params.length}`;
    }).join(', ')})`);
    await t.exec(`INSERT INTO ${quote(t.dialect, table)} (${cols.map((c) => quote(t.dialect, c)).join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

async function insertAll(t: SqlTarget, rows: Rows): Promise<void> {
  for (const tb of TABLES) await insertRows(t, tb.name, rows.get(tb.name) ?? []);
}

/** Drops and re-creates the tables, then loads `size.collections` data collections. */
export async function loadMx(t: SqlTarget, size: MxSize, onChunk?: (done: number) => void): Promise<void> {
  for (const s of ddl(t.dialect)) await t.exec(s);
  await insertAll(t, staticRows(size));
  const CHUNK = 2000;
  for (let from = 0; from < size.collections; from += CHUNK) {
    await insertAll(t, collectionRows(size, from, Math.min(size.collections, from + CHUNK)));
    onChunk?.(Math.min(size.collections, from + CHUNK));
  }
}
