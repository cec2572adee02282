// The write rules every catalog entity shares: inputs prepared and validated against the entity's JSON
// Schema (record.prepare.ts), access, idempotent upserts keyed by the natural id, optimistic
// concurrency, and an outbox entry per change. Entity services extend it with their relations and rules.
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Document, Filter } from 'mongodb';
import { assertCanWrite, type Identity } from '../../auth';
import { errors, type Problem } from '../../common/errors';
import { duplicateKeyIndexes, findIds, idsFilter } from '../../db';
import { contentHash, reviveDates, toJsonForm } from '../../common/json';
import { validate } from '../../common/validation';
import { storable, storableQuiet, type StorageNote } from '../../common/storable';
import type { OutboxEvent, ChangeOp } from '../outbox/outbox.repository';
import { explain, hashable, inRequest, noUniqueClash, prepareRecord, sameMaintained, whoOf, type Prepared } from './record.prepare';
import { RecordReader } from './record.reader';
import { BOOKKEEPING, type Json, type StoredRecord, type UpsertResult, type WriteOptions } from './record.types';
export type { ListResult } from '../../common/pagination';
export { RecordReader, type ServiceOptions } from './record.reader';
export type { Prepared } from './record.prepare';

const MAX_RETRIES = 3;
/** The most records one bulk upsert takes: bigger pushes are split by the adapter, so no request holds the server for long. */
export const MAX_BULK = 2000;

/** Reads (RecordReader) and writes of one entity's records. */
export class RecordService<T extends StoredRecord = StoredRecord> extends RecordReader<T> {
  // ---- writes ----

  /** Validates and inserts one new record (a pid is minted if it has none). Raises VALIDATION_FAILED, FORBIDDEN, or CONFLICT if it exists. */
  async create(identity: Identity, input: Json): Promise<T> {
    const [r] = await this.write(identity, [input], { mode: 'create' });
    return r.record;
  }

  /** Creates or replaces the record with the input's natural id (an identical one is not rewritten). Raises VALIDATION_FAILED, FORBIDDEN or CONFLICT. */
  async upsert(identity: Identity, input: Json): Promise<UpsertResult<T>> {
    const [r] = await this.write(identity, [input], { mode: 'upsert' });
    return r;
  }

  /**
   * `isNew` (for services, e.g. the children of a parent created in the same batch) names records known
   * to be new: their stored revision is not read. One that exists after all fails on its key and is
   * written again as an update, so a wrong guess costs a retry, never a duplicate.
   */
  async upsertMany(identity: Identity, inputs: Json[], opts: WriteOptions = {}, isNew?: (record: Json) => boolean): Promise<UpsertResult<T>[]> {
    if (inputs.length > MAX_BULK) throw errors.badInput(`a bulk upsert takes at most ${MAX_BULK} ${this.spec.entity} records (got ${inputs.length}); split the batch`, { max: MAX_BULK, got: inputs.length });
    if (inputs.length === 0) return [];
    return this.write(identity, inputs, { mode: 'upsert', basePath: opts.basePath ?? '', isNew });
  }

  /** Merges `patch` into record `id` (`null` removes a field). Raises INVALID_ID, NOT_FOUND, FORBIDDEN, VALIDATION_FAILED or CONFLICT. */
  async update(identity: Identity, id: string, patch: Json): Promise<T> {
    this.checkId(id);
    for (let attempt = 0; ; attempt++) {
      const existing = await this.get(identity, id);
      if (!existing) throw errors.notFound(this.spec.entity, id);
      this.assertWrite(identity, existing.ownerGroup);
      const notes: StorageNote[] = [];
      const changes = storable(toJsonForm(patch), notes) as Json;
      const problems: Problem[] = [];
      for (const f of [this.spec.idField, ...this.spec.immutable]) {
        if (f in changes && changes[f] !== (toJsonForm(existing) as Json)[f]) problems.push({ path: `/${f}`, message: 'cannot be changed once written' });
      }
      if (problems.length) throw errors.validation(this.spec.entity, problems);
      const merged = { ...this.contentOf(existing) };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      if ('ownerGroup' in changes && merged.ownerGroup !== undefined) this.assertWrite(identity, merged.ownerGroup);
      this.normalize(identity, merged, false);
      this.hooks.checkWrite?.(identity, merged, existing);
      const invalid = validate(this.spec.schema, merged);
      if (invalid.length) throw errors.validation(this.spec.entity, explain(invalid, notes));
      const doc = this.toStored(identity, merged, existing, notes);
      if (doc._hash === existing._hash && sameMaintained(doc, existing, this.spec.preserved ?? [])) return existing;
      const r = await this.col.replaceOne({ _id: id, _rev: existing._rev } as Filter<T>, doc as any);
      if (r.matchedCount === 1) {
        await this.emit(identity, [doc], 'updated');
        await this.hooks.afterWrite?.(identity, [{ doc, old: existing }]);
        return doc;
      }
      if (attempt >= MAX_RETRIES) throw errors.conflict(`${this.spec.entity} ${id} is being changed by someone else; retry`);
    }
  }

