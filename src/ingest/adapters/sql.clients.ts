// The SQL dialects: MariaDB/MySQL (mysql2), PostgreSQL (pg) and SQLite (sql.js, the file read in
// memory). Date-times come back as the source writes them; the mapping says their zone.
import { readFileSync } from 'node:fs';
import { createPool, type Pool as MyPool } from 'mysql2/promise';
import pg from 'pg';
import type { SqlClient } from './relational';
import { redactUrl, SourceDownError, SourceConfigError, type Json } from './adapter';

const DOWN = /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|ECONNRESET|EPIPE|PROTOCOL_CONNECTION_LOST|Connection terminated|the database system is (starting up|shutting down)|terminating connection/;

/** A value the source cannot compare with a column of another type (a key "abc" for a bigint key, PostgreSQL). */
const WRONG_TYPE = /^(22P02|22003|ER_TRUNCATED_WRONG_VALUE)$/;

/** SQL errors that mean the mapping names a table or column the source does not have (MariaDB, PostgreSQL codes). */
const SCHEMA_MISMATCH = /^(ER_NO_SUCH_TABLE|ER_BAD_FIELD_ERROR|ER_BAD_TABLE_ERROR|42P01|42703)$/;

/** A driver error as the ingest tells it: the source down (retried), a refused query or connection (named, not retried), or as it is. */
export function classify(label: string, e: unknown): Error {
  const err = e as { code?: string; message?: string; text?: string };
  const msg = `${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`;
  if (DOWN.test(msg) || (err.code && /^(ECONN|ETIMEDOUT|EHOST|ENOTFOUND|57P|08)/.test(err.code))) return new SourceDownError(label, msg);
  // a misspelt table or column in the mapping's source: said plainly, not as a driver's stack
  if (err.code && SCHEMA_MISMATCH.test(err.code)) {
    return new SourceConfigError(`${label} refused the mapping's query: ${err.text ?? (err.message ?? '').replace(/^\([^)]*\)\s*/, '')}; check the table and column names under source.root and source.relations`);
  }
  if (err.code && WRONG_TYPE.test(err.code)) return new SourceConfigError(`${label} refused a value of the query: ${err.message}; a key given is not of the root key column's type`);
  // wrong credentials, no such database, or a URL the driver cannot read: retrying will not help, so no backoff
  if ((err.code && REFUSED.test(err.code)) || /Invalid URL|port should be|getaddrinfo|password authentication failed/i.test(msg)) {
    return new SourceConfigError(`${label} refused the connection: ${(err.message ?? String(e)).replace(/\/\/[^/:@]*:[^@]*@/g, '//***@')}; check the user, password, host and database of the connection URL`);
  }
  return e as Error;
}

/** Driver codes for a connection refused for its credentials or database (MariaDB, PostgreSQL). */
const REFUSED = /^(ER_ACCESS_DENIED_ERROR|ER_DBACCESS_DENIED_ERROR|ER_BAD_DB_ERROR|ER_NOT_SUPPORTED_AUTH_MODE|28P01|28000|3D000|ERR_INVALID_URL)$/;

export class MariaDbClient implements SqlClient {
  private pool?: MyPool;
  readonly label: string;
  constructor(private readonly url: string) {
    this.label = `MariaDB at ${redactUrl(url)}`;
  }
  /**
   * Opens a pool of 2 connections (5000 ms connect timeout) and checks it with SELECT 1; BIGINT comes back as a
   * number when exact, else a bigint, date-times as the source's text. Throws SourceDownError when the server is
   * unreachable.
   */
  async open(): Promise<void> {
    try {
      this.pool = this.createPool();
    } catch (e) {
      throw classify(this.label, e);
    }
    await this.query('SELECT 1', []);
  }

  private createPool(): MyPool {
    return createPool({
      uri: this.url,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectionLimit: 2,
      connectTimeout: 5000,
      decimalNumbers: true,
      // BIGINT: a number when exact, else a bigint (stored as its digits with a storage note)
      typeCast: (field: any, next: () => unknown) => (field.type === 'LONGLONG' ? wholeNumber(field.string()) : next()),
    });
  }
  /**
   * Runs `sql` with `?` placeholders bound to `params`; the rows as objects keyed by column. Throws
   * SourceDownError for a refused or lost connection; other errors as the server reports them.
   */
  async query(sql: string, params: unknown[]): Promise<Json[]> {
    try {
      const [rows] = await this.pool!.query(sql, params);
      return rows as Json[];
    } catch (e) {
      throw classify(this.label, e);
    }
  }
  /** `n` as a backquoted identifier (backquotes inside doubled). */
  quote(n: string): string {
    return `\`${n.replace(/`/g, '``')}\``;
  }
  /** The placeholder of every parameter: `?`. */
  param(): string {
    return '?';
  }
  /** Ends the pool; an error while ending it is ignored. */
  async close(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}

