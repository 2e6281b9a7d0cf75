/**
 * Cached reads that are never stale, and ETags for persisted reads over GET.
 *
 * Whole answers of queries are kept in a byte-bounded LRU (byte-lru.ts) under a key of the
 * graph's version (graph-version.ts), who asks, the document's hash, the operation name and the
 * variables. The version only grows, so an answer is never served once a change it may predate
 * is known: a write of this process moves the version before its mutation answers, a write of
 * another process when this process's change feed reads it (within CHANGES_POLL_INTERVAL_MS).
 * When the version moves, the older answers can never be asked for again and are dropped.
 *
 * Why not @apollo/server-plugin-response-cache: it caches only when every field has a cache hint,
 * which needs Apollo's cache-control plugin, and that wraps every field resolver of the schema
 * (graphql-jit then calls Apollo's wrapper for each field, even plain properties); that plugin was
 * turned off earlier for what the wrapping cost on large answers, and every uncached request would
 * pay it again. Its entries also live by TTL, which our version makes unnecessary. (The response
 * cache plugin itself was not benchmarked; see README, "Cached reads and persisted operations".)
 *
 * Never cached: mutations and subscriptions, introspection, answers with errors or a status
 * other than 200. When reads need a token (AUTH_REQUIRED_FOR_READS) the key holds the caller's
 * roles, checked before the lookup; otherwise answers do not depend on who asks, and everyone
 * shares them. The round-trip count outside production (`extensions.neo4j.roundTrips`) is this
 * request's own: 0 for an answer from the cache, which is the truth, and the answer's `data` is
 * identical either way.
 *
 * ETag: a GET of a persisted query answers with `ETag` made of the version (and the roles when
 * they matter) and `Cache-Control: no-cache`, and a matching `If-None-Match` gets 304 without
 * running anything. Checked after authentication, like any other answer.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse } from '@apollo/server';
import { OperationTypeNode, visit, type DocumentNode } from 'graphql';
import type { Context } from '../graphql/context';
import type { PersistedDocuments } from '../graphql/persisted-documents';
import { ByteLru } from './byte-lru';
import type { GraphVersion } from './graph-version';

/** Who the answer is for: everyone when reads need no token, else the caller's roles. */
export const ANYONE = '*';

export interface ResponseCacheKey {
  version: number;
  audience: string;
  /** SHA-256 (hex) of the query text, as Apollo computes it. */
  queryHash: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
}

/** The cache key: one JSON array, so no part can run into the next whatever it contains. */
export function responseCacheKey({ version, audience, queryHash, operationName, variables }: ResponseCacheKey): string {
  return JSON.stringify([version, audience, queryHash, operationName, variables ?? {}]);
}

/** The audience of a set of roles: sorted, so the order a token lists them in does not matter. */
export function audienceOf(roles: readonly string[]): string {
  return `roles:${[...new Set(roles)].sort().join(',')}`;
}

/** The entity tag of a persisted read at a version, for an audience. */
export function entityTag(version: number, audience: string): string {
  return audience === ANYONE ? `"g${version}"` : `"g${version}-${Buffer.from(audience).toString('base64url')}"`;
}

/** Whether an If-None-Match header names this tag (a list, `*`, weak forms all count, as RFC 9110 says for GET). */
export function matchesTag(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value === tag || value === `W/${tag}`;
  });
}

const introspective = new WeakMap<DocumentNode, boolean>();

/** Whether a document asks for `__schema` or `__type` (introspection is never cached). */
export function isIntrospection(document: DocumentNode): boolean {
  let found = introspective.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') found = true;
      },
    });
    introspective.set(document, found);
  }
  return found;
}

export interface ResponseCacheOptions {
  version: GraphVersion;
  /** RESPONSE_CACHE_MAX_BYTES; 0 turns the cache off (ETags still work). */
  maxBytes: number;
  /** AUTH_REQUIRED_FOR_READS: answers are cached per role. */
  perRole: boolean;
  persisted: PersistedDocuments;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stored: number;
  entries: number;
  bytes: number;
}

type Data = Record<string, unknown>;

/** The cache and the Apollo plugin that serves from it. */
export class ResponseCache {
  private readonly lru: ByteLru<Data> | undefined;
  private hits = 0;
  private misses = 0;
  private stored = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: ResponseCacheOptions) {
    this.lru = options.maxBytes > 0 ? new ByteLru(options.maxBytes) : undefined;
    // Every answer of an older version is unreachable from now on.
    this.unsubscribe = options.version.onAdvance(() => this.lru?.clear());
  }

  get stats(): ResponseCacheStats {
    return { hits: this.hits, misses: this.misses, stored: this.stored, entries: this.lru?.size ?? 0, bytes: this.lru?.bytes ?? 0 };
  }

  close(): void {
    this.unsubscribe();
    this.lru?.clear();
  }

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: () => {
        let key: string | undefined;
        let version: number | undefined;
        let etag: string | undefined;
        return Promise.resolve({
          responseForOperation: async (request: GraphQLRequestContext<Context>): Promise<GraphQLResponse | null> => {
            const { operation, document, queryHash } = request;
            if (operation?.operation !== OperationTypeNode.QUERY || document === undefined || queryHash === undefined || isIntrospection(document)) return null;
            version = this.options.version.current;
            if (version === undefined) return null;
            // Reads that need a token were authenticated before this hook (tokenRequiredPlugin).
            const audience = this.options.perRole ? audienceOf((await request.contextValue.auth.authenticate()).roles) : ANYONE;
            const http = request.request.http;
            if (http?.method === 'GET' && this.options.persisted.hasHash(queryHash)) {
              etag = entityTag(version, audience);
              if (matchesTag(http.headers.get('if-none-match'), etag)) {
                return { http: { status: 304, headers: this.validatorHeaders(etag) }, body: { kind: 'single', singleResult: {} } };
              }
            }
            if (this.lru === undefined) return null;
            key = responseCacheKey({ version, audience, queryHash, operationName: request.operationName ?? null, variables: request.request.variables });
            const data = this.lru.get(key);
            if (data === undefined) {
              this.misses += 1;
              return null;
            }
            this.hits += 1;
            key = undefined;
            return { http: { status: undefined, headers: etag === undefined ? new HeaderMap() : this.validatorHeaders(etag) }, body: { kind: 'single', singleResult: { data } } };
          },
          willSendResponse: ({ response }) => {
            if (response.http.status !== undefined && response.http.status !== 200) return Promise.resolve();
            if (response.body.kind !== 'single' || response.body.singleResult.errors !== undefined) return Promise.resolve();
            if (etag !== undefined) for (const [name, value] of this.validatorHeaders(etag)) response.http.headers.set(name, value);
            const data = response.body.singleResult.data;
            // Not stored once the version moved: that answer could never be asked for again.
            if (key !== undefined && data !== undefined && data !== null && this.lru !== undefined && this.options.version.current === version) {
              if (this.lru.set(key, data, Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(data)))) this.stored += 1;
            }
            return Promise.resolve();
          },
        });
      },
    };
  }

  private validatorHeaders(etag: string): HeaderMap {
    // no-cache: a browser or CDN may keep the answer but must ask (If-None-Match) before each use.
    // When answers depend on the token, only the asker's own cache may keep them, keyed on it.
    return new HeaderMap([
      ['etag', etag],
      ['cache-control', this.options.perRole ? 'private, no-cache' : 'no-cache'],
      ...(this.options.perRole ? [['vary', 'Authorization'] as [string, string]] : []),
    ]);
  }
}

