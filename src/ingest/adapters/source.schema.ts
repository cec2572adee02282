// What a source really has, read without writing anything: the tables and columns of a MariaDB/MySQL or
// PostgreSQL database (information_schema.columns, over a read-only session), of an SQLite file (sqlite_master
// and PRAGMA table_info, on an in-memory copy), or the record tree of a sample of the HDF5 files in a folder
// (read by the HDF5 adapter itself, so the tree is exactly what a mapping's JSONPaths see). checkSource
// compares a mapping with it (mapping/source.compare.ts).
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { Mapping } from '../mapping/mapping.types';
import { compareSource, type FileSourceSchema, type SourceComparison, type SourceSchema, type SqlSourceSchema, type TreeNode } from '../mapping/source.compare';
import type { MappingProblem } from '../mapping/value.checks';
import { checkScheme, connectionValue, redactUrl, SourceConfigError, SourceDownError, type Json } from './adapter';
import { classify } from './sql.clients';
import { Hdf5Source } from './hdf5';
import { SqliteClient } from './sql.clients';

/** How many files of an HDF5 folder are read to learn its tree. */
export const SAMPLE_FILES = 20;

/** A source's schema and how the source is named in messages (no password). */
export interface SourceDescription {
  label: string;
  schema: SourceSchema;
}

/** The comparison of a mapping with its source: `label` names the source, `problems` are its unknown names. */
export interface SourceReport extends SourceComparison {
  label: string;
  /** For a file source: how many files were read to learn its tree. */
  files?: number;
}

/**
 * Checks every table, column, relation and JSONPath mapping `m` names against its real source, reached through
 * `connection` or the environment variable source.connection.env. The problems (JSON pointer into the mapping,
 * message, "did you mean" hint), one per unknown name; empty when every name exists. Throws SourceConfigError
 * when no connection is set (or the URL names no database), SourceDownError when the source cannot be reached.
 */
export async function checkSource(m: Mapping, connection?: string): Promise<MappingProblem[]> {
  return (await inspectSource(m, connection)).problems;
}

/** As checkSource, with the source's label, how many tables, columns and paths were checked, and for HDF5 how many files were read. Throws as checkSource does. */
export async function inspectSource(m: Mapping, connection?: string): Promise<SourceReport> {
  const { label, schema } = await readSourceSchema(m, connection);
  return { label, ...(schema.kind === 'files' ? { files: schema.files } : {}), ...compareSource(m, schema) };
}

/**
 * Reads what the source of mapping `m` has: for SQL, table → column names as the database spells them; for
 * HDF5, the union of the record trees of up to SAMPLE_FILES matching files (unreadable files left out).
 * Nothing is written: SQL sessions are read-only, SQLite and HDF5 files are only read. Throws SourceConfigError
 * when no connection is set, SourceDownError when the server, file or folder cannot be reached.
 */
export async function readSourceSchema(m: Mapping, connection?: string): Promise<SourceDescription> {
  const conn = connectionValue(m, connection);
  checkScheme(m, conn);
  switch (m.source.adapter) {
    case 'mariadb':
    case 'mysql':
      return mariadbSchema(conn);
    case 'postgres':
      return postgresSchema(conn);
    case 'sqlite':
      return sqliteSchema(conn);
    case 'hdf5':
      return hdf5Schema(m, conn);
    default:
      throw new SourceConfigError(`mapping ${m.id}: adapter "${String(m.source.adapter)}" has no schema to check`);
  }
}

/** table → columns from rows {t, c}. */
function tablesOf(rows: Json[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const t = String(r.t);
    let cols = out.get(t);
    if (!cols) out.set(t, (cols = new Set()));
    cols.add(String(r.c));
  }
  return out;
}

/** A refused connection (credentials, database, URL) as SourceConfigError, anything else as the source being down. */
function refusedOrDown(label: string, e: unknown): Error {
  const c = classify(label, e);
  return c instanceof SourceConfigError ? c : new SourceDownError(label, reason(e));
}

/** A driver's error as one line: its code, then its message. */
function reason(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return `${err.code && !String(err.message).includes(err.code) ? `${err.code}: ` : ''}${err.message ?? String(e)}`;
}

async function mariadbSchema(url: string): Promise<SourceDescription> {
  const label = `MariaDB at ${redactUrl(url)}`;
  let c: Awaited<ReturnType<typeof createConnection>>;
  try {
    c = await createConnection({ uri: url, connectTimeout: 5000 });
  } catch (e) {
    throw refusedOrDown(label, e);
  }
  c.on('error', () => undefined); // a lost connection: the query in flight reports it
  try {
    await c.query('SET SESSION TRANSACTION READ ONLY');
    const [info] = (await c.query('SELECT DATABASE() AS db, @@lower_case_table_names AS lc')) as [Json[], unknown];
    const db = info[0]?.db;
    if (!db) throw new SourceConfigError(`${label}: the connection URL names no database`);
    const [rows] = (await c.query('SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION')) as [Json[], unknown];
    const schema: SqlSourceSchema = { kind: 'sql', name: String(db), tables: tablesOf(rows), tablesIgnoreCase: Number(info[0].lc) !== 0 };
    return { label, schema };
  } catch (e) {
    throw e instanceof SourceConfigError ? e : new SourceDownError(label, reason(e));
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function postgresSchema(url: string): Promise<SourceDescription> {
  const label = `PostgreSQL at ${redactUrl(url)}`;
  // every transaction of this session is read-only, whatever the user may do
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, options: '-c default_transaction_read_only=on' });
  c.on('error', () => undefined);
  try {
    await c.connect();
    const db = (await c.query('SELECT current_database() AS db')).rows[0].db as string;
    const rows = (await c.query('SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = ANY (current_schemas(false)) ORDER BY table_name, ordinal_position')).rows;
    return { label, schema: { kind: 'sql', name: db, tables: tablesOf(rows), tablesIgnoreCase: false } };
  } catch (e) {
    throw refusedOrDown(label, e);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function sqliteSchema(file: string): Promise<SourceDescription> {
  const c = new SqliteClient(file);
  await c.open(); // the file is read into memory: nothing is ever written back
  try {
    const rows = await c.query("SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid", []);
    return { label: c.label, schema: { kind: 'sql', name: path.basename(file), tables: tablesOf(rows), tablesIgnoreCase: true } };
  } finally {
    await c.close();
  }
}

async function hdf5Schema(m: Mapping, dir: string): Promise<SourceDescription> {
  const src = new Hdf5Source(m, dir);
  await src.open();
  const root: TreeNode = { children: new Map() };
  let files = 0;
  try {
    for await (const batch of src.batches({ batchSize: SAMPLE_FILES })) {
      for (const r of batch) {
        if (r.record._error) continue; // an unreadable file: a run quarantines it
        files++;
        addTree(root, r.record);
      }
      break; // one batch is the sample
    }
  } finally {
    await src.close();
  }
  const schema: FileSourceSchema = { kind: 'files', name: dir, files, root };
  return { label: src.label, schema };
}

/** Merges the keys of `value` into `node`: objects add children, lists mark the node and merge their objects' keys. */
function addTree(node: TreeNode, value: unknown): void {
  if (Array.isArray(value)) {
    node.list = true;
    for (const v of value) addTree(node, v);
    return;
  }
  if (!value || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return;
  for (const [k, v] of Object.entries(value)) {
    let child = node.children.get(k);
    if (!child) node.children.set(k, (child = { children: new Map() }));
    addTree(child, v);
  }
}
