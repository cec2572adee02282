// What every source adapter gives the mapping engine: nested source records, in batches, in cursor order.
import type { Mapping } from '../mapping/mapping.types';

import type { Json } from '../../common/json';
export type { Json };

/** Where a run stands: the last record whose batch was written. */
export interface Checkpoint {
  cursor: string | number | null;
  key: string | number;
}

export interface SourceRecord {
  key: string;
  checkpoint: Checkpoint;
  record: Json;
}

export interface ReadOptions {
  /** Read records after this checkpoint (incremental run, or a resumed one). */
  after?: Checkpoint | null;
  /** Only records whose cursor is at or after this value (the sweep's window), as the source spells it. */
  since?: string;
  /** Only these root keys (a message trigger, `ingest key`). */
  keys?: string[];
  batchSize: number;
}

export interface SourceAdapter {
  /** How the source is named in messages (no credentials). */
  readonly label: string;
  open(): Promise<void>;
  /** How many records a read would return, when the source can tell cheaply. */
  count(opts: ReadOptions): Promise<number | undefined>;
  batches(opts: ReadOptions): AsyncIterable<SourceRecord[]>;
  /** The source's wall clock, formatted as its cursor column is, `ms` ago (for sweeps). */
  since(ms: number): string;
  close(): Promise<void>;
}

/** The source is not reachable or refused us: the run fails clearly and is retried with backoff. */
export class SourceDownError extends Error {
  constructor(
    public readonly source: string,
    public readonly reason: string,
  ) {
    super(`source ${source} is not reachable: ${reason}`);
    this.name = 'SourceDownError';
  }
}

/** The mapping or the environment is wrong for this source (no retry helps). */
export class SourceConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceConfigError';
  }
}

/**
 * The connection value of a mapping's source: `override` when given, else the environment variable named
 * by source.connection.env (a database URL, an SQLite file path, or the folder of the HDF5 files).
 * Throws SourceConfigError when neither is set.
 */
export function connectionValue(m: Mapping, override?: string): string {
  const v = override ?? process.env[m.source.connection.env];
  if (!v) throw new SourceConfigError(`mapping ${m.id}: the environment variable ${m.source.connection.env} (source.connection.env) is not set; it must hold the ${m.source.adapter === 'hdf5' ? 'folder of the files' : m.source.adapter === 'sqlite' ? 'database file' : 'connection URL'}`);
  return v;
}

/**
 * A connection value without its password, for messages, run records and provenance: a URL's password becomes ***, and
 * so does anything between "//user:" and "@" in a value that does not parse as a URL (a bad port, say). A folder or file
 * path is returned as it is.
 */
export function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return u.replace(/(\/\/[^/:@]*:)[^@]*@/, '$1***@');
  }
}

/** "YYYY-MM-DD hh:mm:ss" of an instant in a zone: how SQL sources write naive date-times. */
export function wallClock(at: Date, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const SCHEMES: Partial<Record<Mapping['source']['adapter'], RegExp>> = { mariadb: /^(mysql|mariadb):\/\//i, mysql: /^(mysql|mariadb):\/\//i, postgres: /^postgres(ql)?:\/\//i };

/** A connection URL of another kind than the mapping's adapter (a postgres:// URL for a mariadb source) is refused at once, named. */
export function checkScheme(m: Mapping, conn: string): void {
  const want = SCHEMES[m.source.adapter];
  if (want && !want.test(conn)) {
    const kind = /^([a-z][a-z0-9+.-]*):\/\//i.exec(conn)?.[1];
    throw new SourceConfigError(`mapping ${m.id} reads a ${m.source.adapter} source, but its connection (${m.source.connection.env} or --connection) is ${kind ? `a ${kind}:// URL` : `not a URL (${redactUrl(conn)})`}; expected ${m.source.adapter === 'postgres' ? 'postgres://…' : 'mysql://… or mariadb://…'}`);
  }
  // a file source given a URL is a mix-up too: said plainly, without the URL's password
  if ((m.source.adapter === 'hdf5' || m.source.adapter === 'sqlite') && /^[a-z][a-z0-9+.-]*:\/\//i.test(conn)) {
    throw new SourceConfigError(`mapping ${m.id} reads ${m.source.adapter === 'hdf5' ? 'a folder of HDF5 files' : 'an SQLite file'}, but its connection is a URL (${redactUrl(conn)})`);
  }
}
