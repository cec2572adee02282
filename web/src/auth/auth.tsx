// Sign-in with OpenID Connect (authorization code with PKCE, oidc-client-ts) against the provider the catalog
// names at /auth/config. Without a provider, or before sign-in, the portal is a visitor's: published records.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

export interface AuthConfig {
  issuer: string | null;
  clientId?: string;
  scopes?: string;
  resource?: string | null;
}

export interface Auth {
  /** False until the configuration and any stored session are read. */
  ready: boolean;
  /** Null when the catalog names no identity provider. */
  config: AuthConfig | null;
  user: User | null;
  /** The access token to send as Bearer, or null for a visitor. */
  token: () => string | null;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Completes the redirect back from the provider; returns where the user was. */
  completeSignIn: () => Promise<string>;
  error: string | null;
}

const AuthContext = createContext<Auth | null>(null);

function managerFor(c: AuthConfig): UserManager {
  return new UserManager({
    authority: c.issuer!,
    client_id: c.clientId!,
    redirect_uri: `${location.origin}/auth/callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: c.scopes ?? 'openid profile email',
    ...(c.resource && { extraQueryParams: { resource: c.resource }, extraTokenParams: { resource: c.resource } }),
    // every tab of the portal shares the sign-in (a result opened in a new tab stays signed in)
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    automaticSilentRenew: true,
  });
}

/** Holds the signed-in user for the whole portal. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [manager, setManager] = useState<UserManager | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      try {
        const r = await fetch('/auth/config');
        const c = (await r.json()) as AuthConfig;
        setConfig(c);
        if (c.issuer && c.clientId) {
          const m = managerFor(c);
          setManager(m);
          const u = await m.getUser().catch(async () => {
            // a stored session that cannot be read is dropped: the visitor's view, and a word why
            await m.removeUser().catch(() => undefined);
            setError('Your stored sign-in could not be read and was removed; sign in again.');
            return null;
          });
          setUser(u && !u.expired ? u : null);
          m.events.addUserLoaded((nu) => setUser(nu));
          m.events.addUserUnloaded(() => setUser(null));
          m.events.addSilentRenewError(() => setError('Your sign-in could not be renewed; sign in again.'));
        }
      } catch (e) {
        setError(`The sign-in settings could not be read: ${(e as Error).message}`);
      } finally {
        setReady(true);
      }
    })();
  }, []);

  const auth = useMemo<Auth>(
    () => ({
      ready,
      config,
      user,
      error,
      token: () => (user && !user.expired ? user.access_token : null),
      signIn: async () => {
        if (!manager) throw new Error('this catalog has no sign-in configured');
        setError(null);
        await manager.signinRedirect({ state: { returnTo: location.pathname + location.search } }).catch((e) => setError(`The identity provider cannot be reached (${(e as Error).message}); try again later.`));
      },
      signOut: async () => {
        // ends the session at the provider too, so the next sign-in asks for the password again
        const idToken = user?.id_token;
        await manager?.removeUser();
        setUser(null);
        if (manager && idToken) await manager.signoutRedirect({ id_token_hint: idToken }).catch(() => undefined);
      },
      completeSignIn: async () => {
        if (!manager) throw new Error('this catalog has no sign-in configured');
        const u = await manager.signinRedirectCallback();
        setUser(u);
        return ((u.state as { returnTo?: string } | undefined)?.returnTo ?? '/') || '/';
      },
    }),
    [ready, config, user, error, manager],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

/** The portal's sign-in state. */
export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
