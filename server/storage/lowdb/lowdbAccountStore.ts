// Accounts and sessions in two lowdb files. They change rarely (sign-up, sign-in, sign-out), so rewriting a small
// file each time is fine. A file that does not read back stops the server with a clear message: it is never
// replaced by an empty list, which would lock everyone out and lose their accounts.
//
//   <dataDir>/accounts.json    accounts (password as a scrypt hash only)
//   <dataDir>/sessions.json    sign-in sessions (token as a SHA-256 hash only)

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { preferencesSchema, type Preferences } from '../../../shared/preferences.js';
import type { AccountStore, StoredAccount, StoredSession } from '../types.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const accountsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  accounts: z.array(
    z.strictObject({
      id: z.string().min(1),
      displayName: z.string(),
      email: z.string(),
      passwordHash: z.string().startsWith('scrypt$'),
      createdAt: z.iso.datetime(),
      preferences: preferencesSchema.optional(),
    }),
  ),
});
type AccountsFile = z.infer<typeof accountsFileSchema>;

const sessionsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  sessions: z.array(
    z.strictObject({
      tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
      accountId: z.string().min(1),
      createdAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
    }),
  ),
});
type SessionsFile = z.infer<typeof sessionsFileSchema>;

export class LowdbAccountStore implements AccountStore {
  /** Writes one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly accounts: Low<AccountsFile>,
    private readonly sessions: Low<SessionsFile>,
  ) {}

  /** Throws DamagedFileError (with the file) if either file does not read back. */
  static async open(dataDir: string): Promise<LowdbAccountStore> {
    await mkdir(dataDir, { recursive: true });
    const accounts = new Low<AccountsFile>(new ValidatedJsonFile(path.join(dataDir, 'accounts.json'), accountsFileSchema), {
      schemaVersion: 1,
      accounts: [],
    });
    const sessions = new Low<SessionsFile>(new ValidatedJsonFile(path.join(dataDir, 'sessions.json'), sessionsFileSchema), {
      schemaVersion: 1,
      sessions: [],
    });
    await accounts.read();
    await sessions.read();
    return new LowdbAccountStore(accounts, sessions);
  }

  createAccount(account: StoredAccount): Promise<void> {
    return this.write(async () => {
      if (this.accounts.data.accounts.some((a) => a.email === account.email)) throw errors.emailTaken();
      this.accounts.data.accounts.push(account);
      await this.accounts.write();
    });
  }

  async findAccountByEmail(email: string): Promise<StoredAccount | null> {
    return this.accounts.data.accounts.find((a) => a.email === email) ?? null;
  }

  async getAccount(id: string): Promise<StoredAccount | null> {
    return this.accounts.data.accounts.find((a) => a.id === id) ?? null;
  }

  setPreferences(accountId: string, preferences: Preferences): Promise<void> {
    return this.write(async () => {
      const account = this.accounts.data.accounts.find((a) => a.id === accountId);
      if (!account) throw errors.notSignedIn();
      account.preferences = preferences;
      await this.accounts.write();
    });
  }

  setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
    return this.write(async () => {
      const account = this.accounts.data.accounts.find((a) => a.id === accountId);
      if (!account) throw errors.notSignedIn();
      account.passwordHash = passwordHash;
      await this.accounts.write();
    });
  }

  createSession(session: StoredSession): Promise<void> {
    return this.write(async () => {
      const now = new Date().toISOString();
      // Expired sessions are dropped whenever a new one is written, so the file does not grow for ever.
      this.sessions.data.sessions = [...this.sessions.data.sessions.filter((s) => s.expiresAt > now), session];
      await this.sessions.write();
    });
  }

  async getSession(tokenHash: string, now: Date): Promise<StoredSession | null> {
    const session = this.sessions.data.sessions.find((s) => s.tokenHash === tokenHash);
    if (!session) return null;
    if (session.expiresAt <= now.toISOString()) {
      await this.deleteSession(tokenHash);
      return null;
    }
    return session;
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.write(async () => {
      const before = this.sessions.data.sessions.length;
      this.sessions.data.sessions = this.sessions.data.sessions.filter((s) => s.tokenHash !== tokenHash);
      if (this.sessions.data.sessions.length !== before) await this.sessions.write();
    });
  }

  deleteSessionsOfAccount(accountId: string, keepTokenHash?: string): Promise<void> {
    return this.write(async () => {
      this.sessions.data.sessions = this.sessions.data.sessions.filter(
        (s) => s.accountId !== accountId || s.tokenHash === keepTokenHash,
      );
      await this.sessions.write();
    });
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private write(change: () => Promise<void>): Promise<void> {
    const next = this.queue.then(change);
    this.queue = next.catch(() => {});
    return next;
  }
}
