export * from './mapping/mapping.types';
export { loadMapping, validateMapping, MappingError, type MappingProblem } from './mapping/mapping.validate';
export { compileMapping } from './mapping/mapping.engine';
export { IngestRunner, type RunOptions } from './run/ingest.runner';
export { IngestService, type IngestSettings } from './run/ingest.service';
export { IngestTriggers } from './run/ingest.trigger';
export * from './run/ingest.repository';
export { SourceDownError, SourceConfigError } from './adapters';
