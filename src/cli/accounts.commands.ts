// `catalog accounts …`: local functional accounts, which log in with a password through the SciCat REST API
// (POST /api/v3/auth/login), as pyscicat and scitacean do. The password is read from CATALOG_ACCOUNT_PASSWORD or,
// when that is unset, from the first line of standard input, so it never appears in a command line.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Services } from '../app/services';
import { listArg, withServices } from './args';

/** The password for `accounts set`: CATALOG_ACCOUNT_PASSWORD, else the first line of stdin (without its line end). */
function password(): string {
  const env = process.env.CATALOG_ACCOUNT_PASSWORD;
  if (env) return env;
  return readFileSync(0, 'utf8').split(/\r?\n/)[0];
}

/** Adds `accounts set`, `accounts list` and `accounts remove`. */
export function registerAccountCommands(program: Command): void {
  const accounts = program.command('accounts').description('local functional accounts that log in with a password (SciCat REST: POST /api/v3/auth/login)');
  accounts
    .command('set')
    .description('create or replace an account (password from CATALOG_ACCOUNT_PASSWORD or the first line of stdin, at least 12 characters)')
    .argument('<username>', 'user name: letters, digits, . _ @ -')
    .requiredOption('--role <role>', 'user, ingestor, steward or admin')
    .option('--groups <g1,g2>', 'the groups the account acts for', listArg, [])
    .option('--email <address>', 'contact address, returned to clients as the user\'s email')
    .action(async (username: string, o: { role: string; groups: string[]; email?: string }) =>
      withServices(async (s: Services) => {
        const a = await s.accounts.set(username, password(), o.role, o.groups, o.email);
        console.log(`account ${a.username}: ${a.role}${a.groups.length ? ` of ${a.groups.join(', ')}` : ''}; it logs in at /api/v3/auth/login`);
      }),
    );
  accounts
    .command('list')
    .description('the accounts, without their passwords')
    .action(async () =>
      withServices(async (s: Services) => {
        const all = await s.accounts.list();
        if (!all.length) console.log('no accounts');
        for (const a of all) console.log(`${a.username.padEnd(24)} ${a.role.padEnd(9)} ${a.groups.join(',') || '-'}`);
      }),
    );
  accounts
    .command('remove')
    .description('delete an account (tokens it was given stay valid until they expire)')
    .argument('<username>')
    .action(async (username: string) =>
      withServices(async (s: Services) => {
        if (!(await s.accounts.remove(username))) {
          console.error(`no account ${username}`);
          process.exitCode = 1;
        } else console.log(`account ${username} removed`);
      }),
    );
}
