import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export interface SessionReviewer {
  id: string;
  email: string;
  displayName: string;
  role: 'ADMIN' | 'REVIEWER' | 'VIEWER';
}

export interface Session {
  token: string;
  reviewer: SessionReviewer;
}

const STORAGE_KEY = 'countersign.session';

function readStoredSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session> | null;
    if (typeof parsed?.token !== 'string' || typeof parsed.reviewer?.id !== 'string') return null;
    return parsed as Session;
  } catch {
    return null;
  }
}

interface AuthState {
  session: Session | null;
  /** Why the last session ended, when the server ended it; shown on the sign-in page. */
  notice: string | null;
  signIn(session: Session): void;
  signOut(notice?: string): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readStoredSession);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((next: Session) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setNotice(null);
    setSession(next);
  }, []);

  const signOut = useCallback((why?: string) => {
    localStorage.removeItem(STORAGE_KEY);
    setNotice(why ?? null);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in session; only for components rendered behind the sign-in gate. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
