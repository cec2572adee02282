// File entries a mapping could not measure (a series expanded from a template lists names only) get their
// size and time from the file system, when a storage root covers the dataset's sourceFolder. A file that is
// not there keeps an unknown size: the catalog never writes 0 for "unknown".
import { stat } from 'node:fs/promises';
import type { StorageRootSetting } from '../../config';
import { servedName, StorageRoots } from '../../files';
import type { Json } from '../../common/json';
import type { EntityName } from '../mapping/mapping.types';

/** Files measured at once per record (stat calls in flight). */
const PARALLEL = 16;

/** How many entries a record's measuring filled, and how many it could not (not on storage). */
export interface Measured {
  measured: number;
  missing: number;
}

export class FileMeasurer {
  private readonly roots: StorageRoots;

  /** `roots` as configured (CATALOG_STORAGE_ROOTS); none: nothing is measured. */
  constructor(roots: StorageRootSetting[] = []) {
    this.roots = new StorageRoots(roots);
  }

  /**
   * Fills `size` (bytes) and, when absent, `time` (the file's mtime, ISO 8601) of the record's origdatablock
   * entries that have no size, from the file under the dataset's storage root. Changes `entities` in place;
   * entries whose file is missing, unreadable or outside the folder are left as they are. Never throws.
   */
  async complete(entities: Partial<Record<EntityName, Json>>): Promise<Measured> {
    const out: Measured = { measured: 0, missing: 0 };
    const block = entities.origdatablock;
    const ds = entities.dataset;
    const list = block?.dataFileList;
    if (!this.roots.configured || !ds || !Array.isArray(list)) return out;
    const todo = list.filter((f: Json) => f && typeof f.path === 'string' && typeof f.size !== 'number');
    if (!todo.length) return out;
    const folder = this.roots.folderOf(ds.instrumentId, ds.sourceFolder);
    if (!folder) return out;
    for (let i = 0; i < todo.length; i += PARALLEL) {
      await Promise.all(todo.slice(i, i + PARALLEL).map(async (f: Json) => {
        const name = servedName(f.path, ds.sourceFolder);
        const st = name ? await this.roots.resolve(folder, name).then((p) => stat(p)).catch(() => null) : null;
        if (!st?.isFile()) return void out.missing++;
        f.size = st.size;
        f.time ??= st.mtime.toISOString();
        out.measured++;
      }));
    }
    return out;
  }
}
