export * from './mapping.types';
export { loadMapping, validateMapping, MappingError, type MappingProblem } from './mapping.validate';
export { compileMapping } from './mapping.engine';
export { IngestRunner, type RunOptions } from './ingest.runner';
export { IngestService, type IngestSettings } from './ingest.service';
export { IngestTriggers } from './ingest.trigger';
export * from './ingest.repository';
export { SourceDownError, SourceConfigError } from './adapters';
