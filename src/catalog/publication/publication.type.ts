import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccessInput, AccessPatch, AccessRecord } from '../../graphql/record.types';
import { Connection, SortDirection } from '../../graphql/connection';
import { graphqlEnum } from '../../graphql/enums';
import { LongScalar } from '../../graphql/scalars';
import { PUBLICATION_STATUSES, type PublicationState } from './publication.service';

export const PublicationStatus = graphqlEnum('PublicationStatus', PUBLICATION_STATUSES, { description: 'DataCite DOI states.' });
export type PublicationStatus = PublicationState;

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

@ObjectType({ description: 'A DataCite call that has not completed: retrying the same step finishes it.' })
export class PendingDoiChange {
  @Field(() => PublicationStatus) target: PublicationStatus;
  @Field() since: Date;
  @Field({ nullable: true, description: 'Why the last attempt failed.' }) error?: string;
}

@ObjectType({ description: 'Published data: a DOI for a set of datasets (SciCat PublishedData).' })
export class Publication extends AccessRecord {
  @Field() id: string;
  @Field({ nullable: true, description: 'Assigned under the repository prefix on approval unless given.' }) doi?: string;
  @Field() title: string;
  @Field(() => [Creator]) creator: Creator[];
  @Field({ nullable: true }) publisher?: string;
  @Field(() => Int, { nullable: true }) publicationYear?: number;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true, description: 'Free text, e.g. "Diffraction images"; DataCite resourceType.' }) resourceType?: string;
  @Field({ description: 'DataCite resourceTypeGeneral (default Dataset).' }) resourceTypeGeneral: string;
  @Field({ nullable: true, description: 'An SPDX identifier (e.g. CC-BY-4.0) or a licence URL.' }) license?: string;
  @Field({ nullable: true, description: "SciCat's PublishedData affiliation." }) affiliation?: string;
  @Field({ nullable: true, description: "SciCat's PublishedData dataDescription: where the data are described." }) dataDescription?: string;
  @Field(() => [String], { nullable: true }) authors?: string[];
  @Field({ nullable: true }) url?: string;
  @Field(() => Int, { nullable: true }) numberOfFiles?: number;
  @Field(() => LongScalar, { nullable: true }) sizeOfArchive?: number;
  @Field({ nullable: true, description: 'An image as a data: URI.' }) thumbnail?: string;
  @Field(() => [String]) datasetPids: string[];
  @Field(() => [RelatedIdentifier], { nullable: true, description: 'Papers and other works, typed by DataCite relation.' }) relatedPublications?: RelatedIdentifier[];
  @Field(() => PublicationStatus) status: PublicationStatus;
  @Field({ nullable: true }) landingPage?: string;
  @Field({ nullable: true, description: 'The steward who approved the draft.' }) approvedBy?: string;
  @Field({ nullable: true }) approvedAt?: Date;
  @Field({ nullable: true }) registeredAt?: Date;
  @Field({ nullable: true }) publishedAt?: Date;
  @Field(() => PendingDoiChange, { nullable: true }) pending?: PendingDoiChange;
}

@ObjectType()
export class PublicationConnection extends Connection(Publication, 'Publication') {}

@InputType()
export class PublicationInput extends AccessInput {
  @Field({ nullable: true, description: 'Defaults to the DOI, or a generated id on create.' }) id?: string;
  @Field({ nullable: true, description: 'Only under the repository prefix; assigned on approval when omitted.' }) doi?: string;
  @Field() title: string;
  @Field(() => [CreatorInput], { nullable: true }) creator?: CreatorInput[];
  @Field({ nullable: true }) publisher?: string;
  @Field(() => Int, { nullable: true }) publicationYear?: number;
  @Field({ nullable: true }) abstract?: string;
  @Field({ nullable: true }) resourceType?: string;
  @Field({ nullable: true }) resourceTypeGeneral?: string;
  @Field({ nullable: true }) license?: string;
  @Field({ nullable: true }) affiliation?: string;
  @Field({ nullable: true }) dataDescription?: string;
  @Field(() => [String], { nullable: true }) authors?: string[];
  @Field({ nullable: true }) url?: string;
  @Field(() => Int, { nullable: true }) numberOfFiles?: number;
  @Field(() => LongScalar, { nullable: true }) sizeOfArchive?: number;
  @Field({ nullable: true }) thumbnail?: string;
  @Field(() => [String]) datasetPids: string[];
  @Field(() => [RelatedIdentifierInput], { nullable: true }) relatedPublications?: RelatedIdentifierInput[];
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
  @Field({ nullable: true }) resourceTypeGeneral?: string;
  @Field({ nullable: true }) license?: string;
  @Field({ nullable: true }) affiliation?: string;
  @Field({ nullable: true }) dataDescription?: string;
  @Field(() => [String], { nullable: true }) authors?: string[];
  @Field({ nullable: true }) url?: string;
  @Field(() => Int, { nullable: true }) numberOfFiles?: number;
  @Field(() => LongScalar, { nullable: true }) sizeOfArchive?: number;
  @Field({ nullable: true }) thumbnail?: string;
  @Field(() => [String], { nullable: true }) datasetPids?: string[];
  @Field(() => [RelatedIdentifierInput], { nullable: true }) relatedPublications?: RelatedIdentifierInput[];
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
