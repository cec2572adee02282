// Bearer JWTs: HS256 with a local secret, or RS/ES keys from an OIDC provider's JWKS.
import { createRemoteJWKSet, jwtVerify, SignJWT, errors as joseErrors, type JWTPayload } from 'jose';
import type { Config } from '../config';
import { errors } from '../common/errors';
import { isRole, type Identity, type Role } from './identity';

type KeySource = Parameters<typeof jwtVerify>[1];

export class TokenVerifier {
  private readonly key: KeySource;
  constructor(private readonly cfg: Pick<Config, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'groupsClaim' | 'rolesClaim'>) {
    this.key = (cfg.jwksUrl ? createRemoteJWKSet(new URL(cfg.jwksUrl)) : new TextEncoder().encode(cfg.jwtSecret)) as KeySource;
  }

  /**
   * The identity in a bearer JWT, checked against the local HS256 secret or the OIDC provider's JWKS (RS256, ES256, PS256,
   * EdDSA) and the configured issuer and audience. The role is the highest of admin, steward and ingestor in the roles claim,
   * else user. Raises UNAUTHENTICATED for a bad or expired token, no `sub`, or a groups claim that is not a list of strings.
   */
  async verify(token: string): Promise<Identity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as any, {
        issuer: this.cfg.jwtIssuer,
        audience: this.cfg.jwtAudience,
        algorithms: this.cfg.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'],
      }));
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
