import { DEFAULT_LIMITS } from '../../src/config';
import { checkFirst, connection, decodeCursor, encodeCursor } from '../../src/graphql/cursor';
import { ErrorCode } from '../../src/errors';

describe('cursors', () => {
  it('round-trip a keyset position', () => {
    const cursor = encodeCursor(['South Korea', 'entity:south-korea']);
    expect(decodeCursor(cursor, ['string', 'string'])).toEqual(['South Korea', 'entity:south-korea']);
  });

  it.each([['not-a-cursor'], [''], [Buffer.from('{"a":1}').toString('base64url')], [encodeCursor(['only-one'])], [encodeCursor([1, 2])]])(
    'refuses %j with BAD_USER_INPUT naming the argument',
    (bad) => {
      expect(() => decodeCursor(bad, ['string', 'string'])).toThrow(/after: not a cursor this API issued/);
      try {
        decodeCursor(bad, ['string', 'string']);
      } catch (e: unknown) {
        expect((e as { extensions: { code: string } }).extensions.code).toBe(ErrorCode.BadUserInput);
      }
    },
  );

  it('bounds page sizes', () => {
    expect(checkFirst(0, DEFAULT_LIMITS)).toBe(0);
    expect(checkFirst(100, DEFAULT_LIMITS)).toBe(100);
    expect(() => checkFirst(101, DEFAULT_LIMITS)).toThrow('first must be between 0 and 100, got 101');
    expect(() => checkFirst(-1, DEFAULT_LIMITS)).toThrow('first must be between 0 and 100, got -1');
  });

  it('builds a Relay connection', () => {
    const c = connection({ items: ['a', 'b'], hasNextPage: true, totalCount: 5 }, (s) => `c-${s}`, false);
    expect(c.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c-a', endCursor: 'c-b' });
    expect(c.edges).toEqual([{ cursor: 'c-a', node: 'a' }, { cursor: 'c-b', node: 'b' }]);
    expect(connection({ items: [], hasNextPage: false, totalCount: 0 }, String, true).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});
