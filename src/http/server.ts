/**
 * The HTTP server: a thin node:http front for Apollo Server (no framework in the hot path).
 * Routes: /graphql (GET and POST, GraphQL over HTTP), /health/live, /health/ready, the playground
 * at /, the explorer at /explore, and their built files under /assets/ (see web.ts). The request body is read
 * up to a limit (larger gets 413) and parsed as JSON here. /graphql and the health endpoints carry
 * CORS headers, and CORS preflights to /graphql are answered here (see cors.ts); the pages are
 * same-origin only. Persisted operations (`documentId`) are resolved to their text here, before
 * Apollo (see persisted.ts).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from '../graphql/context';
import type { PersistedDocuments } from '../graphql/persisted-documents';
import type { Logger } from '../log';
import { ALLOWED_METHODS, corsResponseHeaders, isPreflight, preflightHeaders, type AllowedOrigins } from './cors';
import { EXPLORER_PATH, serveExplorerPage } from './explorer';
import { resolvePersisted } from './persisted';
import { servePlaygroundPage } from './playground';
import { ASSETS_PREFIX, serveAsset } from './web';

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  /** The request's context; `authorization` is its Authorization header, verified only when needed. */
  createContext: (authorization: string | undefined) => Context;
  /** Whether the database answers; backs /health/ready. */
  isReady: () => Promise<boolean>;
  /** True once shutdown began: responses then close their connection instead of keeping it alive. */
  isClosing: () => boolean;
  maxBodyBytes: number;
  /** Origins whose pages may call /graphql from a browser (CORS_ORIGINS). */
  corsOrigins: AllowedOrigins;
  /** The persisted documents a request may name by `documentId`. */
  persisted: PersistedDocuments;
  /** TRUSTED_DOCUMENTS_ONLY: requests that do not name a persisted document are refused. */
  trustedDocumentsOnly: boolean;
  logger: Logger;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createHttpServer(options: HttpOptions): http.Server {
  const server = http.createServer((req, res) => {
    if (options.isClosing()) res.setHeader('connection', 'close');
    handle(req, res, options).catch((e: unknown) => {
      options.logger.error({ err: e }, 'request failed outside GraphQL');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

/** The path and query string of a request target (a WHATWG URL parse costs more than the rest of routing). */
function splitTarget(target: string): { pathname: string; search: string } {
  if (!target.startsWith('/')) {
    // The absolute form (`http://host/graphql`, as proxies send it).
    const url = new URL(target, 'http://localhost');
    return { pathname: url.pathname, search: url.search };
  }
  const at = target.indexOf('?');
  return at < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, at), search: target.slice(at) };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpOptions): Promise<void> {
  const url = splitTarget(req.url ?? '/');
  switch (url.pathname) {
    case '/graphql':
      if (req.method === 'OPTIONS') return answerOptions(req, res, options.corsOrigins);
      setHeaders(res, corsResponseHeaders(req.headers.origin, options.corsOrigins));
      return graphql(req, res, url.search, options);
    case '/health/live':
      setHeaders(res, corsResponseHeaders(req.headers.origin, options.corsOrigins));
      return sendJson(res, 200, { status: 'ok' });
    case '/health/ready':
      setHeaders(res, corsResponseHeaders(req.headers.origin, options.corsOrigins));
      return (await options.isReady()) ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 503, { status: 'unavailable', reason: 'Neo4j does not answer' });
    case '/':
      return servePlaygroundPage(req, res, options.logger);
    case EXPLORER_PATH:
    case `${EXPLORER_PATH}/`:
      return serveExplorerPage(req, res, options.logger);
    default:
      if (url.pathname.startsWith(ASSETS_PREFIX) && (await serveAsset(req, res, url.pathname))) return;
      return sendJson(res, 404, { error: `Not found: ${url.pathname}. GraphQL is served at /graphql.` });
  }
}

/**
 * OPTIONS /graphql. A CORS preflight never reaches Apollo: its CSRF check would refuse it (no
 * content-type), and the request it asks about meets that check on its own when it comes. An
 * origin not allowed gets 403 without CORS headers, rather than a 204 without them: the browser
 * blocks either way, and the 403 with its reason tells whoever reads the network log why.
 */
function answerOptions(req: IncomingMessage, res: ServerResponse, allowed: AllowedOrigins): void {
  const origin = req.headers.origin;
  if (!isPreflight(req.method, origin, req.headers['access-control-request-method'])) {
    res.writeHead(204, { allow: ALLOWED_METHODS.join(', ') }).end();
    return;
  }
  const headers = preflightHeaders(origin, allowed);
  if (headers === undefined) {
    setHeaders(res, corsResponseHeaders(origin, allowed));
    return sendJson(res, 403, { errors: [{ message: `Origin ${origin} may not call this API from a browser: it is not in CORS_ORIGINS`, extensions: { code: 'FORBIDDEN' } }] });
  }
  res.writeHead(204, headers).end();
}

function setHeaders(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

async function graphql(req: IncomingMessage, res: ServerResponse, search: string, options: HttpOptions): Promise<void> {
  let body: unknown;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch (e: unknown) {
    if (e instanceof HttpError) return sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: e.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
    throw e;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const persisted = resolvePersisted(method, body, search, options.persisted, options.trustedDocumentsOnly);
  if (!persisted.ok) return sendJson(res, persisted.status, { errors: [{ message: persisted.message, extensions: { code: persisted.code } }] });

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // A GET of a persisted document can only read (see persisted.ts): no preflight header needed.
  if (persisted.persistedGet) headers.set('apollo-require-preflight', 'true');
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: persisted.search, body: persisted.body },
    context: () => Promise.resolve(options.createContext(req.headers.authorization)),
  });

  for (const [name, value] of result.headers) {
    // Vary is a list, and CORS has put Origin in it already.
    const earlier = name === 'vary' ? res.getHeader('vary') : undefined;
    res.setHeader(name, earlier === undefined ? value : `${String(earlier)}, ${value}`);
  }
  res.statusCode = result.status ?? 200;
  if (res.statusCode === 304) {
    // Not Modified has no body (the ETag of a persisted read matched).
    res.removeHeader('content-type');
    res.end();
    return;
  }
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The body, parsed when it is JSON; a string otherwise (Apollo then explains what it expected). */
async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new HttpError(413, `Request body too large: ${declared} bytes; the limit is ${limit} bytes`);
  }
  // Events rather than `for await`: leaving an async iterator early destroys the socket, and the
  // client would never see the 413.
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const received: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        received.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(new HttpError(413, `Request body too large; the limit is ${limit} bytes`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(received));
    req.once('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(type)) return text;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (e: unknown) {
    throw new HttpError(400, `Request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
}
