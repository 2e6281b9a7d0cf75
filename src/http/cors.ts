/**
 * CORS: which other origins' pages may call the API from a browser (CORS_ORIGINS: `*` or a list).
 * Preflights are answered from here, before Apollo, whose CSRF prevention would refuse them.
 *
 * CORS only decides who may read an answer and send non-simple requests; CSRF prevention (Apollo's,
 * always on) still refuses the simple cross-site requests a browser sends without asking (form
 * posts, `text/plain`) before anything runs. Access-Control-Allow-Credentials is never sent: tokens
 * travel in the Authorization header, not in cookies, so even `*` hands no site a user's credentials.
 *
 * No dependencies: the config module parses CORS_ORIGINS with `parseAllowedOrigins`, and the
 * WebSocket upgrade for subscriptions can check Origin with `isOriginAllowed`.
 */

export const ANY_ORIGIN = '*';

/** `*` (any origin, the default, as Apollo's standalone server) or origins as browsers send them. */
export type AllowedOrigins = typeof ANY_ORIGIN | readonly string[];

export const ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'OPTIONS'];

/**
 * Request headers a page on another origin may send. The one list to extend when a feature needs
 * a header of its own (persisted operations, subscriptions).
 */
export const ALLOWED_REQUEST_HEADERS: readonly string[] = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'if-none-match'];

/** Response headers beyond the CORS-safelisted ones that a page may read. */
export const EXPOSED_RESPONSE_HEADERS: readonly string[] = ['etag'];

/**
 * How long a browser may reuse a preflight answer: 10 minutes. Preflighting once per 10 minutes
 * per kind of request costs nothing noticeable, while a policy change (an origin removed from
 * CORS_ORIGINS) stops browsers from even sending that origin's requests within 10 minutes; reading
 * answers is refused at once either way, since every actual response is checked. It is also
 * WebKit's ceiling (Chromium's is 2 hours).
 */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

const ORIGIN_EXAMPLE = 'an origin is scheme://host[:port], such as https://app.example.org or http://localhost:3000';
const ORIGIN_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)(.*)$/is;
const HOST_AND_PORT = /^(?:[a-z0-9._~-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i;

/**
 * One configured origin, in the form browsers send it in the Origin header: scheme and host in
 * lower case, IDN hosts in punycode, the default port (80, 443) dropped.
 */
export function parseOrigin(text: string): { origin: string } | { problem: string } {
  const notAnOrigin = (why: string): { problem: string } => ({ problem: `${JSON.stringify(text)} is not an origin (${why}); ${ORIGIN_EXAMPLE}` });
  if (text.toLowerCase() === 'null') {
    return { problem: '"null" is not accepted: it is the origin of sandboxed frames and file: pages, which any site can produce' };
  }
  const shape = ORIGIN_SHAPE.exec(text);
  const [, scheme = '', authority = '', rest = ''] = shape ?? [];
  if (shape === null) return notAnOrigin('no scheme');
  if (authority === '') return notAnOrigin('no host');
  if (/^[/?#]/.test(rest)) return notAnOrigin('it has a path, query or fragment; even a trailing slash is a path');
  if (authority.includes('@')) return notAnOrigin('it has user information');
  if (rest !== '') return notAnOrigin('malformed host or port');

  const lowerScheme = scheme.toLowerCase();
  if (lowerScheme !== 'http' && lowerScheme !== 'https') {
    return HOST_AND_PORT.test(authority) ? { origin: `${lowerScheme}://${authority.toLowerCase()}` } : notAnOrigin('malformed host or port');
  }
  try {
    // The WHATWG parser serialises the origin exactly as a browser's Origin header does.
    return { origin: new URL(text).origin };
  } catch {
    return notAnOrigin('malformed host or port');
  }
}

/** CORS_ORIGINS: `*`, or origins separated by commas (blanks around them ignored). */
export function parseAllowedOrigins(text: string): { allowed: AllowedOrigins; problems: string[] } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { allowed: ANY_ORIGIN, problems: [`must be * or origins separated by commas; ${ORIGIN_EXAMPLE}`] };
  if (entries.includes(ANY_ORIGIN)) {
    return entries.length === 1 ? { allowed: ANY_ORIGIN, problems: [] } : { allowed: ANY_ORIGIN, problems: ['"*" allows every origin, so it must stand alone, not in a list'] };
  }
  const origins = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    const parsed = parseOrigin(entry);
    if ('origin' in parsed) origins.add(parsed.origin);
    else problems.push(parsed.problem);
  }
  return { allowed: [...origins], problems };
}

/**
 * Whether a page of this origin (an Origin header's value) may call the API. Browsers send the
 * origin already serialised, so an exact comparison suffices. A request without an Origin header
 * does not come from a cross-origin page; what to do with it is the caller's decision.
 */
export function isOriginAllowed(origin: string, allowed: AllowedOrigins): boolean {
  return allowed === ANY_ORIGIN || allowed.includes(origin);
}

type Headers = Readonly<Record<string, string>>;

const EXPOSE = EXPOSED_RESPONSE_HEADERS.join(', ');
const ANY_ORIGIN_RESPONSE: Headers = { 'access-control-allow-origin': ANY_ORIGIN, 'access-control-expose-headers': EXPOSE };
// With a list, the answer depends on Origin, so every answer says so: a cache must not hand one
// origin's answer (with or without an allow-origin header) to another.
const VARY_ORIGIN: Headers = { vary: 'Origin' };
const PREFLIGHT: Headers = {
  'access-control-allow-methods': ALLOWED_METHODS.join(', '),
  'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
  'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
};

/** CORS headers of an actual (non-preflight) response; none but Vary for an origin not allowed. */
export function corsResponseHeaders(origin: string | undefined, allowed: AllowedOrigins): Headers {
  if (allowed === ANY_ORIGIN) return ANY_ORIGIN_RESPONSE;
  if (origin === undefined || !allowed.includes(origin)) return VARY_ORIGIN;
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSE, ...VARY_ORIGIN };
}

/** Whether a request is a CORS preflight (rather than a plain OPTIONS request). */
export function isPreflight(method: string | undefined, origin: string | undefined, requestMethod: string | undefined): origin is string {
  return method === 'OPTIONS' && origin !== undefined && requestMethod !== undefined;
}

/**
 * The headers of a preflight's 204 answer, or undefined when the origin is not allowed (the answer
 * then carries no CORS headers, and the browser does not send the request).
 */
export function preflightHeaders(origin: string, allowed: AllowedOrigins): Headers | undefined {
  if (allowed === ANY_ORIGIN) return { 'access-control-allow-origin': ANY_ORIGIN, ...PREFLIGHT };
  if (!allowed.includes(origin)) return undefined;
  return { 'access-control-allow-origin': origin, ...PREFLIGHT, ...VARY_ORIGIN };
}
