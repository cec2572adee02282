// The MLCommons reference validator (mlcroissant from PyPI; scripts/test.sh installs it in .cache).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness';

export function mlcroissant(args: string[]): { ok: boolean; output: string } {
  const bin = process.env.MLCROISSANT ?? path.join(ROOT, '.cache/mlcroissant/bin/mlcroissant');
  if (!existsSync(bin)) throw new Error(`mlcroissant is not installed at ${bin}: run the tests with npm test (scripts/test.sh installs it from PyPI)`);
  try {
    const out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    return { ok: true, output: out };
  } catch (e: any) {
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
