import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The repository root (where package.json is), from either src/ or dist/src/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the project root above ${__dirname}`);
    dir = up;
  }
  root = dir;
  return dir;
}
