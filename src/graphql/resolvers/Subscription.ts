/**
 * Live updates. `changes` hands out the process's change feed as a stream starting after the
 * given cursor (or at the end of the log); each change is then resolved as a `Change`.
 */
import type { SubscriptionResolvers } from '../../generated/resolvers';
import type { ChangeEvent } from '../../live/feed';
import { decodeCursor } from '../cursor';

export const Subscription: SubscriptionResolvers = {
  changes: {
    subscribe: (_root, { after }, { changes }) => {
      if (changes === undefined) throw new Error('Subscription.changes runs only over WebSocket, where the change feed is in the context');
      const position = after === undefined || after === null ? undefined : decodeCursor<[number]>(after, ['number'])[0];
      return changes.stream(position);
    },
    resolve: (event: ChangeEvent) => event.change,
  },
};
