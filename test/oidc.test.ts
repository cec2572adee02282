// Tokens from an OpenID provider. First a JWKS endpoint serving keys the test holds (the real protocol: a JSON Web
// Key Set over HTTP), for what needs hand-made tokens; then the local provider scripts/services.sh runs
// (scripts/oidc-provider.ts): a browser-style sign-in with the authorization code flow and PKCE, whose access token
// the API takes beside its own HS256 tokens.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startHarness, SECRET, type Harness } from './helpers/harness';
import { ViewerDocument } from './generated/graphql';
import { TokenVerifier } from '../src/auth';
import { ConfigError, loadConfig } from '../src/config';
import { signInSettings } from '../src/app/signin';

const CLAIMS = { groupsClaim: 'groups', rolesClaim: 'roles' };

describe('a JWKS endpoint with keys of the test', () => {
  let h: Harness;
  let jwks: http.Server;
  let jwksUrl: string;
  let key: KeyLike;
  let stranger: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((req, res) => {
      if (req.url !== '/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    h = await startHarness('oidc', { jwtSecret: undefined, jwksUrl, jwtIssuer: 'https://idp.example.org', jwtAudience: 'catalog', groupsClaim: 'memberOf' });
  });
  afterAll(async () => {
    await h?.close();
    jwks?.close();
  });

  const sign = (k: KeyLike, claims: Record<string, unknown>, iss = 'https://idp.example.org') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('carol').setIssuer(iss).setAudience('catalog').setExpirationTime('5m').sign(k);

  test('an RS256 token from the provider is verified through its JWKS; groups come from the configured claim', async () => {
    const r = await h.gql(ViewerDocument, {}, await sign(key, { memberOf: ['pA'], roles: ['ingestor'] }));
    expect(r.data!.viewer).toEqual({ subject: 'carol', role: 'ingestor', groups: ['pA'], via: 'jwt' });
  });

  test('a token signed by another key, from another issuer, or with a malformed groups claim is refused', async () => {
    const wrongKey = await h.gql(ViewerDocument, {}, await sign(stranger, { memberOf: [] }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.errors![0].message).toMatch(/signature does not verify/);
    const wrongIssuer = await h.gql(ViewerDocument, {}, await sign(key, { memberOf: [] }, 'https://evil.example.org'));
    expect(wrongIssuer.errors![0].message).toMatch(/claim "iss"/);
    const badGroups = await h.gql(ViewerDocument, {}, await sign(key, { memberOf: 'pA' }));
    expect(badGroups.errors![0].message).toMatch(/claim "memberOf" must be an array of strings/);
  });

  test('a token signed with an algorithm the catalog is not configured for is refused, naming it', async () => {
    // this API has the JWKS only: the harness's HS256 tokens are not its own
    const hs = await h.gql(ViewerDocument, {}, h.tokens.alice);
    expect(hs.status).toBe(401);
    expect(hs.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(hs.errors![0].message).toMatch(/signed with HS256, but this catalog has no CATALOG_JWT_SECRET/);
    // and a catalog with the secret only refuses the provider's RS256 tokens
    const secretOnly = new TokenVerifier({ jwtSecret: SECRET, ...CLAIMS });
    await expect(secretOnly.verify(await sign(key, {}))).rejects.toThrow(/signed with RS256, but this catalog has no OIDC provider \(CATALOG_JWKS_URL\)/);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"mallory"}').toString('base64url')}.`;
    await expect(secretOnly.verify(unsigned)).rejects.toThrow(/signing algorithm "none" is not accepted; this catalog accepts HS256 tokens of its own/);
    await expect(secretOnly.verify('not.a.jwt')).rejects.toThrow(/not a well-formed JWT/);
  });

  test('with both the secret and the JWKS, each token goes to its own key; issuer and audience are checked on the provider\'s', async () => {
    const both = new TokenVerifier({ jwtSecret: SECRET, jwksUrl, jwtIssuer: 'https://idp.example.org', jwtAudience: 'catalog', ...CLAIMS });
    await expect(both.verify(await sign(key, { groups: ['pA'] }))).resolves.toEqual({ subject: 'carol', role: 'user', groups: ['pA'], via: 'jwt' });
    // the catalog's own tokens carry no issuer or audience of the provider, and need none
    await expect(both.verify(h.tokens.steward)).resolves.toMatchObject({ subject: 'stella', role: 'steward' });
    const otherAudience = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('carol').setIssuer('https://idp.example.org').setAudience('elsewhere').setExpirationTime('5m').sign(key);
    await expect(both.verify(otherAudience)).rejects.toThrow(/claim "aud"/);
  });
});

describe('the sign-in settings', () => {
  test('GET /auth/config tells browsers the provider, client id, scopes and resource, or {issuer: null} without a provider', () => {
    expect(signInSettings({})).toEqual({ issuer: null });
    expect(signInSettings({ oidcIssuer: 'https://idp.example.org/realms/facility', oidcClientId: 'portal' })).toEqual({
      issuer: 'https://idp.example.org/realms/facility', clientId: 'portal', scopes: 'openid profile email offline_access', resource: null,
    });
  });

  test('the provider settings are checked at start-up', () => {
    const base = { MONGODB_URI: 'mongodb://127.0.0.1:1/', CATALOG_JWT_SECRET: SECRET };
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return e.problems;
      }
    };
    expect(problems({ CATALOG_OIDC_ISSUER: 'idp.example.org', CATALOG_OIDC_CLIENT_ID: 'portal', CATALOG_JWKS_URL: 'https://idp.example.org/jwks' })).toEqual(['CATALOG_OIDC_ISSUER="idp.example.org" is not a URL']);
    expect(problems({ CATALOG_OIDC_ISSUER: 'https://idp.example.org', CATALOG_JWKS_URL: 'https://idp.example.org/jwks' })).toEqual([expect.stringMatching(/^CATALOG_OIDC_CLIENT_ID must be set with CATALOG_OIDC_ISSUER/)]);
    expect(problems({ CATALOG_OIDC_ISSUER: 'https://idp.example.org', CATALOG_OIDC_CLIENT_ID: ' ', CATALOG_JWKS_URL: 'https://idp.example.org/jwks' })).toEqual(['CATALOG_OIDC_CLIENT_ID must not be blank']);
    expect(problems({ CATALOG_OIDC_ISSUER: 'https://idp.example.org', CATALOG_OIDC_CLIENT_ID: 'portal' })).toEqual([expect.stringMatching(/CATALOG_JWKS_URL is not: the catalog could not verify/)]);
    expect(problems({ CATALOG_OIDC_ISSUER: 'https://idp.example.org', CATALOG_OIDC_CLIENT_ID: 'portal', CATALOG_JWKS_URL: 'https://idp.example.org/jwks' })).toEqual([]);
  });
});

