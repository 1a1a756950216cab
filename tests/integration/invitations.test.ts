// Invitations to a plan's circle: the person invites with a role and a level; the link works once, for a week,
// for someone signed in, unless withdrawn; only people who manage the circle can invite; the token is kept hashed.

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, addCreator, createInvitation } from '../../server/circle/circleOperations.js';
import { LowdbCircleStore } from '../../server/storage/lowdb/lowdbCircleStore.js';
import { LIMITS } from '../../shared/limits.js';
import { invitationSchema, myPlansAnswerSchema, planMetaSchema } from '../../shared/schemas.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/stores.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('invitations', () => {
  let server: Server;
  let sam: string;
  let megan: string;
  let alex: string;
  let planId: string;

  const send = (cookie: string | null, method: 'GET' | 'POST', route: string, body?: unknown) =>
    fetch(`${server.url}${route}`, {
      method,
      headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  const errorId = async (res: Response) => ((await res.json()) as { error: { id: string } }).error.id;
  async function signUp(name: string, email: string): Promise<string> {
    const res = await send(null, 'POST', '/api/account/sign-up', { displayName: name, email, password: 'a long enough secret' });
    expect(res.status).toBe(201);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  async function invite(cookie: string, role: string, level: string) {
    const res = await send(cookie, 'POST', `/api/plans/${planId}/invitations`, { role, level });
    return { res, body: res.status === 201 ? ((await res.json()) as { invitation: unknown; link: string }) : null };
  }
  const tokenOf = (link: string) => link.split('/').at(-1)!;

  beforeAll(async () => {
    server = await startTestServer();
    sam = await signUp('Sam Evans', 'sam@example.org');
    megan = await signUp('Megan Evans', 'megan@example.org');
    alex = await signUp('Alex Hughes', 'alex@example.org');
    const res = await send(sam, 'POST', '/api/plans', { jurisdiction: 'wales', title: 'Cynllun Sam' });
    planId = planMetaSchema.parse(await res.json()).id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('the person invites with a role and level; the invitee joins once, and finds the plan in My plans', async () => {
    const { res, body } = await invite(sam, 'family', 'comment');
    expect(res.status).toBe(201);
    expect(invitationSchema.parse(body!.invitation)).toMatchObject({ role: 'family', level: 'comment', state: 'open' });
    expect(body!.link).toMatch(/^\/invitations\/[A-Za-z0-9_-]{43}$/);

    const accepted = await send(megan, 'POST', '/api/invitations/accept', { token: tokenOf(body!.link) });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ planId });
    const mine = myPlansAnswerSchema.parse(await (await send(megan, 'GET', '/api/plans')).json()).plans;
    expect(mine).toMatchObject([{ plan: { id: planId }, role: 'family', level: 'comment' }]);

    const again = await send(alex, 'POST', '/api/invitations/accept', { token: tokenOf(body!.link) });
    expect(again.status).toBe(410);
    expect(await errorId(again)).toBe('invitationUsed');
  });

  it('only someone who manages the circle may invite, list or withdraw', async () => {
    const { res } = await invite(megan, 'provider', 'view');
    expect(res.status).toBe(403);
    expect(await errorId(res)).toBe('notAllowed');
    expect((await send(alex, 'GET', `/api/plans/${planId}/invitations`)).status).toBe(403);
    expect((await send(null, 'POST', `/api/plans/${planId}/invitations`, { role: 'family', level: 'view' })).status).toBe(401);
  });

  it('a withdrawn invitation cannot be used, and the list shows what happened to each', async () => {
    const { body } = await invite(sam, 'socialWorker', 'edit');
    const { invitation } = body! as { invitation: { id: string } };
    expect((await send(sam, 'POST', `/api/plans/${planId}/invitations/${invitation.id}/withdraw`)).status).toBe(204);
    const refused = await send(alex, 'POST', '/api/invitations/accept', { token: tokenOf(body!.link) });
    expect(refused.status).toBe(410);
    expect(await errorId(refused)).toBe('invitationWithdrawn');
    const list = (await (await send(sam, 'GET', `/api/plans/${planId}/invitations`)).json()) as { invitations: { state: string }[] };
    expect(list.invitations.map((i) => i.state)).toEqual(['accepted', 'withdrawn']);
  });

  it('an unknown token, a malformed one, or accepting while signed out is refused with a clear answer', async () => {
    const unknown = await send(alex, 'POST', '/api/invitations/accept', { token: 'A'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(await errorId(unknown)).toBe('invitationNotFound');
    expect((await send(alex, 'POST', '/api/invitations/accept', { token: '../../etc' })).status).toBe(400);
    const { body } = await invite(sam, 'advocate', 'edit');
    expect((await send(null, 'POST', '/api/invitations/accept', { token: tokenOf(body!.link) })).status).toBe(401);
  });

  it('keeps only a hash of each link, and records who invited and who joined', async () => {
    const { body } = await invite(sam, 'provider', 'view');
    const text = await readFile(path.join(server.dataDir, 'circles.json'), 'utf8');
    expect(text).not.toContain(tokenOf(body!.link));
    const circle = (JSON.parse(text) as { circles: Record<string, { changes: { kind: string }[] }> }).circles[planId]!;
    expect(circle.changes.map((c) => c.kind)).toEqual([
      'memberAdded',
      'invitationCreated',
      'invitationAccepted',
      'invitationCreated',
      'invitationWithdrawn',
      'invitationCreated',
      'invitationCreated',
    ]);
  });

  it(`runs out after ${LIMITS.invitationLifetimeMs / 86_400_000} days`, async () => {
    const dir = await tempDir();
    const circles = await LowdbCircleStore.open(dir);
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    await addCreator(circles, id, 'owner', new Date());
    const made = new Date('2026-11-01T10:00:00Z');
    const { token } = await createInvitation(circles, id, 'owner', { role: 'family', level: 'edit' }, made);
    const later = new Date(made.getTime() + LIMITS.invitationLifetimeMs + 1);
    await expect(acceptInvitation(circles, token, 'someone', later)).rejects.toMatchObject({ id: 'invitationExpired' });
    expect(await acceptInvitation(circles, token, 'someone', new Date(made.getTime() + 1000))).toBe(id);
    await circles.close();
    await rm(dir, { recursive: true, force: true });
  });
});
