#!/usr/bin/env node
// The `catalog` command: the single entry point for operators (serve, migrate, seed, tokens, API keys, schema).
import 'reflect-metadata';
import { writeFileSync, readFileSync } from 'node:fs';
import { Command, Option, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, ConfigError, type Config } from '../config';
import { Collections, connect, redact } from '../db';
import { migrate } from '../db/migrate';
import { searchOptions } from '../search';
import { ingestOptions } from '../ingest/run/ingest.options';
import { registerIngestCommands } from './ingest.commands';
import { MappingError, SourceDownError, SourceConfigError } from '../ingest';
import { createServices } from '../app/services';
import { issueToken, ROLES, type Role } from '../auth';
import { CatalogError } from '../common/errors';
import { startApp } from '../app/app';
import { emitSdl } from '../app/schema';
import { seedDemo } from '../../seeds/demo';
import { seedBulk } from '../../seeds/bulk';
import { ExportRunner } from '../export/export.runner';
import type { ExportJob } from '../export/export.job';
import { catalogVersion } from '../common/version';
import type { Identity } from '../auth';
import type { Services } from '../app/services';

const program = new Command();
program.name('catalog').description('GraphQL metadata catalog and FAIR data repository for scientific facilities').showHelpAfterError();

function config(): Config {
  return loadConfig();
}

function groupsArg(v: string): string[] {
  const gs = v.split(',').map((g) => g.trim()).filter(Boolean);
  for (const g of gs) if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(g)) throw new InvalidArgumentError(`"${g}" is not a valid group name`);
  return gs;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${v}" is not a non-negative integer`);
  return n;
}

program
  .command('serve')
  .description('serve the GraphQL API (HTTP and WebSocket subscriptions) and GraphiQL')
  .option('-p, --port <port>', 'port (default CATALOG_PORT or 4000)', positiveInt)
  .action(async (o: { port?: number }) => {
    const cfg = config();
    if (o.port !== undefined) cfg.port = o.port;
    const app = await startApp(cfg);
    const base = app.url.replace(/\/graphql$/, '');
    console.log(`catalog API   ${app.url}\nsubscriptions ${app.wsUrl}\nGraphiQL      ${base}/graphiql\nMongoDB       ${redact(cfg.mongoUri)} (database ${cfg.dbName})`);
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply, roll back or list schema migrations (collections and indexes)')
  .addArgument(new Command().createArgument('action', 'up, down or status').choices(['up', 'down', 'status']).default('up'))
  .action(async (action: 'up' | 'down' | 'status') => {
    const cfg = config();
    const r = await migrate(cfg.mongoUri, cfg.dbName, action);
    if (action === 'status') {
      for (const s of r as { fileName: string; appliedAt: string | Date }[]) console.log(`${String(s.appliedAt instanceof Date ? s.appliedAt.toISOString() : s.appliedAt).padEnd(26)} ${s.fileName}`);
    } else {
      const names = r as string[];
      console.log(names.length ? `${action === 'up' ? 'applied' : 'rolled back'}: ${names.join(', ')}` : `nothing to ${action === 'up' ? 'apply' : 'roll back'}`);
    }
  });

program
  .command('seed')
  .description('load the demo set (two beamlines, proposals, samples, datasets, files, a DOI); --datasets adds N generated datasets for benchmarks')
  .option('--datasets <n>', 'also generate N benchmark datasets (~400 metadata keys each)', positiveInt)
  .option('--no-demo', 'skip the demo set')
  .action(async (o: { datasets?: number; demo: boolean }) => {
    const cfg = config();
    const db = await connect(cfg.mongoUri, cfg.dbName);
    try {
      const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix }, undefined, searchOptions(cfg));
      if (o.demo) {
        const s = await seedDemo(services);
        console.log(`demo set: ${s.instruments} instruments, ${s.proposals} proposals, ${s.samples} samples, ${s.datasets} datasets, ${s.files} files, ${s.publications} publications, ${s.labelSets} label sets, ${s.labels} labels`);
      }
      if (o.datasets) {
        const bar = new SingleBar({ format: 'datasets |{bar}| {value}/{total} {eta_formatted}' }, Presets.shades_classic);
        bar.start(o.datasets, 0);
        await seedBulk(services, o.datasets, { onProgress: (n) => bar.update(n) });
        bar.stop();
      }
    } finally {
      await db.close();
    }
  });

