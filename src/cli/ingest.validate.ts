// `catalog ingest validate`: mapping files checked against their schema and the rules a schema cannot say,
// and with --source against the source itself (every table, column, relation and HDF5 path it names).
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config';
import { inspectSource, loadMapping, mappingWarnings, rootParts, rootProblemPath, type Mapping, type MappingProblem, type SourceReport } from '../ingest';

/** A mapping by file path, or by id / file name in the mappings folder. Throws MappingError with every problem of the file. */
export function resolveMapping(ref: string, cfg: Pick<Config, 'mappingsDir'>): Mapping {
  const direct = ref.endsWith('.json') || ref.includes('/') ? path.resolve(ref) : path.join(cfg.mappingsDir, `${ref}.json`);
  return loadMapping(direct);
}

/** One problem as a line: its JSON pointer in the mapping, the message and the hint (as MappingError writes them). */
export function problemLine(p: MappingProblem): string {
  return `  ${p.path || '/'}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}`;
}

/** Adds `ingest validate <mapping...> [--source [--connection <url-or-path>]]` to `ingest`. */
export function registerValidateCommand(ingest: Command): void {
  ingest
    .command('validate')
    .description('check mapping files against schema/mapping.schema.json and the rules a schema cannot say, and with --source every name they use against the source itself; exit 1 on any problem')
    .argument('<mapping...>', 'mapping files, or ids in the mappings folder')
    .option('--source', "also connect to each mapping's source, read-only, and check every table, column, relation and HDF5 path it names")
    .option('--connection <url-or-path>', 'with --source: the connection URL, SQLite file or HDF5 folder (default: the variable source.connection.env names)')
    .action(async (refs: string[], o: { source?: boolean; connection?: string }) => {
      if (o.connection && !o.source) throw new InvalidArgumentError('--connection is the source --source checks against; add --source');
      // checking a file needs no catalog database: only the mappings folder is read from the settings
      const { mappingsDir } = await import('../config');
      const cfg = { mappingsDir: mappingsDir(process.env) };
      for (const ref of refs) {
        let m: Mapping;
        try {
          m = resolveMapping(ref, cfg);
          console.log(`${ref}: valid (mapping ${m.id} ${m.version}, ${m.source.adapter}, entities ${Object.keys(m.entities).join(', ')}${m.roots ? `; further roots ${m.roots.map((r) => `${r.name} (${r.root.table})`).join(', ')}` : ''})`);
          for (const w of rootParts(m).flatMap((part, i) => mappingWarnings(part).map((w) => (i ? (rootProblemPath(w, i - 1) ?? w) : w)))) console.log(`  warning${problemLine(w).slice(1)}`);
        } catch (e) {
          console.error((e as Error).message);
          process.exitCode = 1;
          continue; // a mapping that is not valid is not compared with its source
        }
        // each root is checked as the mapping it runs as
        // each root is checked as the mapping it runs as, its problems placed where they are in the file
        const parts = o.source ? rootParts(m) : [];
        for (let i = 0; i < parts.length; i++) if (!(await validateSource(i ? parts[i].id : ref, parts[i], o.connection, (p) => (i ? (rootProblemPath(p, i - 1) ?? p) : p)))) process.exitCode = 1;
      }
    });
}

/**
 * Compares mapping `m` (named `ref` on the command line) with its source and prints the outcome: on success one
 * line with how many names were checked; else a heading and one line per unknown name (stderr). A source that
 * cannot be reached, or no connection set, is one line naming the source, without a stack. True when all is well.
 */
async function validateSource(ref: string, m: Mapping, connection: string | undefined, place: (p: MappingProblem) => MappingProblem): Promise<boolean> {
  let r: SourceReport;
  try {
    r = await inspectSource(m, connection);
  } catch (e) {
    console.error(`${ref}: cannot check the source: ${(e as Error).message}`);
    return false;
  }
  const { tables, columns, paths } = r.checked;
  if (r.problems.length) {
    console.error(`${ref}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} against ${r.label}:\n${r.problems.map((p) => problemLine(place(p))).join('\n')}`);
    return false;
  }
  const what = r.files !== undefined ? `${paths} paths, in ${r.files} files read` : `${tables} tables, ${columns} columns and ${paths} paths`;
  console.log(`${ref}: source ${r.label} has every name the mapping uses (${tables + columns + paths} checked: ${what})`);
  return true;
}
