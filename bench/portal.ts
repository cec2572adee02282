// npm run bench, part portal: the scientists' portal (web/dist) in Debian's Chromium at facility scale, against
// the core part's kept database `catalog_bench` (BENCH_DATASETS, default 100000 published datasets, populated
// by bench/population.ts as the core part does when they are not there yet), the API in its own process with
// the read index, a visitor (no sign-in: the datasets are published). Goal: each figure under 1 s.
//  (1) time to first results: a fresh navigation to /?q=bench (every dataset matches) until the first
//      [data-testid=result] is in the page;
//  (2) time to the dataset page: a fresh navigation to /datasets/<pid> (another dataset each run) until its
//      heading (the dataset's name) is in the page.
// Each figure is performance.now() in the page when the element enters the DOM (a MutationObserver installed
// before the page's scripts), i.e. ms since the navigation started; beside it the navigation's
// domContentLoadedEventEnd and when the page sent, and got back, the request that carries what is waited for.
// Baseline, in the same run: the same GraphQL requests the page sent (captured in the warm-up, same query
// text and variables) timed from Node with fetch alone: the one that carries the figure (PortalLogbook,
// PortalDataset), and every GraphQL request the page sends on load, sent at once.
//   BENCH_PORTAL_RUNS (10, after one warm-up)  BENCH_DATASETS (100000)  BENCH_DB (catalog_bench)  CHROMIUM (/usr/bin/chromium)
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { loadConfig } from '../src/config';
import { projectRoot } from '../src/common/paths';
import { bulkDataset } from '../seeds/bulk';
import { populate } from './population';
import { freePort, startServer, writeResult } from './common';

const N = Number(process.env.BENCH_DATASETS ?? 100_000);
const RUNS = Number(process.env.BENCH_PORTAL_RUNS ?? 10);
const DB = process.env.BENCH_DB ?? 'catalog_bench';
const GOAL_MS = 1000;
const WORD = 'bench';

interface Quantiles { p50: number; p95: number }
interface GqlRequest { operationName: string | null; body: Record<string, any> }
interface Marks { result?: number; headings: Record<string, number>; gql: { op: string | null; sent: number; answered?: number }[] }

function quantiles(xs: number[]): Quantiles {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Number(s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1));
  return { p50: q(0.5), p95: q(0.95) };
}

/**
 * Runs in every document before its own scripts (as text: the project compiles without the DOM's types):
 * notes, in page time, when the first result and each heading enter the DOM, and when each GraphQL request
 * went out and its answer came back (window.__bench, a Marks).
 */
const INSTRUMENT = `(() => {
  const marks = { headings: {}, gql: [] };
  window.__bench = marks;
  new MutationObserver(() => {
    const now = performance.now();
    if (marks.result === undefined && document.querySelector('[data-testid=result]')) marks.result = now;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')) {
      const t = (h.textContent || '').trim();
      if (t && marks.headings[t] === undefined) marks.headings[t] = now;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  const fetch0 = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/\\/graphql$/.test(new URL(url, location.href).pathname)) return fetch0(input, init);
    let op = null;
    try { op = JSON.parse(String((init && init.body) || '{}')).operationName || null; } catch (e) { /* not JSON: unnamed */ }
    const entry = { op, sent: performance.now() };
    marks.gql.push(entry);
    return fetch0(input, init).then((r) => { entry.answered = performance.now(); return r; });
  };
})();`;

/** One measured navigation: `wait` resolves once the element is there; the mark it names is read from the page. */
async function visit(page: Page, url: string, wait: (p: Page) => Promise<void>, mark: (m: Marks) => number | undefined, carrier: string) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await wait(page);
  const got = await page.evaluate(() => {
    const g = globalThis as any;
    const nav = g.performance.getEntriesByType('navigation')[0];
    return { marks: g.__bench as Marks, dcl: (nav?.domContentLoadedEventEnd as number) ?? NaN, now: g.performance.now() as number };
  });
  // whatever else the page asks for comes back before the next run, so no run pays for the last one's requests
  await page.waitForLoadState('networkidle');
  const figure = mark(got.marks) ?? got.now;
  const req = got.marks.gql.find((g) => g.op === carrier);
  return { ms: figure, dcl: got.dcl, sent: req?.sent ?? NaN, answered: req?.answered ?? NaN };
}

