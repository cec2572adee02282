// Owns publications (DOIs for sets of datasets) and their links to papers.
import { randomUUID } from 'node:crypto';
import type { Db, Filter } from 'mongodb';
import { Collections } from '../../db';
import { containsFilter } from '../../common/text';
import { RecordService, type ServiceOptions } from '../common/record.service';
import type { StoredRecord } from '../common/record.types';
import type { OutboxRepository } from '../outbox/outbox.repository';

export interface PublicationFilterSpec {
  doi?: string;
  status?: string;
  datasetPid?: string;
  relatedIdentifier?: string;
  titleContains?: string;
  publicationYear?: number;
}

export class PublicationService extends RecordService {
  constructor(db: Db, outbox: OutboxRepository, options: ServiceOptions) {
    super(db, { entity: 'Publication', schema: 'publication', collection: Collections.publications, idField: 'id', dateFields: ['createdAt', 'updatedAt'], immutable: [] }, outbox, options, {
      normalize: (json, { forCreate }) => {
        json.status ??= 'draft';
        if (json.id === undefined && typeof json.doi === 'string') json.id = json.doi;
        if (json.id === undefined && forCreate) json.id = `publication/${randomUUID()}`;
      },
    });
  }

  query(f: PublicationFilterSpec = {}): Filter<StoredRecord> {
    const q: Filter<any> = {};
    if (f.doi) q.doi = f.doi;
    if (f.status) q.status = f.status;
    if (f.datasetPid) q.datasetPids = this.checkId(f.datasetPid, 'Dataset');
    if (f.relatedIdentifier) q['relatedPublications.identifier'] = f.relatedIdentifier;
    if (f.titleContains) q.title = containsFilter(f.titleContains);
    if (f.publicationYear) q.publicationYear = f.publicationYear;
    return q;
  }
}
