/**
 * Whole-query limits, on by default: depth, aliases and directives (GraphQL Armor), field
 * suggestions off in production (Armor), no HTTP batching, and a cost limit of our own. Armor's
 * cost rule multiplies only literal `first` arguments, so `first: $n` would be free; ours runs
 * after the operation is resolved, with the request's variables and the schema's defaults, via
 * graphql-query-complexity.
 */
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, getNamedType, isLeafType, visit, type DocumentNode } from 'graphql';
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

/** The variables a document's cost can depend on: those given to `first` and to `@skip`/`@include`. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'if') && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

const COSTS_PER_DOCUMENT = 200;

/**
 * Costs already computed, per parsed document (Apollo keeps one parsed document per distinct
 * query text, so the same query repeated is the same object) and per values of the variables the
 * cost depends on: the same query with another `name` is not analysed again. A WeakMap, so a
 * document Apollo drops from its cache takes its costs with it.
 */
class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();

  key(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): { costs: Map<string, number>; key: string } {
    let entry = this.byDocument.get(document);
    if (entry === undefined) {
      entry = { variables: costVariables(document), costs: new Map() };
      this.byDocument.set(document, entry);
    }
    return { costs: entry.costs, key: JSON.stringify([operationName ?? null, ...entry.variables.map((name) => (Object.hasOwn(variables, name) ? [variables[name]] : []))]) };
  }
}

function costLimitPlugin(maxCost: number): ApolloServerPlugin<Context> {
  const cache = new CostCache();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          const variables = request.variables ?? {};
          const { costs, key } = cache.key(document, request.operationName, variables);
          let cost = costs.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({ schema, query: document, variables, operationName: request.operationName ?? undefined, estimators: [pageCostEstimator] });
            } catch (e: unknown) {
              // Variables that do not fit the operation: execution refuses them with the standard
              // BAD_USER_INPUT (400), and nothing runs, so there is no cost to limit.
              if (e instanceof GraphQLError) return Promise.resolve();
              throw e;
            }
            if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
            costs.set(key, cost);
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
