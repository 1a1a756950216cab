// REST routes for accounts: sign up, sign in, sign out, who am I, change password. Thin: validate, throttle,
// call the named operation, set or clear the cookie.

import { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LIMITS } from '../../shared/limits.js';
import type { AccessEvents } from '../accessEvents.js';
import { changePasswordBodySchema, signInBodySchema, signUpBodySchema } from '../../shared/schemas.js';
import { preferencesUpdateSchema } from '../../shared/preferences.js';
import { changePassword, presentAccount, setPreferences, signIn, signOut, signUp } from '../accounts/accountOperations.js';
import { errors } from '../errors.js';
import type { AccountStore } from '../storage/types.js';
import { clearSessionCookie, requireAccount, setSessionCookie } from './sessions.js';
import { parseOrThrow } from './validate.js';

/** Failed sign-ins only (a success does not count), refused once there are too many in the window. */
function failedSignInLimit(limit: number, key: (req: Request) => string) {
  return rateLimit({
    windowMs: LIMITS.failedSignInWindowMs,
    limit,
    skipSuccessfulRequests: true,
    keyGenerator: key,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(errors.tooManySignInAttempts()),
  });
}

const emailKey = (req: Request) => {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return `email:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
};

export function accountRoutes(store: AccountStore, events: AccessEvents): Router {
  const router = Router();
  // Every sign-up costs a 16 MiB scrypt hash and a write: one address may only make a few.
  const signUpLimit = rateLimit({
    windowMs: LIMITS.accountCreationWindowMs,
    limit: LIMITS.maxAccountsCreatedPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(errors.tooManyRequests()),
  });
  const perAddress = failedSignInLimit(LIMITS.maxFailedSignInsPerAddress, (req) => `ip:${ipKeyGenerator(req.ip ?? '')}`);
  const perAccount = failedSignInLimit(LIMITS.maxFailedSignInsPerAccount, emailKey);
  // Someone holding a session must not be able to guess the current password at will either.
  const perSignedInAccount = failedSignInLimit(LIMITS.maxFailedSignInsPerAccount, (req) => `account:${req.account?.id ?? ''}`);

  // "Who am I?": being signed out is an answer, not an error.
  router.get('/', (req, res) => {
    res.json({ account: req.account ? presentAccount(req.account) : null });
  });

  router.post('/sign-up', signUpLimit, async (req, res) => {
    const { account, session } = await signUp(store, parseOrThrow(signUpBodySchema, req.body));
    setSessionCookie(req, res, session);
    res.status(201).json({ account });
  });

  router.post('/sign-in', perAddress, perAccount, async (req, res) => {
    const { account, session } = await signIn(store, parseOrThrow(signInBodySchema, req.body));
    setSessionCookie(req, res, session);
    res.json({ account });
  });

  router.post('/sign-out', async (req, res) => {
    await signOut(store, req.sessionToken);
    // A plan left open in this browser stops too.
    if (req.account) events.sessionsEnded(req.account.id);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  // Language, text size, contrast and easy read, kept with the account so they follow the person to any device.
  router.put('/preferences', requireAccount, async (req, res) => {
    res.json({ account: await setPreferences(store, req.account!.id, parseOrThrow(preferencesUpdateSchema, req.body)) });
  });

  router.post('/password', requireAccount, perSignedInAccount, async (req, res) => {
    await changePassword(store, req.account!, req.sessionToken!, parseOrThrow(changePasswordBodySchema, req.body));
    // Signed out everywhere else, live plans included.
    events.sessionsEnded(req.account!.id);
    res.status(204).end();
  });

  return router;
}
