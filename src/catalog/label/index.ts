export * from './label.type';
export * from './label.service';
export * from './labelset.service';
export * from './label.summary';
export * from './label.resolver';
