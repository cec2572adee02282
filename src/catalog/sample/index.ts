// The sample entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './sample.relations';
export * from './sample.service';
export * from './sample.type';