/** What scripts/services.sh exported into .run/env for the local provider. */
function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/services.sh up starts the local OpenID provider and writes .run/env), or \`source .run/env\` after \`npm run services:up\``);
  return v;
}

/** A browser, as far as sign-in needs one: it keeps cookies and does not follow redirects by itself. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async go(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows the provider's redirects until a page, or until it sends the browser back to the portal (`until`). */
  async follow(res: Response, until: string): Promise<{ page?: Response; callback?: URL }> {
    for (let i = 0; i < 10; i++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { page: res };
      const next = new URL(location, res.url);
      if (next.href.startsWith(until)) return { callback: next };
      res = await this.go(next);
    }
    throw new Error('too many redirects');
  }
}

describe('the local OpenID provider (scripts/services.sh)', () => {
  const PORTAL = 'http://127.0.0.1:4000';
  const REDIRECT = `${PORTAL}/auth/callback`;
  let h: Harness;
  let discovery: Record<string, string>;
  let tokens: { access_token: string; id_token: string; refresh_token: string; token_type: string };

  beforeAll(async () => {
    const issuer = env('CATALOG_OIDC_ISSUER');
    discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(issuer);
    expect(env('CATALOG_JWKS_URL')).toBe(discovery.jwks_uri);
    h = await startHarness('oidcprovider', { jwksUrl: discovery.jwks_uri, jwtIssuer: discovery.issuer, jwtAudience: env('CATALOG_JWT_AUDIENCE') });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Starts a sign-in as the portal would (code flow, PKCE S256) and returns the login page. */
  async function startSignIn(b: Browser, redirect = REDIRECT) {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');
    const auth = new URL(discovery.authorization_endpoint);
    const params = { client_id: env('CATALOG_OIDC_CLIENT_ID'), redirect_uri: redirect, response_type: 'code', scope: 'openid profile email offline_access', state, nonce, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' };
    for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
    const { page } = await b.follow(await b.go(auth), redirect);
    const html = await page!.text();
    expect(page!.status).toBe(200);
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1], page!.url);
    return { html, action, verifier, state, nonce };
  }

  const post = (b: Browser, url: URL, form: Record<string, string>) =>
    b.go(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

  const redeem = (form: Record<string, string>) =>
    fetch(discovery.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PORTAL }, body: new URLSearchParams({ client_id: 'catalog-portal', ...form }).toString() });

  test('tester-a signs in with the code flow and PKCE; a wrong password is told and gets no code', async () => {
    const b = new Browser();
    const { html, action, verifier, state, nonce } = await startSignIn(b);
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);

    const wrong = await post(b, action, { username: 'tester-a', password: 'not-the-password' });
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('location')).toBeNull();
    expect(await wrong.text()).toMatch(/wrong user name or password/);

    const { callback } = await b.follow(await post(b, action, { username: 'tester-a', password: 'tester-a-pass' }), REDIRECT);
    expect(callback!.searchParams.get('state')).toBe(state);
    expect(callback!.searchParams.get('iss')).toBe(discovery.issuer);
    const code = callback!.searchParams.get('code')!;
    expect(code).toBeTruthy();

    // the portal's page, on another origin than the provider, redeems the code (CORS for the public client)
    const res = await redeem({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    tokens = (await res.json()) as typeof tokens;
    expect(tokens.token_type).toBe('Bearer');
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: 'tester-a', iss: discovery.issuer, aud: env('CATALOG_JWT_AUDIENCE'), client_id: 'catalog-portal', groups: ['pA'], roles: ['user'] });
    expect(decodeJwt(tokens.id_token)).toMatchObject({ sub: 'tester-a', nonce, name: 'Tester A', email: 'tester-a@facility.example.org', groups: ['pA'], roles: ['user'] });
    expect(tokens.refresh_token).toBeTruthy();

    const viewer = await h.gql(ViewerDocument, {}, tokens.access_token);
    expect(viewer.data!.viewer).toEqual({ subject: 'tester-a', role: 'user', groups: ['pA'], via: 'jwt' });
  });

  test('PKCE is required: no code without a challenge, and a code redeems nothing without its verifier', async () => {
    const auth = new URL(discovery.authorization_endpoint);
    for (const [k, v] of Object.entries({ client_id: 'catalog-portal', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid' })) auth.searchParams.set(k, v);
    const back = new URL((await fetch(auth, { redirect: 'manual' })).headers.get('location')!);
    expect(back.href.startsWith(REDIRECT)).toBe(true);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/requires PKCE/);
    expect(back.searchParams.get('code')).toBeNull();

    // tester-b, through a portal on another loopback port (a dev server, a test's catalog): registered URIs match any port there
    const b = new Browser();
    const redirect = 'http://127.0.0.1:45678/auth/callback';
    const { action, verifier } = await startSignIn(b, redirect);
    const { callback } = await b.follow(await post(b, action, { username: 'tester-b', password: 'tester-b-pass' }), redirect);
    const code = callback!.searchParams.get('code')!;
    const without = await redeem({ grant_type: 'authorization_code', code, redirect_uri: redirect });
    expect(without.status).toBe(400);
    expect(await without.json()).toMatchObject({ error: 'invalid_grant' });
    const wrongVerifier = await redeem({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: randomBytes(32).toString('base64url') });
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });
    const ok = await redeem({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier });
    expect(decodeJwt(((await ok.json()) as typeof tokens).access_token)).toMatchObject({ sub: 'tester-b', groups: ['pB'], roles: ['user'] });

    // a redirect URI that is not the portal's is refused at the provider, without sending the browser there
    auth.searchParams.set('redirect_uri', 'http://portal.example.org/auth/callback');
    const elsewhere = await fetch(auth, { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('location')).toBeNull();
  });

  test('the API takes its own HS256 tokens beside the provider\'s, and refuses a provider token whose signature was tampered with', async () => {
    const own = await h.gql(ViewerDocument, {}, h.tokens.alice);
    expect(own.data!.viewer).toEqual({ subject: 'alice', role: 'user', groups: ['pA'], via: 'jwt' });

    const [header, payload, signature] = tokens.access_token.split('.');
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const tampered = await h.gql(ViewerDocument, {}, [header, payload, flipped].join('.'));
    expect(tampered.status).toBe(401);
    expect(tampered.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(tampered.errors![0].message).toMatch(/signature does not verify/);
    // claims changed under the provider's signature are refused the same way
    const promoted = Buffer.from(JSON.stringify({ ...decodeJwt(tokens.access_token), roles: ['admin'] })).toString('base64url');
    const forged = await h.gql(ViewerDocument, {}, [header, promoted, signature].join('.'));
    expect(forged.status).toBe(401);
    expect(forged.errors![0].message).toMatch(/signature does not verify/);
  });

  test('the refresh token gets a new access token the API takes', async () => {
    const res = await redeem({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(res.status).toBe(200);
    const renewed = (await res.json()) as typeof tokens;
    expect(renewed.access_token).not.toBe(tokens.access_token);
    const viewer = await h.gql(ViewerDocument, {}, renewed.access_token);
    expect(viewer.data!.viewer).toEqual({ subject: 'tester-a', role: 'user', groups: ['pA'], via: 'jwt' });
  });

  test('GET /auth/config tells the portal where and how to sign in', async () => {
    const res = await fetch(new URL('/auth/config', h.app.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ issuer: env('CATALOG_OIDC_ISSUER'), clientId: 'catalog-portal', scopes: 'openid profile email offline_access', resource: env('CATALOG_JWT_AUDIENCE') });
  });
});
