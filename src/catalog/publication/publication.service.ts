// Owns publications (DOIs for sets of datasets) and their links to papers. Content is edited while the
// publication is a draft; status, approval and DOI registration belong to the DOI workflow
// (src/doi/doi.workflow.ts), which writes through `workflowUpdate`.
import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, Filter } from 'mongodb';
import { assertCanCurate, type Identity } from '../../auth';
import { Collections } from '../../db';
import { errors } from '../../common/errors';
import { containsFilter } from '../../common/text';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { Json, StoredRecord, UpsertResult, WriteOptions } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';

export interface PublicationFilterSpec {
  doi?: string;
  status?: string;
  datasetPid?: string;
  relatedIdentifier?: string;
  titleContains?: string;
  publicationYear?: number;
}

/** The states of a DOI record, as DataCite names them (the schema's PublicationStatus is built from this list). */
export const PUBLICATION_STATUSES = ['draft', 'registered', 'findable'] as const;
export type PublicationState = (typeof PUBLICATION_STATUSES)[number];

/** Marks the async call tree of a workflow write (services are shared by concurrent requests). */
const workflowScope = new AsyncLocalStorage<boolean>();

/** Fields only the workflow sets; a caller's input never carries them. */
const WORKFLOW_FIELDS = ['status', 'approvedBy', 'approvedAt', 'registeredAt', 'publishedAt', 'pending', 'landingPage'];

export class PublicationService extends RecordService {
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions) {
    super(
      db,
      {
        entity: 'Publication',
        schema: 'publication',
        collection: Collections.publications,
        idField: 'id',
        dateFields: ['createdAt', 'updatedAt', 'approvedAt', 'registeredAt', 'publishedAt', 'pending.since'],
        immutable: [],
        writeRule: assertCanCurate,
      },
      outbox,
      options,
      {
        normalize: (json, { identity, forCreate }) => {
          // seeds and imports (the system identity) may load already-registered DOIs as they are
          if (identity.via !== 'system' && !workflowScope.getStore()) for (const f of WORKFLOW_FIELDS) delete json[f];
          json.status ??= 'draft';
          json.creator ??= [];
          json.resourceTypeGeneral ??= 'Dataset';
          if (typeof json.doi === 'string') json.doi = json.doi.toLowerCase();
          if (json.id === undefined && typeof json.doi === 'string') json.id = json.doi;
          if (json.id === undefined && forCreate) json.id = `publication/${randomUUID()}`;
        },
        beforeDelete: async (_identity, rec) => {
          if (rec.status !== 'draft') throw errors.invalidTransition(`Publication ${rec._id} is ${rec.status}: a DOI is permanent and cannot be deleted (hide it instead)`, { id: rec._id, status: rec.status });
        },
      },
    );
  }

  /**
   * The MongoDB filter for a publication list (all criteria optional, combined with AND; the DOI matched in lower case,
   * `titleContains` case-insensitively). Raises INVALID_ID for a malformed dataset pid, BAD_USER_INPUT for a `titleContains` over 256 characters.
   */
  query(f: PublicationFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    if (f.doi) q.doi = f.doi.toLowerCase();
    if (f.status) q.status = f.status;
    if (f.datasetPid) q.datasetPids = this.checkId(f.datasetPid, 'Dataset');
    if (f.relatedIdentifier) q['relatedPublications.identifier'] = f.relatedIdentifier;
    if (f.titleContains) q.title = containsFilter(f.titleContains, 'titleContains');
    if (f.publicationYear) q.publicationYear = f.publicationYear;
    return q;
  }

  /** A publication by its DOI or its id (landing pages take either). */
  async byDoiOrId(identity: Identity, key: string): Promise<StoredRecord | null> {
    const byId = await this.get(identity, key).catch(() => null);
    if (byId) return byId;
    if (!/^10\.\d{4,9}\//.test(key)) return null;
    const [hit] = await this.findByField(identity, 'doi', [key.toLowerCase()]);
    return hit ?? null;
  }

  /** As RecordService.update, for drafts only: raises INVALID_TRANSITION once the publication is registered or findable. */
  override async update(identity: Identity, id: string, patch: Json): Promise<StoredRecord> {
    await this.assertDraft(identity, [id]);
    return super.update(identity, id, patch);
  }

  /**
   * As RecordService.upsert; a caller other than the system may not replace a publication that is no longer a draft
   * (INVALID_TRANSITION). Workflow fields in the input (status, approval, DOI dates) are dropped unless the system writes.
   */
  override async upsert(identity: Identity, input: Json): Promise<UpsertResult> {
    if (identity.via !== 'system' && typeof input.id === 'string') await this.assertDraft(identity, [input.id]);
    return super.upsert(identity, input);
  }

  /**
   * As RecordService.upsertMany; a caller other than the system may not replace a publication that is no longer a draft
   * (INVALID_TRANSITION, checked before anything is written).
   */
  override async upsertMany(identity: Identity, inputs: Json[], opts: WriteOptions = {}): Promise<UpsertResult[]> {
    if (identity.via !== 'system') await this.assertDraft(identity, inputs.map((i) => i.id).filter((x): x is string => typeof x === 'string'));
    return super.upsertMany(identity, inputs, opts);
  }

  /** The workflow's own write: status, approval and DOI fields, with the same validation and events. */
  async workflowUpdate(identity: Identity, id: string, patch: Json): Promise<StoredRecord> {
    return workflowScope.run(true, () => super.update(identity, id, patch));
  }

  private async assertDraft(identity: Identity, ids: string[]): Promise<void> {
    for (const id of ids) {
      const rec = await this.get(identity, id).catch(() => null);
      if (rec && rec.status !== 'draft') {
        throw errors.invalidTransition(`Publication ${id} is ${rec.status}: its metadata is frozen once the DOI is registered; publish a new version instead`, { id, status: rec.status });
      }
    }
  }
}
