/**
 * Persisted operations over HTTP: a request that names a document by `documentId` (POST body or
 * GET query string) gets the stored text in its place before Apollo sees it; with
 * TRUSTED_DOCUMENTS_ONLY, a request that does not is refused before anything is parsed.
 *
 * A GET with a known documentId passes Apollo's CSRF prevention without the preflight header a
 * GET otherwise needs: the document is one of ours, and Apollo runs no mutation over GET (it
 * answers 405), so such a request can only read, and reading needs no protection from CSRF (a
 * foreign page cannot see the answer, CORS decides that, and tokens are never ambient).
 */
import { ErrorCode } from '../errors';
import type { PersistedDocuments } from '../graphql/persisted-documents';

export type PersistedResolution =
  | { ok: true; body: unknown; search: string; persistedGet: boolean }
  | { ok: false; status: number; code: string; message: string };

const TRUSTED_ONLY =
  'This server runs only persisted operations (TRUSTED_DOCUMENTS_ONLY=true): send {"documentId": "sha256:<hex>"} naming one of the documents it was built with, not query text';

function unknownDocument(documentId: string): PersistedResolution {
  return {
    ok: false,
    status: 400,
    code: ErrorCode.PersistedQueryNotFound,
    message: `No persisted document ${JSON.stringify(documentId)}: the server knows only the documents of operations/ and of the explorer, by "sha256:<hex of the text>"`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request with a persisted document's text in place of its id, or why it is refused. */
export function resolvePersisted(method: string, body: unknown, search: string, documents: PersistedDocuments, trustedOnly: boolean): PersistedResolution {
  if (method === 'POST') {
    if (isRecord(body) && body.documentId !== undefined) {
      if (typeof body.documentId !== 'string') return { ok: false, status: 400, code: ErrorCode.BadRequest, message: 'documentId must be a string such as "sha256:<hex>"' };
      if (body.query !== undefined) return { ok: false, status: 400, code: ErrorCode.BadRequest, message: 'Send either documentId or query, not both' };
      const text = documents.text(body.documentId);
      if (text === undefined) return unknownDocument(body.documentId);
      const rest: Record<string, unknown> = { ...body, query: text };
      delete rest.documentId;
      return { ok: true, body: rest, search, persistedGet: false };
    }
    return trustedOnly ? { ok: false, status: 403, code: ErrorCode.Forbidden, message: TRUSTED_ONLY } : { ok: true, body, search, persistedGet: false };
  }
  if (method === 'GET' && search.includes('documentId')) {
    const params = new URLSearchParams(search);
    const documentId = params.get('documentId');
    if (documentId !== null) {
      if (params.has('query')) return { ok: false, status: 400, code: ErrorCode.BadRequest, message: 'Send either documentId or query, not both' };
      const text = documents.text(documentId);
      if (text === undefined) return unknownDocument(documentId);
      params.delete('documentId');
      params.set('query', text);
      return { ok: true, body, search: `?${params.toString()}`, persistedGet: true };
    }
  }
  return trustedOnly && method !== 'OPTIONS' ? { ok: false, status: 403, code: ErrorCode.Forbidden, message: TRUSTED_ONLY } : { ok: true, body, search, persistedGet: false };
}
