// Who is calling. Built once per request (HTTP) or per connection (WebSocket) and handed to services.

/**
 * anonymous: published records only. user: their groups' records. ingestor: writes into its groups.
 * steward: a data steward; reads everything, curates publications (approve, register, publish DOIs).
 * admin: everything.
 */
export const ROLES = ['anonymous', 'user', 'ingestor', 'steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  subject: string;
  role: Role;
  groups: string[];
  via: 'anonymous' | 'jwt' | 'apikey' | 'system';
}

export const ANONYMOUS: Identity = Object.freeze({ subject: 'anonymous', role: 'anonymous', groups: [], via: 'anonymous' }) as Identity;

/** The identity the CLI, seeds and ingest use when they call services directly. */
export function systemIdentity(name = 'system'): Identity {
  return { subject: name, role: 'admin', groups: [], via: 'system' };
}

/** True when `v` is one of the role names in ROLES. */
export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
