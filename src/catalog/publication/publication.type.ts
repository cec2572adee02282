import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccessInput, AccessPatch, AccessRecord } from '../../server/graphql/record.types';
import { Connection, SortDirection } from '../../server/graphql/connection';

export enum PublicationStatus {
  draft = 'draft',
  registered = 'registered',
  findable = 'findable',
}
registerEnumType(PublicationStatus, { name: 'PublicationStatus', description: 'DataCite DOI states.' });

@ObjectType()
export class Creator {
  @Field() name: string;
  @Field({ nullable: true }) givenName?: string;
  @Field({ nullable: true }) familyName?: string;
  @Field({ nullable: true }) orcid?: string;
  @Field({ nullable: true }) affiliation?: string;
}

@InputType()
export class CreatorInput {
  @Field() name: string;
  @Field({ nullable: true }) givenName?: string;
  @Field({ nullable: true }) familyName?: string;
  @Field({ nullable: true }) orcid?: string;
  @Field({ nullable: true }) affiliation?: string;
}

@ObjectType({ description: 'A link to another work, typed by DataCite relation.' })
export class RelatedIdentifier {
  @Field() identifier: string;
  @Field({ description: 'DOI, URL, Handle, ARK, arXiv, PMID, ISBN or ISSN' }) identifierType: string;
  @Field({ description: 'DataCite relationType, e.g. IsSupplementTo, IsCitedBy, IsDerivedFrom' }) relationType: string;
}

@InputType()
export class RelatedIdentifierInput {
  @Field() identifier: string;
  @Field() identifierType: string;
  @Field() relationType: string;
}

@ObjectType({ description: 'Published data: a DOI for a set of datasets (SciCat PublishedData).' })
export class Publication extends AccessRecord {
  @Field() id: string;
  @Field({ nullable: true }) doi?: string;
  @Field() title: string;
  @Field(() => [Creator]) creator: Creator[];
  @Field() publisher: string;
  @Field(() => Int) publicationYear: number;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) resourceType?: string;
  @Field({ nullable: true }) license?: string;
  @Field(() => [String]) datasetPids: string[];
  @Field(() => [RelatedIdentifier], { nullable: true }) relatedPublications?: RelatedIdentifier[];
  @Field(() => PublicationStatus) status: PublicationStatus;
  @Field({ nullable: true }) landingPage?: string;
}

@ObjectType()
export class PublicationConnection extends Connection(Publication, 'Publication') {}

@InputType()
export class PublicationInput extends AccessInput {
  @Field({ nullable: true, description: 'Defaults to the DOI, or a generated id on create.' }) id?: string;
  @Field({ nullable: true }) doi?: string;
  @Field() title: string;
  @Field(() => [CreatorInput]) creator: CreatorInput[];
  @Field() publisher: string;
  @Field(() => Int) publicationYear: number;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) resourceType?: string;
  @Field({ nullable: true }) license?: string;
  @Field(() => [String]) datasetPids: string[];
  @Field(() => [RelatedIdentifierInput], { nullable: true }) relatedPublications?: RelatedIdentifierInput[];
  @Field(() => PublicationStatus, { nullable: true, defaultValue: PublicationStatus.draft }) status?: PublicationStatus;
  @Field({ nullable: true }) landingPage?: string;
}

@InputType()
export class PublicationPatch extends AccessPatch {
  @Field({ nullable: true }) doi?: string;
  @Field({ nullable: true }) title?: string;
  @Field(() => [CreatorInput], { nullable: true }) creator?: CreatorInput[];
  @Field({ nullable: true }) publisher?: string;
  @Field(() => Int, { nullable: true }) publicationYear?: number;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) resourceType?: string;
  @Field({ nullable: true }) license?: string;
  @Field(() => [String], { nullable: true }) datasetPids?: string[];
  @Field(() => [RelatedIdentifierInput], { nullable: true }) relatedPublications?: RelatedIdentifierInput[];
  @Field({ nullable: true }) landingPage?: string;
}

@InputType()
export class PublicationFilter {
  @Field({ nullable: true }) doi?: string;
  @Field(() => PublicationStatus, { nullable: true }) status?: PublicationStatus;
  @Field({ nullable: true, description: 'Publications that include this dataset.' }) datasetPid?: string;
  @Field({ nullable: true, description: 'Publications related to this identifier, e.g. a journal article DOI.' }) relatedIdentifier?: string;
  @Field({ nullable: true }) titleContains?: string;
  @Field(() => Int, { nullable: true }) publicationYear?: number;
}

export enum PublicationSortField {
  ID = '_id',
  PUBLICATION_YEAR = 'publicationYear',
  CREATED_AT = 'createdAt',
}
registerEnumType(PublicationSortField, { name: 'PublicationSortField' });

@InputType()
export class PublicationSort {
  @Field(() => PublicationSortField) field: PublicationSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction: SortDirection;
}
