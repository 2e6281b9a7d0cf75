/**
 * Whole-query limits, on by default: depth, aliases and directives (GraphQL Armor), field
 * suggestions off in production (Armor), no HTTP batching, and a cost limit of our own. Armor's
 * cost rule multiplies only literal `first` arguments, so `first: $n` would be free; ours runs
 * after the operation is resolved, with the request's variables and the schema's defaults, via
 * graphql-query-complexity.
 */
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, getNamedType, isLeafType, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Limits } from '../config';
import { ErrorCode } from '../errors';
import type { Context } from './context';

/**
 * Expected sizes of lists that take no `first`: each multiplies the cost of what is selected
 * inside it. Connection `edges`/`nodes` are sized by their parent's `first` instead.
 */
const LIST_SIZES: Record<string, number> = {
  'Query.relationshipsBetween': 20,
  'Entity.mentions': 20,
  'Document.entities': 50,
  'Document.relationships': 50,
  'Relationship.evidence': 3,
  'Subgraph.nodes': 100,
  'Subgraph.edges': 200,
  'Path.nodes': 10,
  'Path.edges': 10,
};

/**
 * Scalars are free, every object costs 1 plus its selection; `first` (literal, variable or the
 * default) multiplies the selection, and so do the known list sizes above.
 */
export const pageCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (isLeafType(getNamedType(field.type))) return 0;
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : undefined;
  const size = first ?? LIST_SIZES[`${type.name}.${field.name}`] ?? 1;
  return 1 + size * childComplexity;
};

function costLimitPlugin(maxCost: number): ApolloServerPlugin<Context> {
  let schema: GraphQLSchema | undefined;
  return {
    serverWillStart(service) {
      schema = service.schema;
      return Promise.resolve();
    },
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          if (schema === undefined) throw new Error('the cost limit needs the schema: the server has not started');
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [pageCostEstimator],
            });
          } catch (e: unknown) {
            // Variables that do not fit the operation: execution refuses them with the standard
            // BAD_USER_INPUT (400), and nothing runs, so there is no cost to limit.
            if (e instanceof GraphQLError) return Promise.resolve();
            throw e;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost limit of ${maxCost} exceeded, found ${cost}: page sizes multiply (first: 100 inside first: 100 costs over 10,000); ask for smaller pages or fewer nested lists.`,
              { extensions: { code: ErrorCode.QueryTooComplex, cost, maxCost, http: { status: 400 } } },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

export type Protection = Pick<ApolloServerOptions<Context>, 'validationRules' | 'allowBatchedHttpRequests'> & {
  plugins: ApolloServerPlugin<Context>[];
};

export function protection(limits: Limits, { production }: { production: boolean }): Protection {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are counted by graphql-js itself while parsing (Apollo's parseOptions.maxTokens).
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [...(armor.plugins as ApolloServerPlugin<Context>[]), costLimitPlugin(limits.maxCost)],
  };
}
