// Deterministic, leak-free splits. A dataset's split depends only on the seed and its group (its
// sample, proposal or itself), never on the order of reading or the rest of the selection, so the
// same selection and seed always give the same split, and one sample's datasets share a split.
import { createHash } from 'node:crypto';
import type { SplitGroup, SplitSpec } from './export.request';

export type SplitName = 'train' | 'validation' | 'test';
export const SPLITS: readonly SplitName[] = ['train', 'validation', 'test'];

/** The keys that tie a dataset to others for splitting. */
export function groupKeys(doc: { _id: string; sampleIds?: string[]; proposalIds?: string[] }, by: SplitGroup): string[] {
  const ks = by === 'sample' ? doc.sampleIds : by === 'proposal' ? doc.proposalIds : undefined;
  return ks?.length ? [...new Set(ks)].sort() : [`dataset:${doc._id}`];
}

/**
 * Joins keys that one dataset shares (a dataset of two samples ties them together), so that no
 * component is split. Only keys seen together are kept: a selection of single-sample datasets costs nothing.
 */
export class GroupUnion {
  private parent = new Map<string, string>();

  constructor(pairs: { key: string; group: string }[] = []) {
    for (const { key, group } of pairs) this.parent.set(key, group);
  }

  private find(k: string): string {
    let r = k;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r)!;
    let c = k;
    while (this.parent.has(c) && this.parent.get(c) !== r) {
      const next = this.parent.get(c)!;
      this.parent.set(c, r);
      c = next;
    }
    return r;
  }

  /** Ties the keys together; the component's root is its smallest key, so the result does not depend on order. */
  union(keys: string[]): void {
    if (keys.length < 2) return;
    const roots = keys.map((k) => this.find(k));
    const root = roots.reduce((a, b) => (b < a ? b : a));
    for (const k of [...keys, ...roots]) this.parent.set(k, root);
  }

  /** The group of a dataset with these keys (from groupKeys, so never empty): the root of its first key's component. */
  groupOf(keys: string[]): string {
    return this.find(keys[0]);
  }

  /** How many keys have been tied to a group so far. */
  get size(): number {
    return this.parent.size;
  }

  /** Every key with its group, for storing with the job. */
  pairs(): { key: string; group: string }[] {
    return [...this.parent.keys()].map((key) => ({ key, group: this.find(key) }));
  }
}

/** The split of a group: a seeded hash read as a number in [0, 1), compared with the cumulative ratios. */
export function splitOf(group: string, s: Pick<SplitSpec, 'seed' | 'train' | 'validation' | 'test'>): SplitName {
  const h = createHash('sha256').update(`${s.seed}\0${group}`).digest();
  const u = h.readUIntBE(0, 6) / 2 ** 48;
  if (u < s.train) return 'train';
  if (u < s.train + s.validation) return 'validation';
  if (s.test > 0) return 'test';
  return s.validation > 0 ? 'validation' : 'train'; // rounding in the sum must not create an empty split's only member
}
