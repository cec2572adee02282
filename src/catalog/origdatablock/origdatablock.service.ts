// Owns origdatablocks: a dataset's file list in chunks (a MongoDB document stops at 16 MB, a dataset
// may hold 100,000 files). Every block write brings its dataset's size and numberOfFiles in step.
import type { Db, Filter } from 'mongodb';
import type { Identity } from '../../auth';
import { Collections, findIds } from '../../db';
import { errors, type Problem } from '../../common/errors';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { Json, StoredRecord, UpsertResult, WriteOptions } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { COUNTER_FIELDS, type BlockCount, type DatasetDependent, type DatasetService } from '../dataset';

/** Files per block: ~5,000 entries keep a block near 1 MB, far below MongoDB's 16 MB document limit. */
export const FILES_PER_BLOCK = 5000;

/** Bytes of the files in `list` whose size is known (a block's size when it gives none; unknown sizes count nothing). */
export function knownSize(list: unknown[]): number {
  return list.reduce<number>((s, f) => s + (typeof (f as { size?: unknown })?.size === 'number' ? (f as { size: number }).size : 0), 0);
}

export interface DataFileRecord {
  path: string;
  /** Bytes; absent when unknown. */
  size?: number;
  time?: Date | string;
  chk?: string;
  uid?: string;
  gid?: string;
  perm?: string;
}

export interface BlockMeta {
  _id: string;
  chunkIndex?: number;
  numberOfFiles?: number;
}

/** Which slices of which blocks make up files [offset, offset + first) of a dataset. */
export function fileSlices(blocks: BlockMeta[], offset: number, first: number): { blockId: string; from: number; to: number }[] {
  const out: { blockId: string; from: number; to: number }[] = [];
  let start = 0;
  const end = offset + first;
  for (const b of blocks) {
    const n = b.numberOfFiles ?? 0;
    const lo = Math.max(offset, start);
    const hi = Math.min(end, start + n);
    if (lo < hi) out.push({ blockId: b._id, from: lo - start, to: hi - start });
    start += n;
    if (start >= end) break;
  }
  return out;
}

