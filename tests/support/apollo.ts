/**
 * A real Apollo Server of the project's (no HTTP in front, no database behind) for unit tests of
 * what clients see: its log lines are collected for the test to read, and a request context whose
 * every read fails with a given error stands in for the layers below.
 */
import type { ApolloServer } from '@apollo/server';
import { DEFAULT_LIMITS } from '../../src/config';
import type { Context } from '../../src/graphql/context';
import { createApolloServer } from '../../src/graphql/server';
import { createLogger } from '../../src/log';

export interface LogLine {
  level: number;
  msg: string;
  err?: { message: string; stack: string };
  path?: unknown;
}

/** Starts the server in beforeAll and stops it in afterAll; `logged` is emptied before each test. */
export function useApolloServer(production: boolean): { server: () => ApolloServer<Context>; logged: LogLine[] } {
  const logged: LogLine[] = [];
  let server: ApolloServer<Context> | undefined;
  beforeAll(async () => {
    const logger = createLogger('error', { write: (line: string) => logged.push(JSON.parse(line) as LogLine) });
    server = createApolloServer({ logger, production, introspection: true, limits: DEFAULT_LIMITS });
    await server.start();
  });
  afterAll(() => server?.stop());
  beforeEach(() => logged.splice(0));
  return {
    server: () => {
      if (server === undefined) throw new Error('useApolloServer: used before its beforeAll ran');
      return server;
    },
    logged,
  };
}

/** A request context whose every read (queries and DataLoaders) fails with `error`. */
export function contextFailingWith(error: Error): Context {
  const fail = (): Promise<never> => Promise.reject(error);
  const loaders = new Proxy({}, { get: () => ({ load: fail, loadMany: fail }) });
  return { db: { queryCount: 0, read: fail, readTransaction: fail }, loaders, limits: DEFAULT_LIMITS, auth: {} } as unknown as Context;
}
