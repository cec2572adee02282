// The label entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './label.service';
export * from './label.summary';
export * from './label.type';
export * from './labelset.service';
