// Configuration is read and checked once, at start-up; a bad setting stops the program with a message naming it.
import path from 'node:path';
import { projectRoot } from '../common/paths';

export interface Config {
  host: string;
  port: number;
  mongoUri: string;
  dbName: string;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  groupsClaim: string;
  rolesClaim: string;
  /** The OpenID provider browsers sign in at (the portal's authority), told them at GET /auth/config. */
  oidcIssuer?: string;
  /** The portal's client id at that provider (a public client: authorization code with PKCE). */
  oidcClientId?: string;
  pidPrefix: string;
  maxPageSize: number;
  maxDepth: number;
  maxCost: number;
  /** The cost budget of a request without a token (at most maxCost). */
  maxCostAnonymous: number;
  /** Whether the schema can be introspected (GraphiQL needs it); switch off in production if wanted. */
  introspection: boolean;
  /** Whether validation errors suggest field names ("Did you mean …?"). */
  fieldSuggestions: boolean;
  outboxPollMs: number;
  logLevel: string;
  /** The address users and harvesters reach the catalog at; landing pages and DOIs point under it. */
  publicUrl?: string;
  repositoryName: string;
  adminEmail: string;
  oaiPageSize: number;
  /** The repositoryIdentifier part of OAI identifiers (oai:<it>:<pid>): a domain name. */
  oaiRepositoryId: string;
  datacite?: DataCiteSettings;
  /** Where export jobs write their folders (shared storage when several replicas run jobs). */
  exportDir: string;
  exportPollMs: number;
  /** Whether this process runs queued export jobs. */
  exportWorker: boolean;
  /** Elasticsearch; without it search is unavailable and everything else works. */
  elasticsearchUrl?: string;
  /** Prefix of this catalog's index and alias names. */
  searchIndex: string;
  /** Whether this process runs the search sync worker (one replica at a time holds its lease). */
  searchSync: boolean;
  searchPollMs: number;
  searchBatch: number;
  /** Where lists, relations and counts are read: the index (falling back to MongoDB while it cannot answer), or MongoDB always. */
  readStore: 'elasticsearch' | 'mongodb';
  /** Kafka bootstrap servers (host:port,…) for ingest triggers; without them `ingest listen` refuses to start. */
  kafkaBrokers?: string[];
  /** Folder of the mapping files the API and workers may run (default mappings/ in the project). */
  mappingsDir: string;
  /** How long an ingest worker's lease on a mapping lasts without renewal (a dead worker's run is resumed after it). */
  ingestLeaseMs: number;
  /** How often a run retries a source that is down, and the first wait (doubled each time). */
  ingestRetries: number;
  ingestBackoffMs: number;
  /**
   * Where datasets' files are on this machine: per instrument pid (or "*" for any), `sourceFolder` prefixes mapped to
   * local folders (a mounted facility file system). Files of a dataset whose folder lies under no root are not served.
   */
  storageRoots: StorageRootSetting[];
}

/**
 * One storage root: datasets of `instrumentId` ("*": any) whose `sourceFolder` starts with `prefix` have their files under `path`.
 * `writers`: who besides admins (and the mapping runs, which act as the system) may point a dataset there (subjects, a trailing * matching any end; default none).
 */
export interface StorageRootSetting {
  instrumentId: string;
  prefix: string;
  path: string;
  writers?: string[];
}

export interface DataCiteSettings {
  url: string;
  prefix: string;
  user: string;
  password: string;
  timeoutMs: number;
  retries: number;
}

