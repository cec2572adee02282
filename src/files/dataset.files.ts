// A dataset's files as the catalog serves them: the files its origdatablocks list, found under the storage
// root of its instrument. The dataset's access rule decides who reads them; its blocks are then read as the
// system, so a published dataset's files are open even where a block was left unpublished.
import { stat } from 'node:fs/promises';
import { canRead, systemIdentity, type Identity } from '../auth';
import type { CatalogServices } from '../catalog';
import type { StoredRecord } from '../catalog/common/record.types';
import { mediaTypeOf } from './media';
import { servedName, StorageRoots } from './storage';

/** One file a block lists, with the name it is served under (its path relative to the dataset's sourceFolder). */
export interface ListedFile {
  /** Path relative to `sourceFolder`, as in `/files/<pid>/<name>`; null when the listed path leaves the folder (never served). */
  name: string | null;
  /** The entry as stored: path, size in bytes, time, chk, uid, gid, perm. */
  entry: { path: string; size?: number; time?: unknown; chk?: string };
  /** The block's checksum algorithm (e.g. "sha256", "md5"), when it names one. */
  chkAlg?: string;
}

/** A file that is on storage now: its real local path, media type and file-system size (bytes) and time. */
export interface ReadableFile extends ListedFile {
  name: string;
  local: string;
  type: string;
  size: number;
  mtime: Date;
}

const SYSTEM = systemIdentity('files');
const BLOCK_META = { dataFileList: 0 } as const;
const BLOCK_ORDER = { field: 'chunkIndex', direction: 'ASC' } as const;

export class DatasetFiles {
  /** `catalog`: the datasets and blocks read; `roots`: where folders are on this machine. */
  constructor(
    private readonly catalog: Pick<CatalogServices, 'datasets' | 'origDatablocks'>,
    readonly roots: StorageRoots,
  ) {}

  /** The dataset `pid` when it exists and `identity` may read it, else null (a bad pid is null too). */
  async dataset(identity: Identity, pid: string): Promise<StoredRecord | null> {
    const d = await this.catalog.datasets.get(identity, pid).catch(() => null);
    return d && canRead(identity, d) ? d : null;
  }

  /** The local folder of `dataset`'s files, or null when its sourceFolder lies under no storage root of its instrument. */
  folderOf(dataset: StoredRecord): string | null {
    return this.roots.folderOf(dataset.instrumentId, dataset.sourceFolder);
  }

  /** Every file `dataset`'s blocks list, block by block in chunk order (one key read per block); a path that leaves the folder has name null. */
  async *listed(dataset: StoredRecord): AsyncGenerator<ListedFile> {
    const blocks = await this.catalog.origDatablocks.findByField(SYSTEM, 'datasetId', [dataset._id], { projection: BLOCK_META, sort: BLOCK_ORDER });
    for (const meta of blocks) {
      const block = await this.catalog.origDatablocks.get(SYSTEM, meta._id);
      for (const entry of (block?.dataFileList ?? []) as ListedFile['entry'][]) {
        yield { name: servedName(entry?.path, String(dataset.sourceFolder ?? '')), entry, ...(typeof block?.chkAlg === 'string' && { chkAlg: block.chkAlg }) };
      }
    }
  }

  /** `file` on storage now (null when it is missing, unreadable or leads out of `folder`). */
  async onStorage(folder: string, file: ListedFile): Promise<ReadableFile | null> {
    if (file.name === null) return null;
    try {
      const local = await this.roots.resolve(folder, file.name);
      const st = await stat(local);
      return st.isFile() ? { ...file, name: file.name, local, type: mediaTypeOf(file.name), size: st.size, mtime: st.mtime } : null;
    } catch {
      return null;
    }
  }

  /**
   * The file `name` of dataset `pid` for `identity`: null when the dataset is missing or hidden from the caller, or the name is
   * not one its blocks list; `{ unavailable }` with the reason when the caller may see the dataset but the file is not on storage.
   */
  async find(identity: Identity, pid: string, name: string): Promise<ReadableFile | { unavailable: string } | null> {
    const dataset = await this.dataset(identity, pid);
    if (!dataset) return null;
    const folder = this.folderOf(dataset);
    if (!folder) return { unavailable: `the files of dataset ${pid} are not served here: its sourceFolder ${JSON.stringify(dataset.sourceFolder ?? null)} lies under no storage root of instrument ${dataset.instrumentId ?? '(none)'}` };
    for await (const f of this.listed(dataset)) {
      if (f.name !== name) continue;
      return (await this.onStorage(folder, f)) ?? { unavailable: `${name} is listed in dataset ${pid} but is not on storage` };
    }
    return null;
  }

  /**
   * The first `n` files of `dataset` that are on storage, for JSON-LD `distribution` and Signposting `item` links, and how many
   * files it lists in all (its numberOfFiles), and how many of those checked on the way were not on storage. Empty when its
   * folder lies under no root.
   */
  async firstReadable(dataset: StoredRecord, n: number): Promise<{ files: ReadableFile[]; total: number; missing: number }> {
    const folder = this.folderOf(dataset);
    const total = Number(dataset.numberOfFiles ?? 0);
    if (!folder || n <= 0) return { files: [], total, missing: 0 };
    const files: ReadableFile[] = [];
    let tried = 0;
    let missing = 0;
    // a folder whose files are gone costs at most 10 n checks, not one per listed file
    for await (const f of this.listed(dataset)) {
      const r = await this.onStorage(folder, f);
      if (r) files.push(r);
      else missing++;
      if (files.length >= n || ++tried >= 10 * n) break;
    }
    return { files, total, missing };
  }
}
