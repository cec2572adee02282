// A local OpenID Connect provider for the demo and the tests, built on the certified `oidc-provider` package:
// the portal signs users in here with the authorization code flow and PKCE, and the catalog verifies the
// RS256 access tokens it issues through its JWKS. Users and passwords come from a JSON file
// (seeds/oidc-users.json); the signing key and cookie keys are made at first start and kept in the data
// folder, so tokens and the catalog's cached JWKS stay valid across restarts. It is not part of the product:
// a facility points the catalog at its own identity provider.
//
//   node dist/scripts/oidc-provider.js --port 0 --users seeds/oidc-users.json --data .data/oidc --audience urn:catalog:api
//
// OIDC_PORTAL_REDIRECTS / OIDC_PORTAL_LOGOUT_REDIRECTS (comma-separated) register the portal's redirect URIs.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export const PORTAL_CLIENT_ID = 'catalog-portal';
export const PORTAL_SCOPES = 'openid profile email offline_access';
const DEFAULT_REDIRECTS = ['http://127.0.0.1:4000/auth/callback', 'http://localhost:4000/auth/callback'];
const DEFAULT_LOGOUT_REDIRECTS = ['http://127.0.0.1:4000/', 'http://localhost:4000/'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface OidcUser {
  username: string;
  /** The demo password as given, or `passwordHash` (bcrypt) instead. */
  password?: string;
  passwordHash?: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
}

export interface OidcProviderOptions {
  port?: number;
  host?: string;
  users: OidcUser[];
  /** Where the signing key (jwks.json) and cookie keys are kept. */
  dataDir: string;
  /** The catalog's resource indicator: the `aud` of every access token. */
  audience: string;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
}

export interface OidcProvider {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

/** Reads and checks the users file: every user needs a name, a password or hash, and roles and groups as lists. */
export function readUsers(file: string): OidcUser[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { users?: OidcUser[] };
  const users = doc.users ?? [];
  for (const [i, u] of users.entries()) {
    const bad = !u || typeof u.username !== 'string' || !u.username || (typeof u.password !== 'string' && typeof u.passwordHash !== 'string')
      || !Array.isArray(u.roles) || !Array.isArray(u.groups);
    if (bad) throw new Error(`${file}: users[${i}] needs username, password (or passwordHash), roles [] and groups []`);
  }
  return users;
}

/** The private signing JWKS and cookie keys in `dir`, made on first use (RS256, 2048 bits) and kept for the next start. */
function keys(dir: string): { jwks: { keys: Record<string, unknown>[] }; cookieKeys: string[] } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keep = <T>(name: string, make: () => T): T => {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    const value = make();
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
    return value;
  };
  const jwks = keep('jwks.json', () => {
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const kid = createHash('sha256').update(`${jwk.n}.${jwk.e}`).digest('base64url').slice(0, 16);
    return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
  });
  const cookieKeys = keep('cookie-keys.json', () => [randomBytes(32).toString('base64url')]);
  return { jwks, cookieKeys };
}

/** `value` is `registered` with another port on a loopback host (RFC 8252 §7.3): a portal on any local port may sign in. */
function loopbackAnyPort(value: string, registered: readonly string[]): boolean {
  const v = URL.parse(value);
  if (!v || !LOOPBACK.has(v.hostname)) return false;
  return registered.some((r) => {
    const u = URL.parse(r);
    return !!u && u.protocol === v.protocol && u.hostname === v.hostname && u.pathname === v.pathname && u.search === v.search;
  });
}

async function passwordMatches(user: OidcUser | undefined, given: string): Promise<boolean> {
  if (!user) return false;
  if (user.passwordHash) return bcrypt.compare(given, user.passwordHash);
  const a = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, createHash('sha256').update(user.password ?? '').digest());
}

function configuration(opts: OidcProviderOptions, users: Map<string, OidcUser>): Configuration {
  const { jwks, cookieKeys } = keys(opts.dataDir);
  const redirectUris = opts.redirectUris?.length ? opts.redirectUris : DEFAULT_REDIRECTS;
  return {
    clients: [{
      client_id: PORTAL_CLIENT_ID,
      client_name: 'Catalog portal',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: redirectUris,
      post_logout_redirect_uris: opts.postLogoutRedirectUris?.length ? opts.postLogoutRedirectUris : DEFAULT_LOGOUT_REDIRECTS,
    }],
    jwks: jwks as Configuration['jwks'],
    cookies: { keys: cookieKeys },
    pkce: { required: () => true },
    scopes: PORTAL_SCOPES.split(' '),
    responseTypes: ['code'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups', 'roles'], email: ['email', 'email_verified'] },
    // name, email, groups and roles in the ID token: the access token is the catalog's, so the portal reads the profile there
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const u = users.get(sub);
      if (!u) return undefined;
      return { accountId: u.username, claims: () => ({ sub: u.username, preferred_username: u.username, name: u.name ?? u.username, email: u.email, email_verified: !!u.email, groups: u.groups, roles: u.roles }) };
    },
    // the claims the catalog reads (CATALOG_GROUPS_CLAIM, CATALOG_ROLES_CLAIM) in every access token
    extraTokenClaims: (_ctx, token) => {
      const u = token.kind === 'AccessToken' && token.accountId ? users.get(token.accountId) : undefined;
      return u ? { groups: u.groups, roles: u.roles } : undefined;
    },
    // the portal renews its tokens with a refresh token (rotated on use), as browsers block the third-party cookies a
    // silent renew in an iframe needs; without offline_access (only kept with prompt=consent) it ends with the session
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client) =>
      client.redirectUris!.some((u) => URL.parse(u)?.origin === origin) || loopbackAnyPort(`${origin}/`, client.redirectUris!.map((u) => `${URL.parse(u)?.origin}/`)),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => opts.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== opts.audience) throw new errors.InvalidTarget(`unknown resource; this provider issues tokens for ${opts.audience}`);
          return { scope: '', audience: opts.audience, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 8 * 3600, Grant: 14 * 24 * 3600, RefreshToken: 24 * 3600 },
  };
}

