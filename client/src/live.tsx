import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';

/** The state of the graphql-ws connection that carries the live updates. */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveStatus {
  state: LiveState;
  /** Counts successful connections: a rise past 1 means events may have been missed meanwhile. */
  connections: number;
}

export class LiveStore {
  private status: LiveStatus = { state: 'connecting', connections: 0 };
  private listeners = new Set<() => void>();

  get = (): LiveStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: Partial<LiveStatus>): void {
    this.status = { ...this.status, ...next };
    for (const listener of this.listeners) listener();
  }
}

export const LiveContext = createContext<LiveStore | null>(null);

export function useLiveStatus(): LiveStatus {
  const store = useContext(LiveContext);
  if (!store) throw new Error('useLiveStatus outside SessionApiProvider');
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Calls `reload` after each reconnect (not on the first connection), since events sent meanwhile are lost. */
export function useAfterReconnect(reload: () => void): void {
  const { connections } = useLiveStatus();
  const seen = useRef(connections);
  useEffect(() => {
    if (connections > 1 && connections !== seen.current) reload();
    seen.current = connections;
  }, [connections, reload]);
}
