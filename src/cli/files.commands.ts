// `catalog files …`: a dataset's files on this machine's storage roots (CATALOG_STORAGE_ROOTS).
import type { Command } from 'commander';
import type { Services } from '../app/services';
import { CatalogError } from '../common/errors';
import { verifyDataset, type VerifyReport } from '../files';
import { actor, asOptions, withServices, type AsOptions } from './args';

function printReport(r: VerifyReport): void {
  const c = r.counts;
  console.log(`dataset ${r.pid}: ${r.listed} files listed; ${c.ok} verified, ${c['checksum-mismatch']} checksum mismatches, ${c['size-mismatch']} size mismatches, ${c.missing} missing, ${c['outside-folder']} outside the folder, ${c['not-a-file']} not regular files, ${c['no-checksum'] + c['unknown-algorithm']} without a checksum this server can check`);
  for (const p of r.problems) console.log(`  ${p.status.padEnd(18)} ${p.name}${p.detail ? `: ${p.detail}` : ''}`);
}

/** `catalog files verify <pid>`: exits 1 when a file is missing or its size or checksum differs from its block's entry. */
export function registerFilesCommands(program: Command): void {
  const files = program.command('files').description("datasets' files on the storage roots of this machine (CATALOG_STORAGE_ROOTS)");
  asOptions(
    files
      .command('verify')
      .description("check that each file a dataset's origdatablocks list is on storage, with the listed size and checksum (chkAlg, chk)")
      .argument('<pid>', 'dataset pid')
      .option('--json', 'print the report as JSON'),
  ).action(async (pid: string, o: AsOptions & { json?: boolean }) =>
    withServices(async (s: Services) => {
      const fail = (code: string, message: string) => {
        // --json gets its error as JSON too
        if (o.json) console.log(JSON.stringify({ error: { code, message } }, null, 2));
        throw new CatalogError(code as 'NOT_FOUND', message);
      };
      const dataset = await s.files.dataset(actor(o), pid);
      if (!dataset) return fail('NOT_FOUND', `no dataset ${pid} that you may see`);
      if (!s.files.folderOf(dataset)) {
        return fail('BAD_USER_INPUT', `the files of dataset ${pid} are not on this machine: its sourceFolder ${JSON.stringify(dataset.sourceFolder ?? null)} lies under no storage root of instrument ${JSON.stringify(dataset.instrumentId ?? null)} (CATALOG_STORAGE_ROOTS${process.env.CATALOG_STORAGE_ROOTS ? '' : ' is not set'})`);
      }
      const report = await verifyDataset(s.files, dataset);
      if (o.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      if (report.listed === 0) console.log(`dataset ${pid} lists no files (it has no origdatablocks)`);
      if (report.counts.missing + report.counts['outside-folder'] + report.counts['not-a-file'] + report.counts['size-mismatch'] + report.counts['checksum-mismatch'] > 0) process.exitCode = 1;
    }),
  );
}
