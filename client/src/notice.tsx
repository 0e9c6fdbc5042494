import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export interface Notice {
  id: number;
  kind: 'success' | 'info' | 'error';
  text: string;
}

interface NoticeState {
  notice: Notice | null;
  show(kind: Notice['kind'], text: string): void;
  dismiss(): void;
}

const NoticeContext = createContext<NoticeState | null>(null);
let counter = 0;

/** One short message that outlives a navigation ("Approved, 2 bubbles on their way"). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const show = useCallback((kind: Notice['kind'], text: string) => setNotice({ id: ++counter, kind, text }), []);
  const dismiss = useCallback(() => setNotice(null), []);

  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const timer = setTimeout(() => setNotice((n) => (n?.id === notice.id ? null : n)), 8000);
    return () => clearTimeout(timer);
  }, [notice]);

  const value = useMemo(() => ({ notice, show, dismiss }), [notice, show, dismiss]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

export function useNotice(): NoticeState {
  const state = useContext(NoticeContext);
  if (!state) throw new Error('useNotice outside NoticeProvider');
  return state;
}

export function NoticeBar() {
  const { notice, dismiss } = useNotice();
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="link" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
