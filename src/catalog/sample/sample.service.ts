// Owns samples. A sample that datasets refer to cannot be deleted; what hangs off a sample (its
// attachments) follows its access and goes with it.
import type { Db, Filter } from 'mongodb';
import { Collections } from '../../db';
import { errors } from '../../common/errors';
import { containsFilter } from '../../common/text';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { StoredRecord } from '../common/record.types';
import { followedBy, type Dependent } from '../common/dependents';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { DatasetService } from '../dataset';

export interface SampleFilterSpec {
  sampleIds?: string[];
  proposalId?: string;
  ownerGroup?: string;
  owner?: string;
  descriptionContains?: string;
}

export class SampleService extends RecordService {
  /**
   * @param dependents the services whose records hang off a sample (a function: they are built after this
   *   service); they take a sample's access when it changes and are deleted with it
   */
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, datasets: DatasetService, dependents: () => Dependent[] = () => []) {
    super(db, { entity: 'Sample', schema: 'sample', collection: Collections.samples, idField: 'sampleId', dateFields: ['createdAt', 'updatedAt'], immutable: [], heavy: ['sampleCharacteristics'] }, outbox, options, {
      beforeDelete: async (_id, rec) => {
        const n = await datasets.countAll({ sampleIds: rec._id });
        if (n > 0) throw errors.conflict(`sample ${rec._id} is referenced by ${n} dataset(s); delete or change them first`);
      },
      ...followedBy(dependents),
    });
  }

  /**
   * The MongoDB filter for a sample list (all criteria optional, combined with AND; `descriptionContains` is case-insensitive).
   * Raises INVALID_ID for a malformed sample or proposal id, BAD_USER_INPUT for a `descriptionContains` over 256 characters.
   */
  query(f: SampleFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    if (f.sampleIds) q._id = { $in: f.sampleIds.map((id) => this.checkId(id)) };
    if (f.proposalId) q.proposalId = this.checkId(f.proposalId, 'Proposal');
    if (f.ownerGroup) q.ownerGroup = f.ownerGroup;
    if (f.owner) q.owner = f.owner;
    if (f.descriptionContains) q.description = containsFilter(f.descriptionContains, 'descriptionContains');
    return q;
  }
}