  /** Deletes record `id`; returns it as it was. Raises INVALID_ID, NOT_FOUND, FORBIDDEN, or CONFLICT when the entity's checks refuse. */
  async remove(identity: Identity, id: string): Promise<T> {
    this.checkId(id);
    const existing = await this.get(identity, id);
    if (!existing) throw errors.notFound(this.spec.entity, id);
    this.assertWrite(identity, existing.ownerGroup);
    await this.hooks.beforeDelete?.(identity, existing);
    const r = await this.col.deleteOne({ _id: id } as Filter<T>);
    if (r.deletedCount === 1) {
      await this.emit(identity, [existing], 'deleted');
      await this.hooks.afterDelete?.(identity, existing);
    }
    return existing;
  }

  /** Copies a parent's new access fields onto the records that hang off it (blocks, labels), with an outbox entry each so the read index follows. */
  async syncAccess(identity: Identity, field: string, key: string, access: { ownerGroup: string; accessGroups: string[]; isPublished: boolean }): Promise<void> {
    const docs = await this.allWhere(field, key);
    if (!docs.length) return;
    const set = { ...access, updatedAt: new Date(), updatedBy: identity.subject };
    await this.col.updateMany(idsFilter(docs.map((d) => d._id)) as Filter<T>, { $set: set, $inc: { _rev: 1 } } as any);
    await this.emit(identity, docs.map((d) => ({ ...d, ...set, _rev: d._rev + 1 })), 'updated');
  }

  /** Deletes the records that hang off a deleted parent, with an outbox entry for each. */
  protected async removeChildren(identity: Identity, field: string, key: string): Promise<void> {
    const docs = await this.allWhere(field, key, { ownerGroup: 1, accessGroups: 1, isPublished: 1, _rev: 1 });
    if (!docs.length) return;
    await this.col.deleteMany({ ...idsFilter(docs.map((d) => d._id)), [field]: key } as Filter<T>);
    await this.emit(identity, docs as StoredRecord[], 'deleted');
  }

  /**
   * Checks inputs exactly as a write would, without writing: each is made storable, normalised and
   * validated against the entity's JSON Schema. Returns, per input, the record to write and its problems
   * (JSON pointers inside the record; empty when it is good). Good records passed on to `upsertMany`
   * are written without being validated again: ingest sorts bad rows out first, then writes the rest.
   */
  prepare(identity: Identity, inputs: Json[]): Prepared[] {
    return inputs.map((input) => prepareRecord(this.spec.schema, input, '', false, whoOf(identity), (json) => this.complete(identity, json, false)));
  }

  // ---- internals ----
  protected assertWrite(identity: Identity, ownerGroup: string | undefined): void {
    (this.spec.writeRule ?? assertCanWrite)(identity, ownerGroup, this.spec.entity);
  }

  /** The content fields of a stored record in JSON form (no bookkeeping). */
  protected contentOf(rec: T): Json {
    const out = toJsonForm(rec) as Json;
    for (const k of BOOKKEEPING) delete out[k];
    return out;
  }

  protected normalize(identity: Identity, json: Json, forCreate: boolean): void {
    json.accessGroups ??= [];
    json.isPublished ??= false;
    this.hooks.normalize?.(json, { identity, forCreate });
  }

  /** A new record's defaults and the entity's own normalisation; a create without an id gets a new pid. */
  private complete(identity: Identity, json: Json, forCreate: boolean): void {
    this.normalize(identity, json, forCreate);
    if (forCreate && json[this.spec.idField] === undefined) json[this.spec.idField] = this.newId();
  }

