// Owns attachments: captioned thumbnails of datasets, samples and proposals (SciCat's Attachment). An
// attachment carries its parent's access fields, takes them again whenever they change, and goes with
// its parent; what its thumbnail may hold is in attachment.rules.ts.
import type { Db, Filter } from 'mongodb';
import type { Identity } from '../../auth';
import { Collections } from '../../db';
import { errors } from '../../common/errors';
import type { SortSpec } from '../../common/pagination';
import { MAX_BULK, RecordService, type ServiceOptions } from '../common/record.service';
import type { Json, StoredRecord, UpsertResult, WriteOptions } from '../common/record.types';
import type { Dependent } from '../common/dependents';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { DatasetDependent, DatasetService } from '../dataset';
import type { SampleService } from '../sample';
import type { ProposalService } from '../proposal';
import { PARENT_FIELDS, parentOf, thumbnailError, type AttachmentParent } from './attachment.rules';

/** A parent's attachments in the order they were attached: the first is the one a landing page shows. */
export const ATTACHMENT_ORDER: SortSpec = { field: 'createdAt', direction: 'ASC' };
/** The fields an attachment takes from its parent. */
const ACCESS_FIELDS = ['ownerGroup', 'accessGroups', 'isPublished'] as const;
const ENTITY: Record<AttachmentParent, string> = { dataset: 'Dataset', sample: 'Sample', proposal: 'Proposal' };

/** The services of the records attachments hang off. */
export interface AttachmentParents {
  datasets: DatasetService;
  samples: SampleService;
  proposals: ProposalService;
}

/** An attachment list's criteria (all optional, combined with AND). */
export interface AttachmentFilterSpec {
  datasetId?: string;
  sampleId?: string;
  proposalId?: string;
}