export class ConfigError extends Error {
  constructor(public problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}=${JSON.stringify(raw)} must be an integer between ${min} and ${max}`);
    return def;
  }
  return n;
}

function bool(env: Env, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name}=${JSON.stringify(raw)} must be true or false`);
  return def;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], def: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}=${JSON.stringify(raw)} must be one of ${allowed.join(', ')}`);
  return def;
}

function url(env: Env, name: string, schemes: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    if (!schemes.includes(u.protocol)) problems.push(`${name} must use ${schemes.join(' or ')} (got ${u.protocol})`);
  } catch {
    problems.push(`${name}=${JSON.stringify(raw)} is not a URL`);
  }
  return raw;
}

/** The folder mapping files are read from by id (CATALOG_MAPPINGS_DIR, default mappings/ in the project); it needs no other setting. */
export function mappingsDir(env: Env = process.env): string {
  return path.resolve(env.CATALOG_MAPPINGS_DIR || path.join(projectRoot(), 'mappings'));
}

/** Reads the configuration from the environment. `overrides` win (used by tests and the CLI). */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const mongoUri = overrides.mongoUri ?? url(env, 'MONGODB_URI', ['mongodb:', 'mongodb+srv:'], problems);
  if (!mongoUri) problems.push('MONGODB_URI is not set (scripts/services.sh up starts a local server and prints it)');
  const auth = authSettings(env, overrides, problems);
  const dbName = overrides.dbName ?? env.CATALOG_DB ?? 'catalog';
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(dbName)) problems.push(`CATALOG_DB=${JSON.stringify(dbName)} is not a valid database name`);
  const logLevel = overrides.logLevel ?? env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel} is not a pino level`);

  const cfg: Config = {
    host: env.CATALOG_HOST ?? '127.0.0.1',
    port: int(env, 'CATALOG_PORT', 4000, 0, 65535, problems),
    mongoUri: mongoUri ?? '',
    dbName,
    ...auth,
    pidPrefix: env.CATALOG_PID_PREFIX ?? '20.500.12345',
    maxPageSize: int(env, 'CATALOG_MAX_PAGE_SIZE', 500, 1, 10000, problems),
    maxDepth: int(env, 'CATALOG_MAX_DEPTH', 10, 2, 50, problems),
    maxCost: int(env, 'CATALOG_MAX_COST', 50000, 10, 10_000_000, problems),
    maxCostAnonymous: int(env, 'CATALOG_MAX_COST_ANONYMOUS', 10000, 10, 10_000_000, problems),
    introspection: bool(env, 'CATALOG_INTROSPECTION', true, problems),
    fieldSuggestions: bool(env, 'CATALOG_FIELD_SUGGESTIONS', true, problems),
    outboxPollMs: int(env, 'CATALOG_OUTBOX_POLL_MS', 250, 10, 60000, problems),
    logLevel,
    publicUrl: url(env, 'CATALOG_PUBLIC_URL', ['http:', 'https:'], problems)?.replace(/\/+$/, ''),
    repositoryName: env.CATALOG_REPOSITORY_NAME ?? 'Facility data catalog',
    adminEmail: env.CATALOG_ADMIN_EMAIL ?? 'data-steward@facility.example',
    oaiPageSize: int(env, 'CATALOG_OAI_PAGE_SIZE', 200, 1, 5000, problems),
    oaiRepositoryId: env.CATALOG_OAI_REPOSITORY_ID ?? 'catalog.facility.example',
    datacite: dataciteSettings(env, problems),
    exportDir: path.resolve(env.CATALOG_EXPORT_DIR || path.join(projectRoot(), '.data', 'exports')),
    exportPollMs: int(env, 'CATALOG_EXPORT_POLL_MS', 1000, 50, 600000, problems),
    exportWorker: bool(env, 'CATALOG_EXPORT_WORKER', true, problems),
    elasticsearchUrl: url(env, 'ELASTICSEARCH_URL', ['http:', 'https:'], problems)?.replace(/\/+$/, ''),
    searchIndex: env.CATALOG_SEARCH_INDEX || 'catalog',
    searchSync: bool(env, 'CATALOG_SEARCH_SYNC', true, problems),
    searchPollMs: int(env, 'CATALOG_SEARCH_POLL_MS', 250, 10, 600000, problems),
    searchBatch: int(env, 'CATALOG_SEARCH_BATCH', 500, 1, 10000, problems),
    readStore: oneOf(env, 'CATALOG_READ_STORE', ['elasticsearch', 'mongodb'] as const, 'elasticsearch', problems),
    kafkaBrokers: env.CATALOG_KAFKA_BROKERS ? env.CATALOG_KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean) : undefined,
    mappingsDir: mappingsDir(env),
    ingestLeaseMs: int(env, 'CATALOG_INGEST_LEASE_MS', 30000, 500, 3600000, problems),
    ingestRetries: int(env, 'CATALOG_INGEST_RETRIES', 5, 0, 100, problems),
    ingestBackoffMs: int(env, 'CATALOG_INGEST_BACKOFF_MS', 1000, 10, 600000, problems),
    storageRoots: storageRoots(env, problems),
    ...overrides,
  };
  checkNames(cfg, problems);
  checkSignIn(cfg, problems);
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

