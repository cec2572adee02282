// The export domain's public surface: jobs (create, list, cancel, resume, claim), the runner that
// writes a job's files, the worker that takes queued jobs, its GraphQL resolver and download router.
export { ExportService, LEASE_MS } from './export.service';
export { ExportRunner } from './export.runner';
export { ExportWorker } from './export.worker';
export type { ExportJob } from './export.job';
export { ExportResolver } from './export.resolver';
export { exportRouter } from './export.router';
