// What a landing page offers to download: a dataset's first files that are on storage and its whole-dataset
// archives; for a publication, the archive of each of its datasets whose files are served.
import type { StoredRecord } from '../catalog/common/record.types';
import { ARCHIVE_FORMATS, archiveUrl, fileUrl, type DatasetFiles } from '../files';

/** One download: URL, file name, media type, size in bytes (files only: archives are streamed) and modification time. */
export interface Download {
  url: string;
  name: string;
  type: string;
  size?: number;
  modified?: string;
}

/** A dataset's downloads: `files` (the first FIRST_FILES on storage), how many files it lists (`total`), and its archives. */
export interface Downloads {
  files: Download[];
  total: number;
  archives: Download[];
}

/** Files listed one by one on a landing page and in its JSON-LD and links; the archive holds them all. */
export const FIRST_FILES = 10;

function archivesOf(base: string, d: StoredRecord): Download[] {
  return (Object.keys(ARCHIVE_FORMATS) as (keyof typeof ARCHIVE_FORMATS)[]).map((f) => ({ url: archiveUrl(base, d._id, f), name: `${d._id}.${f}`, type: ARCHIVE_FORMATS[f] }));
}

/** The downloads of `dataset` at `base` (the public URL), or null when its files are not served (no storage root, none on storage). */
export async function datasetDownloads(files: DatasetFiles, dataset: StoredRecord, base: string): Promise<Downloads | null> {
  if (!files.folderOf(dataset)) return null;
  const first = await files.firstReadable(dataset, FIRST_FILES);
  if (!first.files.length) return null;
  return {
    files: first.files.map((f) => ({ url: fileUrl(base, dataset._id, f.name), name: f.name, type: f.type, size: f.size, modified: f.mtime.toISOString() })),
    total: Math.max(first.total, first.files.length),
    // an archive of a dataset with a file known to be missing would answer 409: it is not offered
    archives: first.missing ? [] : archivesOf(base, dataset),
  };
}

/** The zip archives of those of `datasets` whose folders lie under a storage root (their files are not opened here). */
export function publicationDownloads(files: DatasetFiles, datasets: StoredRecord[], base: string): Download[] {
  return datasets.filter((d) => files.folderOf(d) && Number(d.numberOfFiles ?? 0) > 0).map((d) => archivesOf(base, d)[0]);
}
