// GET /auth/config: what a browser app needs to sign users in at the OpenID provider (authorization code with
// PKCE, e.g. oidc-client-ts) and call the API with the access token. Nothing in it is secret, so it needs no token.
import { Router } from 'express';
import type { Config } from '../config';

/** What the portal asks the provider for: an ID token with name, email, groups and roles, and a refresh token. */
export const SIGN_IN_SCOPES = 'openid profile email offline_access';

export type SignInSettings =
  | { issuer: string; clientId: string; scopes: string; resource: string | null }
  | { issuer: null };

/**
 * The settings browsers sign in with: the provider (CATALOG_OIDC_ISSUER), the portal's client id, the scopes, and the
 * resource indicator to ask tokens for (the audience the catalog checks, CATALOG_JWT_AUDIENCE; null when it checks none).
 * `{issuer: null}` when no provider is configured: the portal then offers no sign-in.
 */
export function signInSettings(cfg: Pick<Config, 'oidcIssuer' | 'oidcClientId' | 'jwtAudience'>): SignInSettings {
  if (!cfg.oidcIssuer || !cfg.oidcClientId) return { issuer: null };
  return { issuer: cfg.oidcIssuer, clientId: cfg.oidcClientId, scopes: SIGN_IN_SCOPES, resource: cfg.jwtAudience ?? null };
}

/** Serves GET /auth/config. */
export function signInRouter(cfg: Pick<Config, 'oidcIssuer' | 'oidcClientId' | 'jwtAudience'>): Router {
  const r = Router();
  const body = signInSettings(cfg);
  r.get('/auth/config', (_req, res) => {
    res.set('cache-control', 'no-cache').json(body);
  });
  return r;
}
