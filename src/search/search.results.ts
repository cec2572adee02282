// The shapes of search's answers: hits with highlights, facets, the drill-down tree and the logbook,
// with the value lists the schema's enums are made from (search.type.ts).
import type { SearchKind } from './document';
import type { Facet } from './search.query';

export interface Highlight {
  field: string;
  fragments: string[];
}

export interface Hit {
  kind: SearchKind;
  id: string;
  score: number | null;
  title: string;
  time: Date | null;
  highlights: Highlight[];
  instrumentId: string | null;
  proposalIds: string[];
  sampleIds: string[];
}

/** One facet value and its record count; `labelOf` says which facet's records name it (the label is read on demand). */
export interface FacetBucket {
  value: string;
  labelOf: Facet;
  count: number;
}

export interface FacetResult {
  facet: Facet;
  buckets: FacetBucket[];
  /** Records with another value beyond the buckets shown. */
  otherCount: number;
}

export const SORT_ORDERS = ['RELEVANCE', 'NEWEST', 'OLDEST'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface SearchPage {
  totalCount: number;
  offset: number;
  hits: Hit[];
  facets: FacetResult[];
  tookMs: number;
}

export const TREE_LEVELS = ['INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'DATASET'] as const;
export type TreeLevel = (typeof TREE_LEVELS)[number];

export interface TreePath {
  instrumentId?: string;
  proposalId?: string;
  sampleId?: string;
}

/** One node of the drill-down tree; `labelOf` says which facet's records name it (the label is read on demand). */
export interface TreeNode {
  id: string | null;
  labelOf: Facet;
  count: number;
}

export interface TreeResult {
  level: TreeLevel;
  /** Datasets under this path that match the query. */
  datasetCount: number;
  nodes: TreeNode[];
  /** Datasets with no value at this level (no instrument, proposal or sample). */
  missingCount: number;
  otherCount: number;
  /** At the DATASET level: the datasets, newest first. */
  datasets: Hit[];
}

export interface LogbookDay {
  day: string;
  /** Matching records on that day (all of them, not only this page's). */
  count: number;
  entries: Hit[];
}

export interface LogbookPage {
  totalCount: number;
  days: LogbookDay[];
  endCursor: string | null;
  hasNextPage: boolean;
}
