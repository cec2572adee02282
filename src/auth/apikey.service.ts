// Owns API keys for adapters: issued once, stored only as a SHA-256 hash, revocable.
import { storableQuiet } from '../common/storable';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
import { Collections } from '../db';
import { errors } from '../common/errors';
import type { Identity, Role } from './identity';

interface ApiKeyDoc {
  _id: string;
  hash: string;
  subject: string;
  role: Role;
  groups: string[];
  createdAt: Date;
  revokedAt?: Date;
}

const KEY_RE = /^cat_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export class ApiKeyService {
  constructor(private readonly db: Db) {}

  private get col() {
    return this.db.collection<ApiKeyDoc>(Collections.apiKeys);
  }

  /**
   * Issues a new API key for `subject` with `role` and `groups`. Returns its id (16 hex digits) and the key itself,
   * `cat_<id>_<secret>`, which is shown only now: only its SHA-256 hash is stored. Raises BAD_USER_INPUT without a subject.
   */
  async issue(subject: string, role: Exclude<Role, 'anonymous'>, groups: string[]): Promise<{ id: string; key: string }> {
    if (!subject) throw errors.badInput('an API key needs a subject');
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    await this.col.insertOne(storableQuiet({ _id: id, hash: sha256(secret), subject, role, groups, createdAt: new Date() }));
    return { id, key: `cat_${id}_${secret}` };
  }

  /** Revokes the key with this id (not the key itself); false when there is no such key or it was revoked already. */
  async revoke(id: string): Promise<boolean> {
    const r = await this.col.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } });
    return r.modifiedCount === 1;
  }

  /** The identity an API key stands for, its secret compared in constant time. Raises UNAUTHENTICATED for a malformed, unknown or revoked key. */
  async verify(key: string): Promise<Identity> {
    const m = KEY_RE.exec(key);
    if (!m) throw errors.unauthenticated('invalid API key: not of the form cat_<id>_<secret>');
    const doc = await this.col.findOne({ _id: m[1] });
    const ok = doc && timingSafeEqual(Buffer.from(doc.hash, 'hex'), Buffer.from(sha256(m[2]), 'hex'));
    if (!doc || !ok) throw errors.unauthenticated('invalid API key: unknown key');
    if (doc.revokedAt) throw errors.unauthenticated('invalid API key: revoked');
    return { subject: doc.subject, role: doc.role, groups: doc.groups, via: 'apikey' };
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
