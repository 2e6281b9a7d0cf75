/**
 * Per-request observability: one structured log line per GraphQL request (operation, duration,
 * Neo4j round trips, outcome) and, outside production, the round-trip count in the response's
 * `extensions.neo4j` so clients and tests can see what a query cost.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { ErrorCode, ServiceUnavailableError, UnauthenticatedError } from '../errors';
import type { Logger } from '../log';
import type { Context } from './context';

export function requestMetricsPlugin({ logger, exposeInResponse }: { logger: Logger; exposeInResponse: boolean }): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ contextValue, response, operationName }) {
          const roundTrips = contextValue.db.queryCount;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (exposeInResponse && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, neo4j: { roundTrips } };
          }
          logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              neo4jRoundTrips: roundTrips,
              outcome: errors.length === 0 ? 'ok' : 'error',
              errorCodes: errors.length === 0 ? undefined : [...new Set(errors.map((e) => e.extensions?.code))],
            },
            'graphql request',
          );
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * AUTH_REQUIRED_FOR_READS: once the operation is known (parsed and validated) and before anything
 * executes, the request must carry a valid token, whatever its roles. Without one the whole
 * request answers UNAUTHENTICATED with HTTP 401 (503 when the identity provider's keys cannot be
 * fetched); mutations still check their role in their resolvers.
 */
export function tokenRequiredPlugin(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ contextValue }) {
          try {
            await contextValue.auth.authenticate();
          } catch (e: unknown) {
            if (e instanceof UnauthenticatedError) {
              throw new UnauthenticatedError(e.message, { http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } });
            }
            if (e instanceof ServiceUnavailableError) throw new ServiceUnavailableError(e.message, { http: { status: 503 } });
            throw e;
          }
        },
      });
    },
  };
}

/**
 * Subscriptions are served over WebSocket only. Over HTTP, Apollo would run one like a query and
 * the subscribe-only resolvers would fail as an internal error: refuse it instead, with HTTP 400
 * and a message that says where to go.
 */
export function subscriptionsOverWebSocketPlugin(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError(
              'Subscriptions are served over WebSocket, not HTTP: open ws(s)://<this host>/graphql with the graphql-transport-ws protocol (a graphql-ws client) and subscribe there.',
              { extensions: { code: ErrorCode.BadRequest, http: { status: 400 } } },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
