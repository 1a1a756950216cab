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

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  if (!confirmLeave()) return;
  window.history.pushState(null, '', path);
  currentUrl = path;
  requestPageFocus();
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

export type Route = { page: 'home' } | { page: 'plan'; planId: string } | { page: 'notFound' };

export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'home' };
  const plan = /^\/plans\/([^/]+)\/?$/.exec(path);
  if (!plan) return { page: 'notFound' };
  try {
    return { page: 'plan', planId: decodeURIComponent(plan[1]!) };
  } catch {
    return { page: 'notFound' }; // a malformed %-escape: no plan can live at that address
  }
}
