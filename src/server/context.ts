// One context builder for HTTP and WebSocket: identity, per-request loaders, services, request id.
import { randomUUID } from 'node:crypto';
import type { Authenticator, Credentials, Identity } from '../auth';
import type { Services } from '../catalog/services';
import { Loaders } from '../catalog/loaders';
import { logger, type Logger } from '../common/logger';

export interface Context {
  identity: Identity;
  requestId: string;
  services: Services;
  loaders: Loaders;
  log: Logger;
}

export class ContextBuilder {
  constructor(private readonly auth: Authenticator, private readonly services: Services) {}

  async build(credentials: Credentials, requestId: string = randomUUID()): Promise<Context> {
    const identity = await this.auth.authenticate(credentials);
    return this.forIdentity(identity, requestId);
  }

  forIdentity(identity: Identity, requestId: string = randomUUID()): Context {
    return { identity, requestId, services: this.services, loaders: new Loaders(identity), log: logger.child({ requestId, subject: identity.subject }) };
  }
}
