// One batch of an export's write phase: each dataset's row (with its split and label summaries), its
// labels and its files go to the record files, which are flushed and synced before the checkpoint moves.
import type { StoredRecord } from '../catalog/common/record.types';
import type { StoredLabelSet } from '../catalog/label/labelset.service';
import { summarize } from '../catalog/label/label.summary';
import type { Children } from './children';
import { datasetRow, fileRows, labelRow, type RecordSetName } from './columns';
import type { ExportRequest } from './export.request';
import type { Checkpoint } from './export.job';
import { groupKeys, splitOf, type GroupUnion, type SplitName } from './splits';
import type { RecordFile } from './writers';

/** Buffered bytes of one record file beyond which every file is flushed mid-batch (bounds memory for datasets with many files). */
const FLUSH_BYTES = 8 << 20;

/** The export's record files by name (`datasets.jsonl`, …), and those of each record set. */
export type RecordFiles = Map<string, RecordFile> & { of(set: RecordSetName): RecordFile[] };

export class BatchWriter {
  private readonly labellers: Set<string>;

  /**
   * @param cp the job's checkpoint, updated in place after each batch (last pid, file sizes, split and label counts)
   * @param labels the selected labels by dataset pid (absent: no label sets asked for)
   * @param blocks the origdatablocks by dataset pid (absent: files not asked for)
   */
  constructor(
    private readonly req: ExportRequest,
    private readonly union: GroupUnion,
    private readonly files: RecordFiles,
    private readonly sets: StoredLabelSet[],
    private readonly cp: Checkpoint,
    private readonly labels?: Children,
    private readonly blocks?: Children,
  ) {
    this.labellers = new Set(cp.labelStats.labellers);
  }

  /** Writes a batch of datasets (in pid order) and their children, syncs the files, and moves the checkpoint to the batch's last pid. */
  async write(batch: StoredRecord[]): Promise<void> {
    const pids = batch.map((d) => d._id);
    const labelsBy = this.labels ? await this.labels.take(pids) : new Map<string, StoredRecord[]>();
    const blocksBy = this.blocks ? await this.blocks.take(pids) : new Map<string, StoredRecord[]>();
    for (const d of batch) {
      const split = this.addDataset(d, labelsBy.get(d._id) ?? []);
      for (const b of blocksBy.get(d._id) ?? []) {
        for (const row of fileRows(b)) for (const f of this.files.of('files')) f.add(row);
        if ([...this.files.values()].some((f) => f.buffered > FLUSH_BYTES)) for (const f of this.files.values()) await f.flush();
      }
      this.cp.splits[split]++;
    }
    for (const f of this.files.values()) {
      await f.flush();
      await f.sync();
    }
    this.cp.lastPid = pids[pids.length - 1];
    this.cp.files = [...this.files].map(([name, f]) => ({ name, bytes: f.bytes, records: f.records }));
    this.cp.labelStats.labellers = [...this.labellers].sort();
  }

  /** The dataset's row and its label rows; returns the split it falls in. */
  private addDataset(d: StoredRecord, ls: StoredRecord[]): SplitName {
    const group = this.union.groupOf(groupKeys(d, this.req.split.groupBy));
    const split = splitOf(group, this.req.split);
    const summaries = this.sets.map((s) => summarize(s, ls.filter((l) => l.labelSet === s.name) as any));
    for (const f of this.files.of('datasets')) f.add(datasetRow(d, this.req, split, group, summaries));
    for (const l of ls) {
      const row = labelRow(l);
      for (const f of this.files.of('labels')) f.add(row);
      this.cp.labelStats.labels++;
      this.cp.labelStats[l.source === 'model' ? 'model' : 'human']++;
      this.labellers.add(row.labeller as string);
    }
    return split;
  }
}
