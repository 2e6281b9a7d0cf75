/**
 * GraphQL over WebSocket (graphql-ws, the graphql-transport-ws protocol) on the HTTP server's
 * port and path (/graphql), for subscriptions; queries and mutations stay on HTTP.
 *
 * Before a socket is accepted: the path, the Origin (the same CORS_ORIGINS list as HTTP; a
 * request without Origin is not from a browser page) and the connection cap are checked, and a
 * refusal is a plain HTTP answer (403, 404, 503) naming the reason. After it: the token from
 * `connection_init` when reads need one (4401 without a token, 4403 with a bad one), the
 * subscription cap per connection, and the subscription documents' limits (graphql/subscriptions.ts).
 *
 * Memory per client is bounded: nothing is queued per subscriber (the change feed is shared and
 * each subscription sends its next message only when the previous one has been written to the
 * socket), and a client whose unsent bytes exceed `maxBufferedBytes` is disconnected (1008).
 * Keep-alive pings end connections whose other end no longer answers. On shutdown every socket is
 * closed with 1001 (going away), and those that do not finish closing within the grace period are cut.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Context as ConnectionContext } from 'graphql-ws';
import { WebSocketServer, WebSocket } from 'ws';
import { ErrorCode } from '../errors';
import type { Logger } from '../log';
import type { SubscriptionOperations } from '../graphql/subscriptions';
import { isOriginAllowed, type AllowedOrigins } from './cors';

export const GRAPHQL_PATH = '/graphql';

/** Close codes beyond graphql-ws's own (4400-4499, 4500). */
export const CloseCode = {
  GoingAway: 1001,
  /** The client reads too slowly: more than `maxBufferedBytes` wait to be sent to it. */
  SlowConsumer: 1008,
  /** The token could not be checked right now (the identity provider's keys are unreachable). */
  TryAgainLater: 1013,
  Unauthorized: 4401,
  Forbidden: 4403,
  InternalServerError: 4500,
} as const;

/** How often unsent bytes are checked between messages (pings count too). */
const SWEEP_INTERVAL_MS = 1_000;
/** How long a slow consumer gets to read the close frame before its socket is cut. */
const SLOW_CONSUMER_CLOSE_GRACE_MS = 1_000;

export interface WebSocketLimits {
  /** Open WebSocket connections this process accepts; more are answered 503. */
  maxConnections: number;
  maxSubscriptionsPerConnection: number;
  /** Bytes waiting to be sent to one client before it is disconnected as a slow consumer. */
  maxBufferedBytes: number;
  /** Interval of keep-alive pings; a client that has not answered one by the next is cut. */
  keepAliveMs: number;
  /** Largest message a client may send (a subscribe message with its document). */
  maxMessageBytes: number;
}

export interface WebSocketOptions extends WebSocketLimits {
  server: http.Server;
  operations: SubscriptionOperations;
  corsOrigins: AllowedOrigins;
  /** True once shutdown began: upgrades are refused. */
  isClosing: () => boolean;
  production: boolean;
  logger: Logger;
  /**
   * When reads need a token: checks `connection_init`'s `authorization` ("Bearer <JWT>") and
   * rejects with an UNAUTHENTICATED, FORBIDDEN or SERVICE_UNAVAILABLE GraphQL error.
   */
  authenticate?: (authorization: string | undefined) => Promise<unknown>;
}

export interface WebSocketStats {
  connections: number;
  subscriptions: number;
  /** The most bytes seen waiting to be sent to one client. */
  peakBufferedBytes: number;
  /** Clients disconnected for reading too slowly. */
  slowConsumers: number;
}

export interface WebSocketEndpoint {
  stats: () => WebSocketStats;
  /** Closes every socket with 1001 and stops accepting; sockets still open after `graceMs` are cut. */
  close: (graceMs: number) => Promise<void>;
}

type Connection = ConnectionContext<Record<string, unknown> | undefined, Extra>;

const REASONS: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

/** Answers an upgrade request with a plain HTTP error (the socket is not a WebSocket yet). */
function refuse(socket: Duplex, status: number, message: string, code: string, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...extraHeaders };
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
}

/** A close reason fits in 123 bytes of UTF-8. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = `${reason.slice(0, reason.length - 2)}…`;
  return reason;
}

function pathOf(target: string | undefined): string {
  const url = target ?? '/';
  if (!url.startsWith('/')) return new URL(url, 'http://localhost').pathname;
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
}

/** The `authorization` entry of connection_init's payload (any letter case), as a string or undefined. */
function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  if (params === undefined) return undefined;
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'authorization');
  const value = key === undefined ? undefined : params[key];
  return typeof value === 'string' ? value : undefined;
}

