// The publication entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './publication.service';
export * from './publication.type';
