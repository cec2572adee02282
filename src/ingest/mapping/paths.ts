// JSONPath (jsonpath-plus) into nested source records. Plain paths ($.a.b[0].c) — most of a mapping —
// compile to a direct property walk; wildcards, recursion and filters go to jsonpath-plus, in its safe
// evaluator. Paths are checked when a mapping is validated, so a typo is caught before a run.
import { JSONPath } from 'jsonpath-plus';

export type Getter = (json: unknown) => unknown[];

const cache = new Map<string, Getter>();

function segments(path: string): string[] {
  return JSONPath.toPathArray(path) as unknown as string[];
}

function isPlain(seg: string): boolean {
  return seg !== '*' && seg !== '..' && !seg.startsWith('?(') && !seg.startsWith('(') && !seg.includes(':') && !seg.startsWith('@') && !seg.startsWith('~') && !seg.startsWith('^');
}

/** The values at `path` (an empty list when there is none). */
export function compilePath(path: string): Getter {
  let g = cache.get(path);
  if (g) return g;
  const segs = segments(path);
  if (segs[0] === '$' && segs.slice(1).every(isPlain)) {
    const keys = segs.slice(1);
    g = (json) => {
      let cur: any = json;
      for (const k of keys) {
        if (cur === null || typeof cur !== 'object') return [];
        cur = cur[k];
      }
      return cur === undefined ? [] : [cur];
    };
  } else {
    g = (json) => (json === null || json === undefined ? [] : (JSONPath({ path, json: json as object, wrap: true, eval: 'safe' }) as unknown[]));
  }
  cache.set(path, g);
  return g;
}

/** The first value at `path`, or undefined. */
export function first(path: string, json: unknown): unknown {
  const v = compilePath(path)(json);
  return v.length ? v[0] : undefined;
}

/** Why `path` is not a usable JSONPath, or null when it is. */
export function pathProblem(path: string): string | null {
  if (typeof path !== 'string' || !path.startsWith('$')) return 'a JSONPath starts with $';
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === quote && path[i - 1] !== '\\') quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth < 0) return `unbalanced "${c}" at character ${i + 1}`;
    }
  }
  if (quote) return `unclosed quote ${quote}`;
  if (depth !== 0) return 'unclosed [ or (';
  if (/\.\.\.|\.$|\.\[|\[\]/.test(path.replace(/'[^']*'|"[^"]*"/g, "''"))) return 'an empty step (look for "..." , a trailing "." or "[]")';
  if (/^\$[A-Za-z_]/.test(path)) return 'a step after $ starts with "." or "["';
  try {
    for (const s of segments(path)) {
      if (s.startsWith('?(')) JSONPath({ path: `$[${s}]`, json: [{}, { a: 1 }], wrap: true, eval: 'safe' });
    }
    JSONPath({ path, json: { probe: [{}] }, wrap: true, eval: 'safe' });
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/** The JSONPaths inside a template's {…} placeholders. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(/\{(\$[^{}]*)\}/g)].map((m) => m[1]);
}