/** Starts the provider on loopback; its issuer is http://<host>:<port>. */
export async function startOidcProvider(opts: OidcProviderOptions): Promise<OidcProvider> {
  const users = new Map(opts.users.map((u) => [u.username, u]));
  const host = opts.host ?? '127.0.0.1';
  let handle: http.RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host}:${port}`;
  const provider = new Provider(issuer, configuration(opts, users));
  for (const method of ['redirectUriAllowed', 'postLogoutRedirectUriAllowed'] as const) {
    const exact = provider.Client.prototype[method];
    const list = method === 'redirectUriAllowed' ? 'redirectUris' : 'postLogoutRedirectUris';
    provider.Client.prototype[method] = function (this: InstanceType<typeof provider.Client>, value: string) {
      return exact.call(this, value) || loopbackAnyPort(value, this[list] ?? []);
    };
  }
  const oidc = provider.callback();
  handle = (req, res) => {
    const m = /^\/interaction\/([^/?]+)(\/login|\/abort)?(?:\?|$)/.exec(req.url ?? '');
    if (!m) return void oidc(req, res);
    interaction(provider, users, req, res, m[2]).catch((e: Error & { error_description?: string }) =>
      page(res, 400, 'Sign-in failed', `<p role="alert">${esc(e.error_description ?? e.message)}</p><p>Go back to the application and sign in again.</p>`));
  };
  return { issuer, port, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** The login page, its form post, and the consent the first-party portal gets without asking. */
async function interaction(provider: Provider, users: Map<string, OidcUser>, req: http.IncomingMessage, res: http.ServerResponse, action?: string): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (action === '/abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user cancelled the sign-in' }, { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === 'login') {
    if (req.method !== 'POST' || action !== '/login') return loginPage(res, details.uid, String(details.params.login_hint ?? ''));
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') ?? '';
    const user = users.get(username);
    if (!(await passwordMatches(user, form.get('password') ?? ''))) return loginPage(res, details.uid, username, 'wrong user name or password');
    return provider.interactionFinished(req, res, { login: { accountId: user!.username, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
  }
  // consent: the portal is the catalog's own client, so what it asks for is granted
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
  if (!grant) throw new Error('the grant of this sign-in has expired');
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function loginPage(res: http.ServerResponse, uid: string, username: string, error?: string): void {
  page(res, 200, 'Sign in to the catalog', `
    ${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}
    <form method="post" action="/interaction/${esc(uid)}/login" autocomplete="on">
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required value="${esc(username)}" ${username ? '' : 'autofocus'}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required ${username ? 'autofocus' : ''}>
      <button type="submit">Sign in</button>
    </form>
    <p><a href="/interaction/${esc(uid)}/abort">Cancel</a></p>`);
}

function page(res: http.ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;box-sizing:border-box}
input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem}.error{color:#b00020}</style></head>
<body><h1>${esc(title)}</h1>${body}<p><small>Local demo provider: the accounts are in seeds/oidc-users.json.</small></p></body></html>`);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readBody(req: http.IncomingMessage, limit = 16 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) return void reject(new Error('the form is too large'));
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

if (require.main === module) {
  const arg = (name: string, def: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : def;
  };
  const root = path.resolve(__dirname, '../..');
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  Promise.resolve().then(() => startOidcProvider({
    port: Number(arg('port', '0')),
    users: readUsers(arg('users', path.join(root, 'seeds/oidc-users.json'))),
    dataDir: arg('data', path.join(root, '.data/oidc')),
    audience: arg('audience', 'urn:catalog:api'),
    redirectUris: list(process.env.OIDC_PORTAL_REDIRECTS),
    postLogoutRedirectUris: list(process.env.OIDC_PORTAL_LOGOUT_REDIRECTS),
  })).then((p) => {
    // the one line scripts/services.sh reads to learn the issuer
    console.log(`oidc provider listening on ${p.issuer}`);
    const stop = () => void p.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }, (e) => {
    console.error(`oidc provider failed to start: ${(e as Error).message}`);
    process.exit(1);
  });
}
