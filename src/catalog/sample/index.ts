export * from './sample.type';
export * from './sample.service';
export * from './sample.resolver';
