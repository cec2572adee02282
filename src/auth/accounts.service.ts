// Functional accounts: local users with a password, as SciCat keeps them for ingestors and scripts that log in
// with a user name (pyscicat's from_credentials, scitacean's login). Only a bcrypt hash is stored (bcryptjs, cost
// ROUNDS). A login gives the same catalog identity a token or an API key would: a subject, a role and groups.
import bcrypt from 'bcryptjs';
import type { Db } from 'mongodb';
import { storableQuiet } from '../common/storable';
import { Collections } from '../db';
import { errors } from '../common/errors';
import { isRole, type Identity, type Role } from './identity';

/** bcrypt cost: 2^ROUNDS rounds, about 0.1 s per check on one core here. */
export const ROUNDS = 10;

interface AccountDoc {
  _id: string;
  hash: string;
  role: Exclude<Role, 'anonymous'>;
  groups: string[];
  email?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** An account as listed: never its hash. */
export interface AccountInfo {
  username: string;
  role: Exclude<Role, 'anonymous'>;
  groups: string[];
  email?: string;
  createdAt: Date;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
// compared against when the user does not exist, so an unknown name costs what a wrong password costs
const NO_ONE = bcrypt.hashSync('no such account', ROUNDS);

export class FunctionalAccounts {
  constructor(private readonly db: Db) {}

  private get col() {
    return this.db.collection<AccountDoc>(Collections.accounts);
  }

  /**
   * Creates or replaces account `username` (letters, digits, . _ @ -; at most 64) with `password` (at least 12 characters),
   * `role` and `groups`. Raises BAD_USER_INPUT naming what is wrong.
   */
  async set(username: string, password: string, role: string, groups: string[], email?: string): Promise<AccountInfo> {
    if (!NAME.test(username)) throw errors.badInput(`"${username}" is not a usable user name (letters, digits, . _ @ -, at most 64)`);
    if (typeof password !== 'string' || password.length < 12) throw errors.badInput('the password must have at least 12 characters');
    if (!isRole(role) || role === 'anonymous') throw errors.badInput(`role must be user, ingestor, steward or admin (got ${role})`);
    const now = new Date();
    const doc: AccountDoc = { _id: username, hash: await bcrypt.hash(password, ROUNDS), role, groups, ...(email && { email }), createdAt: now, updatedAt: now };
    await this.col.replaceOne({ _id: username }, storableQuiet(doc), { upsert: true });
    return { username, role, groups, ...(email && { email }), createdAt: now };
  }

  /** The identity of `username` when `password` is right, else null (an unknown user and a wrong password alike). */
  async verify(username: unknown, password: unknown): Promise<(Identity & { email?: string }) | null> {
    if (typeof username !== 'string' || typeof password !== 'string' || !NAME.test(username)) return null;
    const doc = await this.col.findOne({ _id: username });
    const ok = await bcrypt.compare(password, doc?.hash ?? NO_ONE);
    return doc && ok ? { subject: doc._id, role: doc.role, groups: doc.groups, via: 'jwt', ...(doc.email && { email: doc.email }) } : null;
  }

  /** Every account, by user name (one read of a small collection). */
  async list(): Promise<AccountInfo[]> {
    const docs = await this.col.find({}).toArray();
    return docs.map((d) => ({ username: d._id, role: d.role, groups: d.groups, ...(d.email && { email: d.email }), createdAt: d.createdAt })).sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Deletes account `username`; false when there was none. */
  async remove(username: string): Promise<boolean> {
    return (await this.col.deleteOne({ _id: username })).deletedCount === 1;
  }
}
