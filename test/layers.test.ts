// The layering of src/, checked on every import (type-only ones too): a file imports only from its own
// layer or the layers below, and reaches a sibling domain only through that domain's index.ts.
// docs/architecture.md draws the same picture.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', 'src');

/** Lowest first. Folders in one entry are siblings: they reach each other through index.ts only. */
const LAYERS: string[][] = [
  ['common', 'config', 'db'],
  ['auth'],
  ['graphql'],
  ['catalog'],
  ['search'],
  ['doi', 'export', 'fair', 'files', 'ingest', 'scicat'],
  ['app'],
  ['cli'],
];
/** Ground shared by every entity of catalog/ (the record protocol, the outbox, the wiring in catalog.ts). */
const CATALOG_GROUND = new Set(['common', 'outbox', 'catalog.ts', 'index.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A src-relative module path ("catalog/dataset/dataset.service.ts") for a relative import, or null. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const cand of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    try {
      if (statSync(cand).isFile()) return path.relative(SRC, cand).split(path.sep).join('/');
    } catch {
      // not this one
    }
  }
  return path.relative(SRC, base).split(path.sep).join('/');
}

const layerOf = (top: string) => LAYERS.findIndex((l) => l.includes(top));

/** What is wrong with `importer` importing `target` (both src-relative), or null. */
export function violation(importer: string, target: string): string | null {
  // seeds/ (outside src/) are data generators the CLI runs: only the CLI loads them
  if (target.startsWith('../')) return importer.startsWith('cli/') ? null : `${importer} imports ${target}, outside src/`;
  const [a, ...restA] = importer.split('/');
  const [b, ...restB] = target.split('/');
  const la = layerOf(a);
  const lb = layerOf(b);
  if (la < 0) return `${importer} is in no layer (add src/${a} to LAYERS)`;
  if (lb < 0) return `${target} is in no layer`;
  if (lb > la) return `${importer} imports upward: ${target} (layer ${LAYERS[lb].join('/')} is above ${LAYERS[la].join('/')})`;
  const isIndex = (rest: string[]) => rest.length === 1 && rest[0] === 'index.ts';
  if (a !== b && la === lb && la > 0 && !isIndex(restB)) return `${importer} reaches into the sibling domain ${b}: import src/${b}/index.ts instead of ${target}`;
  if (a === 'catalog' && b === 'catalog' && restA.length > 1 && restB.length > 1) {
    const [ea, eb] = [restA[0], restB[0]];
    if (ea !== eb && !CATALOG_GROUND.has(eb) && !CATALOG_GROUND.has(ea) && restB[1] !== 'index.ts') return `${importer} reaches into catalog/${eb}: import catalog/${eb}/index.ts instead of ${target}`;
  }
  return null;
}

test('every import in src/ runs downward, and reaches sibling domains through their index.ts', () => {
  const problems: string[] = [];
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    const me = path.relative(SRC, file).split(path.sep).join('/');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)'([^']+)'/g)) {
      const target = resolve(file, m[1]);
      const v = target && violation(me, target);
      if (v) problems.push(v);
    }
  }
  expect(problems).toEqual([]);
});

test('the rule itself: upward imports and reaches into a sibling are caught', () => {
  expect(violation('catalog/dataset/dataset.service.ts', 'app/services.ts')).toMatch(/imports upward/);
  expect(violation('graphql/connection.ts', 'catalog/common/record.service.ts')).toMatch(/imports upward/);
  expect(violation('export/export.service.ts', 'ingest/ingest.runner.ts')).toMatch(/sibling domain ingest/);
  expect(violation('export/export.service.ts', 'ingest/index.ts')).toBeNull();
  expect(violation('catalog/sample/sample.service.ts', 'catalog/dataset/dataset.service.ts')).toMatch(/reaches into catalog\/dataset/);
  expect(violation('catalog/sample/sample.service.ts', 'catalog/dataset/index.ts')).toBeNull();
  expect(violation('catalog/sample/sample.service.ts', 'catalog/common/record.service.ts')).toBeNull();
  expect(violation('app/services.ts', 'catalog/dataset/dataset.service.ts')).toBeNull();
  expect(violation('app/app.ts', 'cli/main.ts')).toMatch(/imports upward/);
  expect(violation('catalog/dataset/dataset.service.ts', '../seeds/demo.ts')).toMatch(/outside src/);
});
