// GraphQL shapes of search: the query input, hits with highlights, facets, the hierarchy and the logbook.
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum, upper } from '../graphql/enums';
import { SEARCHABLE, type SearchKind as SearchKindName } from './document';
import { FACETS, FILTER_OPS, type Facet, type FilterOp as FilterOpName } from './search.query';
import { SORT_ORDERS, TREE_LEVELS, type SortOrder, type TreeLevel as TreeLevelName } from './search.results';
import { SortDirection } from '../graphql/connection';
import { MAX_BUCKETS } from './search.histogram';
import { Dataset } from '../catalog/dataset/dataset.type';
import { Proposal } from '../catalog/proposal/proposal.type';
import { Sample } from '../catalog/sample/sample.type';

export const SearchKind = graphqlEnum('SearchKind', SEARCHABLE, { key: upper, description: 'The kinds of record the index holds.' });
export type SearchKind = SearchKindName;

export const FilterOp = graphqlEnum('FilterOp', FILTER_OPS, { description: 'Comparison of a field or metadata value with the operands (value, values, from/to).' });
export type FilterOp = FilterOpName;

export const SearchFacet = graphqlEnum('SearchFacet', FACETS);
export type SearchFacet = Facet;

export const SearchSort = graphqlEnum('SearchSort', SORT_ORDERS, { description: 'RELEVANCE is the default with text, NEWEST without.' });
export type SearchSort = SortOrder;

export const TreeLevel = graphqlEnum('TreeLevel', TREE_LEVELS, { description: 'Levels of the hierarchy: instrument › proposal › sample › dataset.' });
export type TreeLevel = TreeLevelName;

@InputType({ description: 'One condition on a record field (field) or a scientific metadata path (path).' })
export class SearchFilterInput {
  @Field({ nullable: true, description: 'kind, pid, type, instrumentId, proposalId, sampleId, keyword, technique, ownerGroup, accessGroup, owner, principalInvestigator, license, title, isPublished, creationTime, createdAt, updatedAt, size or numberOfFiles.' })
  field?: string;
  @Field({ nullable: true, description: 'A metadata path such as "energy" or "detector.distance" (metadataKeys lists them).' }) path?: string;
  @Field(() => FilterOp) op: FilterOp;
  @Field({ nullable: true, description: 'The operand of EQ, NE, LT, LTE, GT, GTE and PREFIX.' }) value?: string;
  @Field(() => [String], { nullable: true, description: 'The operands of IN.' }) values?: string[];
  @Field({ nullable: true, description: 'RANGE lower bound (inclusive).' }) from?: string;
  @Field({ nullable: true, description: 'RANGE upper bound (inclusive).' }) to?: string;
  @Field({ nullable: true, description: 'The unit of the operands for a metadata quantity, e.g. keV; values stored in any convertible unit match.' }) unit?: string;
}

@InputType({ description: 'What to look for: free text, record kinds and filters, all combined with AND.' })
export class SearchInput {
  @Field({ nullable: true, description: 'Words (all must match), "quoted phrases", -exclusions, OR, wildcards*; quantities such as 12 keV also match metadata values within 5%.' })
  text?: string;
  @Field(() => [SearchKind], { nullable: true, description: 'Default: every kind.' }) kinds?: SearchKind[];
  @Field(() => [SearchFilterInput], { nullable: true }) filters?: SearchFilterInput[];
}

@InputType({ description: 'A column to sort search results by: exactly one of field and path. Ties go newest first; records without a value come last in either direction.' })
export class SearchOrderInput {
  @Field({ nullable: true, description: 'A record field: any of SearchFilterInput.field (e.g. creationTime, size, numberOfFiles, owner, pid, type, title, principalInvestigator, ownerGroup). A field with several values sorts by its smallest going up, its largest going down.' })
  field?: string;
  @Field({
    nullable: true,
    description:
      'A metadata path such as "energy" or "detector.distance": quantities sort by their value in SI units (12 keV and 12500 eV compare as energies; values of several dimensions are refused), numbers by value, dates as dates, else as text. Values that do not fit that scale (a number with no or an unknown unit among quantities, text among numbers) count as missing.',
  })
  path?: string;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}

@ObjectType()
export class SearchHighlight {
  @Field() field: string;
  @Field(() => [String], { description: 'HTML fragments: the stored text HTML-escaped, with matches marked by <mark>…</mark> (the only markup).' }) fragments: string[];
}

@ObjectType({ description: 'One matching record; dataset, sample or proposal resolves the record itself.' })
export class SearchHit {
  @Field(() => SearchKind) kind: SearchKind;
  @Field(() => ID) id: string;
  @Field(() => Float, { nullable: true }) score?: number | null;
  @Field() title: string;
  @Field({ nullable: true }) time?: Date;
  @Field(() => [SearchHighlight]) highlights: SearchHighlight[];
  @Field({ nullable: true }) instrumentId?: string;
  @Field(() => [String]) proposalIds: string[];
  @Field(() => [String]) sampleIds: string[];
  @Field(() => Dataset, { nullable: true }) dataset?: Dataset;
  @Field(() => Sample, { nullable: true }) sample?: Sample;
  @Field(() => Proposal, { nullable: true }) proposal?: Proposal;
}

