// GraphQL enums made from a domain's list of string values, so each set of values is written once: the
// domain keeps `const X = [...] as const` and its union type; the schema's enum is built from that list.
import { registerEnumType } from 'type-graphql';

/**
 * Registers the GraphQL enum `name` whose values are `values`.
 *
 * @param values the domain's values, in schema order (what resolvers receive and return)
 * @param opts.key the name each value has in the schema (default: the value itself), e.g. upper case
 * @param opts.description the enum's description in the schema
 * @returns the `{ schema name: value }` object type-graphql takes in `@Field(() => X)` and `@Arg`
 */
export function graphqlEnum<V extends string>(name: string, values: readonly V[], opts: { key?: (v: V) => string; description?: string } = {}): Record<string, V> {
  const e: Record<string, V> = {};
  for (const v of values) e[opts.key ? opts.key(v) : v] = v;
  registerEnumType(e, { name, description: opts.description });
  return e;
}

/** Upper-cases a value for its schema name (`jsonl` → `JSONL`). */
export const upper = (v: string): string => v.toUpperCase();
