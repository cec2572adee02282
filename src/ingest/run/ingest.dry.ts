// A dry run's writes: each record a batch would write, compared with the stored one, counted and reported.
import type { Identity } from '../../auth';
import type { RecordService } from '../../catalog/common/record.service';
import { storable } from '../../common/storable';
import { toJsonForm } from '../../common/json';
import type { CompiledMapping, Json } from '../mapping/mapping.engine';
import { ID_FIELD, type EntityName } from '../mapping/mapping.types';
import { diffRecords, type RecordDiff } from './ingest.diff';
import type { IngestRun } from './ingest.repository';

/**
 * What a run would write: each mapped record of `good` beside the stored one (read by id through `service`),
 * counted into `run.counts` as created, updated or unchanged, and passed to `onDiff`. Writes nothing.
 */
export async function dryDiff(
  service: (e: EntityName) => RecordService,
  run: IngestRun,
  m: CompiledMapping,
  good: { key: string; entities: Partial<Record<EntityName, Json>> }[],
  identity: Identity,
  onDiff?: (d: RecordDiff) => void,
): Promise<void> {
  for (const e of m.order) {
    const recs = new Map<string, { key: string; rec: Json }>();
    for (const g of good) if (g.entities[e]) recs.set(g.entities[e]![ID_FIELD[e]], { key: g.key, rec: g.entities[e]! });
    const stored = new Map((await service(e).findByIds(identity, [...recs.keys()])).map((d) => [d._id, d]));
    const c = (run.counts.entities[e] ??= { created: 0, updated: 0, unchanged: 0 });
    for (const [id, { key, rec }] of recs) {
      // compared as the store would keep the new record (NaN as null, "." in keys as "．"), bookkeeping aside
      const was = stored.get(id) ? (toJsonForm(stored.get(id)) as Json) : undefined;
      if (was) delete was._normalized;
      const d = diffRecords(e, id, key, was, storable(toJsonForm(rec), []) as Json);
      c[d.outcome as 'created']++;
      if (e === 'dataset' || !m.order.includes('dataset')) run.counts[d.outcome as 'created']++;
      onDiff?.(d);
    }
  }
}
