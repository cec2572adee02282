// Record files written a batch at a time at known byte offsets: a checkpoint is a set of offsets, and a
// resumed run cuts each file back to its checkpoint before going on, so nothing is written twice.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { ParquetSchema, ParquetWriter } from '@dsnp/parquetjs';
import { conform, type ColType, type Column } from './columns';
import { logger } from '../common/logger';

type Row = Record<string, unknown>;

export class RecordFile {
  private fh?: FileHandle;
  private chunks: string[] = [];
  private pending = 0;
  private size = 0;
  records = 0;

  constructor(readonly path: string, readonly format: 'jsonl' | 'csv', private readonly columns: Column[]) {}

  /** Creates the file, or (resuming) cuts it back to `at` bytes and `records` rows. */
  async open(at?: { bytes: number; records: number }): Promise<void> {
    if (at) {
      this.fh = await open(this.path, 'r+');
      await this.fh.truncate(at.bytes);
      this.size = at.bytes;
      this.records = at.records;
    } else {
      this.fh = await open(this.path, 'w');
      if (this.format === 'csv') this.push(`${this.columns.map((c) => csvCell(c.name)).join(',')}\r\n`);
      await this.flush();
    }
  }

  /** Per column, values that did not fit its type and were written as null (see conform). */
  readonly mismatches: Record<string, number> = {};

  /**
   * Adds one row, buffered until flush: each column's value is made to fit its type, and one that does not fit is
   * written as null and counted in `mismatches`.
   */
  add(row: Row): void {
    this.records++;
    const values = this.columns.map((c) =>
      conform(row[c.name], c.type, () => {
        if (!this.mismatches[c.name]) logger.warn({ file: this.path, column: c.name, type: c.type, value: row[c.name] }, 'an export value does not fit its column (the record changed after the scan); written as null');
        this.mismatches[c.name] = (this.mismatches[c.name] ?? 0) + 1;
      }),
    );
    if (this.format === 'jsonl') {
      const o: Row = {};
      this.columns.forEach((c, i) => (o[c.name] = jsonValue(values[i])));
      this.push(`${JSON.stringify(o)}\n`);
    } else {
      this.push(`${values.map((v) => csvCell(v)).join(',')}\r\n`);
    }
  }

  private push(s: string): void {
    this.chunks.push(s);
    this.pending += s.length;
  }

  /** Bytes buffered but not yet written. */
  get buffered(): number {
    return this.pending;
  }

  /** Writes what was added since the last flush; returns the file's size. */
  async flush(): Promise<number> {
    if (!this.chunks.length) return this.size;
    const buf = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.pending = 0;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh!.write(buf, off, buf.length - off, this.size + off);
      off += bytesWritten;
    }
    this.size += buf.length;
    return this.size;
  }

  /** The file's size in bytes as flushed so far (buffered rows not included). */
  get bytes(): number {
    return this.size;
  }

  /** Forces the flushed bytes onto the disk, so a checkpoint taken after it holds after a crash. */
  async sync(): Promise<void> {
    await this.fh?.datasync();
  }

  /** Closes the file; rows still buffered are not written (flush first). */
  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }
}

function jsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** RFC 4180: quote when needed, double the quotes; null is an empty cell. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const PARQUET_TYPE: Record<ColType, string> = { text: 'UTF8', integer: 'INT64', float: 'DOUBLE', boolean: 'BOOLEAN', datetime: 'TIMESTAMP_MILLIS' };

/** Rewrites a JSONL record file as Parquet, a row group at a time (memory stays bounded by the row group). */
export async function jsonlToParquet(jsonl: string, parquet: string, columns: Column[], rowGroupSize = 5000): Promise<void> {
  const schema = new ParquetSchema(Object.fromEntries(columns.map((c) => [c.name, { type: PARQUET_TYPE[c.type] as any, optional: true }])));
  const writer = await ParquetWriter.openFile(schema, parquet, { rowGroupSize });
  try {
    const lines = createInterface({ input: createReadStream(jsonl, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const o = JSON.parse(line) as Row;
      const row: Row = {};
      for (const c of columns) {
        const v = o[c.name];
        if (v === null || v === undefined) continue;
        row[c.name] = c.type === 'datetime' ? new Date(v as string) : c.type === 'integer' ? BigInt(Math.trunc(Number(v))) : v;
      }
      await writer.appendRow(row);
    }
  } finally {
    await writer.close();
  }
}

/** sha256 and size of a file, read as a stream. */
export async function fileDigest(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}
