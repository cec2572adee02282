import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';

let version: string | undefined;

/** The catalog's version (package.json), stamped on exports and their provenance. */
export function catalogVersion(): string {
  return (version ??= JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string);
}
