// The files domain's public surface: datasets' files on the storage roots, served over HTTP (one file, or the
// whole dataset as an archive) and checked against their listed checksums.
export { DatasetFiles, type ListedFile, type ReadableFile } from './dataset.files';
export { StorageRoots, PathRefused, servedName } from './storage';
export { mediaTypeOf } from './media';
export { filesRouter, fileUrl, archiveUrl } from './files.router';
export { ARCHIVE_FORMATS, type ArchiveFormat } from './archive';
export { verifyDataset, hashName, type VerifyReport, type FileCheck } from './verify';
