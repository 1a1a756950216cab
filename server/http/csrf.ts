// Cross-site request forgery protection for every state-changing request: it must carry JSON (a cross-site HTML
// form cannot send that without the browser asking us first, which we never allow), and when the browser says
// where it came from, that must be this site. With SameSite session cookies, that closes the door twice.

import type { RequestHandler } from 'express';
import { errors } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameSiteJsonOnly: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return next(errors.crossSiteRequest());
  // Host only: behind a proxy that ends TLS the browser says https while this server sees http.
  const origin = req.get('origin');
  if (origin && hostOf(origin) !== req.get('host')) return next(errors.crossSiteRequest());
  if (!req.is('application/json')) return next(errors.crossSiteRequest());
  next();
};

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
