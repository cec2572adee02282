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

  async authenticate(c: Credentials): Promise<Identity> {
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
