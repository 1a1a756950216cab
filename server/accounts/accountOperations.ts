// Named operations on accounts and sessions. Routes call these; the same functions serve tests and scripts.

import { createHash, randomBytes } from 'node:crypto';
import { LIMITS } from '../../shared/limits.js';
import type { Account, ChangePasswordBody, SignInBody, SignUpBody } from '../../shared/schemas.js';
import { errors } from '../errors.js';
import type { AccountStore, StoredAccount } from '../storage/types.js';
import { DEFAULT_PREFERENCES, type PreferencesUpdate } from '../../shared/preferences.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords.js';

/** A new session: the token goes to the browser (in a cookie), only its hash is stored. */
export interface SessionGrant {
  token: string;
  expiresAt: Date;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function presentAccount(account: StoredAccount): Account {
  return {
    id: account.id,
    displayName: account.displayName,
    email: account.email,
    createdAt: account.createdAt,
    preferences: account.preferences ?? DEFAULT_PREFERENCES,
  };
}

/** Changes some of the account's preferences (the others stay); answers with the account as it now is. */
export async function setPreferences(store: AccountStore, accountId: string, update: PreferencesUpdate): Promise<Account> {
  const account = await store.getAccount(accountId);
  if (!account) throw errors.notSignedIn();
  const preferences = { ...(account.preferences ?? DEFAULT_PREFERENCES), ...update };
  await store.setPreferences(accountId, preferences);
  return presentAccount({ ...account, preferences });
}

async function startSession(store: AccountStore, accountId: string, now = new Date()): Promise<SessionGrant> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LIMITS.sessionLifetimeMs);
  await store.createSession({ tokenHash: hashToken(token), accountId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { token, expiresAt };
}

export async function signUp(store: AccountStore, body: SignUpBody): Promise<{ account: Account; session: SessionGrant }> {
  if (await store.findAccountByEmail(body.email)) throw errors.emailTaken();
  const account: StoredAccount = {
    id: randomBytes(16).toString('base64url'),
    displayName: body.displayName,
    email: body.email,
    passwordHash: await hashPassword(body.password),
    createdAt: new Date().toISOString(),
  };
  await store.createAccount(account);
  return { account: presentAccount(account), session: await startSession(store, account.id) };
}

export async function signIn(store: AccountStore, body: SignInBody): Promise<{ account: Account; session: SessionGrant }> {
  const account = await store.findAccountByEmail(body.email);
  const matches = account ? await verifyPassword(body.password, account.passwordHash) : await verifyAgainstDecoy(body.password);
  if (!account || !matches) throw errors.wrongEmailOrPassword();
  return { account: presentAccount(account), session: await startSession(store, account.id) };
}

/** The account a session token belongs to, or null (unknown, expired, or signed out). */
export async function accountForToken(store: AccountStore, token: string | undefined, now = new Date()): Promise<StoredAccount | null> {
  if (!token) return null;
  const session = await store.getSession(hashToken(token), now);
  return session ? store.getAccount(session.accountId) : null;
}

export async function signOut(store: AccountStore, token: string | undefined): Promise<void> {
  if (token) await store.deleteSession(hashToken(token));
}

/** Changes the password and signs the account out everywhere else. */
export async function changePassword(store: AccountStore, account: StoredAccount, token: string, body: ChangePasswordBody): Promise<void> {
  if (!(await verifyPassword(body.currentPassword, account.passwordHash))) throw errors.wrongPassword();
  await store.setPasswordHash(account.id, await hashPassword(body.newPassword));
  await store.deleteSessionsOfAccount(account.id, hashToken(token));
}
