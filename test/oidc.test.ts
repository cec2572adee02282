// Tokens from an OIDC provider: a local JWKS endpoint (the real protocol: a JSON Web Key Set over HTTP)
// stands in for the identity provider, and the API verifies RS256 tokens against it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startHarness, type Harness } from './helpers/harness';
import { ViewerDocument } from './generated/graphql';

let h: Harness;
let jwks: http.Server;
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
  const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  h = await startHarness('oidc', { jwtSecret: undefined, jwksUrl: url, jwtIssuer: 'https://idp.example.org', jwtAudience: 'catalog', groupsClaim: 'memberOf' });
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
