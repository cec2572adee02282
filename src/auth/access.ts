// Access control as data: one identity gives one MongoDB filter, and the same rule as a predicate
// for events that never touch the database (subscriptions). Keep the two forms side by side.
import type { Filter } from 'mongodb';
import { errors } from '../common/errors';
import type { Identity } from './identity';

export interface AccessFields {
  ownerGroup?: string;
  accessGroups?: string[];
  isPublished?: boolean;
}

/** The MongoDB filter that limits reads to what `id` may see; `{}` for admins. */
export function readFilter(id: Identity): Filter<any> {
  if (seesAll(id)) return {};
  if (id.role === 'anonymous' || id.groups.length === 0) return { isPublished: true };
  return { $or: [{ isPublished: true }, { ownerGroup: { $in: id.groups } }, { accessGroups: { $in: id.groups } }] };
}

/** The same rule as readFilter, for a record already in memory. */
export function canRead(id: Identity, rec: AccessFields): boolean {
  if (seesAll(id)) return true;
  if (rec.isPublished === true) return true;
  if (id.role === 'anonymous') return false;
  if (rec.ownerGroup && id.groups.includes(rec.ownerGroup)) return true;
  return (rec.accessGroups ?? []).some((g) => id.groups.includes(g));
}

/**
 * Combines a query with the caller's read filter. The result stays flat where it can ({...query, $or})
 * rather than nesting in $and: the same meaning, and simpler for servers that push down only
 * top-level equality (FerretDB).
 */
export function withAccess(id: Identity, query: Filter<any>): Filter<any> {
  const access = readFilter(id);
  if (Object.keys(access).length === 0) return query;
  if (Object.keys(query).length === 0) return access;
  const clash = Object.keys(access).some((k) => k in query);
  return clash ? { $and: [query, access] } : { ...query, ...access };
}

/** Writers are ingestors (into their own groups) and admins. */
export function assertCanWrite(id: Identity, ownerGroup: string | undefined, entity: string): void {
  if (id.role === 'admin') return;
  if (id.role === 'steward') throw errors.forbidden(`a steward curates publications and may not write ${entity} records`);
  if (id.role !== 'ingestor') {
    throw id.role === 'anonymous'
      ? errors.unauthenticated(`writing a ${entity} needs a token or API key`)
      : errors.forbidden(`role ${id.role} may not write ${entity} records; an ingestor or admin may`);
  }
  if (!ownerGroup || !id.groups.includes(ownerGroup)) {
    throw errors.forbidden(`ingestor ${id.subject} may not write ${entity} records of ownerGroup ${JSON.stringify(ownerGroup)}; allowed: ${id.groups.join(', ') || 'none'}`);
  }
}

/**
 * Publications are curated, not ingested: any member of the owner group (user or ingestor) may write
 * a draft for its group; stewards and admins may write any group's.
 */
export function assertCanCurate(id: Identity, ownerGroup: string | undefined, entity: string): void {
  if (seesAll(id)) return;
  assertSignedIn(id, `writing a ${entity}`);
  if (!ownerGroup || !id.groups.includes(ownerGroup)) {
    throw errors.forbidden(`${id.subject} may not write ${entity} records of ownerGroup ${JSON.stringify(ownerGroup)}; allowed: ${id.groups.join(', ') || 'none'}`);
  }
}

// ---- named abilities: every role check of the catalog is one of these ----

/** Stewards and admins see every record and every job: curation and operations need it. */
export function seesAll(id: Identity): boolean {
  return id.role === 'admin' || id.role === 'steward';
}

/** True for a caller without a token or API key. */
export function isAnonymous(id: Identity): boolean {
  return id.role === 'anonymous';
}

/** Refuses anonymous callers with UNAUTHENTICATED; `what` names the action ("labelling", "exporting"). */
export function assertSignedIn(id: Identity, what: string): void {
  if (id.role === 'anonymous') throw errors.unauthenticated(`${what} needs a token or API key`);
}

/** Curation (label sets, DOI approval and registration): stewards and admins. `action` ("approve a publication") names it in the refusal. */
export function assertCurator(id: Identity, action: string): void {
  if (seesAll(id)) return;
  if (id.role === 'anonymous') throw errors.unauthenticated(`to ${action} you need a steward's token`);
  throw errors.forbidden(`only a data steward (or admin) may ${action}; ${id.subject} is ${id.role}`);
}

/** Running ingests and reading their quarantine: ingestors and admins (stewards also read runs: seesAll). */
export function canRunIngest(id: Identity): boolean {
  return id.role === 'admin' || id.role === 'ingestor';
}

/**
 * Pointing a dataset under a storage root, whose files the catalog then serves to the dataset's readers: admins (the
 * mapping runs act as the system, an admin) and the root's `writers` (subjects; a trailing * matches any end).
 */
export function canDeclareFolder(id: Identity, writers: readonly string[]): boolean {
  return id.role === 'admin' || writers.some((w) => (w.endsWith('*') ? id.subject.startsWith(w.slice(0, -1)) : id.subject === w));
}

/** A label is changed by whoever gave it, or an admin; withdrawn also by a steward. */
export function canChangeLabel(id: Identity, label: { by: string }, action: 'change' | 'withdraw'): boolean {
  return label.by === id.subject || id.role === 'admin' || (action === 'withdraw' && id.role === 'steward');
}

/** A job (an export) is seen by its owner, and by stewards and admins. */
export function canSeeJob(id: Identity, job: { owner: { subject: string } }): boolean {
  return seesAll(id) || (id.role !== 'anonymous' && job.owner.subject === id.subject);
}
