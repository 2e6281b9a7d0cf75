/**
 * Error masking, through the real Apollo Server (schema, resolvers, plugins, graphql-jit) with a
 * request context whose data access fails the way a bug would: an unexpected error reaches the
 * client only as INTERNAL_SERVER_ERROR with a fixed message, and is logged in full; errors that
 * carry a code (ours, graphql-js's, Apollo's) pass through unchanged. The same for `maskError`,
 * which subscriptions use on errors graphql-js produced while executing.
 */
import type { ApolloServer } from '@apollo/server';
import { buildSchema, execute, GraphQLError, parse } from 'graphql';
import { BadUserInputError } from '../../src/errors';
import { maskError } from '../../src/graphql/format-error';
import type { Context } from '../../src/graphql/context';
import { createLogger } from '../../src/log';
import { contextFailingWith, useApolloServer, type LogLine } from '../support/apollo';

const DETAIL = 'bolt frame 0x7f at 10.1.2.3 could not be decoded';

/** A request context whose every read fails with an error no layer knows (as a bug would). */
const failingContext = (): Context => contextFailingWith(new Error(DETAIL));

describe.each([false, true])('formatError (production: %s)', (production) => {
  const { server, logged } = useApolloServer(production);

  const run = async (request: Parameters<ApolloServer<Context>['executeOperation']>[0]) => {
    const response = await server().executeOperation(request, { contextValue: failingContext() });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { http: response.http, ...response.body.singleResult };
  };

  it('masks an unexpected error as INTERNAL_SERVER_ERROR and logs it in full', async () => {
    const result = await run({ query: '{ entity(id: "entity:nato") { id name } }' });
    expect(result.errors).toEqual([{ message: 'Internal server error', path: ['entity'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(result)).not.toContain(DETAIL);
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|\.ts:\d|\.js:\d/);
    const line = logged.find((l) => l.msg === 'unexpected error while resolving');
    expect(line?.err?.message).toBe(DETAIL);
    expect(line?.err?.stack).toContain('format-error.test.ts');
    expect(line?.path).toEqual(['entity']);
  });

  it('passes our coded errors with their message and code, logging nothing', async () => {
    const result = await run({ query: '{ entity { id } }' });
    expect(result.errors).toMatchObject([{ message: 'entity: give exactly one of `id` or `name`', extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(logged).toEqual([]);
  });

  it("passes graphql-js's and Apollo's own errors, which carry their own codes", async () => {
    const parse = await run({ query: '{ entity(' });
    expect(parse.errors).toMatchObject([{ message: expect.stringMatching(/^Syntax Error/) as unknown, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }]);
    const validation = await run({ query: '{ entity(name: "nato") { nosuchfield } }' });
    expect(validation.errors).toMatchObject([{ message: expect.stringContaining('nosuchfield') as unknown, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    const persisted = await run({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(persisted.errors).toMatchObject([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
    expect(logged).toEqual([]);
  });
});

describe('maskError', () => {
  const schema = buildSchema('type Query { bug: String, refused: String, coded: String }');
  const rootValue = {
    bug: () => {
      throw new Error(DETAIL);
    },
    refused: () => {
      throw new BadUserInputError('refused: the argument is out of range');
    },
    coded: () => {
      throw new GraphQLError('someone else\'s coded error', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    },
  };
  /** The error graphql-js produces for `field`, masked, and what was logged meanwhile. */
  const masked = async (field: string): Promise<{ error: GraphQLError; logged: LogLine[] }> => {
    const result = await execute({ schema, document: parse(`{ ${field} }`), rootValue });
    const error = result.errors?.[0];
    if (error === undefined) throw new Error(`${field} did not fail`);
    const logged: LogLine[] = [];
    return { error: maskError(error, createLogger('error', { write: (line: string) => logged.push(JSON.parse(line) as LogLine) })), logged };
  };

  it('masks an unexpected error as INTERNAL_SERVER_ERROR and logs it in full', async () => {
    const { error, logged } = await masked('bug');
    expect(error.toJSON()).toEqual({ message: 'Internal server error', path: ['bug'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged.map((l) => [l.msg, l.err?.message])).toEqual([['unexpected error while resolving', DETAIL]]);
  });

  it('passes coded errors, ours and others, unchanged and unlogged', async () => {
    const ours = await masked('refused');
    expect(ours.error.toJSON()).toMatchObject({ message: 'refused: the argument is out of range', extensions: { code: 'BAD_USER_INPUT' } });
    const theirs = await masked('coded');
    expect(theirs.error.toJSON()).toMatchObject({ message: "someone else's coded error", extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect([...ours.logged, ...theirs.logged]).toEqual([]);
  });
});
