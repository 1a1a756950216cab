// People for tests: real accounts and sessions in the server's own stores, made through the same named operations
// the REST routes call (no HTTP, so a test that needs fifty people is not slowed or rate-limited by sign-up).

import { randomBytes } from 'node:crypto';
import { signUp } from '../../server/accounts/accountOperations.js';
import { createInvitation, acceptInvitation } from '../../server/circle/circleOperations.js';
import type { CylchServer } from '../../server/cylchServer.js';
import { createPlan } from '../../server/plans/planOperations.js';
import type { Level } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import type { PlanMeta } from '../../shared/schemas.js';
import { SESSION_COOKIE } from '../../server/http/sessions.js';

type Stores = Pick<CylchServer, 'store' | 'accounts' | 'circles'>;

export interface TestMember {
  accountId: string;
  name: string;
  role: Role;
  level: Level;
  /** The session token, and the Cookie header that carries it. */
  token: string;
  cookie: string;
}

/** A new account (fictional name, unique email) with a signed-in session. */
export async function createTestAccount(server: Stores, name: string): Promise<Omit<TestMember, 'role' | 'level'>> {
  const email = `${name.toLowerCase().replace(/[^a-z]/g, '') || 'someone'}.${randomBytes(6).toString('hex')}@example.test`;
  const { account, session } = await signUp(server.accounts, { displayName: name, email, password: 'correct horse battery' });
  return { accountId: account.id, name, token: session.token, cookie: `${SESSION_COOKIE}=${session.token}` };
}

/** A plan started by a new account for themselves: `owner` is the person, with every right. */
export async function createTestPlan(
  server: Stores,
  jurisdiction: 'england' | 'wales' = 'england',
  ownerName = 'Rhian',
  options: { language?: 'en' | 'cy' } = {},
): Promise<PlanMeta & { owner: TestMember }> {
  const owner = await createTestAccount(server, ownerName);
  const meta = await createPlan(server.store, server.circles, owner.accountId, {
    jurisdiction,
    title: `Test plan for ${ownerName}`,
    language: options.language ?? 'en',
  });
  return { ...meta, owner: { ...owner, role: 'person', level: 'edit' } };
}

/** A new account that joins the plan's circle by an invitation from `inviter` (by default its owner). */
export async function addTestMember(
  server: Stores,
  plan: { id: string; owner: TestMember },
  who: { name: string; role: Role; level?: Level },
  inviter: TestMember = plan.owner,
): Promise<TestMember> {
  const level = who.level ?? 'edit';
  const account = await createTestAccount(server, who.name);
  const { token } = await createInvitation(server.circles, plan.id, inviter.accountId, { role: who.role, level });
  await acceptInvitation(server.circles, token, account.accountId);
  return { ...account, role: who.role, level };
}