  protected newId(): string {
    return `${this.options.pidPrefix}/${randomUUID()}`;
  }

  private toStored(identity: Identity, json: Json, existing: Partial<StoredRecord> | undefined, notes: StorageNote[] = []): T {
    const content = { ...json };
    for (const f of this.spec.preserved ?? []) if (content[f] === undefined && existing?.[f] !== undefined) content[f] = existing[f];
    reviveDates(content, this.spec.dateFields);
    const now = new Date();
    return {
      ...content,
      _id: json[this.spec.idField],
      _hash: contentHash(hashable(content, this.spec.preserved)),
      _rev: (existing?._rev ?? 0) + 1,
      ...(notes.length && { _normalized: notes }),
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? storableQuiet(identity.subject),
      updatedAt: now,
      updatedBy: storableQuiet(identity.subject),
    } as T;
  }

  /**
   * Validates every input first (nothing is written if one is bad; a record `prepare` found good is
   * not validated again), then writes the batch with one
   * read of the stored revisions and one bulkWrite. Unchanged records are not rewritten.
   */
  private async write(identity: Identity, inputs: Json[], opts: { mode: 'create' | 'upsert'; basePath?: string; isNew?: (record: Json) => boolean }): Promise<UpsertResult<T>[]> {
    const base = opts.basePath ?? '';
    const many = base !== '' || inputs.length > 1;
    const problems: Problem[] = [];
    const prepared: Json[] = [];
    const notes: StorageNote[][] = [];
    const ats: string[] = [];
    const seen = new Map<string, number>();
    const forCreate = opts.mode === 'create';
    inputs.forEach((input, i) => {
      const at = many ? `${base}/${i}` : base;
      ats.push(at);
      // notes by the record's own paths (kept with it); the request's paths (`at`) in problems and answers
      const p = prepareRecord(this.spec.schema, input, at, forCreate, whoOf(identity), (json) => this.complete(identity, json, forCreate));
      notes.push(p.notes);
      problems.push(...p.problems);
      const id = p.record[this.spec.idField];
      if (typeof id === 'string') {
        if (seen.has(id)) problems.push({ path: `${at}/${this.spec.idField}`, message: `repeats the ${this.spec.idField} of item ${seen.get(id)}` });
        seen.set(id, i);
      }
      prepared.push(p.record);
    });
    if (problems.length) throw errors.validation(this.spec.entity, problems);
    for (const json of prepared) this.assertWrite(identity, json.ownerGroup);

    const results: (UpsertResult<T> | undefined)[] = new Array(prepared.length);
    let pending = prepared.map((_, i) => i);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > MAX_RETRIES) throw errors.conflict(`${pending.length} ${this.spec.entity} record(s) are being changed by someone else; retry`, { ids: pending.map((i) => prepared[i][this.spec.idField]) });
      // only the first attempt trusts isNew (a create takes every record to be new: a clash on its id reads it, and refuses)
      pending = await this.writeOnce(identity, prepared, pending, results, opts.mode, attempt > 0 ? undefined : forCreate ? () => true : opts.isNew, notes);
    }
    return (results as UpsertResult<T>[]).map((r, i) => (notes[i].length ? { ...r, notes: inRequest(notes[i], ats[i]) } : r));
  }

  /** One attempt; returns the indexes that lost a race and must be tried again. */
  private async writeOnce(identity: Identity, prepared: Json[], idx: number[], results: (UpsertResult<T> | undefined)[], mode: 'create' | 'upsert', isNew: ((record: Json) => boolean) | undefined, notes: StorageNote[][]): Promise<number[]> {
    const ids = idx.filter((i) => !isNew?.(prepared[i])).map((i) => prepared[i][this.spec.idField] as string);
    const projection: Document = { _id: 1, _rev: 1, _hash: 1, ownerGroup: 1, accessGroups: 1, isPublished: 1, createdAt: 1, createdBy: 1, updatedAt: 1, updatedBy: 1 };
    for (const f of [...(this.spec.preserved ?? []), ...this.spec.immutable, ...(this.spec.guarded ?? [])]) projection[f] = 1;
    const existing = new Map((await findIds(this.col, ids, projection)).map((d) => [d._id as string, d as Partial<StoredRecord>]));

    const ops: AnyBulkWriteOperation<T>[] = [];
    const opIndex: number[] = [];
    const changed: { doc: T; op: ChangeOp; i: number; old?: Partial<StoredRecord> }[] = [];
    for (const i of idx) {
      const json = prepared[i];
      const id = json[this.spec.idField] as string;
      const old = existing.get(id);
      if (old && mode === 'create') throw errors.conflict(`${this.spec.entity} ${id} already exists; use update or upsert`, { id });
      if (old && old.ownerGroup !== json.ownerGroup) this.assertWrite(identity, old.ownerGroup);
      if (old) this.assertImmutable(id, json, old);
      this.hooks.checkWrite?.(identity, json, old);
      const doc = this.toStored(identity, json, old, notes[i]);
      if (old && old._hash === doc._hash && sameMaintained(doc, old, this.spec.preserved ?? [])) {
        const record = { ...doc, _rev: old._rev, createdAt: old.createdAt, createdBy: old.createdBy, updatedAt: old.updatedAt, updatedBy: old.updatedBy } as T;
        results[i] = { id, outcome: 'unchanged', record };
        continue;
      }
      ops.push(old ? { replaceOne: { filter: { _id: id, _rev: old._rev } as Filter<T>, replacement: doc as any } } : { insertOne: { document: doc as any } });
      opIndex.push(i);
      results[i] = { id, outcome: old ? 'updated' : 'created', record: doc };
      changed.push({ doc, op: old ? 'updated' : 'created', i, old });
    }
    if (!ops.length) return [];

    const retry = new Set<number>();
    try {
      const r = await this.col.bulkWrite(ops, { ordered: false });
      if (r.matchedCount + r.insertedCount < ops.length) this.collectLostReplaces(ops, opIndex, retry, await this.revisions(ops));
    } catch (e) {
      // an id someone inserted first: go round again as an update; an insert whose id is still free clashed on another unique field
      const revs = await this.revisions(ops);
      for (const k of duplicateKeyIndexes(e, this.spec.entity)) retry.add(opIndex[noUniqueClash(this.spec, ops[k], revs, k)]);
      this.collectLostReplaces(ops, opIndex, retry, revs);
    }
    const done = changed.filter((c) => !retry.has(c.i));
    await this.emit(identity, done.map((c) => c.doc), done.map((c) => c.op));
    await this.hooks.afterWrite?.(identity, done);
    for (const i of retry) results[i] = undefined;
    return [...retry];
  }

  private async revisions(ops: AnyBulkWriteOperation<T>[]): Promise<Map<string, number>> {
    const ids = ops.map((o) => ('replaceOne' in o ? (o.replaceOne.filter as any)._id : (o as any).insertOne.document._id));
    return new Map((await findIds(this.col, ids, { _rev: 1 })).map((d) => [d._id as string, d._rev as number]));
  }

  /** A replace whose revision no longer matches lost a race with another writer. */
  private collectLostReplaces(ops: AnyBulkWriteOperation<T>[], opIndex: number[], retry: Set<number>, revs: Map<string, number>): void {
    ops.forEach((o, k) => {
      if (!('replaceOne' in o)) return;
      const want = (o.replaceOne.replacement as any)._rev;
      if (revs.get((o.replaceOne.filter as any)._id) !== want) retry.add(opIndex[k]);
    });
  }

  private assertImmutable(id: string, json: Json, old: Partial<StoredRecord>): void {
    for (const f of this.spec.immutable) {
      if (f in old && old[f] !== undefined && JSON.stringify(toJsonForm(old[f])) !== JSON.stringify(json[f])) {
        throw errors.validation(this.spec.entity, [{ path: `/${f}`, message: `cannot be changed once written (${this.spec.entity} ${id})` }]);
      }
    }
  }

  /** Records each change in the outbox and hands the written records to the read index; `docs` are whole records as stored. */
  protected async emit(identity: Identity, docs: StoredRecord[], op: ChangeOp | ChangeOp[]): Promise<void> {
    const events: OutboxEvent[] = docs.map((d, i) => ({
      entity: this.spec.entity,
      op: Array.isArray(op) ? op[i] : op,
      id: d._id,
      rev: d._rev,
      at: new Date(),
      by: identity.subject,
      access: { ownerGroup: d.ownerGroup, accessGroups: d.accessGroups, isPublished: d.isPublished },
    }));
    await this.outbox.record(events);
    this.options.reads?.written(this.spec.entity, docs, events.map((e) => e.op));
  }
}
