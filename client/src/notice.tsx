import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useSecondsLeft } from './lib/time';

/** A button a notice carries while it lasts ("Undo" after an approval), with a countdown to `until`. */
export interface NoticeAction {
  label: string;
  /** Epoch ms when the action stops being offered. */
  until: number;
  run(): void;
}

export interface Notice {
  id: number;
  kind: 'success' | 'info' | 'error';
  text: string;
  action?: NoticeAction;
}

interface NoticeState {
  notice: Notice | null;
  show(kind: Notice['kind'], text: string, action?: NoticeAction): void;
  dismiss(): void;
}

const NoticeContext = createContext<NoticeState | null>(null);
let counter = 0;

/** One short message that outlives a navigation ("Approved, 2 bubbles on their way"). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const show = useCallback(
    (kind: Notice['kind'], text: string, action?: NoticeAction) =>
      setNotice({ id: ++counter, kind, text, ...(action ? { action } : {}) }),
    [],
  );
  const dismiss = useCallback(() => setNotice(null), []);

  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    // A notice with an action stays at least until the action ends.
    const lasts = Math.max(8000, (notice.action?.until ?? 0) - Date.now() + 1000);
    const timer = setTimeout(() => setNotice((n) => (n?.id === notice.id ? null : n)), lasts);
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

function NoticeActionButton({ action, onRun }: { action: NoticeAction; onRun(): void }) {
  const seconds = useSecondsLeft(action.until);
  if (seconds === 0) return null;
  return (
    <button type="button" className="notice-action" onClick={onRun}>
      {action.label} ({seconds} s)
    </button>
  );
}

export function NoticeBar() {
  const { notice, dismiss } = useNotice();
  if (!notice) return null;
  const { action } = notice;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <span className="notice-buttons">
        {action && (
          <NoticeActionButton
            action={action}
            onRun={() => {
              dismiss();
              action.run();
            }}
          />
        )}
        <button type="button" className="link" onClick={dismiss} aria-label="Dismiss">
          ×
        </button>
      </span>
    </div>
  );
}
