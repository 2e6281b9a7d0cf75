/**
 * The explorer's entry: Apollo Client over the same origin's /graphql, queries and mutations by
 * HTTP and the live subscription by WebSocket (graphql-ws), each named by its persisted document
 * id rather than its text, then the app.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { Kind, OperationTypeNode } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { markConnected } from './live';
import { persistedFetch, persistedWsClient } from './persisted';
import { getToken } from './session';
import './explore.css';

const url = new URL('/graphql', location.href);
const ws = createClient({
  url: url.href.replace(/^http/, 'ws'),
  // Sent only when there is a token: reads need none unless the server requires tokens for reads.
  connectionParams: () => {
    const token = getToken();
    return token === '' ? {} : { authorization: `Bearer ${token}` };
  },
  // Keep trying while the API is away; the subscription resumes when it is back.
  retryAttempts: Infinity,
  shouldRetry: () => true,
  lazy: true,
  on: { connected: markConnected },
});

const isSubscription = (operation: ApolloLink.Operation): boolean =>
  operation.query.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION);

// The session's token, when there is one, goes with every HTTP request: mutations need it, and a
// server run with AUTH_REQUIRED_FOR_READS needs it for queries too.
const withSessionToken = new ApolloLink((operation, forward) => {
  const token = getToken();
  if (token !== '') operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({ headers: { ...headers, authorization: `Bearer ${token}` } }));
  return forward(operation);
});

const client = new ApolloClient({
  // Operations go by their persisted document ids, not their text (see persisted.ts).
  link: ApolloLink.split(isSubscription, new GraphQLWsLink(persistedWsClient(ws)), ApolloLink.from([withSessionToken, new HttpLink({ uri: url.pathname, fetch: persistedFetch })])),
  cache: new InMemoryCache({ possibleTypes: { Node: ['Entity', 'Document', 'Relationship'] } }),
});

const root = document.getElementById('explorer');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </StrictMode>,
  );
}
