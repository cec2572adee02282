// GraphQL for attachments (attachment, attachments, createAttachment, updateAttachment, deleteAttachment,
// upsertAttachment, upsertAttachments) and the `attachments` of datasets, samples and proposals, each
// through the request's loaders: one index request per batch of parents, one key read per batch of thumbnails.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CatalogContext, CatalogServices } from '../catalog';
import { crudResolver } from '../../graphql/crud.resolver';
import { errors } from '../../common/errors';
import { SortDirection } from '../../graphql/connection';
import { Dataset } from '../dataset';
import { Sample } from '../sample';
import { Proposal } from '../proposal';
import { PARENT_FIELDS, type AttachmentParent } from './attachment.rules';
import { ATTACHMENT_ORDER } from './attachment.service';
import { Attachment, AttachmentConnection, AttachmentFilter, AttachmentInput, AttachmentPatch, AttachmentSort, AttachmentSortField } from './attachment.type';

type Row = Attachment & { _id: string };

const Base = crudResolver({
  names: { get: 'attachment', list: 'attachments', create: 'createAttachment', update: 'updateAttachment', delete: 'deleteAttachment', upsert: 'upsertAttachment', upsertMany: 'upsertAttachments' },
  typeName: 'Attachment', idArg: 'id',
  Node: Attachment, Input: AttachmentInput, Patch: AttachmentPatch, FilterInput: AttachmentFilter,
  SortInput: AttachmentSort, defaultSort: { field: AttachmentSortField.CREATED_AT, direction: SortDirection.ASC },
  Connection: AttachmentConnection,
  service: (s: CatalogServices) => s.attachments,
  query: (s: CatalogServices, f) => s.attachments.query(f),
});

/** The attachments of a batch of parents of one kind, oldest first: one index request per batch. */
function attachmentsOf(ctx: CatalogContext, parent: AttachmentParent, id: string) {
  return ctx.loaders.allBy(ctx.services.attachments, PARENT_FIELDS[parent], ATTACHMENT_ORDER).load(id);
}

@Resolver(() => Attachment)
export class AttachmentResolver extends Base {
  @FieldResolver(() => String, { description: 'The image as a data: URI (PNG, JPEG, GIF or WebP, base64).' })
  async thumbnail(@Root() a: Row, @Ctx() ctx: CatalogContext): Promise<string> {
    // lists from the index leave the thumbnail out: the thumbnails a response shows are read by key, in one batch
    if (typeof a.thumbnail === 'string') return a.thumbnail;
    const full = await ctx.loaders.byId(ctx.services.attachments, { thumbnail: 1 }, 'thumbnail').load(a._id);
    if (typeof full?.thumbnail !== 'string') throw errors.notFound('Attachment', a._id);
    return full.thumbnail;
  }

  @FieldResolver(() => Dataset, { nullable: true, description: 'The dataset it is attached to, if the caller may see it.' })
  dataset(@Root() a: Row, @Ctx() ctx: CatalogContext) {
    return a.datasetId ? ctx.loaders.byId(ctx.services.datasets).load(a.datasetId) : null;
  }

  @FieldResolver(() => Sample, { nullable: true, description: 'The sample it is attached to, if the caller may see it.' })
  sample(@Root() a: Row, @Ctx() ctx: CatalogContext) {
    return a.sampleId ? ctx.loaders.byId(ctx.services.samples).load(a.sampleId) : null;
  }

  @FieldResolver(() => Proposal, { nullable: true, description: 'The proposal it is attached to, if the caller may see it.' })
  proposal(@Root() a: Row, @Ctx() ctx: CatalogContext) {
    return a.proposalId ? ctx.loaders.byId(ctx.services.proposals).load(a.proposalId) : null;
  }
}

@Resolver(() => Dataset)
export class DatasetAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Thumbnails attached to this dataset, oldest first.' })
  attachments(@Root() d: Dataset, @Ctx() ctx: CatalogContext) {
    return attachmentsOf(ctx, 'dataset', d.pid);
  }
}

@Resolver(() => Sample)
export class SampleAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Thumbnails attached to this sample, oldest first.' })
  attachments(@Root() s: Sample, @Ctx() ctx: CatalogContext) {
    return attachmentsOf(ctx, 'sample', s.sampleId);
  }
}

@Resolver(() => Proposal)
export class ProposalAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Thumbnails attached to this proposal, oldest first.' })
  attachments(@Root() p: Proposal, @Ctx() ctx: CatalogContext) {
    return attachmentsOf(ctx, 'proposal', p.proposalId);
  }
}
