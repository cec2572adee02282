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

  async build(credentials: Credentials, requestId: string = randomUUID()): Promise<Context<S>> {
    const identity = await this.auth.authenticate(credentials);
    return this.forIdentity(identity, requestId);
  }

  forIdentity(identity: Identity, requestId: string = randomUUID()): Context<S> {
    return { identity, requestId, services: this.services, loaders: new Loaders(identity), log: logger.child({ requestId, subject: identity.subject }) };
  }
}
