// Configuration is read and checked once, at start-up; a bad setting stops the program with a message naming it.

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
  pidPrefix: string;
  maxPageSize: number;
  maxDepth: number;
  maxCost: number;
  outboxPollMs: number;
  logLevel: string;
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

/** Reads the configuration from the environment. `overrides` win (used by tests and the CLI). */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const mongoUri = overrides.mongoUri ?? url(env, 'MONGODB_URI', ['mongodb:', 'mongodb+srv:'], problems);
  if (!mongoUri) problems.push('MONGODB_URI is not set (scripts/services.sh up starts a local server and prints it)');
  const jwtSecret = overrides.jwtSecret ?? env.CATALOG_JWT_SECRET;
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('CATALOG_JWT_SECRET must be at least 32 characters');
  const jwksUrl = overrides.jwksUrl ?? url(env, 'CATALOG_JWKS_URL', ['http:', 'https:'], problems);
  if (!jwtSecret && !jwksUrl) problems.push('set CATALOG_JWT_SECRET (HS256, local use) or CATALOG_JWKS_URL (an OIDC provider)');
  const dbName = overrides.dbName ?? env.CATALOG_DB ?? 'catalog';
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(dbName)) problems.push(`CATALOG_DB=${JSON.stringify(dbName)} is not a valid database name`);
  const logLevel = overrides.logLevel ?? env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel} is not a pino level`);

  const cfg: Config = {
    host: env.CATALOG_HOST ?? '127.0.0.1',
    port: int(env, 'CATALOG_PORT', 4000, 0, 65535, problems),
    mongoUri: mongoUri ?? '',
    dbName,
    jwtSecret,
    jwksUrl,
    jwtIssuer: env.CATALOG_JWT_ISSUER || undefined,
    jwtAudience: env.CATALOG_JWT_AUDIENCE || undefined,
    groupsClaim: env.CATALOG_GROUPS_CLAIM ?? 'groups',
    rolesClaim: env.CATALOG_ROLES_CLAIM ?? 'roles',
    pidPrefix: env.CATALOG_PID_PREFIX ?? '20.500.12345',
    maxPageSize: int(env, 'CATALOG_MAX_PAGE_SIZE', 500, 1, 10000, problems),
    maxDepth: int(env, 'CATALOG_MAX_DEPTH', 10, 2, 50, problems),
    maxCost: int(env, 'CATALOG_MAX_COST', 50000, 10, 10_000_000, problems),
    outboxPollMs: int(env, 'CATALOG_OUTBOX_POLL_MS', 250, 10, 60000, problems),
    logLevel,
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}
