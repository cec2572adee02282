// `catalog search …`: rebuild the index from MongoDB, check it against MongoDB, follow the outbox, status.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { positiveInt, withServices } from './args';

/** `catalog search reindex|check|sync|status`. */
export function registerSearchCommands(program: Command): void {
  const srch = program.command('search').description('the Elasticsearch index: rebuild, check against MongoDB, follow the outbox, status');
  rebuildCommands(srch);
  followCommands(srch);
}

/** reindex and check: rebuild the index from MongoDB, and compare the two. */
function rebuildCommands(srch: Command): void {
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
}

/** sync and status: follow the outbox into the index, and say how far behind it is. */
function followCommands(srch: Command): void {
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
}
