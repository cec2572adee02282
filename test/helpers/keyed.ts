// Watches the MongoDB commands a piece of work sends and tells which of them are not key reads: the
// embedded server (FerretDB v1) scans its whole table for any filter but one on `_id`.
import { ObjectId, type MongoClient } from 'mongodb';

export interface SentFilter {
  command: string;
  collection: string;
  filter: any;
}

const FILTER_OF: Record<string, (c: any) => any[]> = {
  find: (c) => [c.filter ?? {}],
  count: (c) => [c.query ?? {}],
  distinct: (c) => [c.query ?? {}],
  aggregate: (c) => [c.pipeline?.[0]?.$match ?? {}],
  update: (c) => c.updates.map((u: any) => u.q),
  delete: (c) => c.deletes.map((d: any) => d.q),
  findAndModify: (c) => [c.query ?? {}],
};

/** Every filter the client sends until stop(). */
export function watchFilters(client: MongoClient): { sent: SentFilter[]; stop: () => void } {
  const sent: SentFilter[] = [];
  const listen = (e: any) => {
    const of = FILTER_OF[e.commandName];
    if (of) for (const filter of of(e.command)) sent.push({ command: e.commandName, collection: e.command[e.commandName], filter });
  };
  client.on('commandStarted', listen);
  return { sent, stop: () => client.off('commandStarted', listen) };
}

/** True when the server can answer the filter from its `_id` index: one id, `$in` of ids, or an ObjectId range. */
export function keyed(filter: any): boolean {
  if (!filter || typeof filter !== 'object') return false;
  if (Array.isArray(filter.$and) && filter.$and.some(keyed)) return true;
  const id = filter._id;
  if (typeof id === 'string' || id instanceof ObjectId) return true;
  if (!id || typeof id !== 'object') return false;
  if (Array.isArray(id.$in)) return id.$in.every((v: unknown) => typeof v === 'string' || v instanceof ObjectId);
  const ops = Object.keys(id);
  return ops.length > 0 && ops.every((k) => ['$gt', '$gte', '$lt', '$lte'].includes(k) && id[k] instanceof ObjectId);
}

/** The filters among `sent` that are not key reads, as text for a readable failure. */
export function scans(sent: SentFilter[]): string[] {
  return sent.filter((s) => !keyed(s.filter)).map((s) => `${s.command} ${s.collection} ${JSON.stringify(s.filter)}`);
}
