export * from './dataset.type';
export * from './dataset.service';
export * from './dataset.resolver';
export * from './dataset.subscription';
