/**
 * What clients see of errors, over HTTP (Apollo's `formatError`) and WebSocket alike: errors
 * carrying one of our codes, or a code graphql-js or Apollo gave a request error, pass through;
 * anything else (a bug, an unrecognised driver error) is logged in full and reaches the client
 * only as a masked INTERNAL_SERVER_ERROR.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, isCodedError } from '../errors';
import type { Logger } from '../log';

const MASKED_MESSAGE = 'Internal server error';

/** Apollo's `formatError`. */
export function formatError(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    // Parse/validation/variable errors from graphql-js and Apollo carry their own codes.
    if (isCodedError(original) || (code !== undefined && code !== ErrorCode.InternalServerError)) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return { message: MASKED_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.InternalServerError } };
  };
}

/** The same for an error graphql-js produced while executing, where nothing has formatted it yet. */
export function maskError(error: GraphQLError, logger: Logger): GraphQLError {
  const code = error.extensions.code;
  if (isCodedError(error.originalError) || (code !== undefined && code !== ErrorCode.InternalServerError)) return error;
  logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error while resolving');
  return new GraphQLError(MASKED_MESSAGE, { nodes: error.nodes, path: error.path, extensions: { code: ErrorCode.InternalServerError } });
}
