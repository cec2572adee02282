// A mapping with several roots (`roots`) is run as several mappings over the same source: the main root, then
// each further root as the mapping `<id>.<name>`, with its own relations and entities, and so its own
// checkpoint, lease, runs, quarantine, hashes and provenance. Nothing else in the engine needs to know.
import type { Mapping } from './mapping.types';
import type { MappingProblem } from './value.checks';

/** The mappings `m` runs as: itself without `roots`, then one per further root (`<id>.<name>`, no triggers of its own). */
export function rootParts(m: Mapping): Mapping[] {
  const { roots, ...main } = m;
  return [
    main,
    ...(roots ?? []).map((r) => ({
      ...main,
      id: `${m.id}.${r.name}`,
      // records carry the file's mapping id and source name whichever root reached them, so they are written alike
      provenanceId: m.id,
      description: r.description ?? main.description,
      source: { ...main.source, root: r.root, relations: r.relations, changes: r.changes ?? main.source.changes, name: main.source.name ?? `${main.source.adapter}:${main.source.root?.table}` },
      entities: r.entities,
      triggers: undefined,
    })),
  ];
}

/** Where the problems of the part built from root `i` are in the file: its root, relations, changes and entities under /roots/i; null for a shared part. */
export function rootProblemPath(p: MappingProblem, i: number): MappingProblem | null {
  const moved: [string, string][] = [['/entities', `/roots/${i}/entities`], ['/source/root', `/roots/${i}/root`], ['/source/relations', `/roots/${i}/relations`], ['/source/changes', `/roots/${i}/changes`]];
  for (const [from, to] of moved) if (p.path === from || p.path.startsWith(`${from}/`)) return { ...p, path: to + p.path.slice(from.length) };
  return null;
}
