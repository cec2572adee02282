// The instrument entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './instrument.service';
export * from './instrument.type';
