import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from './gql';
import { useAfterReconnect } from './live';

export interface DraftViewer {
  reviewerId: string;
  displayName: string;
  editing: boolean;
}

export const DraftPresenceQuery = graphql(`
  query DraftPresence {
    draftPresence {
      draftId
      viewers {
        reviewerId
        displayName
        editing
      }
    }
  }
`);

export const DraftPresenceChangedSubscription = graphql(`
  subscription DraftPresenceChanged {
    draftPresence {
      draftId
      viewers {
        reviewerId
        displayName
        editing
      }
    }
  }
`);

export const TouchDraftPresenceMutation = graphql(`
  mutation TouchDraftPresence($input: TouchDraftPresenceInput!) {
    touchDraftPresence(input: $input) {
      __typename
      ... on TouchDraftPresenceSuccess {
        ttlSeconds
      }
    }
  }
`);

export const LeaveDraftPresenceMutation = graphql(`
  mutation LeaveDraftPresence($draftId: ID!) {
    leaveDraftPresence(draftId: $draftId) {
      __typename
    }
  }
`);

type ViewersByDraft = ReadonlyMap<string, readonly DraftViewer[]>;
const NOBODY: readonly DraftViewer[] = [];
const PresenceContext = createContext<ViewersByDraft>(new Map());

/**
 * Who has which draft open, for the whole session: one query, then the live changes (each event carries the
 * draft's viewers, so the server reads nothing per subscriber). Read with useViewers.
 */
export function PresenceProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [viewers, setViewers] = useState<ViewersByDraft>(() => new Map());

  const load = useCallback(() => {
    void client
      .query(DraftPresenceQuery, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        const drafts = result.data?.draftPresence;
        if (drafts) setViewers(new Map(drafts.map((d) => [d.draftId, d.viewers])));
      });
  }, [client]);

  useEffect(() => {
    const subscription = client.subscription(DraftPresenceChangedSubscription, {}).subscribe((result) => {
      const change = result.data?.draftPresence;
      if (!change) return;
      setViewers((current) => {
        const next = new Map(current);
        if (change.viewers.length > 0) next.set(change.draftId, change.viewers);
        else next.delete(change.draftId);
        return next;
      });
    });
    load();
    return () => subscription.unsubscribe();
  }, [client, load]);
  // Changes sent while the connection was down are lost: read everything again.
  useAfterReconnect(load);

  return <PresenceContext.Provider value={viewers}>{children}</PresenceContext.Provider>;
}

/** Who has this draft open, you included. */
export function useViewers(draftId: string): readonly DraftViewer[] {
  return useContext(PresenceContext).get(draftId) ?? NOBODY;
}

/**
 * Shows you on a draft while its page is open: a heartbeat a few times per the server's TTL, at once when
 * `editing` changes, and a leave when the page closes (a closed tab just stops beating and drops off).
 */
export function usePresenceHeartbeat(draftId: string, editing: boolean): void {
  const client = useClient();
  const editingRef = useRef(editing);
  const beatRef = useRef<() => void>(() => {});

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = async () => {
      clearTimeout(timer);
      const input = { draftId, editing: editingRef.current };
      const result = await client.mutation(TouchDraftPresenceMutation, { input }).toPromise();
      if (cancelled) return;
      const outcome = result.data?.touchDraftPresence;
      const ttl = outcome?.__typename === 'TouchDraftPresenceSuccess' ? outcome.ttlSeconds : 30;
      timer = setTimeout(() => void beat(), Math.max(1000, (ttl * 1000) / 3));
    };
    beatRef.current = () => void beat();
    void beat();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      beatRef.current = () => {};
      void client.mutation(LeaveDraftPresenceMutation, { draftId }).toPromise();
    };
  }, [client, draftId]);

  useEffect(() => {
    if (editingRef.current === editing) return;
    editingRef.current = editing;
    beatRef.current();
  }, [editing]);
}
