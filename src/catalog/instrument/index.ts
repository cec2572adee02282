export * from './instrument.type';
export * from './instrument.service';
export * from './instrument.resolver';