/** The settings that name things elsewhere: the OAI repository id, Kafka brokers, the index prefix. */
function checkNames(cfg: Config, problems: string[]): void {
  if (!/^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/.test(cfg.oaiRepositoryId)) problems.push(`CATALOG_OAI_REPOSITORY_ID=${cfg.oaiRepositoryId} must be a domain name such as catalog.facility.example`);
  for (const b of cfg.kafkaBrokers ?? []) if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)) problems.push(`CATALOG_KAFKA_BROKERS: "${b}" is not host:port`);
  if (!/^[a-z0-9][a-z0-9_-]{0,80}$/.test(cfg.searchIndex)) problems.push(`CATALOG_SEARCH_INDEX=${JSON.stringify(cfg.searchIndex)} must be lower-case letters, digits, - or _ (an Elasticsearch index name prefix)`);
}

type AuthSettings = Pick<Config, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'groupsClaim' | 'rolesClaim' | 'oidcIssuer' | 'oidcClientId'>;

/** Who may call: the catalog's own HS256 secret and an OIDC provider's JWKS (either or both), the claims read, where browsers sign in. */
function authSettings(env: Env, overrides: Partial<Config>, problems: string[]): AuthSettings {
  const jwtSecret = overrides.jwtSecret ?? env.CATALOG_JWT_SECRET;
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('CATALOG_JWT_SECRET must be at least 32 characters');
  const jwksUrl = overrides.jwksUrl ?? url(env, 'CATALOG_JWKS_URL', ['http:', 'https:'], problems);
  if (!jwtSecret && !jwksUrl) problems.push('set CATALOG_JWT_SECRET (HS256, the catalog\'s own tokens) and/or CATALOG_JWKS_URL (an OIDC provider\'s)');
  return {
    jwtSecret,
    jwksUrl,
    jwtIssuer: env.CATALOG_JWT_ISSUER || undefined,
    jwtAudience: env.CATALOG_JWT_AUDIENCE || undefined,
    groupsClaim: env.CATALOG_GROUPS_CLAIM ?? 'groups',
    rolesClaim: env.CATALOG_ROLES_CLAIM ?? 'roles',
    oidcIssuer: url(env, 'CATALOG_OIDC_ISSUER', ['http:', 'https:'], problems),
    oidcClientId: env.CATALOG_OIDC_CLIENT_ID || undefined,
  };
}

/** Browser sign-in: the provider and the portal's client id go together, and the catalog needs the provider's keys. */
function checkSignIn(cfg: Config, problems: string[]): void {
  if (cfg.oidcClientId !== undefined && !cfg.oidcClientId.trim()) problems.push('CATALOG_OIDC_CLIENT_ID must not be blank');
  if (cfg.oidcIssuer && !cfg.oidcClientId) problems.push('CATALOG_OIDC_CLIENT_ID must be set with CATALOG_OIDC_ISSUER (the portal\'s client id at the provider, e.g. catalog-portal)');
  if (!cfg.oidcIssuer && cfg.oidcClientId) problems.push('CATALOG_OIDC_CLIENT_ID is set but CATALOG_OIDC_ISSUER is not (the provider browsers sign in at)');
  if (cfg.oidcIssuer && !cfg.jwksUrl) problems.push('CATALOG_OIDC_ISSUER is set but CATALOG_JWKS_URL is not: the catalog could not verify the tokens browsers sign in with');
}

