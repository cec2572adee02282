// Owns proposals. A proposal with datasets or samples cannot be deleted; what hangs off a proposal (its
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
import type { SampleService } from '../sample';

export interface ProposalFilterSpec {
  proposalIds?: string[];
  ownerGroup?: string;
  type?: string;
  titleContains?: string;
  pi_email?: string;
  instrument?: string;
  startTimeFrom?: Date;
  startTimeTo?: Date;
}

export class ProposalService extends RecordService {
  /**
   * @param deps.dependents the services whose records hang off a proposal (a function: they are built after
   *   this service); they take a proposal's access when it changes and are deleted with it
   */
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, deps: { datasets: DatasetService; samples: () => SampleService; dependents?: () => Dependent[] }) {
    super(
      db,
      { entity: 'Proposal', schema: 'proposal', collection: Collections.proposals, idField: 'proposalId', dateFields: ['startTime', 'endTime', 'measurementPeriodList.*.start', 'measurementPeriodList.*.end', 'createdAt', 'updatedAt'], immutable: [], heavy: ['metadata'] },
      outbox,
      options,
      {
        beforeDelete: async (_id, rec) => {
          const [d, s] = await Promise.all([deps.datasets.countAll({ proposalIds: rec._id }), deps.samples().countAll({ proposalId: rec._id })]);
          if (d + s > 0) throw errors.conflict(`proposal ${rec._id} has ${d} dataset(s) and ${s} sample(s); delete or move them first`);
        },
        ...followedBy(deps.dependents ?? (() => [])),
      },
    );
  }

  /**
   * The MongoDB filter for a proposal list (all criteria optional, combined with AND; the start-time bounds are inclusive).
   * Raises INVALID_ID for a malformed proposal id, BAD_USER_INPUT for a `titleContains` over 256 characters.
   */
  query(f: ProposalFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    if (f.proposalIds) q._id = { $in: f.proposalIds.map((id) => this.checkId(id)) };
    if (f.ownerGroup) q.ownerGroup = f.ownerGroup;
    if (f.type) q.type = f.type;
    if (f.titleContains) q.title = containsFilter(f.titleContains, 'titleContains');
    if (f.pi_email) q.pi_email = f.pi_email;
    if (f.instrument) q['measurementPeriodList.instrument'] = f.instrument;
    if (f.startTimeFrom || f.startTimeTo) q.startTime = { ...(f.startTimeFrom && { $gte: f.startTimeFrom }), ...(f.startTimeTo && { $lte: f.startTimeTo }) };
    return q;
  }
}
