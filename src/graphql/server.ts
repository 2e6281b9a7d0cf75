/**
 * The Apollo Server: schema, error formatting and plugins. Errors carrying one of our codes pass
 * through; anything else (a bug, an unrecognised driver error) is logged in full and reaches the
 * client only as a masked INTERNAL_SERVER_ERROR.
 */
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isCodedError } from '../errors';
import type { Logger } from '../log';
import type { Context } from './context';
import type { Limits } from '../config';
import { requestMetricsPlugin, tokenRequiredPlugin } from './plugins';
import { jitGateway } from './executor';
import { protection } from './protection';
import { resolvers } from './resolvers';
import { loadTypeDefs } from './schema';

export interface ApolloOptions {
  logger: Logger;
  production: boolean;
  introspection: boolean;
  limits: Limits;
  /** AUTH_REQUIRED_FOR_READS: every operation needs a valid token before it executes. */
  tokenRequired?: boolean;
}

export function createApolloServer({ logger, production, introspection, limits, tokenRequired = false }: ApolloOptions): ApolloServer<Context> {
  const guard = protection(limits, { production });
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
  return new ApolloServer<Context>({
    gateway: jitGateway(schema),
    includeStacktraceInErrorResponses: !production,
    introspection,
    // The process owns shutdown (drain HTTP, then Apollo, then Neo4j); Apollo's own signal
    // handlers would race it and re-raise the signal.
    stopOnTerminationSignals: false,
    validationRules: guard.validationRules,
    allowBatchedHttpRequests: guard.allowBatchedHttpRequests,
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ...guard.plugins,
      requestMetricsPlugin({ logger, exposeInResponse: !production }),
      ...(tokenRequired ? [tokenRequiredPlugin()] : []),
      // We send no cache hints; the default cache-control plugin would still wrap every field
      // resolver to compute them, which costs measurably on large answers.
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const original = unwrapResolverError(error);
      const code = formatted.extensions?.code;
      // Parse/validation/variable errors from graphql-js and Apollo carry their own codes.
      if (isCodedError(original) || (code !== undefined && code !== ErrorCode.InternalServerError)) return formatted;
      logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
      return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.InternalServerError } };
    },
  });
}
