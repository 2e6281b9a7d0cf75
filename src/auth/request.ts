/**
 * Per-request authorisation: the request's Authorization header, verified the first time a
 * resolver (or the reads-need-a-token check) asks, and the answer kept for the rest of the request.
 */
import { ForbiddenError } from '../errors';
import type { Authenticator, Principal } from './authenticator';
import { hasRole, type Role } from './roles';

export interface RequestAuth {
  /** The principal if the token is valid and grants `role` (admin grants editor); else UnauthenticatedError or ForbiddenError. */
  require(role: Role): Promise<Principal>;
  /** The principal of any valid token, whatever its roles; else UnauthenticatedError. */
  authenticate(): Promise<Principal>;
}

export function createRequestAuth(authenticator: Authenticator, authorizationHeader: string | undefined): RequestAuth {
  let verified: Promise<Principal> | undefined;
  const authenticate = (): Promise<Principal> => (verified ??= authenticator.verify(authorizationHeader));
  return {
    authenticate,
    async require(role) {
      const principal = await authenticate();
      if (!hasRole(principal.roles, role)) {
        const has = principal.roles.length === 0 ? 'the token has no roles' : `the token's roles: ${principal.roles.join(', ')}`;
        throw new ForbiddenError(`this operation needs the ${role} role${role === 'editor' ? ' (or admin)' : ''}; ${has}`);
      }
      return principal;
    },
  };
}