program
  .command('token')
  .description('issue an HS256 bearer token (needs CATALOG_JWT_SECRET)')
  .requiredOption('-s, --subject <name>', 'user or adapter name')
  .addOption(new Option('-r, --role <role>', 'role').choices(ROLES.filter((r) => r !== 'anonymous')).default('user'))
  .option('-g, --groups <list>', 'comma-separated groups', groupsArg, [] as string[])
  .option('-e, --expires <span>', 'lifetime, e.g. 12h or 30d', '12h')
  .action(async (o: { subject: string; role: Role; groups: string[]; expires: string }) => {
    const cfg = config();
    if (!cfg.jwtSecret) throw new CatalogError('BAD_USER_INPUT', 'catalog token needs CATALOG_JWT_SECRET; with an OIDC provider, get tokens from the provider');
    console.log(await issueToken(cfg.jwtSecret, { subject: o.subject, role: o.role, groups: o.groups, expiresIn: o.expires, issuer: cfg.jwtIssuer, audience: cfg.jwtAudience }, cfg));
  });

const apikey = program.command('apikey').description('API keys for adapters');
apikey
  .command('issue')
  .description('issue an API key (shown once; only its hash is stored)')
  .requiredOption('-s, --subject <name>', 'adapter name')
  .addOption(new Option('-r, --role <role>', 'role').choices(['user', 'ingestor', 'steward', 'admin']).default('ingestor'))
  .requiredOption('-g, --groups <list>', 'comma-separated groups it may write', groupsArg)
  .action(async (o: { subject: string; role: Exclude<Role, 'anonymous'>; groups: string[] }) => {
    const cfg = config();
    const db = await connect(cfg.mongoUri, cfg.dbName);
    try {
      const { id, key } = await createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix }).apiKeys.issue(o.subject, o.role, o.groups);
      console.error(`API key ${id} for ${o.subject} (${o.role}; groups ${o.groups.join(', ')}). Send it as "X-API-Key: <key>". It is not shown again:`);
      console.log(key);
    } finally {
      await db.close();
    }
  });
apikey
  .command('revoke <id>')
  .description('revoke an API key by its id')
  .action(async (id: string) => {
    const cfg = config();
    const db = await connect(cfg.mongoUri, cfg.dbName);
    try {
      const ok = await createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix }).apiKeys.revoke(id);
      if (!ok) throw new CatalogError('NOT_FOUND', `no active API key ${id}`);
      console.log(`revoked ${id}`);
    } finally {
      await db.close();
    }
  });

program
  .command('outbox-prune')
  .description('delete outbox entries (change events) older than a number of days')
  .requiredOption('--older-than-days <n>', 'age in days (entries younger than this are kept)', positiveInt)
  .action(async (o: { olderThanDays: number }) => {
    const cfg = config();
    if (o.olderThanDays < 1) throw new CatalogError('BAD_USER_INPUT', '--older-than-days must be at least 1: subscribers and sync workers read recent entries');
    const db = await connect(cfg.mongoUri, cfg.dbName);
    try {
      let before = new Date(Date.now() - o.olderThanDays * 86400_000);
      // entries the search sync has not indexed yet stay, whatever their age
      for (const st of await db.db.collection(Collections.searchState).find({}).toArray()) {
        const cp = st.checkpoint?.getTimestamp?.() as Date | undefined;
        if (cp && cp.getTime() - 60_000 < before.getTime()) {
          before = new Date(cp.getTime() - 60_000);
          console.log(`keeping entries since ${before.toISOString()}: search index ${st._id} has not indexed past them`);
        }
      }
      const n = await createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix }).outbox.prune(before);
      console.log(`deleted ${n} outbox entr${n === 1 ? 'y' : 'ies'} older than ${o.olderThanDays} day(s)`);
    } finally {
      await db.close();
    }
  });

function listArg(v: string): string[] {
  return v.split(',').map((x) => x.trim()).filter(Boolean);
}

function jsonArg(v: string): Record<string, unknown> {
  try {
    const o = JSON.parse(v);
    if (o && typeof o === 'object' && !Array.isArray(o)) return o;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`"${v}" is not a JSON object, e.g. '{"instrumentId":"instrument/bl17u1"}'`);
}