@ObjectType()
export class FacetBucket {
  @Field() value: string;
  @Field(() => Int) count: number;
}

@ObjectType()
export class FacetResult {
  @Field(() => SearchFacet) facet: SearchFacet;
  @Field(() => [FacetBucket]) buckets: FacetBucket[];
  @Field(() => Int, { description: 'Records with values beyond the buckets shown.' }) otherCount: number;
}

@ObjectType()
export class SearchResult {
  @Field(() => Int) totalCount: number;
  @Field(() => Int) offset: number;
  @Field(() => [SearchHit]) hits: SearchHit[];
  @Field(() => [FacetResult], { description: 'Each facet counts under every filter except those on its own field.' }) facets: FacetResult[];
  @Field(() => Int, { description: 'Elasticsearch\'s own time for the query.' }) tookMs: number;
}

@InputType({ description: 'Where in the hierarchy to look: nothing (instruments), an instrument (its proposals), a proposal (its samples), a sample (its datasets).' })
export class TreePathInput {
  @Field({ nullable: true }) instrumentId?: string;
  @Field({ nullable: true }) proposalId?: string;
  @Field({ nullable: true }) sampleId?: string;
}

@ObjectType()
export class TreeNode {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Matching datasets under this node.' }) count: number;
}

@ObjectType()
export class SearchTree {
  @Field(() => TreeLevel) level: TreeLevel;
  @Field(() => Int, { description: 'Matching datasets under the path.' }) datasetCount: number;
  @Field(() => [TreeNode]) nodes: TreeNode[];
  @Field(() => Int, { description: 'Matching datasets with nothing at this level.' }) missingCount: number;
  @Field(() => Int, { description: 'Datasets under nodes beyond those listed.' }) otherCount: number;
  @Field(() => [SearchHit], { description: 'At the DATASET level: the datasets, newest first.' }) datasets: SearchHit[];
}

@ObjectType()
export class LogbookDay {
  @Field({ description: 'YYYY-MM-DD in the requested time zone.' }) day: string;
  @Field(() => Int, { description: 'All matching records of that day (not only this page\'s).' }) count: number;
  @Field(() => [SearchHit]) entries: SearchHit[];
}

@ObjectType()
export class Logbook {
  @Field(() => Int) totalCount: number;
  @Field(() => [LogbookDay]) days: LogbookDay[];
  @Field(() => String, { nullable: true }) endCursor?: string | null;
  @Field() hasNextPage: boolean;
}

@ObjectType({ description: 'A scientific metadata key in records you may see.' })
export class MetadataKey {
  @Field() key: string;
  @Field(() => Int, { description: 'Records carrying it.' }) count: number;
  @Field(() => [String], { description: 'string, number, quantity, date, boolean.' }) types: string[];
  @Field(() => [String]) units: string[];
  @Field(() => [String], { description: 'SI base units of its quantities (values in units of one dimension compare).' }) dimensions: string[];
  @Field(() => [String], { description: 'Units among `units` the catalog does not know: their values have no SI form, so unit-aware filters do not reach them (never guessed).' }) unknownUnits: string[];
}

@ObjectType({ description: 'Records per bucket: values in [from, to); the last bucket also holds to (the maximum).' })
export class HistogramBucket {
  @Field(() => Float, { description: 'Lower bound (inclusive), in the histogram\'s unit.' }) from: number;
  @Field(() => Float, { description: 'Upper bound (exclusive but for the last bucket), in the histogram\'s unit.' }) to: number;
  @Field(() => Int, { description: 'Records with a value in the bucket; a record with several values counts in each bucket it has one in.' }) count: number;
}

@ObjectType({ description: `The distribution of a numeric metadata key over the records you may see that match a search, in up to ${MAX_BUCKETS} equal-width buckets between min and max.` })
export class MetadataHistogram {
  @Field() path: string;
  @Field(() => String, { nullable: true, description: 'The SI unit min, max and the bounds are in (e.g. m, J, K, Pa; base units such as m2 when there is no name) for quantities; null for plain numbers. Values with no or an unknown unit are left out of a quantity\'s histogram.' })
  unit: string | null;
  @Field(() => Int, { description: 'Records with a value of the key.' }) count: number;
  @Field(() => Float, { nullable: true, description: 'Null when no record has a value.' }) min: number | null;
  @Field(() => Float, { nullable: true }) max: number | null;
  @Field(() => [HistogramBucket], { description: 'Equal widths from min to max; one bucket when every value is the same; none without values.' }) buckets: HistogramBucket[];
}

@ObjectType()
export class SearchStatus {
  @Field() available: boolean;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => String, { nullable: true }) alias?: string | null;
  @Field(() => [String]) indices: string[];
  @Field(() => Int, { nullable: true }) documents?: number | null;
  @Field({ nullable: true, description: 'When the sync worker last indexed a change.' }) indexedAt?: Date;
  @Field(() => String, { nullable: true }) lastError?: string | null;
  @Field(() => Int, { description: 'Outbox entries written but not yet indexed.' }) pending: number;
}
