// `catalog ingest …` and `catalog seed-source …`: run mapping files against their sources, follow
// triggers, inspect runs and quarantine, and load the demo beamline sources.
import { InvalidArgumentError, type Command } from 'commander';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Config } from '../config';
import type { Services } from '../app/services';
import { systemIdentity } from '../auth';
import { IngestTriggers, durationMs, type IngestRun, type Mapping } from '../ingest';
import type { RecordDiff } from '../ingest/run/ingest.diff';
import { registerValidateCommand, resolveMapping } from './ingest.validate';
import { openTarget, loadMx, ensureDatabase, withDatabase } from '../../seeds/mx/ispyb.load';
import { writeTomoScans } from '../../seeds/tomo/tomo.files';

type WithServices = <T>(fn: (s: Services, cfg: Config) => Promise<T>) => Promise<T>;

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${v}" is not a positive integer`);
  return n;
}

function summary(run: IngestRun): string {
  const c = run.counts;
  const lines = [
    `run ${run._id} (${run.mode}${run.dryRun ? ', dry run' : ''}) ${run.status}${run.resumed ? ` — resumed ${run.resumed}× from its checkpoint` : ''}`,
    `  source      ${run.source}`,
    ...(run.reads ? [`  reads       ${run.reads}`] : []),
    ...(run.rereadReason ? [`  from start  ${run.rereadReason}`] : []),
    `  read        ${c.read}`,
    `  created     ${c.created}`,
    `  updated     ${c.updated}`,
    `  unchanged   ${c.unchanged}`,
    ...(c.skipped ? [`  skipped     ${c.skipped}  (content unchanged since last written: not mapped)`] : []),
    `  quarantined ${c.quarantined}${c.quarantined && !run.dryRun ? `  (catalog ingest quarantine ${run.mappingId} --run ${run._id})` : ''}`,
  ];
  for (const [e, x] of Object.entries(c.entities)) lines.push(`  ${e.padEnd(13)} ${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged`);
  if (run.attempts) lines.push(`  source retries: ${run.attempts} (last: ${run.lastError})`);
  if (run.missingKeys?.length) lines.push(`  not in the source: ${run.missingKeys.join(', ')}`);
  if (run.error) lines.push(`  error: ${run.error}`);
  // a mapping's further roots, each a run of its own
  for (const p of run.parts ?? []) lines.push(summary(p));
  return lines.join('\n');
}

/** A value for one diff line: as JSON, or when that is long, a list as its length with its first and last items, text cut short. */
function brief(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  if (s.length <= 200) return s;
  if (Array.isArray(v)) return `[${v.length} items: ${JSON.stringify(v[0]).slice(0, 80)}, …, ${JSON.stringify(v[v.length - 1]).slice(0, 80)}]`;
  return `${s.slice(0, 160)}… (${s.length} characters)`;
}

function printDiff(d: RecordDiff, full: boolean): void {
  if (d.outcome === 'quarantined') {
    console.log(`! ${d.key}: would be quarantined`);
    for (const r of d.reasons ?? []) console.log(`    ${r.path}: ${r.message}`);
  } else if (d.outcome === 'created') {
    console.log(`+ ${d.entity} ${d.id} (new)`);
    if (full) console.log(JSON.stringify(d.record, null, 2).replace(/^/gm, '    '));
  } else if (d.outcome === 'updated') {
    console.log(`~ ${d.entity} ${d.id}`);
    for (const c of d.changes.slice(0, 50)) console.log(`    ${c.path}: ${brief(c.before)} → ${brief(c.after)}`);
    if (d.changes.length > 50) console.log(`    … and ${d.changes.length - 50} more changes`);
  } else if (full) console.log(`= ${d.entity} ${d.id} (unchanged)`);
}

