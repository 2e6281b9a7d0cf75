/**
 * Bearer-token verification with `jose`. One of three sources of keys (see `TokenKeys`): an HS256
 * secret (AUTH_JWT_SECRET, or the development secret), an identity provider's JWKS (RS256/ES256,
 * fetched and cached by jose), or none (production without either: every token is refused with
 * FORBIDDEN and a message saying what to configure; there is never a default key).
 *
 * Every failure becomes an UnauthenticatedError whose message says what is wrong with the token;
 * neither the token nor the secret ever appears in an error or a log line.
 */
import { createRemoteJWKSet, errors as jose, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from '../config';
import { ForbiddenError, ServiceUnavailableError, UnauthenticatedError } from '../errors';
import type { Logger } from '../log';
import { hmacSecret } from './dev-secret';
import { readRoles } from './roles';

export interface Principal {
  /** The token's `sub`: who is asking (recorded with every change). */
  sub: string;
  /** The token's roles as found in AUTH_ROLES_CLAIM; only `editor` and `admin` grant anything. */
  roles: string[];
}

export interface Authenticator {
  /** AUTH_REQUIRED_FOR_READS: whether every operation, not only mutations, needs a valid token. */
  readonly requiredForReads: boolean;
  /**
   * The principal of a valid `Authorization: Bearer <JWT>` header. Throws UnauthenticatedError
   * (no, malformed, expired, badly signed token, wrong audience or issuer), ForbiddenError (this
   * server accepts no tokens at all) or ServiceUnavailableError (the JWKS cannot be fetched).
   */
  verify(authorizationHeader: string | undefined): Promise<Principal>;
}

/** Seconds of clock difference between the token's issuer and this server that are forgiven. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const HMAC_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

export const NO_KEYS_MESSAGE =
  'Writes are disabled: this server has no keys to check tokens with. Set AUTH_JWT_SECRET (32+ random bytes) ' +
  'to sign tokens yourself (`npm run token`), or AUTH_JWKS_URL to accept tokens from an identity provider.';

/** Accepts no token: what production without AUTH_JWT_SECRET or AUTH_JWKS_URL gets. */
export const refusingAuthenticator: Authenticator = {
  requiredForReads: false,
  verify: () => Promise.reject(new ForbiddenError(NO_KEYS_MESSAGE)),
};

export async function createAuthenticator(config: AuthConfig, logger: Logger): Promise<Authenticator> {
  const { keys } = config;
  if (keys.source === 'none') {
    logger.warn(`NODE_ENV=production without AUTH_JWT_SECRET or AUTH_JWKS_URL: every write is refused (FORBIDDEN). ${NO_KEYS_MESSAGE}`);
    return refusingAuthenticator;
  }
  const checks = { issuer: config.issuer, audience: config.audience, rolesClaim: config.rolesClaim };
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (keys.source === 'jwks') {
    key = remoteKeySet(keys.url);
    algorithms = JWKS_ALGORITHMS;
    logger.info({ jwks: keys.url, ...checks }, "tokens are checked with the identity provider's keys (RS256/ES256)");
  } else {
    const hmac = await hmacSecret(keys);
    if (hmac === undefined) throw new Error(`no HS256 secret for token keys from ${keys.source}`);
    key = new TextEncoder().encode(hmac.secret);
    algorithms = HMAC_ALGORITHMS;
    if (keys.source === 'secret') {
      logger.info(checks, 'tokens are checked with AUTH_JWT_SECRET (HS256)');
    } else {
      logger.info(
        { secretFile: hmac.origin, created: hmac.created, ...checks },
        `writes need a token signed with the development secret in ${hmac.origin}: get one with \`npm run token -- --sub you --role editor\`` +
          ' and send it as `Authorization: Bearer <token>` (set AUTH_JWT_SECRET or AUTH_JWKS_URL for real use)',
      );
    }
  }

  const options: JWTVerifyOptions = {
    algorithms,
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'sub'],
  };
  // Two calls because jwtVerify's overloads take a key or a key getter, not the union.
  const verifyJwt = (token: string): Promise<{ payload: JWTPayload }> =>
    typeof key === 'function' ? jwtVerify(token, key, options) : jwtVerify(token, key, options);

  return {
    requiredForReads: config.requiredForReads,
    async verify(authorizationHeader) {
      const token = bearerToken(authorizationHeader);
      let payload: JWTPayload;
      try {
        ({ payload } = await verifyJwt(token));
      } catch (e: unknown) {
        const refusal = translate(e, config, algorithms, logger);
        logger.debug({ code: refusal.extensions.code, reason: refusal.message }, 'token refused');
        throw refusal;
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('token "sub" claim must be a non-empty string');
      return { sub: payload.sub, roles: readRoles(payload, config.rolesClaim) };
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750's b64token syntax). */
function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw new UnauthenticatedError('missing Authorization: Bearer token');
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (match?.[1] === undefined) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Failing to get the JWKS is the identity provider's problem, not the token's: told apart from a bad token. */
class KeySetUnavailable extends Error {}

function remoteKeySet(url: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (e: unknown) {
      // Fetch failures, timeouts, non-200 answers and documents that are no key set. A missing
      // key (`kid`) or several matching keys are about the token and pass through.
      const code = e instanceof jose.JOSEError ? e.code : undefined;
      if (code === undefined || code === 'ERR_JOSE_GENERIC' || code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID') {
        throw new KeySetUnavailable(e instanceof Error ? e.message : String(e), { cause: e });
      }
      throw e;
    }
  };
}

function translate(e: unknown, config: AuthConfig, algorithms: readonly string[], logger: Logger): UnauthenticatedError | ServiceUnavailableError {
  if (e instanceof KeySetUnavailable) {
    logger.warn({ jwks: config.keys.source === 'jwks' ? config.keys.url : undefined, cause: e.message }, 'cannot fetch the JWKS');
    return new ServiceUnavailableError('Cannot get the token signing keys from the identity provider (AUTH_JWKS_URL); try again shortly.');
  }
  if (!(e instanceof jose.JOSEError)) throw e;
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return new UnauthenticatedError('token expired');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new UnauthenticatedError('token signature invalid');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new UnauthenticatedError(`token algorithm not accepted; this server accepts ${algorithms.join(', ')}`);
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return new UnauthenticatedError('token signed with a key the identity provider does not publish (no matching key in AUTH_JWKS_URL)');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claimProblem(e as jose.JWTClaimValidationFailed, config);
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      // jose's messages here name the part that is wrong, never the token's content.
      return new UnauthenticatedError(`token malformed: ${e.message}`);
    default:
      throw e;
  }
}

function claimProblem(e: jose.JWTClaimValidationFailed, config: AuthConfig): UnauthenticatedError {
  const missing = e.reason === 'missing';
  switch (e.claim) {
    case 'aud':
      return new UnauthenticatedError(missing ? `token has no "aud" claim; expected "${config.audience}"` : `token audience is not "${config.audience}"`);
    case 'iss':
      return new UnauthenticatedError(missing ? `token has no "iss" claim; expected "${config.issuer}"` : `token issuer is not "${config.issuer}"`);
    case 'exp':
      return new UnauthenticatedError(missing ? 'token has no "exp" claim; tokens must expire' : 'token "exp" claim invalid');
    case 'nbf':
      return new UnauthenticatedError('token not valid yet (its "nbf" is in the future)');
    default:
      return new UnauthenticatedError(`token "${e.claim}" claim ${missing ? 'missing' : 'invalid'}`);
  }
}
