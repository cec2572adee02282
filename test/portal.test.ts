// The scientists' portal (issue 16) in a real browser: Debian's Chromium, driven by playwright-core, against
// the catalog serving web/dist, signing in at the local OpenID provider scripts/services.sh starts. Each test
// acts as a scientist would: typing, clicking, reading what the page says.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { startHarness, SYSTEM, type Harness } from './helpers/harness';
import { P, seedPortal } from './portal/seed';

let h: Harness;
let base: string;
let browser: Browser;
const open: BrowserContext[] = [];
const USERS = { a: ['tester-a', 'tester-a-pass'], b: ['tester-b', 'tester-b-pass'], steward: ['stella', 'stella-demo'] } as const;

beforeAll(async () => {
  if (!process.env.CATALOG_OIDC_ISSUER) throw new Error('CATALOG_OIDC_ISSUER is not set: run npm test (scripts/services.sh starts the OpenID provider)');
  h = await startHarness('portal');
  base = new URL(h.app.url).origin;
  await seedPortal(h.app.services);
  await h.app.services.search.reads.settle();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  for (const c of open) await c.close().catch(() => undefined);
  await browser?.close();
  await h?.close();
});

/** A fresh browser profile, signed in as `who` through the provider's login form (or a visitor). */
async function session(who?: keyof typeof USERS): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true });
  open.push(ctx);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/`);
  if (!who) return page;
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(USERS[who][0]);
  await page.getByLabel('Password').fill(USERS[who][1]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}


test('a visitor sees the published records only, and a wrong password is told at the provider', async () => {
  const page = await session();
  await page.getByTestId('total').getByText('1 dataset', { exact: true }).waitFor();
  expect(await page.getByTestId('result').allTextContents()).toEqual([expect.stringContaining('public bone tomogram')]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill('tester-a');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('wrong user name or password').waitFor();
}, 60_000);

test('search with text shows the matches highlighted; a facet narrows them and goes into the URL', async () => {
  const page = await session('a');
  await page.getByLabel('Search the catalog').fill('lysozyme');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('6 datasets').waitFor();
  expect(await page.locator('[data-testid=result] mark').first().textContent()).toMatch(/lysozyme/i);
  await page.getByRole('group', { name: 'Type facet' }).getByLabel('derived (1)').click();
  await page.getByText('1 dataset', { exact: true }).waitFor();
  expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['TYPE:derived']);
  expect(await page.getByTestId('result').allTextContents()).toEqual([expect.stringContaining('refined lysozyme model')]);
}, 60_000);

test('drill down: beamline › proposal › sample › dataset', async () => {
  const page = await session('a');
  const tree = page.getByLabel('Drill-down');
  await tree.getByText('BL17U1 macromolecular crystallography (5)').click();
  await tree.getByText('Lysozyme structures at room temperature (5)').click();
  await tree.getByText('lysozyme crystal (5)').click();
  await tree.getByText('lysozyme scan 1').click();
  await page.getByRole('heading', { name: 'lysozyme scan 1' }).waitFor();
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/datasets/mx/a1');
}, 60_000);

test('a dataset page shows its metadata with units and pages its files; a signed-in reader sets a label', async () => {
  const page = await session('a');
  await page.goto(`${base}/datasets/${encodeURIComponent(P.filesOf)}`);
  await page.getByRole('tab', { name: 'Scientific metadata' }).click();
  const meta = page.getByRole('table', { name: 'Scientific metadata' });
  expect(await meta.getByRole('row').allTextContents()).toEqual(expect.arrayContaining(['energy12keV', 'distance200mm']));
  await page.getByRole('tab', { name: /^Files/ }).click();
  await page.getByText(`${P.files} files · page 1 of 3`).waitFor();
  expect(await page.getByTestId('file').first().textContent()).toContain('frame_0000.cbf');
  await page.getByRole('button', { name: 'Next files' }).click();
  await page.getByText(`${P.files} files · page 2 of 3`).waitFor();
  expect(await page.getByTestId('file').first().textContent()).toContain('frame_0020.cbf');
  await page.getByRole('button', { name: 'Next files' }).click();
  await page.getByText(`${P.files} files · page 3 of 3`).waitFor();
  expect([await page.getByTestId('file').count(), await page.getByRole('button', { name: 'Next files' }).isDisabled()]).toEqual([5, true]);
  await page.getByRole('tab', { name: 'Labels' }).click();
  await page.getByRole('button', { name: 'Like', exact: true }).click();
  await page.getByRole('status').getByText('Saved: like').waitFor();
  await page.getByTestId('label-summary-quality').getByText('1 like, 0 dislikes').waitFor();
  const stored = await h.gql('{ labels(first: 10) { nodes { datasetPid by like } } }', {}, h.tokens.admin);
  expect(stored.data.labels.nodes).toEqual([{ datasetPid: P.filesOf, by: 'tester-a', like: true }]);
}, 60_000);

test('an export of the current search runs, its progress follows live, and its file downloads', async () => {
  const page = await session('a');
  await page.goto(`${base}/exports?q=lysozyme`);
  await page.getByLabel('Name of the export').fill('lysozyme for training');
  await page.getByRole('button', { name: 'Export the datasets of the current search' }).click();
  const job = page.getByTestId('export').filter({ hasText: 'lysozyme for training' });
  await job.getByTestId('export-status').getByText('completed').waitFor({ timeout: 60_000 });
  const button = job.getByRole('button', { name: /^Download .*\.jsonl/ }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.pid).sort()).toEqual([P.derived, ...P.mx].sort());
}, 90_000);

test('two people signed in see only their own records: results, facets, counts, suggestions and pages', async () => {
  const [a, b] = [await session('a'), await session('b')];
  await a.getByText('7 datasets').waitFor();
  await b.getByText('4 datasets').waitFor();
  const beamlines = async (p: Page) => (await p.getByRole('group', { name: 'Beamline facet' }).getByRole('checkbox').evaluateAll((els) => els.map((e) => e.closest('label, .mantine-Checkbox-root')?.textContent ?? '')));
  expect(await beamlines(a)).toEqual(['BL17U1 macromolecular crystallography (5)', 'BL13W1 tomography (1)']);
  expect(await beamlines(b)).toEqual(['BL13W1 tomography (4)']);
  for (const [p, shows] of [[a, false], [b, true]] as const) {
    await p.getByRole('textbox', { name: 'Metadata key', exact: true }).fill('secret');
    await p.waitForTimeout(800);
    expect(await p.getByRole('option', { name: /secretTomoKey/ }).count()).toBe(shows ? 1 : 0);
  }
  await a.goto(`${base}/datasets/${encodeURIComponent(P.tomo[0])}`);
  await a.getByText('Dataset not found').waitFor();
  await b.goto(`${base}/datasets/${encodeURIComponent(P.mx[0])}`);
  await b.getByText('Dataset not found').waitFor();
}, 90_000);

test('a URL edited by hand restores the search on reload: text, facet, table view, columns and order', async () => {
  const page = await session('b');
  const q = new URLSearchParams([['q', 'bone'], ['f', 'TYPE:raw'], ['view', 'table'], ['cols', 'pid,owner,meta:voxelSize'], ['order', 'meta:voxelSize:desc']]);
  await page.goto(`${base}/?${q}`);
  await page.reload();
  await page.getByRole('columnheader', { name: /voxelSize \(µm\)/ }).waitFor();
  expect(await page.getByLabel('Search the catalog').inputValue()).toBe('bone');
  expect(await page.getByRole('group', { name: 'Type facet' }).getByLabel(/^raw/).isChecked()).toBe(true);
  await page.getByTestId('row').first().waitFor();
  const rows = await page.getByTestId('row').allTextContents();
  expect(rows.map((r) => r.match(/tomo\/\S+?(?=Grace|Ada)/)?.[0])).toEqual(['tomo/b3', 'tomo/b2', 'tomo/public-1', 'tomo/b1']);
}, 60_000);

test('filters no list shows are shown with a way out; an address with a stray % is still the portal', async () => {
  const page = await session('a');
  await page.goto(`${base}/?f=TYPE:&f=OWNER_GROUP:pA`);
  const inForce = page.getByLabel('Filters in force');
  await inForce.getByText('Type: (empty)').waitFor();
  await inForce.getByRole('button', { name: 'Remove filter Type ' }).click();
  await page.waitForURL((u) => !u.searchParams.getAll('f').includes('TYPE:'));
  expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['OWNER_GROUP:pA']);
  const r = await page.goto(`${base}/datasets/%`);
  expect([r!.status(), (await r!.headerValue('content-type'))?.startsWith('text/html')]).toEqual([200, true]);
  await page.getByRole('alert').getByText(/That identifier is not valid: Dataset id "%" is malformed/).waitFor();
}, 60_000);

test('bad input in every filter gets a message in words: metadata value, unit, key, date and text', async () => {
  const page = await session('a');
  await page.getByRole('textbox', { name: 'Metadata key', exact: true }).fill('energy');
  await page.getByLabel('Value').fill('abc');
  await page.getByRole('button', { name: 'Add metadata filter' }).click();
  await page.getByText('"abc" is not a number').waitFor();
  for (const [params, says] of [
    [[['m', 'energy > 12 furlongs']], /furlongs/],
    [[['m', 'energi > 12 keV']], /energy/],
    [[['from', 'banana']], /"banana" is not a date/],
    [[['from', '2026-05-01'], ['to', '2026-04-01']], /starts \(2026-05-01\) after it ends/],
    [[['q', '(unclosed']], /could not be read: check its quotes and brackets/],
  ] as const) {
    await page.goto(`${base}/?${new URLSearchParams(params as unknown as [string, string][])}`);
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect([String(params), await alert.textContent()]).toEqual([String(params), expect.stringMatching(says)]);
  }
}, 60_000);

test('a derived dataset draws its lineage; new datasets matching the search are announced live', async () => {
  const page = await session('a');
  await page.goto(`${base}/datasets/${encodeURIComponent(P.derived)}`);
  await page.getByRole('tab', { name: 'Lineage' }).click();
  const graph = page.getByRole('img', { name: 'Lineage graph' });
  await graph.getByRole('link', { name: 'open lysozyme scan 1' }).click();
  await page.getByRole('heading', { name: 'lysozyme scan 1' }).waitFor();
  await page.goto(`${base}/?q=lysozyme`);
  await page.getByText('6 datasets').waitFor();
  await h.app.services.datasets.create(SYSTEM, { pid: 'mx/a9-live', type: 'raw', datasetName: 'lysozyme scan 9', owner: 'Ada', contactEmail: 'ada@x.org', sourceFolder: '/data/mx/9', creationTime: '2026-06-01T10:00:00Z', creationLocation: '/SSRF/BL17U1', ownerGroup: P.groupA });
  await h.app.services.datasets.create(SYSTEM, { pid: 'tomo/b9-live', type: 'raw', datasetName: 'bone tomogram 9', owner: 'Ada', contactEmail: 'ada@x.org', sourceFolder: '/data/t/9', creationTime: '2026-06-01T10:00:00Z', creationLocation: '/SSRF/BL13W1', ownerGroup: P.groupA });
  await page.getByRole('status').getByText('1 new dataset matches this search').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByText('7 datasets').waitFor();
}, 60_000);

test('a steward approves a publication from its page; a reader gets no such buttons', async () => {
  const reader = await session('a');
  await reader.goto(`${base}/publications/${encodeURIComponent('pub/lysozyme-2026')}`);
  await reader.getByRole('heading', { name: 'Lysozyme at room temperature: data' }).waitFor();
  expect(await reader.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  const steward = await session('steward');
  // publishing asks first (it is for good)
  steward.on('dialog', (d) => void d.accept());
  await steward.goto(`${base}/publications/${encodeURIComponent('pub/lysozyme-2026')}`);
  await steward.getByRole('button', { name: 'Publish' }).click();
  // publishing a draft no steward approved is refused, and said as the API says it
  await steward.getByRole('alert').getByText(/no steward has approved; approve it first/).waitFor();
  await steward.getByRole('button', { name: 'Approve' }).click();
  await steward.getByText('Approved by').waitFor();
  expect(await steward.locator('tr', { hasText: 'Approved by' }).textContent()).toContain('stella');
}, 60_000);

test('the keyboard alone searches, checks a facet and opens a result', async () => {
  const page = await session('a');
  await page.getByRole('textbox', { name: 'Search the catalog' }).focus();
  await page.keyboard.type('public');
  await page.keyboard.press('Enter');
  await page.getByTestId('total').getByText('1 dataset', { exact: true }).waitFor();
  await page.getByRole('group', { name: 'Type facet' }).getByLabel(/^raw/).focus();
  await page.keyboard.press('Space');
  await page.waitForURL(/f=TYPE%3Araw/);
  await page.getByTestId('result').getByRole('link').first().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'public bone tomogram' }).waitFor();
}, 60_000);
