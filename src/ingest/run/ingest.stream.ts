// The source side of a run: batches read one ahead of the writes, and a record mapped without ever
// stopping the run.
import type { SourceRecord } from '../adapters';
import type { CompiledMapping } from '../mapping/mapping.engine';

/**
 * The source's batches, each next one read while the caller writes the current one: the source's query
 * time overlaps the catalog's writes. Only written batches move the checkpoint, so a batch read ahead and
 * lost to a crash is read again on resume. A read that fails is reported when its batch is reached.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => undefined); // awaited (and so thrown) at the top of the loop
      yield r.value;
    }
  } finally {
    // the caller stopped early (a limit, an error): close the source once its pending read settles
    await Promise.resolve(it.return?.()).catch(() => undefined);
  }
}

/**
 * The mapped record, or, when mapping it fails in a way the mapping engine did not foresee, one problem
 * that says so: the row is quarantined with the message and the run goes on.
 */
export function mapSafely(m: CompiledMapping, sr: SourceRecord, runId: string): ReturnType<CompiledMapping['map']> {
  try {
    return m.map(sr.record, sr.key, runId);
  } catch (e) {
    return { key: sr.key, entities: {}, problems: [{ path: '/source', message: `the record could not be mapped: ${(e as Error)?.message ?? String(e)}` }] };
  }
}
