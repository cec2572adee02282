// Which fields of a connection's nodes a query selects, so lists can leave heavy fields (a dataset's
// ~400 metadata keys) out of what they read when nobody asked for them.
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

function collect(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: Set<string>, path: string[]): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === 'Field') {
      if (path.length === 0) out.add(sel.name.value);
      else if (sel.name.value === path[0]) collect(sel.selectionSet, info, out, path.slice(1));
    } else if (sel.kind === 'InlineFragment') collect(sel.selectionSet, info, out, path);
    else collect(info.fragments[sel.name.value]?.selectionSet, info, out, path);
  }
}

/** The field names selected on a connection's nodes (through `nodes` and `edges { node }`, fragments included). */
export function nodeFields(info: GraphQLResolveInfo): Set<string> {
  const out = new Set<string>();
  for (const f of info.fieldNodes as FieldNode[]) {
    collect(f.selectionSet, info, out, ['nodes']);
    collect(f.selectionSet, info, out, ['edges', 'node']);
  }
  return out;
}

/** Of `heavy`, the fields the query does not select on the nodes (they need not be read). */
export function unselected(info: GraphQLResolveInfo, heavy: readonly string[] | undefined): string[] {
  if (!heavy?.length) return [];
  const picked = nodeFields(info);
  return heavy.filter((f) => !picked.has(f));
}
