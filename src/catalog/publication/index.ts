export * from './publication.type';
export * from './publication.service';
export * from './publication.resolver';
