/**
 * The GraphQL playground at /: GraphiQL with one tab per showcase operation (the server writes
 * them into the page as JSON), queries and mutations over HTTP, subscriptions over WebSocket
 * (graphql-ws) at the same path, with the Headers tab's token.
 */
import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { operationsOf } from './operations';

interface PlaygroundProps {
  defaultTabs?: { query: string }[];
}

const props = JSON.parse(document.getElementById('playground-props')?.textContent ?? '{}') as PlaygroundProps;
const subscriptionUrl = new URL('/graphql', location.href).href.replace(/^http/, 'ws');

// One fetcher per Authorization value: the token goes into the WebSocket's connection_init.
const fetchers = new Map<string, Fetcher>();

/** The operation to run, read from the text itself (see operations.ts): the one named, else the only one. */
function current(params: FetcherParams, options: FetcherOpts | undefined): [FetcherParams, FetcherOpts | undefined] {
  const operations = operationsOf(params.query);
  const named = operations.find((o) => o.name !== undefined && o.name === params.operationName);
  const operation = named ?? (operations.length === 1 ? operations[0] : undefined);
  if (operation === undefined) return [params, options];
  // A one-definition document stands in for GraphiQL's parse, which may be a tab behind: the
  // fetcher reads only whether the named operation is a subscription.
  const definition = { kind: 'OperationDefinition', operation: operation.type, name: operation.name === undefined ? undefined : { kind: 'Name', value: operation.name } };
  return [{ ...params, operationName: operation.name ?? null }, { ...options, documentAST: { kind: 'Document', definitions: [definition] } as unknown as FetcherOpts['documentAST'] }];
}

const fetcher: Fetcher = (given, givenOptions) => {
  const [params, options] = current(given, givenOptions);
  const headers = (options?.headers ?? {}) as Record<string, unknown>;
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'authorization');
  const authorization = name === undefined ? '' : String(headers[name]);
  let forToken = fetchers.get(authorization);
  if (forToken === undefined) {
    forToken = createGraphiQLFetcher({ url: '/graphql', subscriptionUrl, wsConnectionParams: authorization === '' ? undefined : { authorization } });
    fetchers.set(authorization, forToken);
  }
  return forToken(params, options);
};

const root = document.getElementById('graphiql');
if (root !== null) {
  createRoot(root).render(createElement(GraphiQL, { fetcher, defaultTabs: props.defaultTabs, defaultEditorToolsVisibility: false }));
}
