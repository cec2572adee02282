// A facility file system in a temporary folder, mounted as a storage root, and the datasets that list its
// files: a clean published scan, a private one, one with every kind of bad entry, one on an unmounted
// instrument, and one whose sourceFolder tries to climb out of its root.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StorageRootSetting } from '../../src/config';
import type { Harness } from './harness';
import { GROUP_A, rawDataset, SYSTEM } from './harness';

export const INSTRUMENT = 'instrument/bl-files';
export const PREFIX = '/facility/bl-files';

export interface Storage {
  dir: string;
  roots: StorageRootSetting[];
  /** The bytes of each clean file, by name relative to the clean dataset's folder. */
  clean: Record<string, Buffer>;
  secret: Buffer;
}

export const PIDS = { clean: 'files/clean', secret: 'files/secret', messy: 'files/messy', unmounted: 'files/unmounted', climbing: 'files/climbing', derived: 'files/derived', linked: 'files/linked', slip: 'files/slip', big: 'files/big' } as const;
/** The size of the big file (sparse) whose archive downloads are cut short. */
export const BIG = 64 << 20;

/** Writes the folder tree: <dir>/mount/p1/{scan1 (clean), scan2 (secret), scan3 (messy)} and <dir>/outside.txt, out of the root. */
export function makeStorage(): Storage {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-files-'));
  const mount = path.join(dir, 'mount');
  const clean: Record<string, Buffer> = { 'scan_0001.nxs': randomBytes(150_000), 'frame_00001.cbf': randomBytes(4_096), 'sub/stack.tif': randomBytes(10_000), 'notes/read me.txt': Buffer.from('beam dump at 11:02\n') };
  for (const [name, bytes] of Object.entries(clean)) {
    mkdirSync(path.dirname(path.join(mount, 'p1/scan1', name)), { recursive: true });
    writeFileSync(path.join(mount, 'p1/scan1', name), bytes);
  }
  const secret = randomBytes(2_000);
  mkdirSync(path.join(mount, 'p1/scan2'), { recursive: true });
  writeFileSync(path.join(mount, 'p1/scan2/secret.h5'), secret);
  writeFileSync(path.join(dir, 'outside.txt'), 'not the facility\'s to give\n');
  const messy = path.join(mount, 'p1/scan3');
  mkdirSync(messy, { recursive: true });
  writeFileSync(path.join(messy, 'ok.h5'), randomBytes(100));
  symlinkSync(path.join(dir, 'outside.txt'), path.join(messy, 'out-of-root.h5'));
  symlinkSync(path.join(mount, 'p1/scan2/secret.h5'), path.join(messy, 'into-secret.h5'));
  mkdirSync(path.join(messy, 'folder.h5'));
  // a link in a folder's own path that leads out of the root; a name whose backslashes climb; a big file
  symlinkSync(dir, path.join(mount, 'p1/outlink'));
  mkdirSync(path.join(mount, 'p1/scan4'));
  writeFileSync(path.join(mount, 'p1/scan4', 'a\\..\\..\\evil.txt'), 'slipped\n');
  mkdirSync(path.join(mount, 'p1/scan5'));
  writeFileSync(path.join(mount, 'p1/scan5/big.raw'), '');
  truncateSync(path.join(mount, 'p1/scan5/big.raw'), BIG);
  return { dir, roots: [{ instrumentId: INSTRUMENT, prefix: PREFIX, path: mount }], clean, secret };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The datasets and blocks over `st`: clean and messy are published, secret is GROUP_A's only. */
export async function seedFiles(h: Harness, st: Storage): Promise<void> {
  const s = h.app.services;
  await s.instruments.upsert(SYSTEM, { pid: INSTRUMENT, uniqueName: 'BL-FILES', name: 'Files beamline', ownerGroup: 'facility', isPublished: true });
  const at = (folder: string, extra: Record<string, unknown> = {}) => ({ instrumentId: INSTRUMENT, sourceFolder: `${PREFIX}/p1/${folder}`, ...extra });
  await s.datasets.upsertMany(SYSTEM, [
    rawDataset(PIDS.clean, GROUP_A, at('scan1', { isPublished: true, license: 'CC-BY-4.0', orcidOfOwner: '0000-0002-1825-0097', creationTime: '2026-04-01T09:00:00.000Z', scientificMetadata: { energy: { value: 12.4, unit: 'keV' }, pixelSize: { value: 3.25, unit: 'um' }, sampleTemperature: { value: 100, unit: 'K' }, operator: 'night shift' } })),
    rawDataset(PIDS.secret, GROUP_A, at('scan2')),
    rawDataset(PIDS.messy, GROUP_A, at('scan3', { isPublished: true })),
    rawDataset(PIDS.unmounted, GROUP_A, at('scan1', { isPublished: true, instrumentId: 'instrument/elsewhere' })),
    rawDataset(PIDS.climbing, GROUP_A, at('scan1/../../../..', { isPublished: true })),
    { ...rawDataset(PIDS.derived, GROUP_A, { isPublished: true, instrumentId: INSTRUMENT }), type: 'derived', inputDatasets: [PIDS.clean], usedSoftware: ['tomopy 1.15'] },
    rawDataset(PIDS.linked, GROUP_A, at('outlink', { isPublished: true })),
    rawDataset(PIDS.slip, GROUP_A, at('scan4', { isPublished: true })),
    rawDataset(PIDS.big, GROUP_A, at('scan5', { isPublished: true })),
  ]);
  const names = Object.keys(st.clean);
  await s.origDatablocks.upsertMany(SYSTEM, [
    // one absolute entry (under sourceFolder, as many facilities write them), the rest relative
    { datasetId: PIDS.clean, chunkIndex: 0, ownerGroup: GROUP_A, chkAlg: 'SHA-256', dataFileList: names.slice(0, 2).map((n, i) => ({ path: i ? `${PREFIX}/p1/scan1/${n}` : n, size: st.clean[n].length, chk: sha256(st.clean[n]) })) },
    { datasetId: PIDS.clean, chunkIndex: 1, ownerGroup: GROUP_A, chkAlg: 'sha256', dataFileList: names.slice(2).map((n) => ({ path: n, size: st.clean[n].length, chk: sha256(st.clean[n]) })) },
    { datasetId: PIDS.secret, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: 'secret.h5', size: st.secret.length }] },
    {
      datasetId: PIDS.messy, chunkIndex: 0, ownerGroup: GROUP_A, chkAlg: 'crc32-unknown',
      dataFileList: ['ok.h5', 'out-of-root.h5', 'into-secret.h5', '../scan2/secret.h5', '/etc/passwd', 'gone.h5', 'folder.h5'].map((p) => ({ path: p, size: 100, chk: 'abc' })),
    },
    { datasetId: PIDS.unmounted, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: 'scan_0001.nxs', size: st.clean['scan_0001.nxs'].length }] },
    { datasetId: PIDS.climbing, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: 'etc/passwd', size: 1 }] },
    { datasetId: PIDS.linked, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: 'outside.txt', size: 27 }] },
    { datasetId: PIDS.slip, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: 'a\\..\\..\\evil.txt', size: 8 }] },
    { datasetId: PIDS.big, chunkIndex: 0, ownerGroup: GROUP_A, dataFileList: [{ path: 'big.raw', size: BIG }] },
  ]);
  await s.search.reads.settle();
}
