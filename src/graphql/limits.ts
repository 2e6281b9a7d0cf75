/**
 * Argument limits, enforced where an argument is read, with a BAD_USER_INPUT that says what is
 * allowed. (Whole-query limits, such as depth and cost, live in protection.ts.)
 */
import { BadUserInputError } from '../errors';

/** An integer argument within min..max, or BAD_USER_INPUT naming it and the range. */
export function checkRange(value: number, argumentName: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${argumentName} must be between ${min} and ${max}, got ${value}`, argumentName);
  }
  return value;
}
