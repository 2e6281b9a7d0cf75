/**
 * Caps on what one request may ask for. Each is enforced where the argument is read, with a
 * BAD_USER_INPUT that says what is allowed.
 */
import { BadUserInputError } from '../errors';

export const LIMITS = {
  /** Largest `first` of any list or connection. */
  maxPageSize: 100,
  /** Deepest `neighborhood(depth:)`. */
  maxNeighborhoodDepth: 3,
  /** Most entities a neighbourhood returns (then `truncated` is true). */
  maxNeighborhoodNodes: 500,
  /** Longest `shortestPath(maxLength:)`. */
  maxPathLength: 10,
} as const;

/** An integer argument within min..max, or BAD_USER_INPUT naming it and the range. */
export function checkRange(value: number, argumentName: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${argumentName} must be between ${min} and ${max}, got ${value}`, argumentName);
  }
  return value;
}
