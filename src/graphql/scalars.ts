/**
 * Custom scalars. DateTime is RFC 3339 on the wire; inside, an ISO 8601 string in UTC
 * (`2023-05-03T09:00:00.000Z`), so values compare and sort as text.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../errors';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(value: unknown): string {
  const date = typeof value === 'string' && RFC3339.test(value) ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an RFC 3339 date-time such as 2023-05-03T09:00:00Z, got ${JSON.stringify(String(value).slice(0, 60))}`, {
      extensions: { code: ErrorCode.BadUserInput },
    });
  }
  return date.toISOString();
}

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, RFC 3339 (e.g. 2023-05-03T09:00:00Z).',
  serialize: (value) => {
    if (typeof value !== 'string') throw new TypeError('DateTime values are ISO strings inside the server');
    return value;
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
