// What the bench parts share: a load loop with latency quantiles, a process's RSS from /proc, a free port,
// the API server in its own process, and the JSON result file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../src/common/paths';

export interface Timing {
  requests: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
}

/** Runs `fn` from `concurrency` loops for `seconds`. */
export async function load(fn: () => Promise<void>, seconds: number, concurrency: number): Promise<Timing> {
  const lat: number[] = [];
  const end = Date.now() + seconds * 1000;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await fn();
        lat.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (Date.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p: number) => Number(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]?.toFixed(1) ?? NaN);
  return { requests: lat.length, perSecond: Number((lat.length / elapsed).toFixed(2)), p50ms: q(0.5), p95ms: q(0.95), p99ms: q(0.99) };
}

export function rssOf(pid: number): { rssMiB: number; peakMiB: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
}

/** A loopback port nothing listens on (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `catalog serve` on `port` in its own process (so its memory can be read), once it listens. */
export async function startServer(port: number, env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildProcess> {
  const server = spawn(process.execPath, [...nodeArgs, path.join(projectRoot(), 'dist/src/cli/main.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => String(d).includes('catalog API') && resolve());
    server.once('exit', (c) => reject(new Error(`server exited with ${c}`)));
  });
  return server;
}

/** Writes bench/results/<time><suffix>.json and says where. */
export function writeResult(result: { at: string }, suffix = ''): void {
  const dir = path.join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.at.replace(/[:.]/g, '-')}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${path.relative(projectRoot(), file)}`);
}
