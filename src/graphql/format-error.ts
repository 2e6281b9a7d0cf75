/**
 * What clients see of errors, over HTTP (Apollo's `formatError`) and WebSocket alike. The layers
 * below GraphQL throw plain errors (src/neo4j/errors.ts, src/model/errors.ts, the change feed's);
 * `codedError` gives them their codes, here and nowhere else. Errors carrying one of our codes, or
 * a code graphql-js or Apollo gave a request error, pass through; anything else (a bug, an
 * unrecognised driver error) is logged in full and reaches the client only as a masked
 * INTERNAL_SERVER_ERROR.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, locatedError, type GraphQLFormattedError } from 'graphql';
import { BadUserInputError, ErrorCode, isCodedError, ServiceUnavailableError, TimeoutError, WriteOutcomeUnknownError } from '../errors';
import { LiveUpdatesStopped } from '../live/feed';
import type { Logger } from '../log';
import { InvalidInput } from '../model/errors';
import { Neo4jTimeout, Neo4jUnavailable, WriteOutcomeUnknown } from '../neo4j/errors';

const MASKED_MESSAGE = 'Internal server error';

/**
 * The coded error a client sees for a plain error of the layers below GraphQL (same message): the
 * Neo4j layer's, refused input, the change feed's; anything else unchanged.
 */
export function codedError(e: unknown): unknown {
  if (e instanceof InvalidInput) return new BadUserInputError(e.message, e.argumentName);
  if (e instanceof Neo4jUnavailable || e instanceof LiveUpdatesStopped) return new ServiceUnavailableError(e.message);
  if (e instanceof Neo4jTimeout) return new TimeoutError(e.message);
  if (e instanceof WriteOutcomeUnknown) return new WriteOutcomeUnknownError(e.message);
  return e;
}

/** Apollo's `formatError`. */
export function formatError(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    const coded = codedError(original);
    if (coded !== original && isCodedError(coded)) {
      // Outside production Apollo has added the stack trace (of the Neo4j layer's error): kept.
      return { ...formatted, message: coded.message, extensions: { ...formatted.extensions, ...coded.extensions } };
    }
    const code = formatted.extensions?.code;
    // Parse/validation/variable errors from graphql-js and Apollo carry their own codes.
    if (isCodedError(original) || (code !== undefined && code !== ErrorCode.InternalServerError)) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return { message: MASKED_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.InternalServerError } };
  };
}

/** The same for an error graphql-js produced while executing, where nothing has formatted it yet. */
export function maskError(error: GraphQLError, logger: Logger): GraphQLError {
  const coded = codedError(error.originalError);
  if (coded !== error.originalError && isCodedError(coded)) return locatedError(coded, error.nodes, error.path);
  const code = error.extensions.code;
  if (isCodedError(error.originalError) || (code !== undefined && code !== ErrorCode.InternalServerError)) return error;
  logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error while resolving');
  return new GraphQLError(MASKED_MESSAGE, { nodes: error.nodes, path: error.path, extensions: { code: ErrorCode.InternalServerError } });
}
