// HDF5 / NeXus files in a folder: each file is one source record. Groups become objects, attributes sit
// under "_attrs", small datasets are read as values and large ones as {_shape, _dtype, _attrs}.
// The record's key is the file's path relative to the folder; its cursor is the file's mtime.
// h5wasm is an ES module, so it is loaded with a real dynamic import.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Mapping } from '../mapping/mapping.types';
import { redactUrl, SourceDownError, type Checkpoint, type Json, type ReadOptions, type SourceAdapter, type SourceRecord } from './adapter';

// tsc (CommonJS) would turn import() into require(), which cannot load an ES module
const esmImport = new Function('s', 'return import(s)') as (s: string) => Promise<any>;

export class Hdf5Source implements SourceAdapter {
  readonly label: string;
  private h5: any;
  private readonly maxElements: number;
  private readonly match: (name: string) => boolean;
  private readonly checksum?: string;

  constructor(
    m: Mapping,
    private readonly dir: string,
  ) {
    this.label = `HDF5 files in ${redactUrl(dir)}`;
    this.maxElements = m.source.files?.maxElements ?? 64;
    this.checksum = m.source.files?.checksum;
    const pat = m.source.files?.pattern;
    if (pat) {
      const re = new RegExp(`^${pat.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      this.match = (n) => re.test(n);
    } else this.match = (n) => /\.(h5|hdf5|nxs|nx)$/i.test(n);
  }

  /** Checks that the folder exists and loads the HDF5 reader. Throws SourceDownError when the folder is missing or is not a folder. */
  async open(): Promise<void> {
    try {
      if (!statSync(this.dir).isDirectory()) throw new Error('not a folder');
    } catch (e) {
      throw new SourceDownError(this.label, (e as Error).message);
    }
    const mod = await esmImport('h5wasm/node');
    await mod.ready;
    this.h5 = mod;
  }

  /** Nothing to release: each file is opened and closed while it is read. */
  async close(): Promise<void> {}

  /** The instant `ms` milliseconds ago as an ISO 8601 UTC string, the form of the files' mtime cursor. */
  since(ms: number): string {
    return new Date(Date.now() - ms).toISOString();
  }

  /** Every matching file under the folder, in (mtime, path) order. */
  private list(opts: ReadOptions): { rel: string; full: string; mtime: string; size: number }[] {
    const out: { rel: string; full: string; mtime: string; size: number }[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.isFile() && this.match(e.name)) {
          const st = statSync(full);
          out.push({ rel: path.relative(this.dir, full), full, mtime: st.mtime.toISOString(), size: st.size });
        }
      }
    };
    walk(this.dir);
    const keys = opts.keys ? new Set(opts.keys) : undefined;
    const after = opts.after;
    return out
      .filter((f) => !keys || keys.has(f.rel))
      .filter((f) => opts.since == null || f.mtime >= opts.since)
      .filter((f) => !after || f.mtime > String(after.cursor ?? '') || (f.mtime === after.cursor && f.rel > String(after.key)))
      .sort((a, b) => (a.mtime === b.mtime ? (a.rel < b.rel ? -1 : 1) : a.mtime < b.mtime ? -1 : 1));
  }

  /** How many files a read with `opts` would return (name pattern, keys, window and checkpoint applied). */
  async count(opts: ReadOptions): Promise<number> {
    return this.list(opts).length;
  }

  /**
   * The matching files as source records, `opts.batchSize` per batch, in (mtime, path) order: key is the path
   * relative to the folder, cursor the mtime (ISO 8601). A record is the file's HDF5/NeXus tree plus
   * `file` {path, name, folder, size in bytes, mtime, with `files.checksum` checksum (hex) and checksumAlgorithm, and
   * dataFiles: the file itself then every file its external links point at, each {path, name (relative to the file's
   * folder), size, mtime, and with files.checksum its checksum}}; an external
   * link appears in the tree as {_externalLink: {file, path}};
   * an unreadable file gives `_error`, which the run quarantines.
   */
  async *batches(opts: ReadOptions): AsyncIterable<SourceRecord[]> {
    const files = this.list(opts);
    for (let i = 0; i < files.length; i += opts.batchSize) {
      const batch: SourceRecord[] = [];
      for (const f of files.slice(i, i + opts.batchSize)) {
        const cp: Checkpoint = { cursor: f.mtime, key: f.rel };
        let record: Json;
        try {
          record = this.read(f.full);
        } catch (e) {
          // an unreadable file is a bad row: the runner quarantines it with this reason
          record = { _error: `cannot read ${f.rel} as HDF5: ${(e as Error).message}` };
        }
        record.file = { path: f.rel, name: path.basename(f.rel), folder: path.dirname(f.full), size: f.size, mtime: f.mtime };
        if (this.checksum) Object.assign(record.file, { checksum: hashFile(f.full, this.checksum), checksumAlgorithm: this.checksum });
        record.file.dataFiles = [{ path: f.rel, name: path.basename(f.rel), size: f.size, mtime: f.mtime, ...(record.file.checksum && { checksum: record.file.checksum }) }, ...linkedFiles(record, f.rel, this.dir, this.checksum)];
        batch.push({ key: f.rel, checkpoint: cp, record });
      }
      yield batch;
    }
  }

  private read(file: string): Json {
    const f = new this.h5.File(file, 'r');
    try {
      return this.group(f);
    } finally {
      f.close();
    }
  }

  private attrs(node: any): Json | undefined {
    const names = Object.keys(node.attrs ?? {});
    if (!names.length) return undefined;
    const out: Json = {};
    for (const n of names) out[n] = plain(node.attrs[n].value);
    return out;
  }

  private group(g: any): Json {
    const out: Json = {};
    const a = this.attrs(g);
    if (a) out._attrs = a;
    for (const name of g.keys()) {
      // h5wasm follows an external link whose file is there: ask for the link first, so the tree names it instead
      const link = g.get_external_link(`${g.path === '/' ? '' : g.path}/${name}`);
      if (link?.filename) {
        out[name] = { _externalLink: { file: link.filename, path: link.obj_path } };
        continue;
      }
      const child = g.get(name);
      if (!child) continue;
      if (child.type === 'Group') out[name] = this.group(child);
      // a master file's data in other files (Eiger, Dectris, many NeXus writers): named, not followed
      else if (child.type === 'ExternalLink') out[name] = { _externalLink: { file: child.filename, path: child.obj_path } };
      else if (child.type === 'Dataset') {
        const size = (child.shape ?? []).reduce((x: number, y: number) => x * y, 1);
        const ca = this.attrs(child);
        if (size <= this.maxElements) {
          const v = plain(child.value);
          // more than one dimension: the values in row-major order with their shape (a list of lists
          // is not storable on every server, and flattening alone loses the shape)
          const shaped = (child.shape ?? []).filter((n: number) => n > 1).length > 1;
          out[name] = shaped ? { value: v, _shape: child.shape, ...(ca ? { _attrs: ca } : {}) } : ca ? { value: v, _attrs: ca } : v;
        } else out[name] = { _shape: child.shape, _dtype: String(child.dtype), ...(ca ? { _attrs: ca } : {}) };
      }
    }
    return out;
  }
}

/**
 * The files a master file's external links point at, once each, in the order first met: `path` relative to
 * the source folder (as the master's own), `name` relative to the master's folder, `size` in bytes, `mtime` (ISO 8601)
 * and with `checksum` its hex digest when the file is there, `missing: true` when it is not. A link to an absolute name keeps it.
 */
function linkedFiles(record: Json, masterRel: string, dir: string, checksum?: string): Json[] {
  const names = new Set<string>();
  const walk = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    const link = (o as Json)._externalLink;
    if (link && typeof link.file === 'string') names.add(link.file);
    else for (const v of Object.values(o as Json)) walk(v);
  };
  walk(record);
  return [...names].map((n) => {
    const rel = path.posix.isAbsolute(n) ? path.posix.normalize(n) : path.posix.normalize(path.posix.join(path.posix.dirname(masterRel.split(path.sep).join('/')), n));
    const name = path.posix.isAbsolute(n) ? rel : path.posix.normalize(n);
    const full = path.isAbsolute(rel) ? rel : path.join(dir, rel);
    try {
      const st = statSync(full);
      return { path: rel, name, size: st.size, mtime: st.mtime.toISOString(), linked: true, ...(checksum && st.isFile() && { checksum: hashFile(full, checksum) }) };
    } catch {
      return { path: rel, name, linked: true, missing: true };
    }
  });
}

/**
 * Typed arrays of one element become numbers; bigger ones plain arrays; bigints numbers when exact. A
 * whole number beyond 2^53 stays a bigint, which the write stores as its digits with a storage note.
 */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = Array.from(v as unknown as ArrayLike<number | bigint>, (x) => plain(x));
    return arr.length === 1 ? arr[0] : arr;
  }
  if (Array.isArray(v)) return v.length === 1 ? plain(v[0]) : v.map(plain);
  return v;
}

/** The hex digest of a file's bytes with `algorithm`, read 1 MiB at a time (memory stays flat for any file size). */
function hashFile(file: string, algorithm: string): string {
  const h = createHash(algorithm);
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}
