// One context builder for HTTP and WebSocket: identity, per-request loaders, services, request id.
import { randomUUID } from 'node:crypto';
import type { Authenticator, Credentials, Identity } from '../auth';
import { Loaders } from './loaders';
import { logger, type Logger } from '../common/logger';

/**
 * What every resolver is given per request. `S` is the services it may call: each domain names the
 * part it needs (catalog/catalog.ts: CatalogContext); the composition root passes them all.
 */
export interface Context<S = unknown> {
  identity: Identity;
  requestId: string;
  services: S;
  loaders: Loaders;
  log: Logger;
}

export class ContextBuilder<S> {
  constructor(private readonly auth: Authenticator, private readonly services: S) {}

  /**
   * The context of one request: the credentials are authenticated, then as forIdentity.
   * Raises UNAUTHENTICATED for a malformed, unknown, revoked or expired token or API key; no credentials give the anonymous identity.
   */
  async build(credentials: Credentials, requestId: string = randomUUID()): Promise<Context<S>> {
    const identity = await this.auth.authenticate(credentials);
    return this.forIdentity(identity, requestId);
  }

  /** The context of an already-authenticated caller: fresh per-request loaders and a logger tagged with `requestId` and the subject. */
  forIdentity(identity: Identity, requestId: string = randomUUID()): Context<S> {
    return { identity, requestId, services: this.services, loaders: new Loaders(identity), log: logger.child({ requestId, subject: identity.subject }) };
  }
}
