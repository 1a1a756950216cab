// People for a server running in another process (tests/helpers/childServer.ts), made as a browser makes them:
// over the server's own REST API (sign up, start a plan, invite, accept). The same shapes as tests/helpers/members.ts.
// Each sign-up counts against the server's per-address limit (LIMITS.maxAccountsCreatedPerWindow): a few people only.

import { randomBytes } from 'node:crypto';
import type { Level } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import { accountSchema, planMetaSchema, type PlanMeta } from '../../shared/schemas.js';
import { SESSION_COOKIE } from '../../server/http/sessions.js';
import type { TestMember } from './members.js';

async function post(baseUrl: string, route: string, body: unknown, cookie?: string): Promise<Response> {
  const res = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${route} failed: ${res.status} ${await res.text()}`);
  return res;
}

/** A new account (fictional name, unique email), signed in: its session is the cookie the server set. */
export async function signUpOverHttp(baseUrl: string, name: string): Promise<Omit<TestMember, 'role' | 'level'>> {
  const email = `${name.toLowerCase().replace(/[^a-z]/g, '') || 'someone'}.${randomBytes(6).toString('hex')}@example.test`;
  const res = await post(baseUrl, '/api/account/sign-up', { displayName: name, email, password: 'correct horse battery' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`sign-up set no session cookie: ${cookie}`);
  const { account } = (await res.json()) as { account: unknown };
  return { accountId: accountSchema.parse(account).id, name, token: cookie.slice(SESSION_COOKIE.length + 1), cookie };
}

/** A plan started by a new account for themselves: `owner` is the person, with every right. */
export async function createPlanOverHttp(
  baseUrl: string,
  jurisdiction: 'england' | 'wales' = 'england',
  ownerName = 'Rhian',
): Promise<PlanMeta & { owner: TestMember }> {
  const owner = await signUpOverHttp(baseUrl, ownerName);
  const res = await post(baseUrl, '/api/plans', { jurisdiction, title: `Test plan for ${ownerName}`, language: 'en' }, owner.cookie);
  const meta = planMetaSchema.parse(await res.json());
  return { ...meta, owner: { ...owner, role: 'person', level: 'edit' } };
}

/** A new account that joins the plan's circle by an invitation link from its owner. */
export async function addMemberOverHttp(
  baseUrl: string,
  plan: { id: string; owner: TestMember },
  who: { name: string; role: Role; level?: Level },
): Promise<TestMember> {
  const level = who.level ?? 'edit';
  const account = await signUpOverHttp(baseUrl, who.name);
  const invited = await post(baseUrl, `/api/plans/${plan.id}/invitations`, { role: who.role, level }, plan.owner.cookie);
  const { link } = (await invited.json()) as { link: string };
  await post(baseUrl, '/api/invitations/accept', { token: link.split('/').at(-1) }, account.cookie);
  return { ...account, role: who.role, level };
}
