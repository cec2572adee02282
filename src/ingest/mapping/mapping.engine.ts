// Turns one nested source record into catalog records, as a mapping says: compiled once (paths,
// expressions, lookups), then each record is a walk over plain functions. What cannot be mapped is a
// MapProblem naming the mapping path and the source path; the runner quarantines that record with them.
import type { Json } from '../../common/json';
import { validator, type SchemaName } from '../../common/validation';
import { compilePath, type Getter } from './paths';
import { ENTITY_ORDER, ID_FIELD, type EntityName, type Mapping } from './mapping.types';
import { applyPassthrough, compilePassthrough, mergeValue, type Passthrough } from './passthrough';
import { compileFields, compileSpec } from './value.compile';
import type { Eval, MapProblem } from './value.finish';

export type { Json, MapProblem };

export interface Mapped {
  /** The root key of the source record. */
  key: string;
  entities: Partial<Record<EntityName, Json>>;
  problems: MapProblem[];
}

export interface CompiledMapping {
  mapping: Mapping;
  order: EntityName[];
  map(src: Json, key: string, runId: string): Mapped;
}

/** One entity of the mapping, compiled. */
interface EntityBuilder {
  name: EntityName;
  identity: Eval;
  fields: [string, Eval][];
  when?: Getter;
  refs: { field: string; target: EntityName; many: boolean }[];
  passthrough?: Passthrough;
}

/**
 * Compiles a validated mapping. `map(src, key, runId)` then gives the records of one source record
 * (keyed by entity, in ENTITY_ORDER, each with its id field and provenance) and the problems; an entity
 * with a problem is left out. Naive date-times are read in source.timezone (default UTC). Throws
 * ExprError for an expression that does not parse (validateMapping reports those first).
 */
export function compileMapping(m: Mapping): CompiledMapping {
  const tz = m.source.timezone ?? 'UTC';
  const sourceName = m.source.name ?? `${m.source.adapter}:${m.source.root?.table ?? 'files'}`;
  const order = ENTITY_ORDER.filter((e) => m.entities[e]);
  const builders = order.map((name) => compileEntity(m, name, tz));
  return {
    mapping: m,
    order,
    map(src, key, runId) {
      const problems: MapProblem[] = [];
      const entities: Partial<Record<EntityName, Json>> = {};
      for (const b of builders) {
        if (b.when && b.when(src).every((v) => v === null || v === undefined)) continue;
        const n = problems.length;
        const id = b.identity(src, problems);
        const rec = buildRecord(b, src, problems, entities, tz);
        if (problems.length > n) continue;
        rec[ID_FIELD[b.name]] = id;
        rec.provenance = { mappingId: m.provenanceId ?? m.id, mappingVersion: m.version, source: sourceName, key, runId };
        entities[b.name] = rec;
      }
      return { key, entities, problems };
    },
  };
}

function compileEntity(m: Mapping, name: EntityName, tz: string): EntityBuilder {
  const spec = m.entities[name]!;
  const at = `/entities/${name}`;
  const identity = compileSpec(spec.identity, `${at}/identity`, tz, true);
  const fields = compileFields(spec.fields, `${at}/fields`, tz);
  const when = spec.when ? compilePath(spec.when) : undefined;
  const props = (validator(name as SchemaName).schema as any).properties ?? {};
  const refs = Object.entries(spec.references ?? {}).map(([field, target]) => ({ field, target, many: props[field]?.type === 'array' }));
  const passthrough = compilePassthrough(m, spec.passthrough);
  return { name, identity, fields, when, refs, passthrough };
}

/** The entity's record without its id and provenance: passthrough first, then the fields, then references to the entities before it. */
function buildRecord(b: EntityBuilder, src: Json, problems: MapProblem[], entities: Partial<Record<EntityName, Json>>, tz: string): Json {
  const rec: Json = {};
  if (b.passthrough) applyPassthrough(rec, b.passthrough, src, tz);
  for (const [field, ev] of b.fields) {
    const v = ev(src, problems);
    if (v === undefined) continue;
    rec[field] = mergeValue(rec[field], v);
  }
  for (const r of b.refs) {
    const target = entities[r.target];
    if (!target) continue;
    const tid = target[ID_FIELD[r.target]];
    rec[r.field] = r.many ? [tid] : tid;
  }
  return rec;
}
