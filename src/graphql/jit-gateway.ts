/**
 * Execution by graphql-jit instead of graphql-js: each distinct operation is compiled once into a
 * JavaScript function (cached per parsed document, which Apollo keeps one of per query text) and
 * then runs without graphql-js's per-field interpretation. Measured, graphql-js execution was the
 * largest part of our own per-request CPU on answers of a few hundred fields.
 *
 * Apollo Server 4+ takes a custom executor only through its `gateway` option (its migration guide
 * points there for what the removed `executor` option did). Parsing, validation (with our rules),
 * plugins and error formatting stay Apollo's. Variables are coerced by graphql-js first, so a
 * request with bad variables fails exactly as it does without the JIT (Apollo turns those errors
 * into BAD_USER_INPUT, HTTP 400).
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, execute, getVariableValues, printSchema, visit, type DocumentNode, type ExecutionResult, type OperationDefinitionNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations kept per document; a document Apollo drops from its cache takes them along. */
const OPERATIONS_PER_DOCUMENT = 20;

/**
 * Whether a document answers a key `__proto__` (an alias may be any name): graphql-jit builds
 * results with plain assignment, and `object.__proto__ = value` sets a prototype instead of a
 * key, so the value would vanish from the answer. Such documents run on graphql-js.
 */
function namesProto(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if ((node.alias ?? node.name).value === '__proto__') found = true;
    },
  });
  return found;
}

export function jitExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();
  const interpreted = new WeakMap<DocumentNode, boolean>();
  return async ({ document, operation, operationName, request, context }) => {
    // No operation to run (an operationName the document does not define, or several unnamed
    // operations): Apollo still calls the executor, typed as if there were one. graphql-js words
    // the error from the name the client sent (`operationName` here is Apollo's resolved one, null),
    // and Apollo answers it with 400 OPERATION_RESOLUTION_FAILURE.
    if ((operation as OperationDefinitionNode | undefined) === undefined) {
      return execute({ schema, document, operationName: request.operationName, variableValues: request.variables ?? {}, contextValue: context });
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors !== undefined) return { errors: coerced.errors };
    let interpret = interpreted.get(document);
    if (interpret === undefined) {
      interpret = namesProto(document);
      interpreted.set(document, interpret);
    }
    if (interpret) return execute({ schema, document, operationName, variableValues: request.variables ?? {}, contextValue: context });
    let byOperation = compiled.get(document);
    if (byOperation === undefined) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    let query = byOperation.get(operationName ?? '');
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      if (byOperation.size >= OPERATIONS_PER_DOCUMENT) byOperation.clear();
      byOperation.set(operationName ?? '', result);
      query = result;
    }
    return withPlainErrors(await query.query(undefined, context, request.variables ?? {}));
  };
}

/**
 * graphql-jit's errors have a read-only `message` (plugins such as Armor's field-suggestion
 * masking rewrite it, and would throw) and may lack `extensions`: give Apollo graphql-js errors.
 */
function withPlainErrors(result: ExecutionResult): ExecutionResult {
  if (result.errors === undefined) return result;
  const errors = result.errors.map((e) => {
    const plain = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
    (plain as { locations: GraphQLError['locations'] }).locations = e.locations;
    return plain;
  });
  return { ...result, errors };
}

/** The gateway that hands Apollo our schema and the JIT executor (no federation involved). */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    load: () => Promise.resolve({ executor: jitExecutor(schema) }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
}
