/**
 * The error model. Every error a client sees carries one of these codes in `extensions.code`;
 * anything else is unexpected and is masked as INTERNAL_SERVER_ERROR by `formatError`.
 */
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Timeout = 'TIMEOUT',
  WriteOutcomeUnknown = 'WRITE_OUTCOME_UNKNOWN',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  /** A request the transport cannot serve as sent (e.g. a query over WebSocket, which serves subscriptions). */
  BadRequest = 'BAD_REQUEST',
  /** A WebSocket connection already has as many subscriptions as it may (MAX_SUBSCRIPTIONS_PER_CONNECTION). */
  TooManySubscriptions = 'TOO_MANY_SUBSCRIPTIONS',
  /** A `documentId` that names no persisted document this server knows (persisted operations). */
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

abstract class CodedError extends GraphQLError {
  protected constructor(message: string, code: ErrorCode, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** An argument the client can fix; the message says what is allowed. */
export class BadUserInputError extends CodedError {
  constructor(message: string, argumentName?: string) {
    super(message, ErrorCode.BadUserInput, argumentName === undefined ? {} : { argumentName });
    this.name = 'BadUserInputError';
  }
}

/** Neo4j cannot be reached right now; retrying later may succeed. */
export class ServiceUnavailableError extends CodedError {
  constructor(message = 'The graph database is unavailable; try again shortly.', extra: Record<string, unknown> = {}) {
    super(message, ErrorCode.ServiceUnavailable, extra);
    this.name = 'ServiceUnavailableError';
  }
}

/** A query ran past the transaction timeout, or the database did not answer by the request's deadline. */
export class TimeoutError extends CodedError {
  constructor(message = 'The query took too long and was stopped.') {
    super(message, ErrorCode.Timeout);
    this.name = 'TimeoutError';
  }
}

/**
 * No valid token: missing, malformed, expired, badly signed, or for another audience or issuer.
 * The message says which, and never repeats the token.
 */
export class UnauthenticatedError extends CodedError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, ErrorCode.Unauthenticated, extra);
    this.name = 'UnauthenticatedError';
  }
}

/** A valid token whose roles do not allow the operation, or a server not configured to accept any. */
export class ForbiddenError extends CodedError {
  constructor(message: string) {
    super(message, ErrorCode.Forbidden);
    this.name = 'ForbiddenError';
  }
}

/**
 * A write whose commit was sent but never confirmed (the deadline passed, or the connection was
 * lost): it may or may not have been applied. Retrying is safe because every write is idempotent.
 */
export class WriteOutcomeUnknownError extends CodedError {
  constructor(
    message = 'The write was sent to be committed but the graph database did not confirm it, so it may or may not have been applied. Retrying is safe: writes are idempotent, so a retry leaves exactly one copy.',
  ) {
    super(message, ErrorCode.WriteOutcomeUnknown);
    this.name = 'WriteOutcomeUnknownError';
  }
}

export function isCodedError(e: unknown): e is GraphQLError {
  return e instanceof CodedError;
}
