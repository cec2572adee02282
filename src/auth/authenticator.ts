// Turns request credentials (Authorization: Bearer <jwt>, X-API-Key or Authorization: ApiKey <key>) into an Identity.
import { errors } from '../common/errors';
import type { ApiKeyService } from './apikey.service';
import { ANONYMOUS, type Identity } from './identity';
import type { TokenVerifier } from './tokens';

export interface Credentials {
  authorization?: string;
  apiKey?: string;
}

export class Authenticator {
  constructor(private readonly tokens: TokenVerifier, private readonly apiKeys: ApiKeyService) {}

  /**
   * The caller's Identity from the request's credentials: an API key (X-API-Key or `Authorization: ApiKey`),
   * a bearer JWT, or none at all (anonymous). Raises UNAUTHENTICATED for a malformed header, an unsupported scheme,
   * an invalid key or token, or a subject or group that holds a control character.
   */
  async authenticate(c: Credentials): Promise<Identity> {
    return checked(await this.identify(c));
  }

  private async identify(c: Credentials): Promise<Identity> {
    if (c.apiKey) return this.apiKeys.verify(c.apiKey.trim());
    const auth = c.authorization?.trim();
    if (!auth) return ANONYMOUS;
    const [scheme, value] = auth.split(/\s+/, 2);
    if (!value) throw errors.unauthenticated('Authorization header must be "Bearer <token>" or "ApiKey <key>"');
    if (/^bearer$/i.test(scheme)) return this.tokens.verify(value);
    if (/^apikey$/i.test(scheme)) return this.apiKeys.verify(value);
    throw errors.unauthenticated(`unsupported Authorization scheme "${scheme}"; use Bearer or ApiKey`);
  }
}

/** C0 controls and DEL: no subject or group name holds them. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Refuses an identity whose subject or a group holds a control character. Stored names keep no NUL
 * (it becomes U+FFFD), so "eve\u0000" would own, and be told apart from, what "eve\uFFFD" owns only
 * until the first write: two callers, one owner. The identity provider's token is refused instead.
 */
function checked(id: Identity): Identity {
  if (CONTROL.test(id.subject)) throw errors.unauthenticated(`the credentials' subject ${JSON.stringify(id.subject)} holds a control character; no subject may`);
  const bad = id.groups.find((g) => CONTROL.test(g));
  if (bad !== undefined) throw errors.unauthenticated(`the credentials' group ${JSON.stringify(bad)} holds a control character; no group may`);
  return id;
}
