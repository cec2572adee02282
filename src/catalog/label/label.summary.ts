// Per-dataset summaries of the labels in one set: counts, the consensus an ML team would train on,
// and how far the labellers agree. Pure functions: the export and GraphQL use the same rules.
import type { LabelKind, LabelSetSpec, LabelSourceName as LabelSource, LabelValue } from './labelset.service';

export interface LabelLike {
  value: LabelValue;
  source: LabelSource;
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface LabelSummary {
  labelSet: string;
  kind: LabelKind;
  count: number;
  humanCount: number;
  modelCount: number;
  likes?: number;
  dislikes?: number;
  meanScore?: number;
  minScore?: number;
  maxScore?: number;
  counts?: ValueCount[];
  /** like: true/false (null on a tie); score: the mean; class: the majority class (null on a tie); tags: the tags more than half the labellers gave. */
  consensus: boolean | number | string | string[] | null;
  /**
   * 0..1. like and class: the share of labels that agree with the most common value.
   * score: 1 − standard deviation / half the range. tags: the mean share of labellers giving each consensus tag.
   * Null without labels.
   */
  agreement: number | null;
}

/**
 * One dataset's labels in one label set, summarised by the set's kind: counts by source, the consensus and the
 * agreement (0..1; null without labels), plus likes, score range or value counts as the kind has them. See LabelSummary.
 */
export function summarize(set: LabelSetSpec, labels: readonly LabelLike[]): LabelSummary {
  const s: LabelSummary = {
    labelSet: set.name,
    kind: set.kind,
    count: labels.length,
    humanCount: labels.filter((l) => l.source === 'human').length,
    modelCount: labels.filter((l) => l.source === 'model').length,
    consensus: null,
    agreement: null,
  };
  if (!labels.length) return s;
  switch (set.kind) {
    case 'like': {
      s.likes = labels.filter((l) => l.value === true).length;
      s.dislikes = labels.length - s.likes;
      s.consensus = s.likes === s.dislikes ? null : s.likes > s.dislikes;
      s.agreement = Math.max(s.likes, s.dislikes) / labels.length;
      break;
    }
    case 'score': {
      const xs = labels.map((l) => l.value as number);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      s.meanScore = mean;
      s.minScore = Math.min(...xs);
      s.maxScore = Math.max(...xs);
      s.consensus = mean;
      s.agreement = clamp01(1 - sd / ((set.max! - set.min!) / 2));
      break;
    }
    case 'class': {
      s.counts = tally(labels.map((l) => l.value as string));
      const [top, second] = s.counts;
      s.consensus = second && second.count === top.count ? null : top.value;
      s.agreement = top.count / labels.length;
      break;
    }
    case 'tags': {
      s.counts = tally(labels.flatMap((l) => l.value as string[]));
      const kept = s.counts.filter((c) => c.count * 2 > labels.length);
      s.consensus = kept.map((c) => c.value).sort();
      s.agreement = kept.length ? kept.reduce((a, c) => a + c.count, 0) / (kept.length * labels.length) : 0;
      break;
    }
  }
  return s;
}

/** Most frequent first; ties by value, so the order never depends on the labels' order. */
function tally(values: string[]): ValueCount[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
