/**
 * Tokens and roles for the write API: `createAuthenticator` once per process (from `config.auth`),
 * `createRequestAuth` once per request; resolvers call `context.auth.require(role)`.
 */
export { createAuthenticator, refusingAuthenticator, CLOCK_TOLERANCE_SECONDS, type Authenticator, type Principal } from './authenticator';
export { createRequestAuth, type RequestAuth } from './request';
export { hasRole, isRole, MUTATION_ROLES, readRoles, ROLES, type Role } from './roles';
export { hmacSecret, keepDevSecret } from './dev-secret';
export { signToken, type TokenRequest } from './sign';
