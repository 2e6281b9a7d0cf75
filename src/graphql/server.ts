/**
 * The Apollo Server: schema, error formatting (format-error.ts) and plugins.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '../log';
import type { Context } from './context';
import type { Limits } from '../config';
import { requestMetricsPlugin, subscriptionsOverWebSocketPlugin, tokenRequiredPlugin } from './plugins';
import { jitGateway } from './jit-gateway';
import { protection } from './protection';
import { formatError } from './format-error';
import { resolvers } from './resolvers';
import { loadTypeDefs } from './type-defs';

export interface ApolloOptions {
  logger: Logger;
  production: boolean;
  introspection: boolean;
  limits: Limits;
  /** AUTH_REQUIRED_FOR_READS: every operation needs a valid token before it executes. */
  tokenRequired?: boolean;
  /** TRUSTED_DOCUMENTS_ONLY: Apollo's automatic persisted queries (APQ) are off, since they register any text. */
  trustedDocumentsOnly?: boolean;
  /** Plugins that run after ours (the response cache). */
  plugins?: ApolloServerPlugin<Context>[];
}

/** The executable schema (SDL files and resolvers), shared by HTTP and WebSocket operations. */
export function createSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
}

export function createApolloServer({ logger, production, introspection, limits, tokenRequired = false, trustedDocumentsOnly = false, plugins = [] }: ApolloOptions, schema: GraphQLSchema = createSchema()): ApolloServer<Context> {
  const guard = protection(limits, { production });
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
    ...(trustedDocumentsOnly ? { persistedQueries: false as const } : {}),
    plugins: [
      subscriptionsOverWebSocketPlugin(),
      ...guard.plugins,
      requestMetricsPlugin({ logger, exposeInResponse: !production }),
      ...(tokenRequired ? [tokenRequiredPlugin()] : []),
      // We send no cache hints; the default cache-control plugin would still wrap every field
      // resolver to compute them, which costs measurably on large answers.
      ApolloServerPluginCacheControlDisabled(),
      ...plugins,
    ],
    formatError: formatError(logger),
  });
}
