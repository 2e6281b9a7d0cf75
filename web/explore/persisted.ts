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
import { Kind, type DocumentNode } from 'graphql';
import * as generated from '../../src/generated/web/graphql';

type WithHash = DocumentNode & { __meta__?: { hash?: string } };

/** Operation name to document id, for every operation of the explorer. */
export const DOCUMENT_IDS: ReadonlyMap<string, string> = new Map(
  Object.values(generated).flatMap((value) => {
    const document = value as WithHash | undefined;
    const hash = typeof document === 'object' && document !== null && 'definitions' in document ? document.__meta__?.hash : undefined;
    if (hash === undefined) return [];
    return document?.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name !== undefined ? [[d.name.value, hash] as const] : [])) ?? [];
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

/** `fetch` for Apollo Client's HttpLink that sends document ids instead of the text. */
export const persistedFetch: typeof fetch = (input, init) => {
  if (typeof init?.body !== 'string') return fetch(input, init);
  return fetch(input, { ...init, body: JSON.stringify(persistedBody(JSON.parse(init.body) as Record<string, unknown>)) });
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
