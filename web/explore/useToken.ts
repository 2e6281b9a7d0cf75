/** The session's curation token as React state: components re-render when it is set or cleared. */
import { useSyncExternalStore } from 'react';
import { getToken, onTokenChange } from './session';

export function useToken(): string {
  return useSyncExternalStore(onTokenChange, getToken);
}
