import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from 'react';

/** A few routes do not need a router library: the History API and one event are enough. */
const NAVIGATE = 'countersign:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query string of the current address ("?status=PENDING"), for state a page keeps in its URL. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export type Route =
  | { name: 'queue' }
  | { name: 'draft'; id: string }
  | { name: 'contacts' }
  | { name: 'contact'; id: string }
  | { name: 'sandbox' }
  | { name: 'team' }
  | { name: 'telegram' }
  | { name: 'insights' }
  | { name: 'audit' }
  | { name: 'integrations' }
  | { name: 'account' }
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/queue') return { name: 'queue' };
  if (pathname === '/contacts') return { name: 'contacts' };
  if (pathname === '/sandbox') return { name: 'sandbox' };
  if (pathname === '/team') return { name: 'team' };
  if (pathname === '/telegram') return { name: 'telegram' };
  if (pathname === '/insights') return { name: 'insights' };
  if (pathname === '/audit') return { name: 'audit' };
  if (pathname === '/integrations') return { name: 'integrations' };
  if (pathname === '/account') return { name: 'account' };
  const draft = /^\/drafts\/([^/]+)$/.exec(pathname);
  if (draft?.[1]) return { name: 'draft', id: decodeURIComponent(draft[1]) };
  const contact = /^\/contacts\/([^/]+)$/.exec(pathname);
  if (contact?.[1]) return { name: 'contact', id: decodeURIComponent(contact[1]) };
  return { name: 'notFound' };
}

export const draftPath = (id: string) => `/drafts/${encodeURIComponent(id)}`;
export const contactPath = (id: string) => `/contacts/${encodeURIComponent(id)}`;

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (open in new tab works) that navigates in-page on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

let pageTitle = '';
let titleCount = '';

function writeTitle(): void {
  const base = pageTitle ? `${pageTitle} · Countersign` : 'Countersign';
  const next = titleCount ? `(${titleCount}) ${base}` : base;
  // Setting the title reaches the browser's own process even when unchanged: only when it changes.
  if (document.title !== next) document.title = next;
}

/** Sets the tab title for the current page. */
export function useTitle(title: string): void {
  useEffect(() => {
    pageTitle = title;
    writeTitle();
  }, [title]);
}

/** Puts the number of waiting drafts in front of every page's tab title ("(3) Review queue · Countersign"). */
export function useTitleCount(count: string): void {
  useEffect(() => {
    titleCount = count;
    writeTitle();
    return () => {
      titleCount = '';
      writeTitle();
    };
  }, [count]);
}
