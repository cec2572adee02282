// Records that hang off a parent record and carry its access fields (a sample's or a proposal's
// attachments): the parent's service calls them when its access changes and when it is deleted, so a
// child is never readable where its parent is not, and never outlives it.
import type { Identity } from '../../auth';
import type { RecordHooks, StoredRecord } from './record.types';

/** The access fields a parent hands on to its dependents. */
export interface ParentAccess {
  ownerGroup: string;
  accessGroups: string[];
  isPublished: boolean;
}

/** A service whose records hang off a parent: they follow its access and go with it. */
export interface Dependent {
  /** The field of the dependent record that holds the parent's id. */
  readonly parentField: string;
  /** Copies the parent's new access fields onto every record whose `field` is `key`. */
  syncAccess(identity: Identity, field: string, key: string, access: ParentAccess): Promise<void>;
  /** Deletes every record whose `field` is `key` (the parent was deleted). */
  removeForParent(identity: Identity, field: string, key: string): Promise<void>;
}

/** True when two records have the same access fields. */
export function sameAccess(a: Partial<StoredRecord>, b: Partial<StoredRecord>): boolean {
  return a.ownerGroup === b.ownerGroup && a.isPublished === b.isPublished && JSON.stringify(a.accessGroups ?? []) === JSON.stringify(b.accessGroups ?? []);
}

/**
 * The hooks a parent's service adds so its `dependents` follow it: after a write that changed a parent's
 * access they take the new access; after a parent is deleted they are deleted. `dependents` is a function,
 * since the dependents are built after the parent's service (they take it to check their parent).
 */
export function followedBy(dependents: () => Dependent[]): Pick<RecordHooks, 'afterWrite' | 'afterDelete'> {
  return {
    afterWrite: async (identity, changes) => {
      for (const { doc, old } of changes) {
        if (!old || sameAccess(old, doc)) continue;
        const access: ParentAccess = { ownerGroup: doc.ownerGroup, accessGroups: doc.accessGroups, isPublished: doc.isPublished };
        for (const d of dependents()) await d.syncAccess(identity, d.parentField, doc._id, access);
      }
    },
    afterDelete: async (identity, rec) => {
      for (const d of dependents()) await d.removeForParent(identity, d.parentField, rec._id);
    },
  };
}
