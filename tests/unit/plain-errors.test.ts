/**
 * The layers below GraphQL (the Neo4j layer, the curation writes, the change feed) throw plain
 * errors; the GraphQL layer alone gives them codes (codedError), and clients see exactly what the
 * error model promises: over HTTP through the real Apollo Server
 * (formatError) and for subscriptions (maskError), the same code and message, nothing logged as
 * unexpected, HTTP 200 as for other resolver errors.
 */
import { buildSchema, execute, GraphQLError, parse } from 'graphql';
import neo4j from 'neo4j-driver';
import { BadUserInputError, ServiceUnavailableError, TimeoutError, WriteOutcomeUnknownError } from '../../src/errors';
import { codedError, maskError } from '../../src/graphql/format-error';
import { LiveUpdatesStopped } from '../../src/live/feed';
import { createLogger } from '../../src/log';
import { contextFailingWith, useApolloServer, type LogLine } from '../support/apollo';
import { InvalidInput } from '../../src/model/errors';
import { translateDriverError } from '../../src/neo4j/driver';
import { Neo4jTimeout, Neo4jUnavailable, WriteOutcomeUnknown } from '../../src/neo4j/errors';

/** A driver error as neo4j-driver 6 makes them (the GQL status does not matter here). */
const driverError = (message: string, code: string): Error => new neo4j.Neo4jError(message, code, '50N42', 'error: general processing exception');

/**
 * Each plain error and the code the README's error table gives that situation (`extra`: what else
 * the client's `extensions` carry).
 */
const CASES = [
  { error: new Neo4jUnavailable(), code: 'SERVICE_UNAVAILABLE', coded: ServiceUnavailableError, extra: {} },
  { error: new Neo4jTimeout('The graph database did not answer within 7000 ms; the query was abandoned.'), code: 'TIMEOUT', coded: TimeoutError, extra: {} },
  { error: new WriteOutcomeUnknown(), code: 'WRITE_OUTCOME_UNKNOWN', coded: WriteOutcomeUnknownError, extra: {} },
  { error: new InvalidInput('quote: "NATO opened" is not in document:x', 'input'), code: 'BAD_USER_INPUT', coded: BadUserInputError, extra: { argumentName: 'input' } },
  { error: new InvalidInput('name: another entity has it'), code: 'BAD_USER_INPUT', coded: BadUserInputError, extra: {} },
  { error: new LiveUpdatesStopped(), code: 'SERVICE_UNAVAILABLE', coded: ServiceUnavailableError, extra: {} },
] as const;

describe('the layers below GraphQL', () => {
  it('throw plain errors, not GraphQL errors', () => {
    for (const { error } of CASES) expect(error).not.toBeInstanceOf(GraphQLError);
    const unavailable = translateDriverError(driverError('connection refused', 'ServiceUnavailable'));
    expect(unavailable).toBeInstanceOf(Neo4jUnavailable);
    expect(unavailable).not.toBeInstanceOf(GraphQLError);
    expect(translateDriverError(driverError('stopped', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'))).toBeInstanceOf(Neo4jTimeout);
  });

  it('leaves errors it does not recognise as they are', () => {
    const syntax = driverError('Invalid input', 'Neo.ClientError.Statement.SyntaxError');
    expect(translateDriverError(syntax)).toBe(syntax);
  });
});

describe('codedError', () => {
  it.each(CASES)('gives $error.name $code, keeping the message', ({ error, code, coded, extra }) => {
    const mapped = codedError(error);
    expect(mapped).toBeInstanceOf(coded);
    expect(mapped).toMatchObject({ message: error.message });
    expect((mapped as GraphQLError).extensions).toEqual({ code, ...extra });
  });

  it('returns anything else unchanged', () => {
    const other = new Error('something else');
    expect(codedError(other)).toBe(other);
    expect(codedError(undefined)).toBeUndefined();
  });
});

describe.each([false, true])('over HTTP (production: %s)', (production) => {
  const { server, logged } = useApolloServer(production);

  it.each(CASES)('answers $error.name with $code and its message', async ({ error, code, extra }) => {
    const response = await server().executeOperation({ query: '{ entity(id: "entity:nato") { id name } }' }, { contextValue: contextFailingWith(error) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const [answered, ...more] = response.body.singleResult.errors ?? [];
    expect(more).toEqual([]);
    const expected = { message: error.message, path: ['entity'], locations: [{ line: 1, column: 3 }], extensions: { code, ...extra } };
    // Outside production Apollo adds the stack trace; in production the error is exactly this.
    if (production) expect(answered).toEqual(expected);
    else expect(answered).toMatchObject(expected);
    expect(response.http.status).toBeUndefined();
    expect(logged).toEqual([]);
  });
});

describe('for subscriptions (maskError)', () => {
  it.each(CASES)('gives $error.name $code at the field that failed, unlogged', async ({ error, code, coded, extra }) => {
    const schema = buildSchema('type Query { read: String }');
    const result = await execute({ schema, document: parse('{ read }'), rootValue: { read: () => Promise.reject(error) } });
    const logged: LogLine[] = [];
    const failed = result.errors?.[0];
    if (failed === undefined) throw new Error('read did not fail');
    const masked = maskError(failed, createLogger('error', { write: (line: string) => logged.push(JSON.parse(line) as LogLine) }));
    expect(masked.toJSON()).toEqual({ message: error.message, path: ['read'], locations: [{ line: 1, column: 3 }], extensions: { code, ...extra } });
    expect(masked.originalError).toBeInstanceOf(coded);
    expect(logged).toEqual([]);
  });
});
