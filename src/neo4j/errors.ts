/**
 * What the Neo4j layer throws when the database fails a unit of work in a way callers must tell
 * apart. Plain errors: the GraphQL layer gives them their client-facing codes (codedError in src/graphql/format-error.ts),
 * so the CLI, the benchmark and the tests use this layer without GraphQL.
 */

/** Neo4j cannot be reached right now (or gave no connection in time); retrying later may succeed. */
export class Neo4jUnavailable extends Error {
  override name = 'Neo4jUnavailable';
  constructor(message = 'The graph database is unavailable; try again shortly.') {
    super(message);
  }
}

/** A query ran past its transaction timeout, or Neo4j did not answer by the unit's deadline. */
export class Neo4jTimeout extends Error {
  override name = 'Neo4jTimeout';
  constructor(message = 'The query took too long and was stopped.') {
    super(message);
  }
}

/**
 * A write whose commit was sent but never confirmed (the deadline passed, or the connection was
 * lost): it may or may not have been applied.
 */
export class WriteOutcomeUnknown extends Error {
  override name = 'WriteOutcomeUnknown';
  constructor(
    message = 'The write was sent to be committed but the graph database did not confirm it, so it may or may not have been applied. Retrying is safe: writes are idempotent, so a retry leaves exactly one copy.',
  ) {
    super(message);
  }
}
