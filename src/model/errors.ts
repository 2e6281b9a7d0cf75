/**
 * What the layers below GraphQL throw when the caller, not the server, is at fault. Plain errors,
 * like the Neo4j layer's: the GraphQL layer gives them their client-facing codes (codedError in
 * src/graphql/format-error.ts), so the loader, the CLI and the tests use these layers without
 * GraphQL.
 */

/** Input the caller can fix: the message says what is wrong and what is allowed. */
export class InvalidInput extends Error {
  override name = 'InvalidInput';
  constructor(
    message: string,
    /** The argument at fault, when one is. */
    readonly argumentName?: string,
  ) {
    super(message);
  }
}
