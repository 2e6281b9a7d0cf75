/**
 * Signing HS256 tokens for `npm run token`: the claims the server checks (`sub`, `exp`, and `iss`/
 * `aud` when configured) and the roles where AUTH_ROLES_CLAIM says the server reads them.
 */
import { SignJWT } from 'jose';
import { rolesClaimValue, type Role } from './roles';

export interface TokenRequest {
  secret: string;
  sub: string;
  roles: readonly Role[];
  rolesClaim: string;
  issuer: string | undefined;
  audience: string | undefined;
  /** A duration jose understands: `30m`, `12h`, `7d`. */
  expiresIn: string;
}

export async function signToken(request: TokenRequest): Promise<string> {
  const jwt = new SignJWT(rolesClaimValue(request.rolesClaim, request.roles)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(request.sub).setIssuedAt();
  try {
    jwt.setExpirationTime(request.expiresIn);
  } catch {
    throw new Error(`--expires-in: expected a duration such as 30m, 12h or 7d, got ${JSON.stringify(request.expiresIn)}`);
  }
  if (request.issuer !== undefined) jwt.setIssuer(request.issuer);
  if (request.audience !== undefined) jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
