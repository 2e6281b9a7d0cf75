/**
 * Opaque cursors: base64url of a JSON keyset position. Clients must not build them; anything
 * that does not decode to the expected shape is a BAD_USER_INPUT naming the argument.
 */
import { BadUserInputError } from '../errors';
import type { Limits } from '../config';
import { checkRange } from './limits';

export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor into a tuple of the given element types, or throws BAD_USER_INPUT. */
export function decodeCursor<T extends (string | number)[]>(cursor: string, shape: readonly ('string' | 'number')[], argumentName = 'after'): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length !== shape.length ||
    value.some((v, i) => typeof v !== shape[i]) ||
    encodeCursor(value as (string | number)[]) !== cursor
  ) {
    throw new BadUserInputError(`${argumentName}: not a cursor this API issued; pass an endCursor or edge cursor from a previous page of the same field`, argumentName);
  }
  return value as T;
}

/** Cursor of a list ordered by id alone. */
export const idCursor = (item: { id: string }): string => encodeCursor([item.id]);

/** The id position an `after` cursor of an id-ordered list holds, or null without one. */
export function idPosition(after: string | null | undefined): string | null {
  return after === undefined || after === null ? null : decodeCursor<[string]>(after, ['string'])[0];
}

/** `first` must be within 0..maxPageSize. */
export function checkFirst(first: number, limits: Limits): number {
  return checkRange(first, 'first', 0, limits.maxPageSize);
}

/** A Relay connection from a page of items and a cursor function. */
export function connection<T>(page: { items: T[]; hasNextPage: boolean; totalCount: number }, cursorOf: (item: T) => string, hasPreviousPage: boolean) {
  const edges = page.items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes: page.items,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
