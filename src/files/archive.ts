// A whole dataset as one download: its files streamed into a zip (stored, not recompressed: detector data
// is compressed already) or a POSIX tar, straight from storage into the response, with no copy on disk.
import type { Writable } from 'node:stream';
import archiver from 'archiver';
import type { ReadableFile } from './dataset.files';

export const ARCHIVE_FORMATS = { zip: 'application/zip', tar: 'application/x-tar' } as const;
export type ArchiveFormat = keyof typeof ARCHIVE_FORMATS;

/**
 * Streams `files` into `out` as a `format` archive under the folder `top` (entries `<top>/<name>`, with each file's mtime).
 * Resolves when the archive is complete; rejects on a read or write error (the caller then ends the response, so a
 * client sees a broken transfer, never a silently short archive). Memory stays at one read buffer per file.
 */
export function streamArchive(format: ArchiveFormat, top: string, files: ReadableFile[], out: Writable): Promise<void> {
  const a = format === 'zip' ? archiver('zip', { store: true }) : archiver('tar');
  return new Promise<void>((resolve, reject) => {
    a.on('error', reject);
    a.on('warning', reject);
    out.on('error', reject);
    out.on('close', () => reject(new Error('the client closed the connection before the archive was complete')));
    a.on('end', () => resolve());
    a.pipe(out);
    // file() opens each file only when its turn comes, so 100,000 files never hold 100,000 descriptors
    for (const f of files) a.file(f.local, { name: `${top}/${f.name}`, date: f.mtime });
    void a.finalize();
  });
}

/** A folder name for a dataset's archive: its pid with anything but letters, digits, "." "_" "-" made "_" (at most 120 characters). */
export function archiveFolder(pid: string): string {
  return pid.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'dataset';
}
