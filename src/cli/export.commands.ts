// `catalog export …` (AI-ready exports: run, resume, cancel, list) and `catalog label-set …` (declared
// label sets, which exports type their label columns by).
import { Option, type Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '../config';
import type { Services } from '../app/services';
import { systemIdentity, type Identity } from '../auth';
import { CatalogError } from '../common/errors';
import { ExportRunner } from '../export/export.runner';
import type { ExportJob } from '../export/export.job';
import { catalogVersion } from '../common/version';
import { actor, asOptions, jsonArg, listArg, positiveInt, ratiosArg, withServices, type AsOptions } from './args';

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

/** `catalog export run|resume|cancel|list`. */
export function registerExportCommands(program: Command): void {
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
      const jobs = await s.exports.list(actor(o), o.first);
      if (!jobs.length) console.log('no exports yet');
      for (const j of jobs) {
        console.log(`${j._id}  ${j.status.padEnd(9)} ${`${j.progress.done}/${j.progress.total}`.padStart(13)}  ${j.owner.subject.padEnd(12)} ${j.createdAt.toISOString()}  ${j.request.name}`);
      }
    });
  });
}

/** `catalog label-set declare|list`: the declared label sets exports type their label columns by. */
export function registerLabelSetCommands(program: Command): void {
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
        const set = await s.labelSets.declare(systemIdentity('cli'), o, () => s.labels.valuesOf(o.name));
        console.log(`declared ${set.name} (${set.kind})`);
      });
    });
  ls.command('list')
    .description('list the declared label sets')
    .action(async () => {
      await withServices(async (s) => {
        const sets = await s.labelSets.list();
        if (!sets.length) console.log('no label sets declared yet (catalog label-set declare)');
        for (const x of sets) console.log(`${x.name.padEnd(20)} ${x.kind.padEnd(6)} ${x.kind === 'score' ? `${x.min}..${x.max}${x.step ? ` step ${x.step}` : ''}` : (x.values ?? []).join(', ')}  ${x.description ?? ''}`);
      });
    });
}
