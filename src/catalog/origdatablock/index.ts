// The origdatablock entity's public surface for the other entities and domains (its GraphQL resolvers are
// collected by the composition root, src/app/schema.ts).
export * from './origdatablock.relations';
export * from './origdatablock.service';
export * from './origdatablock.type';