export class AttachmentService extends RecordService implements DatasetDependent {
  /** The field that holds the dataset's pid (for the dataset's cascades). */
  readonly datasetField = PARENT_FIELDS.dataset;

  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, private readonly parents: AttachmentParents) {
    super(
      db,
      {
        entity: 'Attachment',
        schema: 'attachment',
        collection: Collections.attachments,
        idField: 'id',
        dateFields: ['createdAt', 'updatedAt'],
        immutable: Object.values(PARENT_FIELDS),
        // up to 4 MiB each: lists leave it out unless asked, and the read index never holds it
        heavy: ['thumbnail'],
      },
      outbox,
      options,
    );
  }

  /**
   * Attaches a thumbnail to the dataset, sample or proposal the input names (exactly one of datasetId, sampleId,
   * proposalId), with the parent's access fields (any given are replaced); the id defaults to a new pid. Raises
   * BAD_USER_INPUT naming `thumbnail` or the parent fields, INVALID_ID, NOT_FOUND for a parent that does not exist or
   * the caller may not see, FORBIDDEN when the caller may not write it, CONFLICT when the id exists.
   */
  override async create(identity: Identity, input: Json): Promise<StoredRecord> {
    const [withAccess] = await this.withParents(identity, [input], '');
    return super.create(identity, withAccess);
  }

  /** As create, keyed by the input's id: pushing the same attachment twice stores it once. A stored attachment keeps its parent. */
  override async upsert(identity: Identity, input: Json): Promise<UpsertResult> {
    const [withAccess] = await this.withParents(identity, [input], '');
    return super.upsert(identity, withAccess);
  }

  /** As upsert, for a batch: every input is checked (thumbnail, parent, access) before anything is written. */
  override async upsertMany(identity: Identity, inputs: Json[], opts: WriteOptions = {}, isNew?: (record: Json) => boolean): Promise<UpsertResult[]> {
    // an oversized batch is refused as every entity refuses it, before any parent is read
    if (inputs.length > MAX_BULK || inputs.length === 0) return super.upsertMany(identity, inputs, opts, isNew);
    return super.upsertMany(identity, await this.withParents(identity, inputs, opts.basePath ?? ''), opts, isNew);
  }

  /**
   * Changes an attachment's caption, thumbnail or instrumentGroup (null removes the caption). Raises BAD_USER_INPUT for a
   * bad thumbnail or for access fields (an attachment has its parent's: change those), VALIDATION_FAILED for a parent field
   * (never changes), and what RecordService.update raises.
   */
  override async update(identity: Identity, id: string, patch: Json): Promise<StoredRecord> {
    for (const f of ACCESS_FIELDS) {
      if (f in patch) throw errors.badInput(`${f}: an attachment has the access of its parent; change the parent's ${f} instead`, { field: f });
    }
    const bad = 'thumbnail' in patch ? thumbnailError(patch.thumbnail) : null;
    if (bad) throw bad;
    return super.update(identity, id, patch);
  }

  /** The MongoDB filter for an attachment list: one parent's, or all. Raises INVALID_ID for a malformed parent id. */
  query(f: AttachmentFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    for (const [kind, field] of Object.entries(PARENT_FIELDS) as [AttachmentParent, string][]) {
      const id = f[field as keyof AttachmentFilterSpec];
      if (id) q[field] = this.checkId(id, ENTITY[kind]);
    }
    return q;
  }

  /**
   * The attachments of one dataset, sample or proposal that the caller may see, oldest first: one read of the index (its
   * records leave the thumbnail out; read an attachment by id for it), MongoDB when the index cannot answer. Raises
   * INVALID_ID for a malformed id.
   */
  async ofParent(identity: Identity, parent: AttachmentParent, id: string): Promise<StoredRecord[]> {
    return this.findByField(identity, PARENT_FIELDS[parent], [this.checkId(id, ENTITY[parent])], { sort: ATTACHMENT_ORDER });
  }

  /** The first attachment of a parent (see ofParent) with its thumbnail, or null when it has none the caller may see. */
  async firstOf(identity: Identity, parent: AttachmentParent, id: string): Promise<StoredRecord | null> {
    const [first] = await this.ofParent(identity, parent, id);
    if (!first) return null;
    return typeof first.thumbnail === 'string' ? first : this.get(identity, first._id);
  }

  /** Removes every attachment of a dataset (when the dataset is deleted). */
  async removeForDataset(identity: Identity, pid: string): Promise<void> {
    await this.removeChildren(identity, PARENT_FIELDS.dataset, pid);
  }

  /** What a sample's or proposal's service calls so their attachments follow them (see common/dependents.ts). */
  followerOf(parent: 'sample' | 'proposal'): Dependent {
    return {
      parentField: PARENT_FIELDS[parent],
      syncAccess: (identity, field, key, access) => this.syncAccess(identity, field, key, access),
      removeForParent: (identity, field, key) => this.removeChildren(identity, field, key),
    };
  }

  /**
   * The inputs with their parents' access fields, after checking each one's thumbnail and parent (read in one batch per
   * kind; those the caller may not see read as missing). `base` prefixes the item paths of a bulk request.
   */
  private async withParents(identity: Identity, inputs: Json[], base: string): Promise<Json[]> {
    const located = inputs.map((input, i) => {
      const at = inputs.length > 1 || base ? `${base}/${i}` : '';
      const bad = thumbnailError(input.thumbnail, at);
      if (bad) throw bad;
      return { input, parent: parentOf(input, at) };
    });
    const found = new Map<string, StoredRecord>();
    for (const kind of Object.keys(ENTITY) as AttachmentParent[]) {
      const svc = this.parents[`${kind}s`];
      const ids = [...new Set(located.filter((l) => l.parent.kind === kind).map((l) => svc.checkId(l.parent.id)))];
      for (const p of await svc.findByIdsToWrite(identity, ids, { _id: 1 })) found.set(`${kind}:${p._id}`, p);
    }
    return located.map(({ input, parent }) => {
      const p = found.get(`${parent.kind}:${parent.id}`);
      if (!p) throw errors.notFound(ENTITY[parent.kind], parent.id);
      const out: Json = { ...input, ownerGroup: p.ownerGroup, accessGroups: p.accessGroups ?? [], isPublished: p.isPublished === true };
      // a client that sends every parent field (the others as null) names one parent all the same
      for (const f of Object.values(PARENT_FIELDS)) if (out[f] === null) delete out[f];
      return out;
    });
  }
}