function ratiosArg(v: string): number[] {
  const xs = v.split(',').map(Number);
  if (xs.length !== 3 || xs.some((x) => !Number.isFinite(x))) throw new InvalidArgumentError(`"${v}" is not three ratios train,validation,test such as 0.8,0.1,0.1`);
  return xs;
}

interface AsOptions {
  as?: string;
  role: Role;
  groups: string[];
}

/** The CLI acts as the system (admin) unless told to act as a user, whose access then applies. */
function actor(o: AsOptions): Identity {
  return o.as ? { subject: o.as, role: o.role, groups: o.groups, via: 'system' } : { subject: 'cli', role: 'admin', groups: [], via: 'system' };
}

async function withServices<T>(fn: (s: Services, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const db = await connect(cfg.mongoUri, cfg.dbName);
  try {
    const services = createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix, exportDir: cfg.exportDir }, undefined, searchOptions(cfg), ingestOptions(cfg));
    try {
      return await fn(services, cfg);
    } finally {
      await services.search.close();
    }
  } finally {
    await db.close();
  }
}

/** Runs a queued job in this process with a progress bar; Ctrl-C cancels it at its next checkpoint (resume continues). */
async function runHere(s: Services, cfg: Config, job: ExportJob, who: Identity): Promise<void> {
  const worker = `cli:${process.pid}`;
  const claimed = await s.exports.claim(worker, job._id);
  if (!claimed) throw new CatalogError('CONFLICT', `export ${job._id} is being run by another worker`);
  const runner = new ExportRunner(s, s.exports, { catalogName: cfg.repositoryName, publicUrl: () => cfg.publicUrl ?? `http://${cfg.host}:${cfg.port}`, version: catalogVersion() });
  const bar = new SingleBar({ format: '{phase} |{bar}| {value}/{total} datasets {eta_formatted}', hideCursor: true }, Presets.shades_classic);
  bar.start(claimed.progress.total, claimed.progress.done, { phase: 'scan    ' });
  const onInt = () => void s.exports.cancel(who, job._id).catch(() => undefined);
  process.once('SIGINT', onInt);
  const outcome = await runner.run(claimed, worker, (p) => {
    bar.setTotal(p.total);
    bar.update(p.done, { phase: p.phase.padEnd(8) });
  });
  process.off('SIGINT', onInt);
  bar.stop();
  const done = (await s.exports.get(who, job._id))!;
  if (outcome === 'completed') {
    console.log(`export ${done._id} completed in ${done.outDir}`);
    for (const f of done.outputs ?? []) console.log(`  ${f.name.padEnd(18)} ${String(f.bytes).padStart(12)} B  sha256 ${f.sha256}${f.records !== undefined ? `  ${f.records} records` : ''}`);
    const sp = done.checkpoint?.splits;
    if (sp) console.log(`splits: train ${sp.train}, validation ${sp.validation}, test ${sp.test}`);
  } else {
    console.error(`export ${done._id} ${outcome}${done.error ? `: ${done.error}` : ''}; continue it with: catalog export resume ${done._id}`);
    process.exitCode = 1;
  }
}

const asOptions = (c: Command) =>
  c
    .option('--as <subject>', 'act as this user (their access applies); default: the system, which sees everything')
    .addOption(new Option('--role <role>', 'role of --as').choices(['user', 'ingestor', 'steward', 'admin']).default('user'))
    .option('--groups <list>', 'groups of --as', groupsArg, [] as string[]);

