// A whole dataset as one download: its files streamed into a zip (stored, not recompressed: detector data
// is compressed already) or a POSIX tar, straight from storage into the response, with no copy on disk.
import { createReadStream, type ReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import archiver from 'archiver';
import type { ReadableFile } from './dataset.files';

export const ARCHIVE_FORMATS = { zip: 'application/zip', tar: 'application/x-tar' } as const;
export type ArchiveFormat = keyof typeof ARCHIVE_FORMATS;

/**
 * Streams `files` into `out` as a `format` archive under the folder `top` (entries `<top>/<name>` in list order, with each
 * file's mtime). Resolves 'complete' when the archive is written, 'aborted' when the client went away first (the archive
 * is then stopped and its open file closed); rejects on a read or write error (the caller then ends the response, so a
 * client sees a broken transfer, never a silently short archive). Memory stays at one read buffer.
 */
export function streamArchive(format: ArchiveFormat, top: string, files: ReadableFile[], out: Writable): Promise<'complete' | 'aborted'> {
  const a = format === 'zip' ? archiver('zip', { store: true }) : archiver('tar');
  let finished = false;
  let stopped = false;
  let current: ReadStream | undefined;
  let i = 0;
  // one file open at a time, added when the one before is written: entries keep list order (the same dataset
  // gives the same bytes), 100,000 files never hold 100,000 descriptors, and a stop closes the one open file
  const next = () => {
    if (stopped) return;
    if (i >= files.length) return void a.finalize();
    const f = files[i++];
    current = createReadStream(f.local);
    a.append(current, { name: `${top}/${f.name}`, date: f.mtime });
  };
  return new Promise<'complete' | 'aborted'>((resolve, reject) => {
    a.on('error', reject);
    a.on('warning', reject);
    a.on('entry', next);
    out.on('error', reject);
    out.on('close', () => {
      if (finished) return;
      stopped = true;
      current?.destroy();
      a.unpipe(out);
      a.destroy();
      resolve('aborted');
    });
    a.on('end', () => {
      finished = true;
      resolve('complete');
    });
    a.pipe(out);
    next();
  });
}

/** A folder name for a dataset's archive: its pid with anything but letters, digits, "." "_" "-" made "_" (at most 120 characters). */
export function archiveFolder(pid: string): string {
  return pid.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'dataset';
}
