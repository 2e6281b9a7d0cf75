/**
 * An API server for integration tests: the real Apollo and HTTP layers over the test Neo4j, on a
 * free port, queried over HTTP like any client. `expectNoErrors` prints the whole response when a
 * query that should succeed does not.
 */
import type { AddressInfo } from 'node:net';
import type { TypedDocumentString } from '../../src/generated/operations/graphql';
import { createContext } from '../../src/graphql/context';
import { createApolloServer } from '../../src/graphql/server';
import { createHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/log';
import type { Executor } from '../../src/neo4j/driver';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface TestServer {
  url: string;
  query: <T = Record<string, unknown>, V = Record<string, unknown>>(query: string | TypedDocumentString<T, V>, variables?: V) => Promise<GraphQLResponse<T>>;
  stop: () => Promise<void>;
}

export async function startTestServer(db: Executor, { maxBodyBytes = 100_000 } = {}): Promise<TestServer> {
  const logger = createLogger('silent');
  const apollo = createApolloServer({ logger, production: false, introspection: true });
  await apollo.start();
  const http = createHttpServer({ apollo, createContext: () => createContext(db), isReady: () => Promise.resolve(true), maxBodyBytes, logger });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  return {
    url,
    query: async (query, variables) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: query.toString(), variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}

export function expectNoErrors<T>(response: GraphQLResponse<T>): T {
  if (response.errors !== undefined || response.data === undefined || response.data === null || response.status !== 200) {
    throw new Error(`expected a successful GraphQL response, got:\n${JSON.stringify(response, null, 2)}`);
  }
  return response.data;
}

/** The `extensions.code` of every error in a response (for asserting on failures). */
export function errorCodes(response: GraphQLResponse<unknown>): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
