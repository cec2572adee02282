// The core bench's load run: BENCH_LOAD_CLIENTS (100) concurrent HTTP clients for BENCH_LOAD_SECONDS (60)
// on loopback, a mix of portal queries, searches, single-dataset reads and lists; 2 adapter clients
// pushing bulk upserts of 50 datasets; BENCH_LOAD_SUBSCRIPTIONS (20) open datasetChanged subscriptions.
// The first BENCH_LOAD_WARMUP seconds (15) are a warm-up: the load runs, but its latencies and the RSS
// are measured from the end of it, so that the API's heap growing from idle to its working set is not
// read as a leak. Reports errors (warm-up included), p50/p99 per kind, subscription events received,
// and the API's RSS every 5 s over the whole run (the warm-up marked), first and last 10 s measured.
import type { ChildProcess } from 'node:child_process';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { bulkDataset } from '../seeds/bulk';
import { rssOf } from './common';

const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 100);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const SUBSCRIPTIONS = Number(process.env.BENCH_LOAD_SUBSCRIPTIONS ?? 20);
const WARMUP = Number(process.env.BENCH_LOAD_WARMUP ?? 15);

interface Deps {
  url: string;
  server: ChildProcess;
  userToken: string;
  ingestorToken: string;
  pids: string[];
  portal: string;
  one: string;
  lists: string[];
  /** Makes this run's adapter pushes changes (updates), not repeats of the last run's. */
  run: string;
}

type Kind = 'portal' | 'search' | 'dataset' | 'list' | 'bulkUpsert';

export async function loadRun(d: Deps): Promise<Record<string, unknown>> {
  const lat: Record<Kind, number[]> = { portal: [], search: [], dataset: [], list: [], bulkUpsert: [] };
  const errors: Record<string, number> = {};
  const post = async (kind: Kind, query: string, variables: Record<string, unknown>, token: string) => {
    const t = performance.now();
    try {
      const r = await fetch(d.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await r.json()) as any;
      if (r.status !== 200 || body.errors) throw new Error(body.errors?.[0]?.extensions?.code ?? `HTTP ${r.status}`);
      if (Date.now() >= measureFrom) lat[kind].push(performance.now() - t);
    } catch (e) {
      const k = `${kind}: ${(e as Error).message}`;
      errors[k] = (errors[k] ?? 0) + 1;
    }
  };
  // subscriptions, open for the whole run
  let events = 0;
  const ws = Array.from({ length: SUBSCRIPTIONS }, () => createClient({ url: d.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${d.userToken}` }, retryAttempts: 0, lazy: false }));
  for (const c of ws) c.subscribe({ query: 'subscription { datasetChanged { op pid } }' }, { next: () => void events++, error: (e) => void (errors[`subscription: ${(e as any)?.message ?? (e as any)?.reason ?? (e as any)?.code ?? 'closed'}`] = 1), complete: () => undefined });
  // RSS once a second: `rss` over the measured window, `series` over the whole run
  const measureFrom = Date.now() + WARMUP * 1000;
  const end = measureFrom + SECONDS * 1000;
  const rss: number[] = [];
  const series: number[] = [];
  const sampler = setInterval(() => {
    try {
      const now = rssOf(d.server.pid!).rssMiB;
      series.push(now);
      if (Date.now() >= measureFrom) rss.push(now);
    } catch {
      errors['the API process exited'] = 1;
    }
  }, 1000);
  const words = ['bench', 'lysozyme', 'MX', 'generated', 'bench dataset 4'];
  let n = 0;
  const reader = async () => {
    while (Date.now() < end) {
      const i = n++;
      const r = i % 10;
      if (r < 3) await post('portal', d.portal, {}, d.userToken);
      else if (r < 5) await post('search', 'query($t: String) { search(input: { text: $t }, first: 20, facets: [INSTRUMENT, PROPOSAL]) { totalCount hits { id title } } }', { t: words[i % words.length] }, d.userToken);
      else if (r < 9) await post('dataset', d.one, { pid: d.pids[i % d.pids.length] }, d.userToken);
      else await post('list', `{ ${d.lists[i % d.lists.length]} }`, {}, d.userToken);
    }
  };
  let pushed = 0;
  const adapter = async (a: number) => {
    for (let b = 0; Date.now() < end; b++) {
      const docs = Array.from({ length: 50 }, (_, k) => {
        const x = bulkDataset(5_000_000 + a * 1_000_000 + ((b * 50 + k) % 20_000));
        return { ...x, datasetName: `${x.datasetName} (${d.run}.${b})`, creationTime: x.creationTime.toISOString(), isPublished: true };
      });
      await post('bulkUpsert', 'mutation($i: [DatasetInput!]!) { upsertDatasets(inputs: $i) { summary { created updated unchanged } } }', { i: docs }, d.ingestorToken);
      pushed += docs.length;
    }
  };
  await Promise.all([...Array.from({ length: CLIENTS }, reader), adapter(0), adapter(1)]);
  const elapsed = (Date.now() - measureFrom) / 1000;
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 1000));
  await Promise.all(ws.map((c) => c.dispose()));
  const q = (xs: number[], p: number) => (xs.length ? +[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1) : null);
  const kinds = Object.fromEntries(Object.entries(lat).map(([k, xs]) => [k, { requests: xs.length, perSecond: +(xs.length / elapsed).toFixed(1), p50ms: q(xs, 0.5), p99ms: q(xs, 0.99) }]));
  const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  const out = {
    clients: CLIENTS, seconds: SECONDS, warmupSeconds: WARMUP, subscriptions: SUBSCRIPTIONS, kinds, errors, errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    datasetsPushed: pushed, subscriptionEvents: events,
    rssMiB: { first10s: avg(rss.slice(0, 10)), last10s: avg(rss.slice(-10)), peak: Math.max(...series), every5s: series.filter((_, i) => i % 5 === 4) },
  };
  console.log(`(h) load run: ${CLIENTS} clients, ${WARMUP} s warm-up + ${SECONDS} s measured, ${SUBSCRIPTIONS} subscriptions, 2 adapters (${pushed} datasets pushed); errors: ${out.errorCount}${out.errorCount ? ` ${JSON.stringify(errors)}` : ''}`);
  for (const [k, v] of Object.entries(kinds)) console.log(`    ${k.padEnd(11)} ${String(v.requests).padStart(6)} requests  ${String(v.perSecond).padStart(6)}/s  p50 ${v.p50ms} ms  p99 ${v.p99ms} ms`);
  console.log(`    subscription events received: ${events}; API RSS (measured) first 10 s ${out.rssMiB.first10s} MiB, last 10 s ${out.rssMiB.last10s} MiB, peak ${out.rssMiB.peak} MiB`);
  console.log(`    API RSS every 5 s from the start of the warm-up (MiB): ${out.rssMiB.every5s.join(' ')}`);
  return out;
}
