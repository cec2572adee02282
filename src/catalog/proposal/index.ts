export * from './proposal.type';
export * from './proposal.service';
export * from './proposal.resolver';
