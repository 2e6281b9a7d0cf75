/**
 * Per-request observability: one structured log line per GraphQL request (operation, duration,
 * Neo4j round trips, outcome) and, outside production, the round-trip count in the response's
 * `extensions.neo4j` so clients and tests can see what a query cost.
 */
import type { ApolloServerPlugin } from '@apollo/server';
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
