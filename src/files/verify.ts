// `catalog files verify <pid>`: each file a dataset's blocks list, checked against storage: that it is there,
// that its size is the listed size, and that its checksum (the block's chkAlg, the entry's chk) matches.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PathRefused } from './storage';
import { createHash, getHashes } from 'node:crypto';
import type { StoredRecord } from '../catalog/common/record.types';
import type { DatasetFiles, ListedFile } from './dataset.files';

/** The outcome for one listed file. */
export interface FileCheck {
  name: string;
  status: 'ok' | 'missing' | 'outside-folder' | 'not-a-file' | 'size-mismatch' | 'checksum-mismatch' | 'no-checksum' | 'unknown-algorithm';
  detail?: string;
}

export interface VerifyReport {
  pid: string;
  /** Files listed by the dataset's blocks. */
  listed: number;
  counts: Record<FileCheck['status'], number>;
  /** Every file whose status is not "ok" (all of them: a report that hides problems would not be one). */
  problems: FileCheck[];
}

/** Node's name for a block's chkAlg ("SHA-256", "sha256", "MD5", "blake2b" …), or null when Node has no such hash. */
export function hashName(chkAlg: string | undefined): string | null {
  if (!chkAlg) return null;
  const n = chkAlg.toLowerCase().replace(/[-_\s]/g, '');
  const name = n === 'blake2b' ? 'blake2b512' : n === 'blake2s' ? 'blake2s256' : n.replace(/^sha(3)(\d+)$/, 'sha3-$2');
  return getHashes().includes(name) ? name : null;
}

function digest(file: string, algorithm: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash(algorithm);
    createReadStream(file).on('error', reject).on('data', (c) => h.update(c)).on('end', () => resolve(h.digest('hex')));
  });
}

/**
 * Checks every file of `dataset` (read in block order, one file at a time): missing from storage, a size other than the listed
 * one, a checksum other than the listed one, a listed path that leaves the folder, or unverifiable (no checksum, or a chkAlg Node lacks). A dataset whose folder lies
 * under no storage root has every file "missing", with the reason.
 */
export async function verifyDataset(files: DatasetFiles, dataset: StoredRecord): Promise<VerifyReport> {
  const counts = { ok: 0, missing: 0, 'outside-folder': 0, 'not-a-file': 0, 'size-mismatch': 0, 'checksum-mismatch': 0, 'no-checksum': 0, 'unknown-algorithm': 0 };
  const problems: FileCheck[] = [];
  const folder = files.folderOf(dataset);
  let listed = 0;
  for await (const f of files.listed(dataset)) {
    listed++;
    const check = await checkOne(files, folder, f);
    counts[check.status]++;
    if (check.status !== 'ok') problems.push(check);
  }
  return { pid: dataset._id, listed, counts, problems };
}

/** Why a listed file is not readable: a link out of the folder, something that is not a regular file, or nothing there. */
async function whyNot(files: DatasetFiles, folder: string, name: string): Promise<FileCheck> {
  try {
    const local = await files.roots.resolve(folder, name);
    const st = await stat(local);
    return { name, status: 'not-a-file', detail: `on storage, but a ${st.isDirectory() ? 'folder' : 'special file'}, not a regular file` };
  } catch (e) {
    if (e instanceof PathRefused) return { name, status: 'outside-folder', detail: `${e.message}; it is never served` };
    return { name, status: 'missing', detail: `not on storage (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

async function checkOne(files: DatasetFiles, folder: string | null, f: ListedFile): Promise<FileCheck> {
  if (f.name === null) return { name: f.entry.path, status: 'outside-folder', detail: 'the listed path leads out of the dataset\'s sourceFolder; it is never served' };
  if (!folder) return { name: f.name, status: 'missing', detail: 'the dataset\'s sourceFolder lies under no storage root' };
  const r = await files.onStorage(folder, f);
  if (!r) return whyNot(files, folder, f.name);
  if (typeof f.entry.size === 'number' && f.entry.size !== r.size) return { name: f.name, status: 'size-mismatch', detail: `listed ${f.entry.size} bytes, on storage ${r.size}` };
  if (!f.entry.chk?.trim()) return { name: f.name, status: 'no-checksum' };
  const alg = hashName(f.chkAlg);
  if (!alg) return { name: f.name, status: 'unknown-algorithm', detail: `chkAlg ${JSON.stringify(f.chkAlg ?? null)} is not a hash this server has` };
  const actual = await digest(r.local, alg);
  return actual === f.entry.chk.toLowerCase() ? { name: f.name, status: 'ok' } : { name: f.name, status: 'checksum-mismatch', detail: `${alg} listed ${f.entry.chk}, on storage ${actual}` };
}
