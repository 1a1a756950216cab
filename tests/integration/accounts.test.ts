// Accounts and sessions over the real server: sign up, sign in, sign out, change password, cookie flags, throttled
// failed sign-ins, cross-site posts refused, and passwords never stored in the clear.

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.js';
import { accountSchema } from '../../shared/schemas.js';
import { createTestAccount, makeDataDir, startTestServer } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A tiny browser: keeps the session cookie between requests. */
function browserAgent(baseUrl: string) {
  let cookie = '';
  return {
    get cookie() {
      return cookie;
    },
    async post(route: string, body: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(`${baseUrl}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
        body: JSON.stringify(body),
      });
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0]!.endsWith('=') ? '' : setCookie.split(';')[0]!;
      return res;
    },
    async get(route: string) {
      return fetch(`${baseUrl}${route}`, { headers: cookie ? { cookie } : {} });
    },
    setCookieRaw: (value: string) => (cookie = value),
  };
}

const errorId = async (res: Response) => ((await res.json()) as { error: { id: string } }).error.id;

describe('accounts', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const gwen = { displayName: 'Gwen Morgan', email: 'Gwen.Morgan@example.org', password: 'a long enough secret' };

  it('signs up, knows who is signed in, signs out, and the old cookie then means nothing', async () => {
    const agent = browserAgent(server.url);
    const created = await agent.post('/api/account/sign-up', gwen);
    expect(created.status).toBe(201);
    const { account } = (await created.json()) as { account: unknown };
    expect(accountSchema.parse(account)).toMatchObject({ displayName: 'Gwen Morgan', email: 'gwen.morgan@example.org' });

    const setCookie = created.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^cylch_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Expires=/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http on localhost; Secure over https

    expect(((await (await agent.get('/api/account')).json()) as { account: unknown }).account).not.toBeNull();
    const oldCookie = agent.cookie;
    expect((await agent.post('/api/account/sign-out', {})).status).toBe(204);
    agent.setCookieRaw(oldCookie);
    const after = await agent.get('/api/account');
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ account: null });
    // Anything that needs an account now says so.
    const change = await agent.post('/api/account/password', { currentPassword: gwen.password, newPassword: 'whatever long enough' });
    expect(change.status).toBe(401);
    expect(await errorId(change)).toBe('notSignedIn');
  });

  it('keeps a person’s language, text size, contrast and easy-read choice with their account, across a restart', async () => {
    // A server of its own, to restart.
    const dataDir = await makeDataDir();
    let own = await startTestServer(dataDir);
    const agent = browserAgent(own.url);
    const signedUp = await agent.post('/api/account/sign-up', { displayName: 'Eirlys Hughes', email: 'eirlys@example.org', password: 'a long enough secret' });
    expect(accountSchema.parse(((await signedUp.json()) as { account: unknown }).account).preferences).toEqual({
      language: null,
      textSize: 'standard',
      contrast: 'standard',
      easyRead: false,
    });
    const put = (body: unknown, cookie = agent.cookie) =>
      fetch(`${own.url}/api/account/preferences`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
    const first = await put({ language: 'cy', textSize: 'larger' });
    expect(first.status).toBe(200);
    expect(accountSchema.parse(((await first.json()) as { account: unknown }).account).preferences).toMatchObject({ language: 'cy', textSize: 'larger' });
    // Only what is sent changes.
    await put({ contrast: 'high', easyRead: true });
    // Bad values, unknown fields, nothing at all, and no session are refused; nothing changes.
    for (const bad of [{ textSize: 'huge' }, { language: 'fr' }, { colour: 'pink' }, {}, { easyRead: 'yes' }]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await errorId(res)).toBe('invalidRequest');
    }
    expect((await put({ textSize: 'large' }, '')).status).toBe(401);

    await own.close();
    own = await startTestServer(dataDir);
    try {
      const again = browserAgent(own.url);
      await again.post('/api/account/sign-in', { email: 'eirlys@example.org', password: 'a long enough secret' });
      const me = accountSchema.parse(((await (await again.get('/api/account')).json()) as { account: unknown }).account);
      expect(me.preferences).toEqual({ language: 'cy', textSize: 'larger', contrast: 'high', easyRead: true });
    } finally {
      await own.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const res = await browserAgent(server.url).post('/api/account/sign-up', { ...gwen, email: 'GWEN.MORGAN@example.org' });
    expect(res.status).toBe(409);
    expect(await errorId(res)).toBe('emailTaken');
  });

  it('checks sign-up details and lists every problem', async () => {
    const res = await browserAgent(server.url).post('/api/account/sign-up', { displayName: ' ', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { id: string; issues: { path: string }[] } };
    expect(body.error.id).toBe('invalidRequest');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('signs in with the right password only, with the same answer for an unknown email', async () => {
    const agent = browserAgent(server.url);
    const wrong = await agent.post('/api/account/sign-in', { email: gwen.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(await errorId(wrong)).toBe('wrongEmailOrPassword');
    const unknown = await agent.post('/api/account/sign-in', { email: 'nobody@example.org', password: 'whatever it is' });
    expect(unknown.status).toBe(401);
    expect(await errorId(unknown)).toBe('wrongEmailOrPassword');
    const right = await agent.post('/api/account/sign-in', { email: 'gwen.morgan@EXAMPLE.org', password: gwen.password });
    expect(right.status).toBe(200);
    expect(((await (await agent.get('/api/account')).json()) as { account: { email: string } }).account.email).toBe('gwen.morgan@example.org');
  });

  it('changes the password, signing out every other session', async () => {
    const here = browserAgent(server.url);
    const elsewhere = browserAgent(server.url);
    await here.post('/api/account/sign-in', { email: gwen.email, password: gwen.password });
    await elsewhere.post('/api/account/sign-in', { email: gwen.email, password: gwen.password });

    const wrong = await here.post('/api/account/password', { currentPassword: 'not it at all', newPassword: 'another long secret' });
    expect(wrong.status).toBe(403);
    expect(await errorId(wrong)).toBe('wrongPassword');
    const ok = await here.post('/api/account/password', { currentPassword: gwen.password, newPassword: 'another long secret' });
    expect(ok.status).toBe(204);

    expect(((await (await here.get('/api/account')).json()) as { account: unknown }).account).not.toBeNull();
    expect(await (await elsewhere.get('/api/account')).json()).toEqual({ account: null });
    const old = await browserAgent(server.url).post('/api/account/sign-in', { email: gwen.email, password: gwen.password });
    expect(old.status).toBe(401);
    const fresh = await browserAgent(server.url).post('/api/account/sign-in', { email: gwen.email, password: 'another long secret' });
    expect(fresh.status).toBe(200);
    gwen.password = 'another long secret';
  });

  it('keeps passwords and session tokens only as hashes on disk', async () => {
    const accounts = await readFile(path.join(server.dataDir, 'accounts.json'), 'utf8');
    const sessions = await readFile(path.join(server.dataDir, 'sessions.json'), 'utf8');
    expect(accounts).not.toContain(gwen.password);
    expect(accounts).toMatch(/"passwordHash":"scrypt\$/);
    const agent = browserAgent(server.url);
    await agent.post('/api/account/sign-in', { email: gwen.email, password: gwen.password });
    const token = agent.cookie.split('=')[1]!;
    expect(await readFile(path.join(server.dataDir, 'sessions.json'), 'utf8')).not.toContain(token);
    expect(sessions).toMatch(/"tokenHash":"[0-9a-f]{64}"/);
  });

  it('refuses cross-site posts: a form, another origin, or a cross-site fetch', async () => {
    const form = await fetch(`${server.url}/api/account/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(gwen.email)}&password=${encodeURIComponent(gwen.password)}`,
    });
    expect(form.status).toBe(403);
    expect(await errorId(form)).toBe('crossSiteRequest');
    // Starting a plan needs a session: the posts below carry one, as a visitor's browser would send it to another
    // site's form or script.
    const { cookie } = await createTestAccount(server, 'Rhian');
    const signedIn = () => {
      const agent = browserAgent(server.url);
      agent.setCookieRaw(cookie);
      return agent;
    };
    const textPlain = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie }, body: '{"jurisdiction":"wales"}' });
    expect(textPlain.status).toBe(403);
    expect(await errorId(textPlain)).toBe('crossSiteRequest');
    const otherOrigin = await signedIn().post('/api/plans', { jurisdiction: 'wales' }, { origin: 'https://evil.example' });
    expect(otherOrigin.status).toBe(403);
    expect(await errorId(otherOrigin)).toBe('crossSiteRequest');
    // The same host over https (a proxy ending TLS in front of us) is this site.
    const sameHost = await signedIn().post('/api/plans', { jurisdiction: 'wales' }, { origin: server.url.replace('http:', 'https:') });
    expect(sameHost.status).toBe(201);
    const crossSite = await signedIn().post('/api/plans', { jurisdiction: 'wales' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await errorId(crossSite)).toBe('crossSiteRequest');
  });

  it(`slows down guessing: after ${LIMITS.maxFailedSignInsPerAccount} failures an account refuses even the right password for a while`, async () => {
    const target = { displayName: 'Sam Evans', email: 'sam@example.org', password: 'sams long password' };
    await browserAgent(server.url).post('/api/account/sign-up', target);
    const agent = browserAgent(server.url);
    for (let i = 0; i < LIMITS.maxFailedSignInsPerAccount; i++) {
      expect((await agent.post('/api/account/sign-in', { email: target.email, password: `guess ${i}` })).status).toBe(401);
    }
    const blocked = await agent.post('/api/account/sign-in', { email: target.email, password: target.password });
    expect(blocked.status).toBe(429);
    expect(await errorId(blocked)).toBe('tooManySignInAttempts');
    // Another account from the same address is not locked by Sam's failures.
    const other = await agent.post('/api/account/sign-in', { email: gwen.email, password: gwen.password });
    expect(other.status).toBe(200);
  });

  it('slows down guessing the current password from a signed-in session', async () => {
    const agent = browserAgent(server.url);
    await agent.post('/api/account/sign-up', { displayName: 'Jo Price', email: 'jo@example.org', password: 'jos long password' });
    for (let i = 0; i < LIMITS.maxFailedSignInsPerAccount; i++) {
      expect((await agent.post('/api/account/password', { currentPassword: `guess ${i}`, newPassword: 'a new long password' })).status).toBe(403);
    }
    const blocked = await agent.post('/api/account/password', { currentPassword: 'jos long password', newPassword: 'a new long password' });
    expect(blocked.status).toBe(429);
  });

  it(`slows down one address trying many accounts (${LIMITS.maxFailedSignInsPerAddress} failures)`, async () => {
    const fresh = await startTestServer();
    try {
      const agent = browserAgent(fresh.url);
      let status = 0;
      for (let i = 0; i <= LIMITS.maxFailedSignInsPerAddress && status !== 429; i++) {
        status = (await agent.post('/api/account/sign-in', { email: `person${i}@example.org`, password: 'a wrong guess' })).status;
      }
      expect(status).toBe(429);
    } finally {
      await fresh.dispose();
    }
  });

  it(`limits how many accounts one address can create (${LIMITS.maxAccountsCreatedPerWindow} an hour)`, async () => {
    const fresh = await startTestServer();
    try {
      const agent = browserAgent(fresh.url);
      let status = 0;
      let made = 0;
      while (status !== 429 && made <= LIMITS.maxAccountsCreatedPerWindow) {
        status = (await agent.post('/api/account/sign-up', { displayName: `Person ${made}`, email: `p${made}@example.org`, password: 'a long enough secret' })).status;
        if (status === 201) made += 1;
      }
      expect(status).toBe(429);
      expect(made).toBe(LIMITS.maxAccountsCreatedPerWindow);
    } finally {
      await fresh.dispose();
    }
  });

  it('will not start if the accounts file is damaged, rather than lose everyone\'s accounts', async () => {
    const { writeFile } = await import('node:fs/promises');
    const fresh = await startTestServer();
    const dir = fresh.dataDir;
    await fresh.close();
    await writeFile(path.join(dir, 'accounts.json'), '{"schemaVersion":1,"accounts":[{"id":');
    await expect(startTestServer(dir)).rejects.toThrow(/accounts\.json/);
    expect(await readFile(path.join(dir, 'accounts.json'), 'utf8')).toBe('{"schemaVersion":1,"accounts":[{"id":');
    await rm(dir, { recursive: true, force: true });
  });
});
