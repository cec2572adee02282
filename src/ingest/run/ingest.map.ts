// One batch of source records made ready to write: records whose content has not changed since they were last
// written are skipped (hash change detection), the rest mapped, their unmeasured files measured on storage,
// and each entity prepared and validated once. What cannot be written is quarantined with its reasons.
import type { Identity } from '../../auth';
import type { RecordService } from '../../catalog/common/record.service';
import { knownSize } from '../../catalog';
import type { SourceRecord } from '../adapters';
import type { CompiledMapping, Json } from '../mapping/mapping.engine';
import type { EntityName } from '../mapping/mapping.types';
import { recordHash, type SourceHashes } from './ingest.changes';
import type { FileMeasurer } from './ingest.files';
import { mapSafely } from './ingest.stream';

export interface MappedBatch {
  good: { key: string; entities: Partial<Record<EntityName, Json>>; hash?: string }[];
  quarantine: { key: string; reasons: { path: string; message: string }[]; record: unknown }[];
  /** Records whose content hash was the one last written: neither mapped nor written. */
  skipped: number;
}

export interface MapParts {
  service: (e: EntityName) => RecordService;
  measurer: FileMeasurer;
  /** The mapping's hashes when it detects changes by content (absent: every record is mapped). */
  hashes?: SourceHashes;
  /** Whether an unchanged hash skips the record (not in full runs, which map and check everything). */
  skipUnchanged: boolean;
  mappingDigest: string;
}

/**
 * A dataset written with its block gets the counters the block will give it (numberOfFiles, and size from the
 * files whose size is known), unless the mapping sets them: the block's write then finds them right, and the
 * dataset is not written a second time (with a second outbox entry) to correct them.
 */
function countersFromBlock(entities: Partial<Record<EntityName, Json>>): void {
  const ds = entities.dataset;
  const files = entities.origdatablock?.dataFileList;
  if (!ds || !Array.isArray(files) || entities.origdatablock!.datasetId !== ds.pid || ds.size !== undefined || ds.numberOfFiles !== undefined) return;
  ds.numberOfFiles = files.length;
  // as the block service derives them, so the two agree
  ds.size = typeof entities.origdatablock!.size === 'number' ? entities.origdatablock!.size : knownSize(files);
}

/** Maps, measures and prepares `batch` (see the file comment). Never throws for bad data: that is quarantined. */
export async function mapBatch(p: MapParts, m: CompiledMapping, batch: SourceRecord[], runId: string, identity: Identity): Promise<MappedBatch> {
  const out: MappedBatch = { good: [], quarantine: [], skipped: 0 };
  for (const sr of batch) {
    if (sr.record._error) {
      out.quarantine.push({ key: sr.key, reasons: [{ path: '/source', message: String(sr.record._error) }], record: sr.record });
      continue;
    }
    const hash = p.hashes ? recordHash(sr.record, p.mappingDigest) : undefined;
    if (hash && p.skipUnchanged && p.hashes!.unchanged(sr.key, hash)) {
      out.skipped++;
      continue;
    }
    const mapped = mapSafely(m, sr, runId);
    await p.measurer.complete(mapped.entities);
    countersFromBlock(mapped.entities);
    const reasons = [...mapped.problems];
    // each record is prepared and validated once, here; the write takes the prepared records as they are
    const ready: Partial<Record<EntityName, Json>> = {};
    for (const [e, rec] of Object.entries(mapped.entities) as [EntityName, Json][]) {
      const [prep] = p.service(e).prepare(identity, [rec]);
      for (const x of prep.problems) reasons.push({ path: `/${e}${x.path}`, message: x.message });
      ready[e] = prep.record;
    }
    if (reasons.length) out.quarantine.push({ key: sr.key, reasons, record: sr.record });
    else out.good.push({ key: sr.key, entities: ready, hash });
  }
  return out;
}