export class OrigDatablockService extends RecordService implements DatasetDependent {
  /** The field that holds the dataset's pid. */
  readonly datasetField = 'datasetId';

  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, private readonly datasets: DatasetService) {
    super(
      db,
      {
        entity: 'OrigDatablock',
        schema: 'origdatablock',
        collection: Collections.origDatablocks,
        idField: 'id',
        dateFields: ['dataFileList.*.time', 'createdAt', 'updatedAt'],
        immutable: ['datasetId'],
      },
      outbox,
      options,
      {
        normalize: (json) => {
          if (typeof json.datasetId === 'string' && json.id === undefined) json.id = `${json.datasetId}/block/${json.chunkIndex ?? 0}`;
          if (Array.isArray(json.dataFileList)) {
            json.numberOfFiles = json.dataFileList.length;
            json.size ??= knownSize(json.dataFileList);
          }
        },
        afterDelete: async (identity, rec) => this.datasets.applyBlockCounts(identity, [{ datasetId: rec.datasetId, blockId: rec._id, removed: true }]),
      },
    );
  }

  /** The MongoDB filter for a block list: one dataset's blocks, or all. Raises INVALID_ID for a malformed dataset pid. */
  query(f: { datasetId?: string } = {}): Filter<StoredRecord> {
    return f.datasetId ? { datasetId: this.checkId(f.datasetId, 'Dataset') } : {};
  }

  /**
   * As RecordService.upsertMany, for blocks (id default `<datasetId>/block/<chunkIndex>`; numberOfFiles and size in bytes
   * derived from dataFileList). Raises VALIDATION_FAILED for a block whose dataset the caller cannot see or whose ownerGroup
   * differs from the dataset's. Afterwards each dataset's size and numberOfFiles are brought in step, unchanged blocks included.
   */
  override async upsertMany(identity: Identity, inputs: Json[], opts: WriteOptions = {}): Promise<UpsertResult[]> {
    const datasets = await this.checkDatasets(identity, inputs, opts.basePath ?? '', opts.parents);
    // a dataset created in this batch has no blocks yet (a leftover one costs a retry, see upsertMany)
    const created = new Set([...(opts.parents ?? new Map()).values()].filter((p) => p.outcome === 'created').map((p) => p.id));
    const rs = await super.upsertMany(identity, inputs, opts, (b) => created.has(b.datasetId));
    // unchanged blocks too: a write that died before its dataset's counters is repaired by pushing it again
    await this.datasets.applyBlockCounts(identity, rs.map((r) => countOf(r.record)), datasets, created);
    return rs;
  }

  /** One block, as upsertMany. */
  override async upsert(identity: Identity, input: Json): Promise<UpsertResult> {
    return (await this.upsertMany(identity, [input]))[0];
  }

  /**
   * As RecordService.create, for a block of a dataset the caller can see and whose ownerGroup it shares (else
   * VALIDATION_FAILED); the dataset's size and numberOfFiles follow. A block given neither id nor chunkIndex
   * comes after the dataset's blocks (SciCat clients add blocks one by one and name none).
   */
  override async create(identity: Identity, input: Json): Promise<StoredRecord> {
    const datasets = await this.checkDatasets(identity, [input], '');
    const numbered = input.id === undefined && input.chunkIndex === undefined && typeof input.datasetId === 'string';
    // a dataset that never counted a block has none: its first is chunk 0, without reading its counters
    const counted = datasets.get(input.datasetId)?.numberOfFiles != null;
    if (numbered) input = { ...input, chunkIndex: counted ? nextChunk(await this.datasets.files.blockIds(input.datasetId)) : 0 };
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await super.create(identity, input);
        await this.datasets.applyBlockCounts(identity, [countOf(r)], datasets);
        return r;
      } catch (e) {
        // another writer took that chunk meanwhile: the next one
        if (!numbered || attempt >= 10 || (e as { code?: string }).code !== 'CONFLICT') throw e;
        input = { ...input, chunkIndex: (input.chunkIndex as number) + 1 };
      }
    }
  }

  /**
   * A dataset's blocks with their files, in chunk order, read by key (the dataset's counters name them), so a
   * block is there as soon as its write returned. Raises NOT_FOUND for a dataset the caller may not see.
   */
  async ofDataset(identity: Identity, datasetId: string): Promise<StoredRecord[]> {
    if (!(await this.datasets.get(identity, datasetId))) throw errors.notFound('Dataset', datasetId);
    const docs = (await findIds(this.col, await this.datasets.files.blockIds(datasetId))) as StoredRecord[];
    return docs.filter((d) => this.visible(identity, d)).sort((a, b) => (a.chunkIndex ?? 0) - (b.chunkIndex ?? 0) || a._id.localeCompare(b._id));
  }

  /** As RecordService.update (a new dataFileList without a size sizes the block again); the dataset's size and numberOfFiles follow the changed block. */
  override async update(identity: Identity, id: string, patch: Json): Promise<StoredRecord> {
    if (Array.isArray(patch.dataFileList) && patch.size === undefined) patch = { ...patch, size: knownSize(patch.dataFileList) };
    const r = await super.update(identity, id, patch);
    await this.datasets.applyBlockCounts(identity, [countOf(r)]);
    return r;
  }

  /**
   * Appends files to a dataset as new blocks of FILES_PER_BLOCK, after its existing ones. The block ids
   * are derived from the dataset and chunk index, so a retried call with `startChunk` rewrites the same blocks.
   */
  async addFiles(identity: Identity, datasetId: string, files: DataFileRecord[], opts: { chkAlg?: string; startChunk?: number } = {}): Promise<UpsertResult[]> {
    const ds = await this.datasets.get(identity, datasetId);
    if (!ds) throw errors.notFound('Dataset', datasetId);
    if (!files.length) throw errors.badInput('dataFileList is empty');
    let next = opts.startChunk ?? (await this.nextChunk(datasetId));
    const inputs: Json[] = [];
    for (let i = 0; i < files.length; i += FILES_PER_BLOCK) {
      inputs.push({
        datasetId,
        chunkIndex: next++,
        ...(opts.chkAlg != null && { chkAlg: opts.chkAlg }),
        dataFileList: files.slice(i, i + FILES_PER_BLOCK),
        ownerGroup: ds.ownerGroup,
        accessGroups: ds.accessGroups,
        isPublished: ds.isPublished,
      });
    }
    return this.upsertMany(identity, inputs, { basePath: '/dataFileList' });
  }

  private async nextChunk(datasetId: string): Promise<number> {
    const blocks = await this.allWhere('datasetId', datasetId, { chunkIndex: 1 });
    return blocks.reduce((next, b) => Math.max(next, typeof b.chunkIndex === 'number' ? b.chunkIndex + 1 : 0), 0);
  }

  /**
   * Blocks must belong to a dataset the caller can see, and share its ownerGroup (a block given none takes the dataset's
   * access fields). Returns the datasets
   * with their file counters, so bringing those in step does not read them again. Datasets this caller
   * has just created or changed (`written`) are taken from there instead of read.
   */
  private async checkDatasets(identity: Identity, inputs: Json[], base: string, written?: ReadonlyMap<string, UpsertResult>): Promise<Map<string, StoredRecord>> {
    const ids = [...new Set(inputs.map((i) => i.datasetId).filter((x): x is string => typeof x === 'string'))];
    // an unchanged one is read: a block may have moved its stored counters since its content was hashed
    const usable = (id: string) => !!written?.has(id) && written.get(id)!.outcome !== 'unchanged';
    const given = ids.filter(usable).map((id) => written!.get(id)!.record);
    const read = await this.datasets.findByIdsToWrite(identity, ids.filter((id) => !usable(id)), COUNTER_FIELDS);
    const found = new Map([...given.filter((d) => this.datasets.visible(identity, d)), ...read].map((d) => [d._id, d]));
    const problems: Problem[] = [];
    inputs.forEach((inp, i) => {
      const at = inputs.length > 1 || base ? `${base}/${i}` : '';
      const ds = found.get(inp.datasetId);
      if (!ds) problems.push({ path: `${at}/datasetId`, message: `dataset ${JSON.stringify(inp.datasetId)} does not exist` });
      // a block given without access fields takes its dataset's (SciCat clients send none)
      else if (inp.ownerGroup === undefined) Object.assign(inp, { ownerGroup: ds.ownerGroup, accessGroups: inp.accessGroups ?? ds.accessGroups ?? [], isPublished: inp.isPublished ?? ds.isPublished === true });
      else if (inp.ownerGroup !== ds.ownerGroup) problems.push({ path: `${at}/ownerGroup`, message: `must equal the dataset's ownerGroup` });
    });
    if (problems.length) throw errors.validation(this.entity, problems);
    return found;
  }

  /** Removes every block of a dataset (when the dataset is deleted). */
  async removeForDataset(identity: Identity, datasetId: string): Promise<void> {
    await this.removeChildren(identity, 'datasetId', datasetId);
  }
}

/** The chunk after the highest of these block ids (`<datasetId>/block/<n>`); 0 when there is none. */
function nextChunk(blockIds: string[]): number {
  return blockIds.reduce((next, id) => Math.max(next, Number(id.match(/\/block\/(\d+)$/)?.[1] ?? -1) + 1), 0);
}

function countOf(block: StoredRecord): BlockCount {
  return { datasetId: block.datasetId, blockId: block._id, size: block.size, numberOfFiles: block.numberOfFiles };
}
