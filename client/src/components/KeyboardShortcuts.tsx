import { useEffect, useState } from 'react';
import { isTypingTarget } from '../lib/keyboard';
import { matchRoute, navigate } from '../router';
import { Dialog } from './Dialog';

/** Every shortcut of the app, as the overlay lists them; the pages named handle their own. */
const SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string; where: string }> = [
  { keys: ['j'], what: 'Next draft', where: 'Queue' },
  { keys: ['k'], what: 'Previous draft', where: 'Queue' },
  { keys: ['Enter'], what: 'Open the selected draft', where: 'Queue' },
  { keys: ['Ctrl', 'Enter'], what: 'Approve and send', where: 'Draft editor' },
  { keys: ['Esc'], what: 'Back to the queue (in a text field: leave the field first)', where: 'Draft editor' },
  { keys: ['/'], what: 'Focus the search box', where: 'Pages with a search' },
  { keys: ['?'], what: 'Show these shortcuts', where: 'Everywhere' },
];

/** The search box of the page shown, if it has one. */
function pageSearch(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('main search input, main input[type="search"]');
}

/**
 * The app-wide shortcuts: `?` opens the list of every shortcut, `/` focuses the page's search, and
 * Esc in the draft editor goes back to the queue. Also a "Shortcuts" button for those who click.
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && matchRoute(window.location.pathname).name === 'draft') {
        const target = event.target as HTMLElement | null;
        if (target?.closest('dialog[open]')) return;
        // Esc first leaves a text field, so a half-typed edit is not left by accident.
        if (target && target !== document.body && target.matches('input, textarea, select, [contenteditable]'))
          target.blur();
        else navigate('/');
        return;
      }
      if (isTypingTarget(event)) return;
      if (event.key === '?') {
        event.preventDefault();
        setOpen(true);
      } else if (event.key === '/') {
        const search = pageSearch();
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className="shortcuts-button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
      >
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      <Dialog open={open} title="Keyboard shortcuts" onClose={() => setOpen(false)}>
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Action</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.keys.join('+')}>
                <td>
                  {shortcut.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && '+'}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </td>
                <td>{shortcut.what}</td>
                <td className="muted">{shortcut.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <span className="spacer" />
          <button type="button" className="primary" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
    </>
  );
}