const exp = program.command('export').description('AI-ready exports: Croissant JSON-LD with JSONL, CSV and Parquet record files');
asOptions(
  exp
    .command('run')
    .description('export datasets with their labels, files and train/validation/test splits into a folder')
    .requiredOption('-n, --name <name>', 'name of the exported dataset')
    .option('-d, --description <text>', 'description')
    .option('--license <id>', 'licence of the export')
    .option('-f, --filter <json>', 'dataset filter as JSON (fields of the datasets query filter)', jsonArg, {})
    .option('-l, --label-sets <list>', 'declared label sets to include', listArg, [] as string[])
    .option('--label-sources <list>', 'human, model or both', listArg)
    .option('-m, --metadata <list>', 'scientificMetadata paths to copy as columns', listArg, [] as string[])
    .option('--no-files', 'leave out the files record set')
    .option('--formats <list>', 'record formats besides JSONL: csv, parquet', listArg)
    .option('--split <ratios>', 'train,validation,test', ratiosArg, [0.8, 0.1, 0.1])
    .option('--seed <seed>', 'split seed: the same selection and seed give the same split', '0')
    .addOption(new Option('--group-by <what>', 'keep these together in one split').choices(['sample', 'proposal', 'dataset']).default('sample'))
    .option('-o, --out <folder>', 'output folder (default: CATALOG_EXPORT_DIR/<job id>)'),
).action(async (o: AsOptions & { name: string; description?: string; license?: string; filter: Record<string, unknown>; labelSets: string[]; labelSources?: string[]; metadata: string[]; files: boolean; formats?: string[]; split: number[]; seed: string; groupBy: string; out?: string }) => {
  await withServices(async (s, cfg) => {
    const who = actor(o);
    const job = await s.exports.create(
      who,
      {
        name: o.name, description: o.description, license: o.license, filter: o.filter as any, labelSets: o.labelSets, labelSources: o.labelSources as any, metadataFields: o.metadata,
        includeFiles: o.files, formats: o.formats as any, split: { train: o.split[0], validation: o.split[1], test: o.split[2], seed: o.seed, groupBy: o.groupBy as any },
      },
      { outDir: o.out },
    );
    console.error(`export ${job._id}: ${job.progress.total} datasets selected`);
    await runHere(s, cfg, job, who);
  });
});
asOptions(exp.command('resume <id>').description('continue a cancelled or failed export from its checkpoint, in this process')).action(async (id: string, o: AsOptions) => {
  await withServices(async (s, cfg) => {
    const who = actor(o);
    await runHere(s, cfg, await s.exports.resume(who, id), who);
  });
});
asOptions(exp.command('cancel <id>').description('cancel a queued export, or stop a running one at its next checkpoint')).action(async (id: string, o: AsOptions) => {
  await withServices(async (s) => {
    const j = await s.exports.cancel(actor(o), id);
    console.log(j.status === 'cancelled' ? `cancelled ${id}` : `cancel requested: ${id} stops at its next checkpoint`);
  });
});
asOptions(exp.command('list').description('list exports, newest first').option('--first <n>', 'how many', positiveInt, 20)).action(async (o: AsOptions & { first: number }) => {
  await withServices(async (s) => {
    for (const j of await s.exports.list(actor(o), o.first)) {
      console.log(`${j._id}  ${j.status.padEnd(9)} ${`${j.progress.done}/${j.progress.total}`.padStart(13)}  ${j.owner.subject.padEnd(12)} ${j.createdAt.toISOString()}  ${j.request.name}`);
    }
  });
});

const ls = program.command('label-set').description('declared label sets (a label must follow its set)');
ls.command('declare')
  .description('declare a label set, or change its description, range or values')
  .requiredOption('-n, --name <name>', 'lower-case name (a column in exports)')
  .addOption(new Option('-k, --kind <kind>', 'like, score, tags or class').choices(['like', 'score', 'tags', 'class']).makeOptionMandatory())
  .option('-d, --description <text>', 'what the label means')
  .option('--min <n>', 'score: lowest', Number)
  .option('--max <n>', 'score: highest', Number)
  .option('--step <n>', 'score: step', Number)
  .option('--values <list>', 'class: the classes; tags: the allowed tags', listArg)
  .action(async (o: { name: string; kind: any; description?: string; min?: number; max?: number; step?: number; values?: string[] }) => {
    await withServices(async (s) => {
      const set = await s.labelSets.declare(actor({ role: 'admin', groups: [] }), o, () => s.labels.valuesOf(o.name));
      console.log(`declared ${set.name} (${set.kind})`);
    });
  });
ls.command('list')
  .description('list the declared label sets')
  .action(async () => {
    await withServices(async (s) => {
      for (const x of await s.labelSets.list()) console.log(`${x.name.padEnd(20)} ${x.kind.padEnd(6)} ${x.kind === 'score' ? `${x.min}..${x.max}${x.step ? ` step ${x.step}` : ''}` : (x.values ?? []).join(', ')}  ${x.description ?? ''}`);
    });
  });