/**
 * A whole number from its digits: a number when exact, else a bigint, which the catalog's write stores
 * as its digits and records in the record's storage notes (never rounded, never silently turned to text).
 */
export function wholeNumber(digits: string | null): number | bigint | null {
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : BigInt(digits);
}

const pgTypes = {
  getTypeParser(oid: number, format?: string): (v: string) => unknown {
    switch (oid) {
      case 20: // int8
        return wholeNumber;
      case 1700: // numeric: a whole number beyond 2^53 as for int8; a fraction as the nearest double
        return (v) => (/^-?\d+$/.test(v) ? wholeNumber(v) : Number(v));
      case 1082: // date
      case 1114: // timestamp without zone: naive, as the source wrote it
      case 1184: // timestamptz
        return (v) => v;
      default:
        return pg.types.getTypeParser(oid, format as any);
    }
  },
};

export class PostgresClient implements SqlClient {
  private pool?: pg.Pool;
  readonly label: string;
  constructor(private readonly url: string) {
    this.label = `PostgreSQL at ${redactUrl(url)}`;
  }
  /**
   * Opens a pool of 2 connections (5000 ms connect timeout) and checks it with SELECT 1; int8 and whole numeric
   * come back as numbers when exact, else bigints, dates and timestamps as the source's text. Throws
   * SourceDownError when the server is unreachable or starting up.
   */
  async open(): Promise<void> {
    this.pool = new pg.Pool({ connectionString: this.url, max: 2, connectionTimeoutMillis: 5000, types: pgTypes as any });
    this.pool.on('error', () => undefined); // an idle client lost: the next query reports it
    await this.query('SELECT 1', []);
  }
  /**
   * Runs `sql` with `$1`…`$n` placeholders bound to `params`; the rows as objects keyed by column. Throws
   * SourceDownError for a refused or lost connection; other errors as the server reports them.
   */
  async query(sql: string, params: unknown[]): Promise<Json[]> {
    try {
      return (await this.pool!.query(sql, params)).rows;
    } catch (e) {
      throw classify(this.label, e);
    }
  }
  /** `n` as a double-quoted identifier (double quotes inside doubled). */
  quote(n: string): string {
    return `"${n.replace(/"/g, '""')}"`;
  }
  /** The placeholder of the `n`-th parameter (from 1): `$n`. */
  param(n: number): string {
    return `$${n}`;
  }
  /** Ends the pool; an error while ending it is ignored. */
  async close(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}

export class SqliteClient implements SqlClient {
  private db?: import('sql.js').Database;
  readonly label: string;
  constructor(private readonly file: string) {
    this.label = `SQLite file ${redactUrl(file)}`;
  }
  /**
   * Reads the whole database file into memory and checks that it is one. Throws SourceDownError when the file
   * cannot be read, SourceConfigError when it is not an SQLite database.
   */
  async open(): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file);
    } catch (e) {
      throw new SourceDownError(this.label, (e as Error).message);
    }
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    this.db = new SQL.Database(bytes);
    try {
      this.db.exec('SELECT 1 FROM sqlite_master LIMIT 1');
    } catch (e) {
      throw new SourceConfigError(`${this.label} is not an SQLite database: ${(e as Error).message}`);
    }
  }
  /**
   * Runs `sql` with `?` placeholders bound to `params` on the in-memory copy; integers beyond 2^53 come back as
   * bigints. SQL errors are thrown as SQLite reports them.
   */
  async query(sql: string, params: unknown[]): Promise<Json[]> {
    const st = this.db!.prepare(sql);
    try {
      st.bind(params as any);
      const out: Json[] = [];
      // integers as bigints, so one beyond 2^53 is not rounded on the way in; numbers again when exact
      const asObject = st as unknown as { getAsObject(params?: unknown, config?: { useBigInt: boolean }): Record<string, unknown> };
      while (st.step()) out.push(Object.fromEntries(Object.entries(asObject.getAsObject(undefined, { useBigInt: true })).map(([k, v]) => [k, typeof v === 'bigint' ? wholeNumber(String(v)) : v])) as Json);
      return out;
    } finally {
      st.free();
    }
  }
  /** `n` as a double-quoted identifier (double quotes inside doubled). */
  quote(n: string): string {
    return `"${n.replace(/"/g, '""')}"`;
  }
  /** The placeholder of every parameter: `?`. */
  param(): string {
    return '?';
  }
  /** Frees the in-memory copy; nothing is ever written back to the file. */
  async close(): Promise<void> {
    this.db?.close();
  }
}
