// SciCat REST, first part (issue 17): a functional account logs in as pyscicat logs in (the real client, from PyPI),
// the token it gets is a catalog token that GraphQL and the SciCat routes accept (as a header, or as pyscicat's
// ?access_token=), and every refusal has SciCat's error shape.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { ROOT, SECRET, startHarness, type Harness } from './helpers/harness';

let h: Harness;
let base: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  h = await startHarness('scicat-auth');
  base = new URL(h.app.url).origin;
  await h.app.services.accounts.set('ingestor1', PASSWORD, 'ingestor', ['pA'], 'ingest@facility.example.org');
}, 60_000);
afterAll(async () => h?.close());

const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('logging in with a functional account', () => {
  test('pyscicat from_credentials logs in; its token is the account\'s identity in GraphQL and in users/my/self', async () => {
    const python = process.env.SCICAT_PYTHON;
    if (!python) throw new Error('SCICAT_PYTHON is not set: run npm test (scripts/test.sh installs pyscicat into .cache/scicat-clients)');
    const script = 'import sys\nfrom pyscicat.client import from_credentials\nc = from_credentials(sys.argv[1], sys.argv[2], sys.argv[3])\nprint(c._token)';
    // not execFileSync: the catalog answering the client runs in this process, so its event loop must stay free
    const token = (await promisify(execFile)(python, ['-c', script, `${base}/api/v3`, 'ingestor1', PASSWORD], { encoding: 'utf8', timeout: 60_000 })).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    // the token writes as the account: an ingestor of pA creates a dataset in pA
    const made = await h.gql(`mutation { createDataset(input: { pid: "scicat/login-1", type: raw, owner: "Ingestor", contactEmail: "i@x.org", sourceFolder: "/data/x", creationTime: "2026-11-30T00:00:00Z", creationLocation: "/lab", ownerGroup: "pA" }) { pid } }`, {}, token);
    expect([made.errors, made.data?.createDataset]).toEqual([undefined, { pid: 'scicat/login-1' }]);
    for (const url of [`${base}/api/v4/users/my/self`, `${base}/api/v3/Users/my/self?access_token=${token}`]) {
      const r = await fetch(url, url.includes('access_token') ? {} : { headers: { authorization: `Bearer ${token}` } });
      expect([r.status, await r.json()]).toEqual([200, { id: 'ingestor1', username: 'ingestor1', role: 'ingestor', groups: ['pA'], currentGroups: ['pA'], authStrategy: 'jwt' }]);
    }
  });

  test('auth/login and the older Users/login answer SciCat\'s shape, whatever the case of the path', async () => {
    for (const path of ['/api/v3/auth/login', '/api/v3/Users/login', '/api/v3/users/login', '/api/v4/auth/login']) {
      const r = await post(path, { username: 'ingestor1', password: PASSWORD });
      const body = (await r.json()) as any;
      expect([path, r.status]).toEqual([path, 201]);
      expect(body).toMatchObject({ id: body.access_token, ttl: 43200, userId: 'ingestor1', user: { username: 'ingestor1', email: 'ingest@facility.example.org', authStrategy: 'local' } });
    }
  });

  test('a wrong password and an unknown user are refused alike; missing fields and no token are named', async () => {
    const wrong = await post('/api/v3/auth/login', { username: 'ingestor1', password: 'not the password' });
    const unknown = await post('/api/v3/auth/login', { username: 'nobody', password: PASSWORD });
    const body = { statusCode: 401, message: 'Unauthorized: unknown user name or wrong password', error: 'Unauthorized' };
    expect([wrong.status, await wrong.json(), unknown.status, await unknown.json()]).toEqual([401, body, 401, body]);
    const missing = await post('/api/v3/auth/login', { username: 'ingestor1' });
    expect([missing.status, await missing.json()]).toEqual([400, { statusCode: 400, message: 'password is required (a JSON body {"username": …, "password": …})', error: 'Bad Request' }]);
    const notJson = await fetch(`${base}/api/v3/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
    const nj = (await notJson.json()) as any;
    expect([notJson.status, nj.statusCode, nj.error, nj.message]).toEqual([400, 400, 'Bad Request', expect.stringMatching(/^the request body is not usable: /)]);
    const unknownRoute = await fetch(`${base}/api/v3/Jobs/some%2Fjob`);
    expect([unknownRoute.status, await unknownRoute.json()]).toEqual([404, { statusCode: 404, message: 'GET /api/v3/Jobs/some%2Fjob is not part of this catalog\'s SciCat API; the routes it serves are listed at /api/v3/explorer', error: 'Not Found' }]);
    const anonymous = await fetch(`${base}/api/v3/users/my/self`);
    expect([anonymous.status, ((await anonymous.json()) as any).statusCode]).toEqual([401, 401]);
    const forged = await fetch(`${base}/api/v3/users/my/self`, { headers: { authorization: 'Bearer not.a.token' } });
    const f = (await forged.json()) as any;
    expect([forged.status, f.statusCode, f.error]).toEqual([401, 401, 'Unauthorized']);
    expect(f.message).toMatch(/^Unauthorized: /);
  });

  test('accounts keep only a bcrypt hash, refuse weak passwords and bad names, and can be removed', async () => {
    const doc = await h.db.db.collection('functional_accounts').findOne({ _id: 'ingestor1' as any });
    expect(doc!.hash).toMatch(/^\$2[aby]\$10\$/);
    expect(JSON.stringify(doc)).not.toContain(PASSWORD);
    await expect(h.app.services.accounts.set('short', 'tooshort', 'user', [])).rejects.toThrow('the password must have at least 12 characters');
    await expect(h.app.services.accounts.set('bad name', PASSWORD, 'user', [])).rejects.toThrow(/"bad name" is not a usable user name/);
    await expect(h.app.services.accounts.set('x', PASSWORD, 'wizard', [])).rejects.toThrow(/role must be user, ingestor, steward or admin/);
    await h.app.services.accounts.set('gone', PASSWORD, 'user', []);
    expect(await h.app.services.accounts.remove('gone')).toBe(true);
    expect((await post('/api/v3/auth/login', { username: 'gone', password: PASSWORD })).status).toBe(401);
  });
});

describe('catalog accounts (the CLI an operator uses)', () => {
  const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
    spawnSync('node', [path.join(ROOT, 'dist/src/cli/main.js'), 'accounts', ...args], { input, encoding: 'utf8', env: { ...process.env, MONGODB_URI: h.cfg.mongoUri, CATALOG_DB: h.cfg.dbName, CATALOG_JWT_SECRET: SECRET, CATALOG_SEARCH_INDEX: h.cfg.searchIndex, LOG_LEVEL: 'warn', ...env } });

  test('sets an account from stdin or the environment, lists it without a hash, refuses a short password and an unknown removal by name', async () => {
    const made = run(['set', 'etl-cli', '--role', 'ingestor', '--groups', 'pA,pB'], `${PASSWORD}\n`);
    expect([made.status, made.stdout]).toEqual([0, 'account etl-cli: ingestor of pA, pB; it logs in at /api/v3/auth/login\n']);
    expect((await post('/api/v3/auth/login', { username: 'etl-cli', password: PASSWORD })).status).toBe(201);
    const env = run(['set', 'etl-env', '--role', 'user'], undefined, { CATALOG_ACCOUNT_PASSWORD: PASSWORD });
    expect(env.status).toBe(0);
    const list = run(['list']);
    expect(list.stdout).toMatch(/^etl-cli\s+ingestor\s+pA,pB$/m);
    expect(list.stdout).not.toMatch(/\$2[aby]\$/);
    const short = run(['set', 'etl-short', '--role', 'user'], 'short\n');
    expect([short.status, short.stderr.trim()]).toEqual([1, 'error BAD_USER_INPUT: the password must have at least 12 characters']);
    const role = run(['set', 'etl-x', '--role', 'wizard'], `${PASSWORD}\n`);
    expect([role.status, role.stderr.trim()]).toEqual([1, 'error BAD_USER_INPUT: role must be user, ingestor, steward or admin (got wizard)']);
    expect(run(['remove', 'etl-cli']).status).toBe(0);
    const again = run(['remove', 'etl-cli']);
    expect([again.status, again.stderr.trim()]).toEqual([1, 'no account etl-cli']);
  });
});