export function attachWebSocket(options: WebSocketOptions): WebSocketEndpoint {
  const { logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false, clientTracking: true });
  const connections = new Set<Connection>();
  let peakBufferedBytes = 0;
  let slowConsumers = 0;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = pathOf(request.url);
    if (path !== GRAPHQL_PATH) return refuse(socket, 404, `Not found: ${path}. GraphQL over WebSocket is served at ${GRAPHQL_PATH}.`, 'NOT_FOUND');
    if (options.isClosing()) return refuse(socket, 503, 'The server is shutting down; reconnect to another instance.', ErrorCode.ServiceUnavailable, { 'retry-after': '1' });
    const origin = request.headers.origin;
    if (origin !== undefined && !isOriginAllowed(origin, options.corsOrigins)) {
      return refuse(socket, 403, `Origin ${origin} may not open a WebSocket to this API: it is not in CORS_ORIGINS`, 'FORBIDDEN');
    }
    if (wss.clients.size >= options.maxConnections) {
      logger.warn({ maxConnections: options.maxConnections }, 'WebSocket connection refused: the connection cap is reached');
      return refuse(socket, 503, `This server holds its maximum of ${options.maxConnections} WebSocket connections; retry shortly.`, ErrorCode.ServiceUnavailable, { 'retry-after': '5' });
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.server.on('upgrade', onUpgrade);

  const dropSlowConsumer = (socket: WebSocket, buffered: number): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    slowConsumers += 1;
    logger.warn({ bufferedBytes: buffered, maxBufferedBytes: options.maxBufferedBytes }, 'WebSocket client disconnected: it reads too slowly');
    socket.close(CloseCode.SlowConsumer, closeReason(`Slow consumer: more than ${options.maxBufferedBytes} bytes waiting to be sent; reconnect and resume with after`));
    setTimeout(() => socket.terminate(), SLOW_CONSUMER_CLOSE_GRACE_MS).unref();
  };
  const checkBuffered = (socket: WebSocket): void => {
    const buffered = socket.bufferedAmount;
    if (buffered > peakBufferedBytes) peakBufferedBytes = buffered;
    if (buffered > options.maxBufferedBytes) dropSlowConsumer(socket, buffered);
  };
  const sweep = setInterval(() => {
    for (const socket of wss.clients) checkBuffered(socket);
  }, SWEEP_INTERVAL_MS);
  sweep.unref();

  const closeFor = (socket: WebSocket, code: number, reason: string): false => {
    socket.close(code, closeReason(reason));
    return false;
  };

  const server = useServer<Record<string, unknown> | undefined>(
    {
      isProd: options.production,
      onConnect: async (ctx) => {
        connections.add(ctx);
        if (options.authenticate === undefined) return true;
        const authorization = authorizationOf(ctx.connectionParams);
        try {
          await options.authenticate(authorization);
          return true;
        } catch (e: unknown) {
          const code = e instanceof GraphQLError ? e.extensions.code : undefined;
          const message = e instanceof Error ? e.message : String(e);
          const socket = ctx.extra.socket;
          if (code === 'UNAUTHENTICATED') {
            return authorization === undefined
              ? closeFor(socket, CloseCode.Unauthorized, 'Unauthorized: send connection_init with { "authorization": "Bearer <token>" }')
              : closeFor(socket, CloseCode.Forbidden, `Forbidden: ${message}`);
          }
          if (code === 'FORBIDDEN') return closeFor(socket, CloseCode.Forbidden, `Forbidden: ${message}`);
          if (code === ErrorCode.ServiceUnavailable) return closeFor(socket, CloseCode.TryAgainLater, `Try again later: ${message}`);
          logger.error({ err: e }, 'WebSocket: checking the token failed unexpectedly');
          return closeFor(socket, CloseCode.InternalServerError, 'Internal server error');
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already registered this one.
        if (Object.keys(ctx.subscriptions).length > options.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(`This connection already has ${options.maxSubscriptionsPerConnection} subscriptions, the most one connection may have; complete one first or open another connection`, {
              extensions: { code: ErrorCode.TooManySubscriptions, maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection },
            }),
          ];
        }
        return options.operations.prepare(payload);
      },
      subscribe: (args: ExecutionArgs) => options.operations.subscribe(args),
      onNext: (ctx) => {
        checkBuffered(ctx.extra.socket);
      },
      onClose: (ctx) => {
        connections.delete(ctx);
      },
    },
    wss,
    options.keepAliveMs,
  );

  return {
    stats: () => {
      let subscriptions = 0;
      // Running ones: graphql-ws holds null for a subscription still being prepared.
      for (const ctx of connections) subscriptions += Object.values(ctx.subscriptions).filter((s) => s !== null).length;
      return { connections: wss.clients.size, subscriptions, peakBufferedBytes, slowConsumers };
    },
    close: async (graceMs) => {
      // The upgrade listener stays: until the HTTP server has closed, upgrades get a 503 (isClosing).
      clearInterval(sweep);
      const sockets = [...wss.clients];
      const cut = setTimeout(() => {
        for (const socket of sockets) socket.terminate();
      }, graceMs);
      try {
        await server.dispose();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
