#!/usr/bin/env node
// The `catalog` command: the single entry point for operators (serve, migrate, seed, tokens, API keys, schema).
import 'reflect-metadata';
import { writeFileSync, readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError } from '../config';
import { connect, redact } from '../db';
import { migrate } from '../db/migrate';
import { SearchState, searchOptions } from '../search';
import { registerIngestCommands } from './ingest.commands';
import { registerExportCommands, registerLabelSetCommands } from './export.commands';
import { registerSearchCommands } from './search.commands';
import { registerFilesCommands } from './files.commands';
import { registerAccountCommands } from './accounts.commands';
import { config, groupsArg, positiveInt, withServices } from './args';
import { MappingError, SourceDownError, SourceConfigError } from '../ingest';
import { createServices } from '../app/services';
import { issueToken, ROLES, type Role } from '../auth';
import { CatalogError } from '../common/errors';
import { startApp } from '../app/app';
import { emitSdl } from '../app/schema';
import { seedDemo } from '../../seeds/demo';
import { seedBulk } from '../../seeds/bulk';

const program = new Command();
program.name('catalog').description('GraphQL metadata catalog and FAIR data repository for scientific facilities').showHelpAfterError();

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
      for (const st of await SearchState.checkpoints(db.db)) {
        const cp = st.checkpoint?.getTimestamp();
        if (cp && cp.getTime() - 60_000 < before.getTime()) {
          before = new Date(cp.getTime() - 60_000);
          console.log(`keeping entries since ${before.toISOString()}: search index ${st.alias} has not indexed past them`);
        }
      }
      const n = await createServices(db.db, { maxPageSize: cfg.maxPageSize, pidPrefix: cfg.pidPrefix }).outbox.prune(before);
      console.log(`deleted ${n} outbox entr${n === 1 ? 'y' : 'ies'} older than ${o.olderThanDays} day(s)`);
    } finally {
      await db.close();
    }
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

registerExportCommands(program);
registerLabelSetCommands(program);
registerSearchCommands(program);
registerFilesCommands(program);
registerAccountCommands(program);
registerIngestCommands(program, withServices);

program.parseAsync(process.argv).catch((e) => {
  // what a person can act on is said plainly; a stack is printed only for what is ours to fix
  if (e instanceof ConfigError || e instanceof MappingError || e instanceof SourceDownError || e instanceof SourceConfigError || e instanceof CommanderError) console.error(e.message);
  else if (e instanceof CatalogError) {
    // with problems, the message's own list is replaced by one line per problem
    const problems = e.details.problems as { path: string; message: string }[] | undefined;
    console.error(problems ? `error ${e.code}: ${e.message.split(': ')[0]}\n${problems.map((p) => `  ${p.path || '/'} ${p.message}`).join('\n')}` : `error ${e.code}: ${e.message}`);
  }
  else console.error(e?.stack ?? String(e));
  process.exit(1);
});