// Plans started by someone signed in are theirs: they are the plan's person, "My plans" lists it with their part,
// nobody else's list shows it, and the circle records who added whom.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myPlansAnswerSchema, planMetaSchema } from '../../shared/schemas.js';
import { startTestServer } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function signUp(baseUrl: string, name: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/account/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: name, email, password: 'a long enough secret' }),
  });
  expect(res.status).toBe(201);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('my plans', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const startPlan = (cookie: string, body: unknown) =>
    fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    }).then(async (res) => planMetaSchema.parse(await res.json()));
  const listFor = (cookie: string) =>
    fetch(`${server.url}/api/plans`, { headers: { cookie } }).then(async (res) => myPlansAnswerSchema.parse(await res.json()).plans);

  it('lists the plans I started, newest first, with me as the person; nobody else sees them', async () => {
    const rhys = await signUp(server.url, 'Rhys Jones', 'rhys@example.org');
    const megan = await signUp(server.url, 'Megan Jones', 'megan@example.org');
    const first = await startPlan(rhys, { jurisdiction: 'wales', title: 'Cynllun Rhys' });
    const second = await startPlan(rhys, { jurisdiction: 'england', title: 'Second plan' });
    // Someone signed out cannot start a plan at all (it would belong to nobody).
    const anonymous = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jurisdiction: 'england', title: 'Started without an account' }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { id: string } }).error.id).toBe('notSignedIn');
    expect(await readdir(path.join(server.dataDir, 'plans')), 'only the two plans Rhys started exist').toHaveLength(2);

    const mine = await listFor(rhys);
    expect(mine.map((p) => p.plan.id)).toEqual([second.id, first.id]);
    expect(mine[0]).toMatchObject({ role: 'person', level: 'edit', planManager: false });
    expect(await listFor(megan)).toEqual([]);
  });

  it('asks someone signed out to sign in', async () => {
    const res = await fetch(`${server.url}/api/plans`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('notSignedIn');
  });

  it('records who added whom, and when, in the circle', async () => {
    const circles = JSON.parse(await readFile(path.join(server.dataDir, 'circles.json'), 'utf8')) as {
      circles: Record<string, { members: { accountId: string }[]; changes: { kind: string; by: string; accountId: string; at: string }[] }>;
    };
    const entries = Object.values(circles.circles);
    expect(entries).toHaveLength(2);
    for (const circle of entries) {
      expect(circle.changes).toHaveLength(1);
      expect(circle.changes[0]).toMatchObject({ kind: 'memberAdded', by: circle.members[0]!.accountId, accountId: circle.members[0]!.accountId });
    }
  });

  it('will not start if the circles file is damaged, rather than leave every plan without its circle', async () => {
    const fresh = await startTestServer();
    const dir = fresh.dataDir;
    await fresh.close();
    await writeFile(path.join(dir, 'circles.json'), '{"schemaVersion":1,"circles":{"x":');
    await expect(startTestServer(dir)).rejects.toThrow(/circles\.json/);
    await rm(dir, { recursive: true, force: true });
  });
});
