// What the `catalog` commands share: option parsers, acting as a user (`--as`), and the services
// over the configured stores for the length of one command.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig, type Config } from '../config';
import { connect } from '../db';
import { searchOptions } from '../search';
import { ingestOptions } from '../ingest/run/ingest.options';
import { createServices, type Services } from '../app/services';
import { systemIdentity, type Identity, type Role } from '../auth';

/** The configuration from the environment (see README, Configuration). */
export function config(): Config {
  return loadConfig();
}

/** `--groups a,b`: group names, each checked as the catalog checks groups. */
export function groupsArg(v: string): string[] {
  const gs = v.split(',').map((g) => g.trim()).filter(Boolean);
  for (const g of gs) if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(g)) throw new InvalidArgumentError(`"${g}" is not a valid group name`);
  return gs;
}

/** A non-negative integer option. */
export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${v}" is not a non-negative integer`);
  return n;
}

/** A comma-separated list option. */
export function listArg(v: string): string[] {
  return v.split(',').map((x) => x.trim()).filter(Boolean);
}

/** A JSON object option, e.g. a filter; anything else (an array, a scalar, bad JSON) is refused as an invalid argument. */
export function jsonArg(v: string): Record<string, unknown> {
  try {
    const o = JSON.parse(v);
    if (o && typeof o === 'object' && !Array.isArray(o)) return o;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`"${v}" is not a JSON object, e.g. '{"instrumentId":"instrument/bl17u1"}'`);
}

/** `train,validation,test` as three finite numbers, e.g. 0.8,0.1,0.1; anything else is refused as an invalid argument. */
export function ratiosArg(v: string): number[] {
  const xs = v.split(',').map(Number);
  if (xs.length !== 3 || xs.some((x) => !Number.isFinite(x))) throw new InvalidArgumentError(`"${v}" is not three ratios train,validation,test such as 0.8,0.1,0.1`);
  return xs;
}

export interface AsOptions {
  as?: string;
  role: Role;
  groups: string[];
}

/** The CLI acts as the system (admin) unless told to act as a user, whose access then applies. */
export function actor(o: AsOptions): Identity {
  // groups or a role only mean something for a user the CLI acts as: alone they would be ignored without a word
  if (!o.as && (o.groups?.length || (o.role && o.role !== 'user'))) throw new InvalidArgumentError('--groups and --role describe the user given with --as; add --as <subject>');
  return o.as ? { subject: o.as, role: o.role, groups: o.groups, via: 'system' } : systemIdentity('cli');
}

/** Runs `fn` with the catalog's services over the configured stores, and closes them after. */
export async function withServices<T>(fn: (s: Services, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const db = await connect(cfg.mongoUri, cfg.dbName);
  try {
    const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix, exportDir: cfg.exportDir }, undefined, searchOptions(cfg), ingestOptions(cfg), cfg.storageRoots);
    try {
      return await fn(services, cfg);
    } finally {
      await services.search.close();
    }
  } finally {
    await db.close();
  }
}

/** Adds `--as`, `--role` and `--groups`: act as a user, whose access then applies. */
export const asOptions = (c: Command) =>
  c
    .option('--as <subject>', 'act as this user (their access applies); default: the system, which sees everything')
    .addOption(new Option('--role <role>', 'role of --as').choices(['user', 'ingestor', 'steward', 'admin']).default('user'))
    .option('--groups <list>', 'groups of --as', groupsArg, [] as string[]);
