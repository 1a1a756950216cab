// The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site posts), Secure when
// served over https. The middleware puts the signed-in account, if any, on the request.

import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { accountForToken } from '../accounts/accountOperations.js';
import { errors } from '../errors.js';
import type { AccountStore, StoredAccount } from '../storage/types.js';

export const SESSION_COOKIE = 'cylch_session';

declare module 'express-serve-static-core' {
  interface Request {
    account?: StoredAccount | null;
    sessionToken?: string;
  }
}

export function sessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const token = parseCookies(cookieHeader)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export function loadSession(store: AccountStore): RequestHandler {
  return async (req, _res, next) => {
    req.sessionToken = sessionToken(req.headers.cookie);
    req.account = await accountForToken(store, req.sessionToken);
    next();
  };
}

export function requireAccount(req: Request, _res: Response, next: NextFunction): void {
  next(req.account ? undefined : errors.notSignedIn());
}

export function setSessionCookie(req: Request, res: Response, grant: { token: string; expiresAt: Date }): void {
  res.cookie(SESSION_COOKIE, grant.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires: grant.expiresAt,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
