// The proposal entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './proposal.service';
export * from './proposal.type';
