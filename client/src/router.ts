// A very small router: the app has a handful of pages, addressed by path.

import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

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
  if (plan) return { page: 'plan', planId: decodeURIComponent(plan[1]!) };
  return { page: 'notFound' };
}