/** DataCite is optional: without DATACITE_URL the catalog keeps drafts and refuses to register DOIs. */
function dataciteSettings(env: Env, problems: string[]): DataCiteSettings | undefined {
  const u = url(env, 'DATACITE_URL', ['http:', 'https:'], problems);
  if (!u) return undefined;
  const prefix = env.DATACITE_PREFIX ?? '';
  if (!/^10\.\d{4,9}$/.test(prefix)) problems.push(`DATACITE_PREFIX=${JSON.stringify(prefix)} must be a DOI prefix such as 10.12345`);
  if (!env.DATACITE_USER || !env.DATACITE_PASSWORD) problems.push('DATACITE_USER and DATACITE_PASSWORD must be set with DATACITE_URL (the repository account)');
  return {
    url: u.replace(/\/+$/, ''),
    prefix,
    user: env.DATACITE_USER ?? '',
    password: env.DATACITE_PASSWORD ?? '',
    timeoutMs: int(env, 'DATACITE_TIMEOUT_MS', 10000, 100, 600000, problems),
    retries: int(env, 'DATACITE_RETRIES', 2, 0, 10, problems),
  };
}

/**
 * CATALOG_STORAGE_ROOTS: JSON `{"<instrument pid or *>": {"<sourceFolder prefix>": "<local folder>"}}`, both paths absolute,
 * e.g. `{"instrument/bl13w1": {"/ssrf/bl13w1/data": "/mnt/bl13w1"}}`. Absent: no dataset's files are served.
 */
function storageRoots(env: Env, problems: string[]): StorageRootSetting[] {
  const raw = env.CATALOG_STORAGE_ROOTS;
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    problems.push(`CATALOG_STORAGE_ROOTS is not JSON (${(e as Error).message}); expected {"<instrument pid or *>": {"<sourceFolder prefix>": "<local folder>"}}`);
    return [];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push('CATALOG_STORAGE_ROOTS must be a JSON object {"<instrument pid or *>": {"<sourceFolder prefix>": "<local folder>"}}');
    return [];
  }
  const out: StorageRootSetting[] = [];
  for (const [instrumentId, roots] of Object.entries(parsed)) {
    if (!roots || typeof roots !== 'object' || Array.isArray(roots)) {
      problems.push(`CATALOG_STORAGE_ROOTS["${instrumentId}"] must be an object of sourceFolder prefix → local folder`);
      continue;
    }
    for (const [prefix, value] of Object.entries(roots)) {
      const where = `CATALOG_STORAGE_ROOTS["${instrumentId}"]["${prefix}"]`;
      const trimmed = prefix.replace(/(.)\/+$/, '$1');
      // a local folder, or {path, writers}
      const { path: local, writers } = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { path?: unknown; writers?: unknown }) : { path: value, writers: undefined };
      if (!path.posix.isAbsolute(trimmed) || trimmed.includes('\0') || path.posix.normalize(trimmed) !== trimmed) problems.push(`${where}: the prefix must be an absolute, normalised path such as /facility/bl13w1`);
      else if (typeof local !== 'string' || !path.isAbsolute(local)) problems.push(`${where} must be an absolute local folder, or {"path": "<folder>", "writers": [...]} (got ${JSON.stringify(value)})`);
      else if (writers !== undefined && (!Array.isArray(writers) || !writers.every((w) => typeof w === 'string' && w))) problems.push(`${where}.writers must be a list of subjects (e.g. ["bl13w1-adapter", "etl:*"])`);
      else out.push({ instrumentId, prefix: trimmed, path: path.resolve(local), ...(writers && { writers: writers as string[] }) });
    }
  }
  return out;
}
