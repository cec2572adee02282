// Owns labels: likes, scores, tags and classes that people and models give to datasets they may see.
// A label is keyed by (set, dataset, labeller), so giving it again changes it; it carries its
// dataset's access fields, so every read is filtered exactly as the dataset is.
import { createHash } from 'node:crypto';
import type { Db, Filter } from 'mongodb';
import { assertSignedIn, canChangeLabel, systemIdentity, type Identity } from '../../auth';
import { Collections } from '../../db';
import { errors } from '../../common/errors';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { StoredRecord } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { DatasetDependent, DatasetService } from '../dataset';
import { valueProblem, type LabelSetService, type LabelSourceName as LabelSource, type LabelValue } from './labelset.service';

export interface LabelInputSpec {
  datasetPid: string;
  labelSet: string;
  /** Exactly the one of the set's kind. */
  like?: boolean | null;
  score?: number | null;
  tags?: string[] | null;
  class?: string | null;
  /** Given when a model produced the label (the caller submits it on the model's behalf). */
  model?: { name: string; version: string };
  comment?: string;
}

export interface LabelFilterSpec {
  datasetPid?: string;
  labelSet?: string;
  by?: string;
  source?: LabelSource;
  includeWithdrawn?: boolean;
}

/** The stable id of the label a labeller gives a dataset within a set. */
export function labelId(labelSet: string, datasetPid: string, labeller: string): string {
  return `lbl:${createHash('sha256').update(`${labelSet}\0${datasetPid}\0${labeller}`).digest('hex').slice(0, 32)}`;
}

export class LabelService extends RecordService implements DatasetDependent {
  /** The field that holds the dataset's pid. */
  readonly datasetField = 'datasetPid';

  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, private readonly datasets: DatasetService, readonly sets: LabelSetService) {
    super(
      db,
      {
        entity: 'Label',
        schema: 'label',
        collection: Collections.labels,
        idField: 'id',
        dateFields: ['withdrawnAt', 'createdAt', 'updatedAt'],
        immutable: ['datasetPid', 'labelSet', 'kind', 'source', 'by'],
        // Anyone signed in may label what they can see; LabelService checks the dataset and authorship.
        writeRule: (identity) => assertSignedIn(identity, 'labelling'),
      },
      outbox,
      options,
    );
  }

  /** Gives or changes the caller's (or the named model's) label on a dataset; re-giving a withdrawn label restores it. */
  async set(identity: Identity, input: LabelInputSpec): Promise<StoredRecord> {
    assertSignedIn(identity, 'labelling');
    const [set] = await this.sets.require([input.labelSet], '/labelSet');
    const dataset = await this.datasets.get(identity, input.datasetPid);
    if (!dataset) throw errors.notFound('Dataset', input.datasetPid);
    const field = set.kind;
    const others = (['like', 'score', 'tags', 'class'] as const).filter((k) => k !== field && input[k] !== undefined && input[k] !== null);
    if (others.length) throw errors.validation('Label', others.map((k) => ({ path: `/${k}`, message: `${set.name} is a ${set.kind} set: give ${field}, not ${k}` })));
    const given = input[field];
    if (given === undefined || given === null) throw errors.validation('Label', [{ path: `/${field}`, message: `is required: ${set.name} is a ${set.kind} set` }]);
    const problem = valueProblem(set, given);
    if (problem) throw errors.validation('Label', [{ path: `/${field}`, message: problem }]);
    const value = set.kind === 'tags' ? [...new Set(given as string[])].sort() : given;
    const labeller = input.model ? `model:${input.model.name}@${input.model.version}` : identity.subject;
    const id = labelId(set.name, dataset._id, labeller);
    const existing = await this.col.findOne({ _id: id }, { projection: { by: 1 } });
    if (existing && !canChangeLabel(identity, existing as unknown as { by: string }, 'change')) {
      throw errors.forbidden(`this ${input.model ? `model's ` : ''}label was given by ${existing.by}; only they or an admin may change it`);
    }
    const { record } = await this.upsert(identity, {
      id,
      datasetPid: dataset._id,
      labelSet: set.name,
      kind: set.kind,
      value,
      source: input.model ? 'model' : 'human',
      by: existing?.by ?? identity.subject,
      ...(input.model && { model: { name: input.model.name, version: input.model.version } }),
      ...(input.comment && { comment: input.comment }),
      ownerGroup: dataset.ownerGroup,
      accessGroups: dataset.accessGroups ?? [],
      isPublished: dataset.isPublished ?? false,
    });
    return record;
  }

  /** Withdraws a label: it stays on record but leaves summaries and exports. Its author, a steward or an admin may. */
  async withdraw(identity: Identity, id: string): Promise<StoredRecord> {
    const label = await this.get(identity, id);
    if (!label) throw errors.notFound('Label', id);
    if (!canChangeLabel(identity, label as unknown as { by: string }, 'withdraw')) {
      throw errors.forbidden(`label ${id} was given by ${label.by}; only they, a steward or an admin may withdraw it`);
    }
    if (label.withdrawnAt) return label;
    return this.update(identity, id, { withdrawnAt: new Date().toISOString() });
  }

  /**
   * The MongoDB filter for a label list (all criteria optional, combined with AND); withdrawn labels are left out unless
   * `includeWithdrawn`. Raises INVALID_ID for a malformed dataset pid.
   */
  query(f: LabelFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    if (f.datasetPid) q.datasetPid = this.checkId(f.datasetPid, 'Dataset');
    if (f.labelSet) q.labelSet = f.labelSet;
    if (f.by) q.by = f.by;
    if (f.source) q.source = f.source;
    if (!f.includeWithdrawn) q.withdrawnAt = { $exists: false };
    return q;
  }

  /** Every stored value of a set (for checking a changed declaration against what is stored). */
  async *valuesOf(labelSet: string): AsyncIterable<LabelValue> {
    // the read index scans them when it can (MongoDB otherwise), whoever may see them
    const labels = this.stream(systemIdentity('label-sets'), { labelSet, withdrawnAt: { $exists: false } }, { projection: { value: 1 } });
    for await (const d of labels) yield (d as any).value as LabelValue;
  }

  /** Removes a dataset's labels when the dataset is deleted. */
  async removeForDataset(identity: Identity, datasetPid: string): Promise<void> {
    await this.removeChildren(identity, 'datasetPid', datasetPid);
  }
}
