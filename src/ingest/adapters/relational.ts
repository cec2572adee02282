// The relational half of every SQL adapter: the root table read in keyset pages (cursor, then key), and
// each declared relation fetched for the whole page with one IN query, then nested under its parent
// row. Memory holds one page, whatever the size of the table.
import type { Mapping, Relation } from '../mapping/mapping.types';
import { wallClock, type Checkpoint, type Json, type ReadOptions, type SourceAdapter, type SourceRecord } from './adapter';

/** The dialect-specific part: run a query, quote a name, write the n-th placeholder. */
export interface SqlClient {
  query(sql: string, params: unknown[]): Promise<Json[]>;
  quote(name: string): string;
  param(n: number): string;
  open(): Promise<void>;
  close(): Promise<void>;
}

const IN_CHUNK = 1000;

export class RelationalSource implements SourceAdapter {
  private readonly root: NonNullable<Mapping['source']['root']>;
  private readonly tz: string;

  constructor(
    private readonly m: Mapping,
    private readonly sql: SqlClient,
    public readonly label: string,
  ) {
    this.root = m.source.root!;
    this.tz = m.source.timezone ?? 'UTC';
  }

  /** Connects to the database. Throws SourceDownError when it cannot be reached (SourceConfigError for an SQLite file that is not a database). */
  open(): Promise<void> {
    return this.sql.open();
  }

  /** Closes the connection to the database. */
  close(): Promise<void> {
    return this.sql.close();
  }

  /** The source's wall clock `ms` milliseconds ago as "YYYY-MM-DD hh:mm:ss" in source.timezone (an IANA zone, default UTC). */
  since(ms: number): string {
    return wallClock(new Date(Date.now() - ms), this.tz);
  }

  private where(opts: ReadOptions, params: unknown[]): string[] {
    const q = (n: string) => this.sql.quote(n);
    const p = (v: unknown) => {
      params.push(v);
      return this.sql.param(params.length);
    };
    const conds: string[] = [];
    for (const [col, v] of Object.entries(this.root.where ?? {})) conds.push(`${q(col)} = ${p(v)}`);
    if (opts.keys != null) conds.push(opts.keys.length ? `${q(this.root.key)} IN (${opts.keys.map((k) => p(k)).join(', ')})` : '1 = 0');
    if (opts.since != null && this.root.cursor) conds.push(`${q(this.root.cursor)} >= ${p(opts.since)}`);
    return conds;
  }

  /**
   * The exact number of root rows a read with `opts` would return (one COUNT query, same filters). Throws
   * SourceDownError when the database is unreachable.
   */
  async count(opts: ReadOptions): Promise<number | undefined> {
    const params: unknown[] = [];
    const conds = this.where(opts, params);
    if (opts.after) conds.push(this.afterCond(opts.after, params));
    const rows = await this.sql.query(`SELECT COUNT(*) AS n FROM ${this.sql.quote(this.root.table)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`, params);
    return Number(rows[0]?.n ?? rows[0]?.N ?? 0);
  }

  private afterCond(after: Checkpoint, params: unknown[]): string {
    const q = (n: string) => this.sql.quote(n);
    const p = (v: unknown) => {
      params.push(v);
      return this.sql.param(params.length);
    };
    const c = this.root.cursor;
    if (c && after.cursor !== null) return `(${q(c)} > ${p(after.cursor)} OR (${q(c)} = ${p(after.cursor)} AND ${q(this.root.key)} > ${p(after.key)}))`;
    return `${q(this.root.key)} > ${p(after.key)}`;
  }

  /**
   * The root table's rows after `opts.after`, in keyset pages of `opts.batchSize` ordered by (cursor, key), each
   * with its declared relations nested under their names (a row or null for cardinality "one", a list for "many").
   * Throws SourceDownError when the database is unreachable.
   */
  async *batches(opts: ReadOptions): AsyncIterable<SourceRecord[]> {
    const q = (n: string) => this.sql.quote(n);
    let after = opts.after ?? null;
    const order = this.root.cursor ? `${q(this.root.cursor)}, ${q(this.root.key)}` : q(this.root.key);
    for (;;) {
      const params: unknown[] = [];
      const conds = this.where(opts, params);
      if (after) conds.push(this.afterCond(after, params));
      const rows = await this.sql.query(
        `SELECT * FROM ${q(this.root.table)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${opts.batchSize}`,
        params,
      );
      if (!rows.length) return;
      await this.attach(rows, this.m.source.relations ?? []);
      const out = rows.map((r) => {
        const cp: Checkpoint = { cursor: this.root.cursor ? (r[this.root.cursor] ?? null) : null, key: r[this.root.key] };
        return { key: String(r[this.root.key]), checkpoint: cp, record: r };
      });
      yield out;
      after = out[out.length - 1].checkpoint;
      if (rows.length < opts.batchSize) return;
    }
  }

  /** Fetches each relation for all `rows` at once and nests the result under relation.name. */
  private async attach(rows: Json[], relations: Relation[]): Promise<void> {
    for (const rel of relations) {
      const keys = [...new Set(rows.map((r) => r[rel.on.parent]).filter((v) => v !== null && v !== undefined))];
      const children: Json[] = [];
      for (let i = 0; i < keys.length; i += IN_CHUNK) {
        const chunk = keys.slice(i, i + IN_CHUNK);
        const params: unknown[] = [];
        const ph = chunk.map((k) => {
          params.push(k);
          return this.sql.param(params.length);
        });
        const sql = `SELECT * FROM ${this.sql.quote(rel.table)} WHERE ${this.sql.quote(rel.on.child)} IN (${ph.join(', ')})${rel.orderBy ? ` ORDER BY ${this.sql.quote(rel.orderBy)}` : ''}`;
        children.push(...(await this.sql.query(sql, params)));
      }
      if (rel.relations?.length && children.length) await this.attach(children, rel.relations);
      const byKey = new Map<string, Json[]>();
      for (const c of children) {
        const k = String(c[rel.on.child]);
        let l = byKey.get(k);
        if (!l) byKey.set(k, (l = []));
        l.push(c);
      }
      for (const r of rows) {
        const found = r[rel.on.parent] === null || r[rel.on.parent] === undefined ? [] : (byKey.get(String(r[rel.on.parent])) ?? []);
        r[rel.name] = rel.cardinality === 'one' ? (found[0] ?? null) : found;
      }
    }
  }
}
