// A very small router: the app has a handful of pages, addressed by path. It also keeps two promises to
// people using it: leaving a page never silently drops unsaved words, and a screen reader hears the new page.

import i18next from 'i18next';
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** The address we are showing, so a refused Back can put it back. */
let currentUrl = window.location.pathname + window.location.search + window.location.hash;
let leaveGuard: (() => boolean) | null = null;
/** Set by an in-app page change (never by the first load), taken by the next page heading to appear. */
let focusRequested = false;

/** Register (or clear, with null) a check that says whether leaving this page now would lose something. */
export function setLeaveGuard(wouldLoseSomething: (() => boolean) | null): void {
  leaveGuard = wouldLoseSomething;
}

/** True when nothing would be lost, or the person agrees to leave anyway. */
export function confirmLeave(): boolean {
  return !leaveGuard?.() || window.confirm(i18next.t('plan.leaveUnsaved'));
}

/** Ask the next page heading that appears to take focus, so screen readers announce the new page. */
export function requestPageFocus(): void {
  focusRequested = true;
}

/** Ref for a page's h1 (which needs tabIndex={-1}): focuses it if a page change asked for that. */
export function focusIfArrived(heading: HTMLElement | null): void {
  if (!heading || !focusRequested) return;
  focusRequested = false;
  heading.focus();
}

/** Show the page at `path` (which may carry a query). `replace` takes the place of the current history entry. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = new URL(path, window.location.origin);
  if (target.pathname + target.search === window.location.pathname + window.location.search) return;
  if (!confirmLeave()) return;
  const samePage = target.pathname === window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  currentUrl = path;
  if (!samePage) requestPageFocus();
  notify();
}

window.addEventListener('popstate', () => {
  const url = window.location.pathname + window.location.search + window.location.hash;
  const previousPath = new URL(currentUrl, window.location.origin).pathname;
  if (window.location.pathname !== previousPath) {
    // Back or Forward to another page. The address has already changed: if the person chooses to stay,
    // put the page's address back rather than show a page that does not match it.
    if (!confirmLeave()) {
      window.history.pushState(null, '', currentUrl);
      return;
    }
    requestPageFocus();
  }
  currentUrl = url;
  notify();
});

export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname,
  );
}

/** The query of the address we are showing ("?from=3&to=9"), for pages that take one. */
export function useSearch(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.search,
  );
}

export type Route =
  | { page: 'home' }
  | { page: 'plan'; planId: string }
  | { page: 'history'; planId: string }
  | { page: 'versions'; planId: string }
  | { page: 'compare'; planId: string }
  | { page: 'copies'; planId: string }
  | { page: 'signIn' }
  | { page: 'signUp' }
  | { page: 'account' }
  | { page: 'accessibility' }
  | { page: 'invitation'; token: string }
  | { page: 'notFound' };

const FIXED_PAGES = new Map<string, Route>([
  ['/sign-in', { page: 'signIn' }],
  ['/sign-up', { page: 'signUp' }],
  ['/account', { page: 'account' }],
  ['/accessibility', { page: 'accessibility' }],
]);

export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'home' };
  const fixed = FIXED_PAGES.get(path.replace(/\/$/, ''));
  if (fixed) return fixed;
  const invitation = /^\/invitations\/([A-Za-z0-9_-]{43})\/?$/.exec(path);
  if (invitation) return { page: 'invitation', token: invitation[1]! };
  const plan = /^\/plans\/([^/]+)(?:\/(history|versions|compare|copies))?\/?$/.exec(path);
  if (!plan) return { page: 'notFound' };
  try {
    const page = (plan[2] as 'history' | 'versions' | 'compare' | 'copies' | undefined) ?? 'plan';
    return { page, planId: decodeURIComponent(plan[1]!) };
  } catch {
    return { page: 'notFound' }; // a malformed %-escape: no plan can live at that address
  }
}

const ACCOUNT_PAGES = new Set(['/sign-in', '/sign-up']);

/**
 * Where to go after signing in or up: the `next` query parameter when it is a path on this site ("/…", never
 * "//…", which a browser reads as another site), else the start page.
 */
export function nextPathFrom(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  try {
    // Belt and braces: whatever the browser makes of it (it drops tabs and newlines) must stay on this site.
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin || ACCOUNT_PAGES.has(url.pathname)) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

/** `page`, asked to come back to `next` afterwards (left off when that is the start page). */
export function withNext(page: string, next: string): string {
  return next === '/' ? page : `${page}?next=${encodeURIComponent(next)}`;
}
