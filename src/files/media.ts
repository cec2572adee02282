// Media types of data files, from their names: the formats of photon and neutron science first (NeXus and
// other HDF5, CBF, EDF, MRC), then the common ones from the mime-types database, else octet-stream.
import { contentType, lookup } from 'mime-types';

/**
 * Formats the common database lacks or gets wrong here (".mrc" is MARC there, cryo-EM maps here). Types with "x-" are
 * unregistered but usual: HDF5 as The HDF Group names it; CBF as imgCIF tools name it.
 */
const FACILITY_TYPES: Record<string, string> = {
  h5: 'application/x-hdf5',
  hdf5: 'application/x-hdf5',
  hdf: 'application/x-hdf5',
  he5: 'application/x-hdf5',
  nxs: 'application/x-hdf5',
  nx5: 'application/x-hdf5',
  nx: 'application/x-hdf5',
  cxi: 'application/x-hdf5',
  cbf: 'application/x-cbf',
  edf: 'application/octet-stream',
  mrc: 'application/octet-stream',
  mrcs: 'application/octet-stream',
};

/**
 * The media type a file named `name` is served with, e.g. `application/x-hdf5` for "scan_0001.nxs", `image/tiff` for "a.tif",
 * `text/plain; charset=utf-8` for "notes.txt" (text types carry their charset, exactly as the Content-Type header says).
 */
export function mediaTypeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext && FACILITY_TYPES[ext]) return FACILITY_TYPES[ext];
  const common = lookup(name);
  return (common && contentType(common)) || 'application/octet-stream';
}
