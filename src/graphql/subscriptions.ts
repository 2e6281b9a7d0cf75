/**
 * GraphQL subscriptions, as the WebSocket transport (http/websocket.ts) runs them. graphql-ws calls
 * graphql-js directly, so nothing of Apollo's request pipeline applies there; this module gives
 * subscription documents the same protection queries get over HTTP: the token limit while
 * parsing, the depth, alias and directive rules (GraphQL Armor's, the very same validation rules),
 * the cost limit, and errors coded and masked alike (format-error.ts).
 *
 * `prepare` does everything that can fail before the first event, so that a bad document, bad
 * variables or a bad cursor are answered with a graphql-ws `error` message; `subscribe` then turns
 * the stream of changes into results. Each change is executed once per distinct operation and
 * variables, not once per subscriber: a thousand explorers subscribed with the same document share
 * one execution, and one context whose loaders look each change's node up once.
 */
import {
  GraphQLError,
  OperationTypeNode,
  createSourceEventStream,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { Limits } from '../config';
import { ErrorCode } from '../errors';
import type { Logger } from '../log';
import type { ChangeEvent, ChangeSource } from '../live/feed';
import type { Context } from './context';
import { maskError } from './format-error';
import type { PersistedDocuments } from './persisted-documents';
import { pageCostEstimator, protection } from './protection';

export interface SubscriptionOptions {
  schema: GraphQLSchema;
  limits: Limits;
  production: boolean;
  logger: Logger;
  changes: ChangeSource;
  /** A fresh per-request context (loaders, executor). */
  createContext: () => Context;
  /** Documents a subscription may name by `documentId` (persisted operations). */
  persisted?: PersistedDocuments;
  /** TRUSTED_DOCUMENTS_ONLY: a subscription must name a persisted document. */
  trustedDocumentsOnly?: boolean;
}

/** What a graphql-ws Subscribe message carries. */
export interface SubscribePayload {
  /** The text; empty when `documentId` names a persisted document instead. */
  query: string;
  /** A persisted document (`sha256:<hex>`), as over HTTP; graphql-ws passes keys it does not know. */
  documentId?: unknown;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** Parsed and validated documents kept per query text (as Apollo keeps its parsed documents). */
const DOCUMENTS_KEPT = 500;
/** Batches whose shared context and results are kept; subscribers further behind get fresh ones. */
const BATCHES_KEPT = 8;

type Checked = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

interface BatchScope {
  context: Context;
  results: Map<string, Promise<ExecutionResult>>;
}

function coded(error: GraphQLError, code: ErrorCode | string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

const hideSuggestions = (error: GraphQLError): GraphQLError =>
  new GraphQLError(error.message.replace(/ ?Did you mean .+\?$/, ''), { nodes: error.nodes, source: error.source, positions: error.positions, extensions: error.extensions });

export class SubscriptionOperations {
  private readonly rules: readonly ValidationRule[];
  private readonly documents = new Map<string, Checked>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 1;
  private readonly sources = new WeakMap<ExecutionArgs, AsyncIterableIterator<ChangeEvent>>();
  private readonly batches = new Map<object, BatchScope>();

  constructor(private readonly options: SubscriptionOptions) {
    this.rules = [...specifiedRules, ...(protection(options.limits, { production: options.production }).validationRules ?? [])];
  }

  /** The document's text: sent, or the persisted document `documentId` names; else why not. */
  private textOf(payload: SubscribePayload): string | GraphQLError {
    if (typeof payload.documentId === 'string') {
      const text = this.options.persisted?.text(payload.documentId);
      if (text !== undefined) return text;
      return new GraphQLError(`No persisted document ${JSON.stringify(payload.documentId)}`, { extensions: { code: ErrorCode.PersistedQueryNotFound } });
    }
    if (this.options.trustedDocumentsOnly === true) {
      return new GraphQLError('This server runs only persisted operations (TRUSTED_DOCUMENTS_ONLY=true): send documentId, not query text', { extensions: { code: ErrorCode.Forbidden } });
    }
    return payload.query;
  }

  /**
   * Checks a subscription and opens its stream of changes: the arguments to run it with, or the
   * errors to answer it with (each with `extensions.code`).
   */
  async prepare(payload: SubscribePayload): Promise<ExecutionArgs | GraphQLError[]> {
    const text = this.textOf(payload);
    if (typeof text !== 'string') return [text];
    const checked = this.check(text);
    if (checked.errors !== undefined) return [...checked.errors];
    const { document } = checked;
    const operationName = payload.operationName ?? undefined;
    const variableValues = payload.variables ?? {};
    const operation = getOperationAST(document, operationName);
    if (operation === null || operation === undefined) {
      return [new GraphQLError(operationName === undefined ? 'The document has several operations: name the one to run (operationName)' : `No operation named "${operationName}" in the document`, { extensions: { code: ErrorCode.BadRequest } })];
    }
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [new GraphQLError(`Only subscriptions are served over WebSocket; send ${operation.operation === OperationTypeNode.QUERY ? 'queries' : 'mutations'} over HTTP (POST /graphql)`, { extensions: { code: ErrorCode.BadRequest } })];
    }
    const cost = this.cost(document, operationName, variableValues);
    if (cost !== undefined && cost > this.options.limits.maxCost) {
      return [
        new GraphQLError(`Query cost limit of ${this.options.limits.maxCost} exceeded, found ${cost}: ask for fewer nested lists or smaller pages.`, {
          extensions: { code: ErrorCode.QueryTooComplex, cost, maxCost: this.options.limits.maxCost },
        }),
      ];
    }
    const args: ExecutionArgs = {
      schema: this.options.schema,
      document,
      operationName,
      variableValues,
      rootValue: undefined,
      contextValue: { ...this.options.createContext(), changes: this.options.changes } satisfies Context,
    };
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) {
      // Errors without a path are about the request itself: variables that do not fit the
      // operation (Apollo answers those BAD_USER_INPUT over HTTP). With a path, the resolver threw.
      return (source.errors ?? []).map((e) => (e.path === undefined && e.extensions.code === undefined ? coded(e, ErrorCode.BadUserInput) : maskError(e, this.options.logger)));
    }
    // The resolver's stream (Subscription.ts): a ChangeStream.
    this.sources.set(args, source as AsyncIterableIterator<ChangeEvent>);
    return args;
  }

  /** graphql-ws's `subscribe`: the results of a prepared subscription, one per change. */
  subscribe(args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> {
    const source = this.sources.get(args);
    if (source === undefined) throw new Error('subscribe: the operation was not prepared');
    this.sources.delete(args);
    const key = `${this.documentId(args.document)}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    const next = async (): Promise<IteratorResult<ExecutionResult, undefined>> => {
      const step = await source.next();
      return step.done === true ? { done: true, value: undefined } : { done: false, value: await this.resultOf(step.value, args, key) };
    };
    const results: AsyncIterableIterator<ExecutionResult> = {
      next,
      return: async () => {
        await source.return?.();
        return { done: true, value: undefined };
      },
      throw: async () => {
        await source.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => results,
    };
    return results;
  }

  /** The result of one change for one operation, executed once for every subscriber that shares it. */
  private resultOf(event: ChangeEvent, args: ExecutionArgs, key: string): Promise<ExecutionResult> {
    const scope = this.scopeOf(event.batch);
    const resultKey = `${event.change.seq}\u0000${key}`;
    let result = scope.results.get(resultKey);
    if (result === undefined) {
      result = Promise.resolve(execute({ ...args, rootValue: event, contextValue: scope.context })).then((r) =>
        r.errors === undefined ? r : { ...r, errors: r.errors.map((e) => maskError(e, this.options.logger)) },
      );
      scope.results.set(resultKey, result);
    }
    return result;
  }

  private scopeOf(batch: object): BatchScope {
    let scope = this.batches.get(batch);
    if (scope === undefined) {
      scope = { context: this.options.createContext(), results: new Map() };
      this.batches.set(batch, scope);
      // Maps iterate in insertion order: the first key is the oldest batch.
      if (this.batches.size > BATCHES_KEPT) this.batches.delete(this.batches.keys().next().value as object);
    }
    return scope;
  }

  private check(query: string): Checked {
    let checked = this.documents.get(query);
    if (checked !== undefined) return checked;
    checked = this.parseAndValidate(query);
    if (this.documents.size >= DOCUMENTS_KEPT) this.documents.clear();
    this.documents.set(query, checked);
    return checked;
  }

  private parseAndValidate(query: string): Checked {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.options.limits.maxTokens });
    } catch (e: unknown) {
      if (e instanceof GraphQLError) return { errors: [coded(e, 'GRAPHQL_PARSE_FAILED')] };
      throw e;
    }
    let errors: readonly GraphQLError[];
    try {
      errors = validate(this.options.schema, document, this.rules);
    } catch (e: unknown) {
      // Armor's rules throw the first limit they find rather than report it.
      if (!(e instanceof GraphQLError)) throw e;
      errors = [e];
    }
    if (errors.length > 0) {
      return { errors: errors.map((e) => coded(this.options.production ? hideSuggestions(e) : e, 'GRAPHQL_VALIDATION_FAILED')) };
    }
    return { document };
  }

  /** The estimated cost, as the HTTP cost limit computes it; undefined when the variables do not fit (execution reports that). */
  private cost(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | undefined {
    try {
      return getComplexity({ schema: this.options.schema, query: document, variables, operationName, estimators: [pageCostEstimator] });
    } catch (e: unknown) {
      if (e instanceof GraphQLError) return undefined;
      throw e;
    }
  }

  private documentId(document: DocumentNode): number {
    let id = this.documentIds.get(document);
    if (id === undefined) {
      id = this.nextDocumentId++;
      this.documentIds.set(document, id);
    }
    return id;
  }
}