async function gqlFrom(base: string, body: Record<string, any>): Promise<void> {
  const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = (await r.json()) as { errors?: unknown[] };
  if (!r.ok || j.errors) throw new Error(`${body.operationName ?? 'GraphQL'}: ${r.status} ${JSON.stringify(j.errors ?? j).slice(0, 300)}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function fmt(q: Quantiles): string {
  return `p50 ${String(Math.round(q.p50)).padStart(5)} ms  p95 ${String(Math.round(q.p95)).padStart(5)} ms`;
}

interface PageFigures {
  url: string;
  page: Quantiles;
  domContentLoaded: Quantiles;
  carrier: { operation: string; sentAt: Quantiles; answeredAt: Quantiles };
  baselineNode: { carrier: Quantiles; allOnLoad: Quantiles & { requests: string[] } };
  goalMs: number;
  met: boolean;
}

/** Warm-up (capturing the page's GraphQL requests), RUNS measured navigations, then the same requests from Node. */
async function measure(page: Page, base: string, opts: {
  label: string;
  carrier: string;
  urlOf: (run: number) => string;
  wait: (p: Page, run: number) => Promise<void>;
  mark: (m: Marks, run: number) => number | undefined;
  /** The captured request body as it would be for the baseline's run `run`. */
  bodyFor: (body: Record<string, any>, run: number) => Record<string, any>;
}): Promise<PageFigures> {
  const captured: GqlRequest[] = [];
  const onRequest = (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') {
      const body = r.postDataJSON() as Record<string, any>;
      captured.push({ operationName: body?.operationName ?? null, body });
    }
  };
  page.on('request', onRequest);
  await visit(page, opts.urlOf(-1), (p) => opts.wait(p, -1), (m) => opts.mark(m, -1), opts.carrier);
  page.off('request', onRequest);
  const carrier = captured.find((c) => c.operationName === opts.carrier);
  if (!carrier) throw new Error(`${opts.label}: the page sent no ${opts.carrier} request (sent: ${captured.map((c) => c.operationName).join(', ')})`);

  const runs: Awaited<ReturnType<typeof visit>>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await visit(page, opts.urlOf(i), (p) => opts.wait(p, i), (m) => opts.mark(m, i), opts.carrier));

  // the baseline: the same requests from Node, for other datasets than the page's runs (so neither warms the other's)
  await gqlFrom(base, opts.bodyFor(carrier.body, RUNS));
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < RUNS; i++) one.push(await timed(() => gqlFrom(base, opts.bodyFor(carrier.body, RUNS + 1 + i))));
  for (let i = 0; i < RUNS; i++) all.push(await timed(() => Promise.all(captured.map((c) => gqlFrom(base, opts.bodyFor(c.body, 2 * RUNS + 1 + i))))));

  const pageQ = quantiles(runs.map((r) => r.ms));
  const fig: PageFigures = {
    url: opts.urlOf(0).replace(base, ''),
    page: pageQ,
    domContentLoaded: quantiles(runs.map((r) => r.dcl)),
    carrier: { operation: opts.carrier, sentAt: quantiles(runs.map((r) => r.sent)), answeredAt: quantiles(runs.map((r) => r.answered)) },
    baselineNode: { carrier: quantiles(one), allOnLoad: { ...quantiles(all), requests: captured.map((c) => c.operationName ?? '(unnamed)') } },
    goalMs: GOAL_MS,
    met: pageQ.p95 < GOAL_MS,
  };
  console.log(`${opts.label.padEnd(28)} ${fmt(fig.page)}  goal < ${GOAL_MS} ms: ${fig.met ? 'met' : 'NOT met'} (p95)`);
  console.log(`    DOMContentLoaded           ${fmt(fig.domContentLoaded)}`);
  console.log(`    ${opts.carrier} sent at ${fig.carrier.sentAt.p50.toFixed(0)} ms, answered at ${fig.carrier.answeredAt.p50.toFixed(0)} ms (p50, page time; p95 ${fig.carrier.sentAt.p95.toFixed(0)} / ${fig.carrier.answeredAt.p95.toFixed(0)} ms)`);
  console.log(`    baseline: ${opts.carrier} from Node ${fmt(fig.baselineNode.carrier)}`);
  console.log(`              the page's ${captured.length} GraphQL request${captured.length === 1 ? '' : 's'} at once from Node ${fmt(fig.baselineNode.allOnLoad)} (${fig.baselineNode.allOnLoad.requests.join(', ')})`);
  return fig;
}

async function main(): Promise<void> {
  const cfg = loadConfig(process.env, { dbName: DB, searchIndex: DB, logLevel: 'warn' });
  if (!cfg.elasticsearchUrl) throw new Error('the portal bench needs Elasticsearch: run it with npm run bench (scripts/services.sh starts one)');
  const root = projectRoot();
  if (!existsSync(path.join(root, 'web/dist/index.html'))) {
    console.log('web/dist is missing: building the portal (npm run build:web)…');
    execFileSync('npm', ['run', '-s', 'build:web'], { cwd: root, stdio: 'inherit' });
  }
  console.log(`bench (portal): ${N} published datasets in database ${DB}; Chromium, a visitor, ${RUNS} runs per page after one warm-up`);
  const { db, services } = await populate(cfg, N);
  await services.search.close();
  await db.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port, { CATALOG_DB: DB, CATALOG_SEARCH_INDEX: DB });
  let browser: Browser | undefined;
  const result: any = { at: new Date().toISOString(), part: 'portal', datasets: N, runs: RUNS, browser: '', goalMs: GOAL_MS };
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    result.browser = `Chromium ${browser.version()}`;
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await ctx.addInitScript({ content: INSTRUMENT });
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);

    // (1) time to first results
    result.firstResults = await measure(page, base, {
      label: `(1) first results (/?q=${WORD})`,
      carrier: 'PortalLogbook',
      urlOf: () => `${base}/?q=${WORD}`,
      wait: (p) => p.locator('[data-testid=result]').first().waitFor(),
      mark: (m) => m.result,
      bodyFor: (b) => b,
    });

    // (2) time to the dataset page: another dataset each run, spread over the population
    const index = (run: number) => ((run + 2) * 7919) % N;
    const name = (run: number) => bulkDataset(index(run)).datasetName as string;
    result.datasetPage = await measure(page, base, {
      label: '(2) dataset page',
      carrier: 'PortalDataset',
      urlOf: (run) => `${base}/datasets/${encodeURIComponent(bulkDataset(index(run)).pid)}`,
      wait: (p, run) => p.getByRole('heading', { name: name(run), exact: true }).waitFor(),
      mark: (m, run) => m.headings[name(run)],
      bodyFor: (b, run) => (b.variables && 'pid' in b.variables ? { ...b, variables: { ...b.variables, pid: bulkDataset(index(run)).pid } } : b),
    });
    result.datasetPage.url = '/datasets/<pid>';
    await ctx.close();
    console.log(`goal (each under ${GOAL_MS} ms, at p95): ${result.firstResults.met && result.datasetPage.met ? 'met' : 'NOT met'}`);
  } finally {
    await browser?.close();
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }
  writeResult(result, '-portal');
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
