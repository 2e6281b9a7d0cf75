/**
 * Persisted operations: the explorer sends `{"documentId": "sha256:…"}` instead of the text of
 * its operations (the GraphQL-over-HTTP persisted-documents appendix), so it also works against a
 * server that runs only persisted documents (TRUSTED_DOCUMENTS_ONLY). The ids are the hashes the
 * code generator embedded in each document (`__meta__.hash`, the SHA-256 of the text the server
 * loaded from the same generation), looked up by operation name, which is unique in the explorer.
 * Apollo Client's own persisted-queries link speaks APQ (hash in `extensions`, text on a miss),
 * which a trusted-documents server must refuse; hence this small rewrite of the request instead.
 */
import type { Client, Sink, SubscribePayload } from 'graphql-ws';
import type { DocumentNode } from 'graphql';
import * as generated from '../../src/generated/web/graphql';

type WithHash = DocumentNode & { __meta__?: { hash?: string } };

/** Operation name to document id, for every operation of the explorer. */
export const DOCUMENT_IDS: ReadonlyMap<string, string> = new Map(
  Object.values(generated).flatMap((value) => {
    const document = value as WithHash | undefined;
    const hash = typeof document === 'object' && document !== null && 'definitions' in document ? document.__meta__?.hash : undefined;
    if (hash === undefined) return [];
    // Kind.OPERATION_DEFINITION as its string: no runtime import of graphql, which the early
    // request (prefetch.ts) would otherwise have to load before it can send anything.
    return document?.definitions.flatMap((d) => ((d.kind as string) === 'OperationDefinition' && 'name' in d && d.name !== undefined ? [[d.name.value, hash] as const] : [])) ?? [];
  }),
);

/** The request body with `documentId` in place of `query`, when the operation is one of ours. */
export function persistedBody(body: { query?: string; operationName?: string | null } & Record<string, unknown>): Record<string, unknown> {
  const documentId = body.operationName === undefined || body.operationName === null ? undefined : DOCUMENT_IDS.get(body.operationName);
  if (documentId === undefined) return body;
  const persisted: Record<string, unknown> = { ...body, documentId };
  delete persisted.query;
  return persisted;
}

/** What Apollo Client's HttpLink accepts, sent by the early request too so that the answers are alike. */
const ACCEPT = 'application/graphql-response+json,application/json;q=0.9';

/** Same operation, same variables (whatever their key order), same token. */
function requestKey(operationName: unknown, variables: unknown, authorization: string | null): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return JSON.stringify([operationName, sorted(variables ?? {}), authorization ?? '']);
}

/** Requests sent before the app ran (see prefetch.ts), each handed to the first identical request of the app. */
const early = new Map<string, Promise<Response>>();
let appStarted = false;

/**
 * Sends a read now, before the app's code has loaded, so that its answer is on its way while the
 * bundle is parsed and run. Does nothing once the app has sent its own first request.
 */
export function sendEarly(operationName: string, variables: Record<string, unknown>, token: string): void {
  if (appStarted) return;
  const authorization = token === '' ? null : `Bearer ${token}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: ACCEPT };
  if (authorization !== null) headers.authorization = authorization;
  const response = fetch(new URL('/graphql', location.href), { method: 'POST', headers, body: JSON.stringify(persistedBody({ operationName, variables })) });
  // A failure is the app's to report when it asks; until then it is not an unhandled rejection.
  response.catch(() => undefined);
  early.set(requestKey(operationName, variables, authorization), response);
}

/**
 * `fetch` for Apollo Client's HttpLink that sends document ids instead of the text, and answers a
 * request that was sent early with that early answer (once).
 */
export const persistedFetch: typeof fetch = (input, init) => {
  appStarted = true;
  if (typeof init?.body !== 'string') return fetch(input, init);
  const body = JSON.parse(init.body) as Record<string, unknown>;
  const key = requestKey(body.operationName, body.variables, new Headers(init.headers).get('authorization'));
  const sent = early.get(key);
  if (sent !== undefined) {
    early.delete(key);
    return sent;
  }
  return fetch(input, { ...init, body: JSON.stringify(persistedBody(body)) });
};

/**
 * A graphql-ws client whose subscriptions name their document by id too. graphql-ws requires a
 * `query` string in the message: it is left empty, and the server takes the document id instead.
 */
export function persistedWsClient(client: Client): Client {
  return {
    ...client,
    subscribe: <Data, Extensions>(payload: SubscribePayload, sink: Sink) => {
      const body = persistedBody({ ...payload });
      return client.subscribe<Data, Extensions>(('documentId' in body ? { ...body, query: '' } : payload), sink);
    },
  };
}
