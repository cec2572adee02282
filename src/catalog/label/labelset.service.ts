// Owns label sets: the declared vocabularies (kind, range, allowed values) that labels must follow,
// so that every label is typed and every export can declare its label fields' types up front.
import { storableQuiet } from '../../common/storable';
import type { Db } from 'mongodb';
import { assertCurator, type Identity } from '../../auth';
import { Collections } from '../../db';
import { errors, type Problem } from '../../common/errors';

export const LABEL_KINDS = ['like', 'score', 'tags', 'class'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
/** Who gave a label: a person, or a model (named and versioned). */
export const LABEL_SOURCES = ['human', 'model'] as const;
export type LabelSourceName = (typeof LABEL_SOURCES)[number];
export type LabelValue = boolean | number | string | string[];

export interface LabelSetSpec {
  name: string;
  kind: LabelKind;
  description?: string;
  /** score: the inclusive range and, optionally, the step (1 for whole-number scores). */
  min?: number;
  max?: number;
  step?: number;
  /** class: the allowed classes; tags: the allowed tags (none declared: free tags). */
  values?: string[];
}

export interface StoredLabelSet extends LabelSetSpec {
  _id: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

const NAME_RE = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_VALUES = 1000;

export class LabelSetService {
  constructor(private readonly db: Db) {}

  private get col() {
    return this.db.collection<StoredLabelSet>(Collections.labelSets);
  }

  /** Every declared label set, in name order. */
  async list(): Promise<StoredLabelSet[]> {
    return this.col.find({}).sort({ _id: 1 }).toArray();
  }

  /** The label set of this name, or null when none is declared (or the name could not be one). */
  async get(name: string): Promise<StoredLabelSet | null> {
    return typeof name === 'string' && NAME_RE.test(name) ? this.col.findOne({ _id: name }) : null;
  }

  /** The named sets, or an error naming every unknown one by its position in `path`. */
  async require(names: readonly string[], path: string): Promise<StoredLabelSet[]> {
    const found = new Map((names.length ? await this.col.find({ _id: { $in: [...new Set(names)] } }).toArray() : []).map((s) => [s._id, s]));
    const unknown = names.map((n, i) => ({ n, i })).filter(({ n }) => !found.has(n));
    if (unknown.length) {
      const declared = (await this.list()).map((s) => s.name);
      throw errors.badInput(
        `unknown label set${unknown.length > 1 ? 's' : ''} ${unknown.map(({ n, i }) => `${JSON.stringify(n)} (${path}[${i}])`).join(', ')}; declared: ${declared.join(', ') || 'none (a steward declares them with declareLabelSet)'}`,
        { problems: unknown.map(({ n, i }) => ({ path: `${path}/${i}`, message: `label set ${JSON.stringify(n)} is not declared` })) },
      );
    }
    return names.map((n) => found.get(n)!);
  }

  /**
   * Declares a set or changes its description, range or values. The kind never changes, and a change
   * that would leave stored labels outside the set is refused (withdraw or change those labels first).
   */
  async declare(identity: Identity, spec: LabelSetSpec, storedValues: () => AsyncIterable<LabelValue>): Promise<StoredLabelSet> {
    assertCurator(identity, 'declare a label set');
    const clean = normalizeSpec(spec);
    const problems = checkSpec(clean);
    if (problems.length) throw errors.validation('LabelSet', problems);
    const old = await this.col.findOne({ _id: clean.name });
    if (old) {
      if (old.kind !== clean.kind) throw errors.validation('LabelSet', [{ path: '/kind', message: `cannot change from ${old.kind} to ${clean.kind} once declared; declare a new set` }]);
      let outside = 0;
      let example: LabelValue | undefined;
      for await (const v of storedValues()) {
        if (valueProblem(clean, v)) {
          outside++;
          example ??= v;
        }
      }
      if (outside) throw errors.conflict(`${outside} stored label(s) of ${clean.name} would fall outside the new declaration (e.g. ${JSON.stringify(example)}); withdraw or change them first`, { outside });
    }
    const now = new Date();
    const doc: StoredLabelSet = { ...clean, _id: clean.name, createdAt: old?.createdAt ?? now, createdBy: old?.createdBy ?? identity.subject, updatedAt: now, updatedBy: identity.subject };
    await this.col.replaceOne({ _id: clean.name }, storableQuiet(doc), { upsert: true });
    return doc;
  }
}

function normalizeSpec(s: LabelSetSpec): LabelSetSpec {
  const out: LabelSetSpec = { name: s.name, kind: s.kind };
  if (s.description) out.description = s.description;
  for (const k of ['min', 'max', 'step'] as const) if (s[k] !== undefined && s[k] !== null) out[k] = s[k];
  if (s.values?.length) out.values = [...s.values];
  return out;
}

/** Problems with a declaration, located by JSON pointer. */
export function checkSpec(s: LabelSetSpec): Problem[] {
  const p: Problem[] = [];
  if (!NAME_RE.test(s.name ?? '')) p.push({ path: '/name', message: 'must be lower-case letters, digits and _ (at most 64, starting with a letter): it becomes a column name in exports' });
  if (!LABEL_KINDS.includes(s.kind)) p.push({ path: '/kind', message: `must be one of ${LABEL_KINDS.join(', ')}` });
  const numbers = ['min', 'max', 'step'] as const;
  if (s.kind === 'score') {
    if (s.min === undefined || s.max === undefined) p.push({ path: s.min === undefined ? '/min' : '/max', message: 'a score set declares its range: min and max' });
    else if (!(s.min < s.max)) p.push({ path: '/max', message: `must be greater than min (${s.min})` });
    for (const k of numbers) if (s[k] !== undefined && !Number.isFinite(s[k])) p.push({ path: `/${k}`, message: 'must be a finite number' });
    if (s.step !== undefined && !(s.step > 0)) p.push({ path: '/step', message: 'must be greater than 0' });
    if (s.values) p.push({ path: '/values', message: 'a score set has a range, not values' });
  } else {
    for (const k of numbers) if (s[k] !== undefined) p.push({ path: `/${k}`, message: `only a score set has ${k}` });
  }
  if (s.kind === 'class' && !s.values?.length) p.push({ path: '/values', message: 'a class set lists its classes' });
  if (s.kind === 'like' && s.values) p.push({ path: '/values', message: 'a like set has no values: a label is like (true) or dislike (false)' });
  if (s.values) {
    if (s.values.length > MAX_VALUES) p.push({ path: '/values', message: `at most ${MAX_VALUES} values` });
    const seen = new Set<string>();
    s.values.forEach((v, i) => {
      if (typeof v !== 'string' || v.length < 1 || v.length > 64) p.push({ path: `/values/${i}`, message: 'must be 1 to 64 characters' });
      else if (!v.trim()) p.push({ path: `/values/${i}`, message: 'is blank (white space only): give a value' });
      else if (seen.has(v)) p.push({ path: `/values/${i}`, message: `repeats ${JSON.stringify(v)}` });
      seen.add(v);
    });
  }
  return p;
}

/** Why a value does not fit a set, or undefined when it fits. */
export function valueProblem(set: LabelSetSpec, v: LabelValue): string | undefined {
  switch (set.kind) {
    case 'like':
      return typeof v === 'boolean' ? undefined : 'must be true (like) or false (dislike)';
    case 'score': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      if (v < set.min! || v > set.max!) return `${v} is outside the range ${set.min}..${set.max} of ${set.name}`;
      if (set.step && Math.abs((v - set.min!) / set.step - Math.round((v - set.min!) / set.step)) > 1e-9) return `${v} is not on the step ${set.step} from ${set.min}`;
      return undefined;
    }
    case 'class':
      if (typeof v !== 'string') return 'must be one class';
      return set.values!.includes(v) ? undefined : `${JSON.stringify(v)} is not a class of ${set.name}; allowed: ${set.values!.join(', ')}`;
    case 'tags': {
      if (!Array.isArray(v) || v.length === 0) return 'must be a non-empty list of tags';
      if (v.some((t) => typeof t !== 'string' || !t.trim())) return 'has a blank tag (white space only): give a value';
      const bad = set.values ? v.filter((t) => !set.values!.includes(t)) : [];
      return bad.length ? `${bad.map((t) => JSON.stringify(t)).join(', ')} not allowed in ${set.name}; allowed: ${set.values!.join(', ')}` : undefined;
    }
    default:
      return 'unknown kind';
  }
}