async function runWithBar(s: Services, m: Mapping, opts: Parameters<Services['ingest']['runner']['run']>[1], quiet: boolean): Promise<IngestRun> {
  const bars = quiet || !process.stderr.isTTY ? undefined : new MultiBar({ format: '{mapping} |{bar}| {value}/{total} records  {quarantined} quarantined  {eta_formatted}', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  let bar: SingleBar | undefined;
  let lastLog = 0;
  const run = await s.ingest.runner.run(m, {
    ...opts,
    onProgress: (r) => {
      if (bars) {
        bar ??= bars.create(r.total ?? 0, 0, { mapping: m.id, quarantined: 0 });
        bar.setTotal(r.total ?? r.counts.read);
        bar.update(r.counts.read, { quarantined: r.counts.quarantined });
      } else if (!quiet && Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        console.error(`[ingest] ${m.id}: ${r.counts.read}/${r.total ?? '?'} read, ${r.counts.quarantined} quarantined${r.lastError ? `, source retry ${r.attempts}: ${r.lastError}` : ''}`);
      }
    },
  }).finally(() => bars?.stop());
  return run;
}

/** `catalog ingest …` and `catalog seed-source …`. */
export function registerIngestCommands(program: Command, withServices: WithServices): void {
  const ingest = program.command('ingest').description('declarative ETL: run mapping files (mappings/*.json) against beamline databases and files');
  runCommands(ingest, withServices);
  rereadCommands(ingest, withServices);
  followCommands(ingest, withServices);
  seedSourceCommands(program);
}

/** validate and run: check mapping files and import with them. */
function runCommands(ingest: Command, withServices: WithServices): void {
  registerValidateCommand(ingest);
  ingest
    .command('run')
    .description('import from the source: incremental from the checkpoint (default) or --full; resumes a run whose worker died')
    .argument('<mapping>', 'mapping file, or id in the mappings folder')
    .option('--full', 'read the whole source, not only what changed since the checkpoint')
    .option('--dry-run', 'write nothing: show the records that would be written, with a diff against what is stored')
    .option('--show-all', 'with --dry-run: print new records in full and list unchanged ones')
    .option('--limit <n>', 'stop after this many source records', count)
    .option('--batch <n>', 'source records per batch (default: the mapping\'s batchSize or 500)', count)
    .option('-q, --quiet', 'no progress output')
    .action(async (ref: string, o: { full?: boolean; dryRun?: boolean; showAll?: boolean; limit?: number; batch?: number; quiet?: boolean }) => {
      await withServices(async (s, cfg) => {
        const m = resolveMapping(ref, cfg);
        const run = await runWithBar(s, m, { mode: o.full ? 'full' : 'incremental', dryRun: o.dryRun, batchSize: o.batch, limit: o.limit, onDiff: (d) => printDiff(d, !!o.showAll) }, !!o.quiet);
        console.log(summary(run));
      });
    });
}

/** key and sweep: import chosen records now, or re-read a window. */
function rereadCommands(ingest: Command, withServices: WithServices): void {
  ingest
    .command('key')
    .description('import the records with these source keys now (what a message trigger does)')
    .argument('<mapping>', 'mapping file, or id in the mappings folder')
    .argument('<key...>', 'root keys (e.g. dataCollectionId, or a file path for hdf5)')
    .option('--dry-run', 'write nothing; show the diff')
    .action(async (ref: string, keys: string[], o: { dryRun?: boolean }) => {
      await withServices(async (s, cfg) => {
        const m = resolveMapping(ref, cfg);
        const run = await s.ingest.runner.run(m, { mode: 'keys', keys, dryRun: o.dryRun, trigger: 'cli', onDiff: (d) => printDiff(d, true) });
        console.log(summary(run));
      });
    });

  ingest
    .command('sweep')
    .description('re-read the records whose cursor moved within a window (default: the mapping\'s triggers.sweep.window)')
    .argument('<mapping>', 'mapping file, or id in the mappings folder')
    .option('--window <duration>', 'e.g. 30m, 2h, 1d')
    .option('--dry-run', 'write nothing; show the diff of what the sweep would write')
    .action(async (ref: string, o: { window?: string; dryRun?: boolean }) => {
      await withServices(async (s, cfg) => {
        const m = resolveMapping(ref, cfg);
        let windowMs: number | undefined;
        try {
          windowMs = o.window ? durationMs(o.window) : undefined;
        } catch (e) {
          throw new InvalidArgumentError((e as Error).message);
        }
        console.log(summary(await runWithBar(s, m, { mode: 'sweep', windowMs, trigger: 'cli', dryRun: o.dryRun, onDiff: (d) => printDiff(d, false) }, false)));
      });
    });
}

/** listen, runs and quarantine: follow triggers and look at what the runs did. */
function followCommands(ingest: Command, withServices: WithServices): void {
  ingest
    .command('listen')
    .description('worker: import on job-finished messages from Kafka (CATALOG_KAFKA_BROKERS) and run scheduled sweeps, for the given mappings')
    .argument('<mapping...>', 'mapping files, or ids in the mappings folder')
    .action(async (refs: string[]) => {
      await withServices(async (s, cfg) => {
        const maps = refs.map((r) => resolveMapping(r, cfg));
        const t = new IngestTriggers(s.ingest, cfg.kafkaBrokers, { info: (m) => console.log(`[ingest] ${m}`), error: (m) => console.error(`[ingest] ${m}`) });
        await t.start(maps);
        console.log('[ingest] ready');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await t.stop();
      });
    });

  ingest
    .command('runs')
    .description('recent runs, newest first')
    .argument('[mapping]', 'only this mapping id')
    .option('-n, --first <n>', 'how many', count, 20)
    .action(async (mappingId: string | undefined, o: { first: number }) => {
      await withServices(async (s) => {
        const runs = await s.ingest.runs(systemIdentity('cli'), { mappingId }, o.first);
        if (!runs.length) console.log(`no runs${mappingId ? ` of ${mappingId}` : ''} yet`);
        for (const r of runs) console.log(summary(r));
      });
    });

  ingest
    .command('quarantine')
    .description('quarantined source records with their reasons')
    .argument('[mapping]', 'only this mapping id')
    .option('--run <id>', 'only from this run')
    .option('--all', 'also entries a later run imported')
    .option('-n, --first <n>', 'how many', count, 50)
    .option('--json', 'print the entries (with the source record) as JSON')
    .action(async (mappingId: string | undefined, o: { run?: string; all?: boolean; first: number; json?: boolean }) => {
      await withServices(async (s) => {
        const q = await s.ingest.quarantine(systemIdentity('cli'), { mappingId, runId: o.run, includeResolved: o.all }, o.first);
        if (o.json) console.log(JSON.stringify(q, null, 2));
        else if (!q.length) console.log(`nothing quarantined${mappingId ? ` for ${mappingId}` : ''}${o.all ? '' : ' (open entries; --all adds resolved ones)'}`);
        else for (const e of q) console.log(`${e.mappingId} ${e.key} (run ${e.runId}, seen ${e.times}×${e.resolvedAt ? ', resolved' : ''})\n${e.reasons.map((r) => `    ${r.path}: ${r.message}`).join('\n')}`);
      });
    });
}

/** seed-source mx and tomo: the demo beamline sources. */
function seedSourceCommands(program: Command): void {
  const seed = program.command('seed-source').description('load the demo beamline sources the mappings in mappings/ read');
  seed
    .command('mx')
    .description('create the ISPyB-style MX database and fill it with generated data collections')
    .option('--target <db>', 'mariadb or postgres', 'mariadb')
    .option('--url <url>', 'admin connection URL (default MX_MARIADB_ADMIN_URL or MX_POSTGRES_ADMIN_URL)')
    .option('--database <name>', 'database name (default: the one in the URL)')
    .option('-n, --collections <n>', 'data collections', count, 2000)
    .option('--seed <n>', 'random seed', count, 42)
    .action(async (o: { target: string; url?: string; database?: string; collections: number; seed: number }) => {
      if (o.target !== 'mariadb' && o.target !== 'postgres') throw new InvalidArgumentError('--target is mariadb or postgres');
      const env = o.target === 'mariadb' ? 'MX_MARIADB_ADMIN_URL' : 'MX_POSTGRES_ADMIN_URL';
      let url = o.url ?? process.env[env];
      if (!url) throw new InvalidArgumentError(`give --url or set ${env} (scripts/services.sh up writes it to .run/env)`);
      if (o.database) {
        await ensureDatabase(o.target, url, o.database);
        url = withDatabase(url, o.database);
      }
      const t = await openTarget(o.target, url);
      try {
        const t0 = Date.now();
        await loadMx(t, { collections: o.collections, seed: o.seed }, (n) => process.stderr.write(`\r[seed-source] ${n}/${o.collections} data collections`));
        process.stderr.write('\n');
        console.log(`loaded ${o.collections} data collections into ${o.target} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        await t.close();
      }
    });
  seed
    .command('tomo')
    .description('write tomography scans as NeXus (HDF5) files, as the tomography beamline does')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('-n, --scans <n>', 'scans', count, 12)
    .action(async (o: { out: string; scans: number }) => {
      const files = await writeTomoScans(o.out, o.scans);
      console.log(`wrote ${files.length} NeXus files to ${o.out}`);
    });
}
