// npm run screenshots: the portal's screenshots in docs/, made again from the demo set in a real browser.
//   docs/portal-search.png    a text search with results, facets, plots and the drill-down, logbook view
//   docs/portal-table.png     the table view with a metadata column, sorted by it
//   docs/portal-dataset.png   a dataset page, its scientific metadata tab
//   docs/portal-export.png    the exports page after an export of a search has run to completion
// Its own database and index (CATALOG_DB and CATALOG_SEARCH_INDEX catalog_screenshots), dropped and made again
// each run: `catalog migrate up`, `catalog seed` (the demo set), then `catalog serve` on a free port in its own
// process, once the index has caught up. Debian's Chromium (CHROMIUM, default /usr/bin/chromium) through
// playwright-core, 1400x900 at scale 1, signed in as alice (proposals 20261001 and 20261002) through the local
// OpenID provider's login form. Needs the services (.run/env): run it as npm run screenshots, after npm run build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../src/common/paths';
import { freePort, startServer } from '../bench/common';

const DB = 'catalog_screenshots';
const ROOT = projectRoot();
const OUT = path.join(ROOT, 'docs');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const USER = ['alice', 'alice-demo'] as const;
/** A raw lysozyme dataset of proposal 20261001 (seeds/demo.ts), for the dataset page. */
const DATASET = { pid: '20.500.12345/20261001-lysozyme-NAG3-02', name: 'lysozyme-NAG3 diffraction 2' };
const env = { CATALOG_DB: DB, CATALOG_SEARCH_INDEX: DB };

/** Drops the screenshots' database and its Elasticsearch indices (by name: wildcard deletes may be refused). */
async function dropAll(): Promise<void> {
  const mongo = await MongoClient.connect(process.env.MONGODB_URI!);
  try {
    await mongo.db(DB).dropDatabase();
  } finally {
    await mongo.close();
  }
  const es = process.env.ELASTICSEARCH_URL!.replace(/\/$/, '');
  const r = await fetch(`${es}/_cat/indices/${DB}-*?format=json&h=index`);
  if (!r.ok) throw new Error(`Elasticsearch: listing ${DB}-* indices answered ${r.status}`);
  for (const { index } of (await r.json()) as { index: string }[]) {
    const d = await fetch(`${es}/${encodeURIComponent(index)}`, { method: 'DELETE' });
    if (!d.ok) throw new Error(`Elasticsearch: deleting ${index} answered ${d.status} ${await d.text()}`);
  }
}

function cli(...args: string[]): void {
  execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Waits until the API's index holds the seeded records and has nothing left to index. */
async function indexCaughtUp(base: string, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ searchStatus { available pending documents } }' }) });
    const body = (await r.json()) as { data?: { searchStatus: { available: boolean; pending: number; documents: number | null } } };
    last = body.data?.searchStatus ?? body;
    const st = body.data?.searchStatus;
    if (st?.available && st.pending === 0 && (st.documents ?? 0) > 0) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`the search index did not catch up within ${timeoutMs / 1000} s: ${JSON.stringify(last)}`);
}

/** Signs in through the portal's button and the provider's login form. */
async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(USER[0]);
  await page.getByLabel('Password').fill(USER[1]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
  // whatever the page still asks for (facets, plots, the tree) has come back, and no spinner is left
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Loading', { exact: true }).first().waitFor({ state: 'hidden' });
  await page.mouse.move(0, 0);
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  console.log(`written docs/${name} (${Math.round(statSync(file).size / 1024)} KB)`);
}

async function main(): Promise<void> {
  for (const v of ['MONGODB_URI', 'ELASTICSEARCH_URL', 'CATALOG_OIDC_ISSUER']) {
    if (!process.env[v]) throw new Error(`${v} is not set: run npm run screenshots (scripts/with-services.sh starts the services and loads .run/env)`);
  }
  if (!existsSync(path.join(ROOT, 'web/dist/index.html'))) throw new Error('web/dist is missing: npm run build:web');
  mkdirSync(OUT, { recursive: true });
  console.log(`screenshots: database and index ${DB}, made again`);
  await dropAll();
  cli('migrate', 'up');
  cli('seed');
  const exportDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-screenshots-exports-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port, { ...env, CATALOG_EXPORT_DIR: exportDir });
  let browser: Browser | undefined;
  try {
    await indexCaughtUp(base);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--lang=en-GB'] });
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC', reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, base);

    // search: text with results, facets, the plots (one of them of the ring current) and the tree, as a logbook
    await page.goto(`${base}/?q=lysozyme`);
    await page.getByTestId('result').first().waitFor();
    await page.getByRole('group', { name: 'Type facet' }).getByRole('checkbox').first().waitFor();
    await page.getByLabel('Drill-down').getByText(/BL17U1 .*\(\d+\)/).waitFor();
    const dist = page.getByRole('textbox', { name: 'Distribution of a metadata key' }).or(page.getByRole('combobox', { name: 'Distribution of a metadata key' })).first();
    await dist.click();
    await dist.fill('beamline.ringCurrent');
    await page.getByRole('option', { name: 'beamline.ringCurrent', exact: true }).click();
    await page.getByText(/^\d+ datasets, .* \(SI\)$/).waitFor();
    await shoot(page, 'portal-search.png');

    // table: the default columns and a metadata key with its unit, sorted by it (highest first)
    const table = new URLSearchParams([['q', 'lysozyme'], ['view', 'table'], ['cols', 'pid,title,time,instrument,meta:beamline.energy,meta:beamline.wavelength'], ['order', 'meta:beamline.energy:desc']]);
    await page.goto(`${base}/?${table}`);
    await page.getByRole('columnheader', { name: /energy \(keV\)/ }).waitFor();
    await page.getByTestId('row').first().waitFor();
    await shoot(page, 'portal-table.png');

    // dataset page: the scientific metadata tab
    await page.goto(`${base}/datasets/${encodeURIComponent(DATASET.pid)}`);
    await page.getByRole('heading', { name: DATASET.name }).waitFor();
    await page.getByRole('tab', { name: 'Scientific metadata' }).click();
    await page.getByRole('table', { name: 'Scientific metadata' }).getByRole('row').nth(1).waitFor();
    await shoot(page, 'portal-dataset.png');

    // exports: one of the search, followed until it completes
    await page.goto(`${base}/exports?q=lysozyme`);
    await page.getByLabel('Name of the export').fill('lysozyme for training');
    await page.getByRole('button', { name: 'Export the datasets of the current search' }).click();
    const job = page.getByTestId('export').filter({ hasText: 'lysozyme for training' });
    await job.getByTestId('export-status').getByText('completed').waitFor({ timeout: 120_000 });
    await job.getByRole('button', { name: /^Download / }).first().waitFor();
    await shoot(page, 'portal-export.png');
    await ctx.close();
  } finally {
    await browser?.close();
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(exportDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
