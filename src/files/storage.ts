// Storage roots: where a dataset's files are on this machine. A facility mounts its file system and maps
// `sourceFolder` prefixes to local folders per instrument (CATALOG_STORAGE_ROOTS). Every path that comes
// from a record or a request is checked here before the file system sees it: no "..", no NUL, no absolute
// names, and after symlinks are followed the file must still lie inside its dataset's folder.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { StorageRootSetting } from '../config';
import { canDeclareFolder, type Identity } from '../auth';

/** Why a path was refused (for logs and `files verify`; HTTP callers only see "not found"). */
export class PathRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathRefused';
  }
}

/** The name a listed file is served under: its path relative to the dataset's `sourceFolder`, normalised. Null when it cannot be one. */
export function servedName(listed: unknown, sourceFolder: string): string | null {
  if (typeof listed !== 'string' || !listed || listed.includes('\0')) return null;
  let rel = listed;
  if (path.posix.isAbsolute(listed)) {
    const folder = path.posix.normalize(sourceFolder).replace(/(.)\/+$/, '$1');
    const abs = path.posix.normalize(listed);
    if (!abs.startsWith(folder === '/' ? '/' : `${folder}/`)) return null;
    rel = abs.slice(folder === '/' ? 1 : folder.length + 1);
  }
  const norm = path.posix.normalize(rel);
  if (!norm || norm === '.' || norm.startsWith('../') || norm === '..' || path.posix.isAbsolute(norm) || norm.endsWith('/')) return null;
  // a backslash is a separator to Windows and to many unpackers: "a\..\..\x" would climb out of an archive's folder
  if (norm.split(/[\\/]/).some((s) => s === '..' || s === '.')) return null;
  return norm;
}

/** Checks a requested file name: relative, no "." or ".." segments, no NUL or empty segments. Throws PathRefused. */
export function checkName(name: string): string {
  if (!name || name.includes('\0')) throw new PathRefused('a file name must be non-empty and hold no NUL');
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) throw new PathRefused(`${JSON.stringify(name)} is absolute; name files relative to the dataset's folder`);
  if (name.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new PathRefused(`${JSON.stringify(name)} has an empty, "." or ".." segment`);
  if (name.split(/[\\/]/).some((s) => s === '.' || s === '..')) throw new PathRefused(`${JSON.stringify(name)} has a "." or ".." segment between backslashes`);
  return name;
}

export class StorageRoots {
  private readonly roots: StorageRootSetting[];

  /** `roots` as configured (CATALOG_STORAGE_ROOTS); longer prefixes are tried first. */
  constructor(roots: StorageRootSetting[]) {
    this.roots = [...roots].sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Whether any root is configured. */
  get configured(): boolean {
    return this.roots.length > 0;
  }

  /**
   * The local folder of a dataset of `instrumentId` whose files are under `sourceFolder` (an absolute path as the facility
   * names it), or null when it lies under no root of that instrument (nor of "*"). A `sourceFolder` with ".." is normalised
   * first, so it cannot climb out of a prefix.
   */
  folderOf(instrumentId: unknown, sourceFolder: unknown): string | null {
    if (typeof sourceFolder !== 'string' || !sourceFolder || sourceFolder.includes('\0') || !path.posix.isAbsolute(sourceFolder)) return null;
    const src = path.posix.normalize(sourceFolder).replace(/(.)\/+$/, '$1');
    for (const r of this.roots) {
      if (r.instrumentId !== '*' && r.instrumentId !== instrumentId) continue;
      if (src === r.prefix || src.startsWith(r.prefix === '/' ? '/' : `${r.prefix}/`)) return path.join(r.path, ...src.slice(r.prefix.length).split('/').filter(Boolean));
    }
    return null;
  }

  /**
   * Why `identity` may not point a dataset of `instrumentId` at `sourceFolder`, or null when it may: the folder lies under
   * no storage root, or under roots whose writers (subjects; a trailing * matches any end; default none) include the
   * identity's subject, or the identity is an admin (so are the system identities mapping runs act as).
   */
  mayDeclare(identity: Identity, instrumentId: unknown, sourceFolder: unknown): string | null {
    if (typeof sourceFolder !== 'string') return null;
    const src = path.posix.normalize(sourceFolder);
    for (const r of this.roots) {
      if (r.instrumentId !== '*' && r.instrumentId !== instrumentId) continue;
      if (src !== r.prefix && !src.startsWith(r.prefix === '/' ? '/' : `${r.prefix}/`)) continue;
      const writers = r.writers ?? [];
      if (!canDeclareFolder(identity, writers)) {
        return `sourceFolder ${sourceFolder} lies under the storage root ${r.prefix}${r.instrumentId === '*' ? '' : ` of ${r.instrumentId}`}, whose files the catalog serves; only admins${writers.length ? ` and its writers (${writers.join(', ')})` : ''} may point a dataset there, not ${identity.subject}`;
      }
    }
    return null;
  }

  /**
   * The real local path of file `name` (checked by checkName) in `folder`, after symlinks: throws PathRefused when it lies
   * outside the folder's own real path, and the file system's error (ENOENT, EACCES) when it cannot be resolved.
   */
  async resolve(folder: string, name: string): Promise<string> {
    checkName(name);
    const realFolder = await realpath(folder);
    // the dataset's folder itself must stay inside its root once symlinks are followed (a link in the path to /etc is refused)
    const root = this.roots.find((r) => folder === r.path || folder.startsWith(r.path.endsWith(path.sep) ? r.path : r.path + path.sep));
    const realRoot = root ? await realpath(root.path) : null;
    if (!realRoot || (realFolder !== realRoot && !realFolder.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep))) throw new PathRefused(`${folder} leads outside its storage root (to ${realFolder})`);
    const real = await realpath(path.join(folder, ...name.split('/')));
    if (!real.startsWith(realFolder.endsWith(path.sep) ? realFolder : realFolder + path.sep)) throw new PathRefused(`${name} leads outside its dataset's folder (to ${real})`);
    return real;
  }
}