const srch = program.command('search').description('the Elasticsearch index: rebuild, check against MongoDB, follow the outbox, status');
srch
  .command('reindex')
  .description('rebuild the index from MongoDB into a new index, then swap the alias (no downtime; writes meanwhile are kept)')
  .action(async () => {
    await withServices(async (s) => {
      const bar = new SingleBar({ format: 'reindex |{bar}| {value}/{total} records {eta_formatted}' }, Presets.shades_classic);
      let started = false;
      const r = await s.search.indexer.reindex(s.search.state, (p) => {
        if (!started) bar.start(p.total, 0);
        started = true;
        bar.setTotal(p.total);
        bar.update(p.done);
      });
      bar.stop();
      console.log(`${s.search.backend.alias} -> ${r.index}: ${r.docs} records indexed${r.failed ? `, ${r.failed} refused (see the log)` : ''}${r.replaced.length ? `; replaced ${r.replaced.join(', ')}` : ''}`);
      if (r.failed) process.exitCode = 1;
    });
  });
srch
  .command('check')
  .description('report records missing from the index, documents older than their record, and documents whose record is gone')
  .option('--repair', 're-index what the check found')
  .option('--show <n>', 'how many ids to print per list', positiveInt, 20)
  .action(async (o: { repair?: boolean; show: number }) => {
    await withServices(async (s) => {
      const c = await s.search.indexer.check();
      console.log(`${c.records} records in MongoDB, ${c.documents} documents in ${s.search.backend.alias}`);
      for (const [name, list] of [['missing', c.missing], ['stale', c.stale], ['orphaned', c.orphaned]] as const) {
        console.log(`${name}: ${list.length}${list.length ? ` (${list.slice(0, o.show).join(', ')}${list.length > o.show ? ', …' : ''})` : ''}`);
      }
      const bad = [...c.missing, ...c.stale, ...c.orphaned];
      if (bad.length && o.repair) {
        const keys = bad.map((u) => ({ kind: u.slice(0, u.indexOf(':')) as any, id: u.slice(u.indexOf(':') + 1) }));
        const r = await s.search.indexer.refresh(keys, [s.search.backend.alias]);
        console.log(`repaired: ${r.indexed} indexed, ${r.deleted} deleted${r.failed.length ? `, ${r.failed.length} refused` : ''}`);
        if (r.failed.length) process.exitCode = 1;
      } else if (bad.length) process.exitCode = 1;
    });
  });
srch
  .command('sync')
  .description('index the outbox up to now once and exit (the API server runs this continuously)')
  .action(async () => {
    await withServices(async (s) => {
      const before = s.search.sync.applied;
      await s.search.sync.drain();
      console.log(`indexed ${s.search.sync.applied - before} change(s)`);
    });
  });
srch
  .command('status')
  .description('whether search is available, the live index, its size and how far it is behind')
  .action(async () => {
    await withServices(async (s) => {
      const st = await s.search.status(true);
      console.log(JSON.stringify(st, null, 2));
      if (!st.available) process.exitCode = 1;
    });
  });

program
  .command('schema')
  .description('print the GraphQL schema (SDL), write it to a file, or check a file for drift')
  .option('-o, --out <file>', 'write the SDL to this file')
  .option('--check <file>', 'exit 1 if this file differs from the emitted SDL')
  .action(async (o: { out?: string; check?: string }) => {
    const sdl = await emitSdl();
    if (o.check) {
      if (readFileSync(o.check, 'utf8') !== sdl) {
        console.error(`${o.check} differs from the schema the code emits; run npm run schema:emit and commit it`);
        process.exitCode = 1;
      }
    } else if (o.out) writeFileSync(o.out, sdl);
    else process.stdout.write(sdl);
  });

registerIngestCommands(program, withServices);

program.parseAsync(process.argv).catch((e) => {
  if (e instanceof ConfigError || e instanceof MappingError || e instanceof SourceDownError || e instanceof SourceConfigError) console.error(e.message);
  else if (e instanceof CatalogError) console.error(`error ${e.code}: ${e.message}${e.details.problems ? `\n${(e.details.problems as { path: string; message: string }[]).map((p) => `  ${p.path} ${p.message}`).join('\n')}` : ''}`);
  else console.error(e?.stack ?? String(e));
  process.exit(1);
});
