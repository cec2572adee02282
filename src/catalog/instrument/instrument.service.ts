// Owns instruments (beamlines). The pid defaults to one derived from uniqueName, so upserts by name are idempotent.
import type { Db, Filter } from 'mongodb';
import { Collections } from '../../db';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { StoredRecord } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { errors } from '../../common/errors';
import { containsFilter } from '../../common/text';
import type { DatasetService } from '../dataset';

export interface InstrumentFilterSpec {
  pids?: string[];
  uniqueName?: string;
  nameContains?: string;
}

export class InstrumentService extends RecordService {
  /** @param datasets refuses the delete of an instrument datasets still point at */
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions, datasets: DatasetService) {
    super(db, { entity: 'Instrument', schema: 'instrument', collection: Collections.instruments, idField: 'pid', dateFields: ['createdAt', 'updatedAt'], immutable: [], heavy: ['customMetadata'], unique: ['uniqueName'] }, outbox, options, {
      normalize: (json) => {
        if (json.pid === undefined && typeof json.uniqueName === 'string') json.pid = `instrument/${json.uniqueName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`;
      },
      beforeDelete: async (identity, rec) => {
        const n = await datasets.countAll({ instrumentId: rec._id });
        if (n > 0) throw errors.conflict(`instrument ${rec._id} has ${n} dataset(s); delete or move them first`);
      },
    });
  }

  /**
   * The MongoDB filter for an instrument list (all criteria optional, combined with AND; `nameContains` is case-insensitive).
   * Raises INVALID_ID for a malformed pid, BAD_USER_INPUT for a `nameContains` over 256 characters.
   */
  query(f: InstrumentFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    if (f.pids) q._id = { $in: f.pids.map((id) => this.checkId(id)) };
    if (f.uniqueName) q.uniqueName = f.uniqueName;
    if (f.nameContains) q.name = containsFilter(f.nameContains, 'nameContains');
    return q;
  }
}
