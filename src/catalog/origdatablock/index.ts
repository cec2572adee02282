export * from './origdatablock.type';
export * from './origdatablock.service';
export * from './origdatablock.resolver';
