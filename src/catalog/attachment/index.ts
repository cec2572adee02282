// The attachment entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './attachment.rules';
export * from './attachment.service';
export * from './attachment.type';
