// The catalog domain's public surface for the domains above it: the entity services and their wiring.
export * from './catalog';
export { StoredRecords } from './common/record.store';
export { OutboxRepository, type OutboxEvent, type ChangeOp } from './outbox/outbox.repository';
export { knownSize } from './origdatablock/origdatablock.service';
export { isThumbnail } from './attachment/attachment.rules';
export { PUBLICATION_STATUSES, type PublicationState } from './publication/publication.service';
