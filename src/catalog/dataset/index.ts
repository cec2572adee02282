// The dataset entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './dataset.counters';
export * from './dataset.relations';
export * from './dataset.service';
export * from './dataset.type';
