// Bearer JWTs: HS256 with the catalog's own secret, and RS/ES/PS/EdDSA keys from an OIDC provider's JWKS, either or both.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, errors as joseErrors, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { Config } from '../config';
import { errors } from '../common/errors';
import { isRole, type Identity, type Role } from './identity';

type VerifierConfig = Pick<Config, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'groupsClaim' | 'rolesClaim'>;
type KeySource = Uint8Array | ReturnType<typeof createRemoteJWKSet>;

/** The catalog's own tokens (functional-account logins, `catalog token`). */
const LOCAL_ALGORITHMS = ['HS256'];
/** What an OIDC provider signs with, verified through its JWKS. */
const PROVIDER_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];

export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  constructor(private readonly cfg: VerifierConfig) {
    if (cfg.jwtSecret) this.secret = new TextEncoder().encode(cfg.jwtSecret);
    if (cfg.jwksUrl) this.jwks = createRemoteJWKSet(new URL(cfg.jwksUrl));
  }

  /**
   * The identity in a bearer JWT. The header's `alg` picks the key: HS256 → the local secret, RS256/ES256/PS256/EdDSA
   * → the OIDC provider's JWKS; both may be configured at once. The configured issuer and audience are checked on the
   * provider's tokens, and on HS256 tokens only when there is no provider (then they describe the catalog's own).
   * The role is the highest of admin, steward and ingestor in the roles claim, else user. Raises UNAUTHENTICATED for a
   * bad or expired token, an algorithm the catalog is not configured for (named), no `sub`, or a groups claim that is
   * not a list of strings.
   */
  async verify(token: string): Promise<Identity> {
    const [key, options] = this.keyFor(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await (key instanceof Uint8Array ? jwtVerify(token, key, options) : jwtVerify(token, key, options)));
    } catch (e) {
      throw errors.unauthenticated(`invalid token: ${describeJoseError(e)}`);
    }
    if (!payload.sub) throw errors.unauthenticated('invalid token: no "sub" claim');
    const groups = payload[this.cfg.groupsClaim] ?? [];
    if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) {
      throw errors.unauthenticated(`invalid token: claim "${this.cfg.groupsClaim}" must be an array of strings`);
    }
    const roles = payload[this.cfg.rolesClaim];
    const roleList = Array.isArray(roles) ? roles : typeof roles === 'string' ? [roles] : [];
    const role: Role = (['admin', 'steward', 'ingestor'] as const).find((r) => roleList.includes(r)) ?? 'user';
    return { subject: payload.sub, role, groups: groups as string[], via: 'jwt' };
  }

  /** The key and checks for the token's signing algorithm, or UNAUTHENTICATED naming an algorithm the catalog does not take. */
  private keyFor(token: string): [KeySource, JWTVerifyOptions] {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw errors.unauthenticated('invalid token: not a well-formed JWT');
    }
    const claims = { issuer: this.cfg.jwtIssuer, audience: this.cfg.jwtAudience };
    if (typeof alg === 'string' && LOCAL_ALGORITHMS.includes(alg)) {
      if (!this.secret) throw errors.unauthenticated(`invalid token: signed with ${alg}, but this catalog has no CATALOG_JWT_SECRET; it accepts ${this.accepted()}`);
      return [this.secret, { algorithms: LOCAL_ALGORITHMS, ...(!this.jwks && claims) }];
    }
    if (typeof alg === 'string' && PROVIDER_ALGORITHMS.includes(alg)) {
      if (!this.jwks) throw errors.unauthenticated(`invalid token: signed with ${alg}, but this catalog has no OIDC provider (CATALOG_JWKS_URL); it accepts ${this.accepted()}`);
      return [this.jwks, { algorithms: PROVIDER_ALGORITHMS, ...claims }];
    }
    throw errors.unauthenticated(`invalid token: signing algorithm ${JSON.stringify(alg ?? null)} is not accepted; this catalog accepts ${this.accepted()}`);
  }

  private accepted(): string {
    const local = this.secret ? [`${LOCAL_ALGORITHMS.join(', ')} tokens of its own`] : [];
    const provider = this.jwks ? [`${PROVIDER_ALGORITHMS.join(', ')} tokens of the OIDC provider`] : [];
    return [...local, ...provider].join(' and ');
  }
}

function describeJoseError(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'token has expired';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `claim "${e.claim}" ${e.reason}`;
  if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return 'not a well-formed JWT';
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'no key in the JWKS matches';
  return (e as Error)?.message ?? String(e);
}

/**
 * The issuer and audience the catalog stamps on its own HS256 tokens: CATALOG_JWT_ISSUER and CATALOG_JWT_AUDIENCE when
 * they describe those tokens, none when they are an OIDC provider's (with CATALOG_JWKS_URL), whose identity they are not.
 */
export function localTokenClaims(cfg: Pick<Config, 'jwksUrl' | 'jwtIssuer' | 'jwtAudience'>): { issuer?: string; audience?: string } {
  return cfg.jwksUrl ? {} : { issuer: cfg.jwtIssuer, audience: cfg.jwtAudience };
}

/** Issues an HS256 token for local use (CLI `catalog token`, tests, bench). */
export async function issueToken(
  secret: string,
  claims: { subject: string; role: Role; groups: string[]; expiresIn?: string; issuer?: string; audience?: string },
  cfg: { groupsClaim: string; rolesClaim: string } = { groupsClaim: 'groups', rolesClaim: 'roles' },
): Promise<string> {
  if (!isRole(claims.role) || claims.role === 'anonymous') throw errors.badInput(`role must be user, ingestor, steward or admin (got ${claims.role})`);
  let jwt = new SignJWT({ [cfg.groupsClaim]: claims.groups, [cfg.rolesClaim]: [claims.role] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h');
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
