// Named operations on a plan's circle: who is in it, with which rights, and invitations to join. Each checks can()
// and records who did what, and when (and whether they acted on the person's behalf), in the circle's record of
// changes. Callers tell live connections about a change through AccessEvents (server/accessEvents.ts).

import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../shared/limits.js';
import { actsForPerson, can, type CircleMember, type Member } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import type { Access, ChangeMemberBody, CircleAnswer, CreateInvitationBody, Invitation } from '../../shared/schemas.js';
import type { SectionId } from '../../shared/sections.js';
import { hashToken } from '../accounts/accountOperations.js';
import { errors } from '../errors.js';
import type { AccountStore, CircleChange, CircleStore, StoredCircle, StoredInvitation } from '../storage/types.js';

export const memberOf = (circle: StoredCircle, accountId: string): CircleMember | null =>
  circle.members.find((m) => m.accountId === accountId) ?? null;
export const planAccessOf = (circle: StoredCircle) => ({ openSections: new Set(circle.openSections) });

/** The member, if they may see the plan at all (`can(…, 'viewPlan')`), or notInCircle. */
export function requireMember(circle: StoredCircle, accountId: string): CircleMember {
  const member = memberOf(circle, accountId);
  if (!member || !can(member, 'viewPlan', planAccessOf(circle))) throw errors.notInCircle();
  return member;
}

function requireRight(circle: StoredCircle, accountId: string, action: 'manageCircle' | 'changeSectionRights'): CircleMember {
  const member = requireMember(circle, accountId);
  if (!can(member, action, planAccessOf(circle))) throw errors.notAllowed();
  return member;
}

/** Acts of a plan manager who is not the person are recorded as done on the person's behalf. */
const onBehalf = (actor: Member) => (actor.role !== 'person' && actor.planManager ? { onBehalf: true } : {});

const record = (circle: StoredCircle, change: CircleChange) => void circle.changes.push(change);

/** Whether the plan was started for someone who has not yet joined (no person in the circle). */
const awaitingPerson = (circle: StoredCircle) => !circle.members.some((m) => m.role === 'person');

function stateOf(invitation: StoredInvitation, now: Date): Invitation['state'] {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.withdrawnAt) return 'withdrawn';
  return invitation.expiresAt <= now.toISOString() ? 'expired' : 'open';
}

export function presentInvitation(invitation: StoredInvitation, now = new Date()): Invitation {
  const { id, role, level, createdAt, expiresAt } = invitation;
  return { id, role, level, createdAt, expiresAt, state: stateOf(invitation, now) };
}

/** What one member may do, as the browser is told (REST and the live connection). */
export function accessOf(circle: StoredCircle, member: CircleMember, displayName: string): Access {
  return {
    accountId: member.accountId,
    displayName,
    role: member.role,
    level: member.level,
    planManager: member.planManager,
    openSections: [...circle.openSections],
    awaitingPerson: awaitingPerson(circle),
  };
}

/**
 * The first member of a new plan. Someone starting a plan for themselves is its person. A social worker or advocate
 * starting it for someone else joins as interim plan manager, and an invitation is made for the person (returned
 * once, as a token): when the person accepts it they own the plan and the interim plan manager steps down.
 */
export async function addCreator(
  circles: CircleStore,
  planId: string,
  accountId: string,
  at: Date,
  forSomeoneElse?: { myRole: Extract<Role, 'socialWorker' | 'advocate'> },
): Promise<{ personInvitationToken?: string }> {
  const iso = at.toISOString();
  const member: CircleMember = {
    accountId,
    role: forSomeoneElse?.myRole ?? 'person',
    level: 'edit',
    planManager: forSomeoneElse !== undefined,
    addedAt: iso,
    addedBy: accountId,
  };
  const token = forSomeoneElse ? randomBytes(32).toString('base64url') : undefined;
  await circles.update(planId, (circle) => {
    circle.members.push(member);
    record(circle, { at: iso, by: accountId, kind: 'memberAdded', accountId, role: member.role, level: member.level });
    if (token) {
      const invitation = newInvitation(token, accountId, { role: 'person', level: 'edit' }, at);
      circle.invitations.push(invitation);
      record(circle, { at: iso, by: accountId, ...onBehalf(member), kind: 'invitationCreated', invitationId: invitation.id, role: 'person', level: 'edit' });
    }
  });
  return token ? { personInvitationToken: token } : {};
}

function newInvitation(token: string, createdBy: string, body: CreateInvitationBody, now: Date): StoredInvitation {
  return {
    id: randomBytes(9).toString('base64url'),
    tokenHash: hashToken(token),
    role: body.role,
    level: body.level,
    createdBy,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LIMITS.invitationLifetimeMs).toISOString(),
  };
}

/** A single-use link to join the circle with a role and level. The token is returned once and stored only hashed. */
export async function createInvitation(
  circles: CircleStore,
  planId: string,
  byAccountId: string,
  body: CreateInvitationBody,
  now = new Date(),
): Promise<{ invitation: Invitation; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const stored = newInvitation(token, byAccountId, body, now);
  await circles.update(planId, (circle) => {
    const actor = requireRight(circle, byAccountId, 'manageCircle');
    // A plan is one person's: a second "person" cannot be invited.
    if (body.role === 'person' && !awaitingPerson(circle)) throw errors.notAllowed();
    circle.invitations.push(stored);
    record(circle, { at: stored.createdAt, by: byAccountId, ...onBehalf(actor), kind: 'invitationCreated', invitationId: stored.id, role: body.role, level: body.level });
  });
  return { invitation: presentInvitation(stored, now), token };
}

export async function listInvitations(circles: CircleStore, planId: string, byAccountId: string, now = new Date()): Promise<Invitation[]> {
  const circle = await circles.getCircle(planId);
  requireRight(circle, byAccountId, 'manageCircle');
  return circle.invitations.map((i) => presentInvitation(i, now));
}

export function withdrawInvitation(circles: CircleStore, planId: string, byAccountId: string, invitationId: string, now = new Date()): Promise<void> {
  return circles.update(planId, (circle) => {
    const actor = requireRight(circle, byAccountId, 'manageCircle');
    const invitation = circle.invitations.find((i) => i.id === invitationId);
    if (!invitation) throw errors.invitationNotFound();
    if (stateOf(invitation, now) !== 'open') throw stateError(invitation, now);
    invitation.withdrawnAt = now.toISOString();
    invitation.withdrawnBy = byAccountId;
    record(circle, { at: invitation.withdrawnAt, by: byAccountId, ...onBehalf(actor), kind: 'invitationWithdrawn', invitationId });
  });
}

/**
 * Join a circle with an invitation link: once, before it runs out, unless it was withdrawn. Returns the plan id.
 * The person joining a plan started for them takes it over: interim plan managers step down (the person can name
 * them again).
 */
export async function acceptInvitation(circles: CircleStore, token: string, accountId: string, now = new Date()): Promise<string> {
  const found = await circles.findInvitation(hashToken(token));
  if (!found) throw errors.invitationNotFound();
  await circles.update(found.planId, (circle) => {
    const invitation = circle.invitations.find((i) => i.id === found.invitation.id)!;
    if (stateOf(invitation, now) !== 'open') throw stateError(invitation, now);
    if (memberOf(circle, accountId)) throw errors.alreadyInCircle();
    if (invitation.role === 'person' && !awaitingPerson(circle)) throw errors.invitationUsed();
    const at = now.toISOString();
    invitation.acceptedAt = at;
    invitation.acceptedBy = accountId;
    circle.members.push({ accountId, role: invitation.role, level: invitation.level, planManager: false, addedAt: at, addedBy: invitation.createdBy });
    record(circle, { at, by: accountId, kind: 'invitationAccepted', invitationId: invitation.id, accountId, role: invitation.role, level: invitation.level });
    if (invitation.role === 'person') {
      for (const m of circle.members.filter((m) => m.planManager)) {
        m.planManager = false;
        record(circle, { at, by: accountId, kind: 'planManagerEnded', accountId: m.accountId });
      }
    }
  });
  return found.planId;
}

function stateError(invitation: StoredInvitation, now: Date) {
  const state = stateOf(invitation, now);
  return state === 'accepted' ? errors.invitationUsed() : state === 'withdrawn' ? errors.invitationWithdrawn() : errors.invitationExpired();
}

/** Whether anyone left in the circle could still manage it. */
const someoneManages = (circle: StoredCircle) => circle.members.some((m) => can(m, 'manageCircle', planAccessOf(circle)));

/**
 * Change a member's level, or name or stop a plan manager. The person's own rights cannot be changed, and a change
 * that would leave nobody able to manage the circle is refused.
 */
export function changeMember(circles: CircleStore, planId: string, byAccountId: string, targetId: string, body: ChangeMemberBody, now = new Date()): Promise<void> {
  return circles.update(planId, (circle) => {
    const actor = requireRight(circle, byAccountId, 'manageCircle');
    const target = memberOf(circle, targetId);
    if (!target) throw errors.memberNotFound();
    if (target.role === 'person') throw errors.cannotChangePerson();
    const at = now.toISOString();
    if (body.level !== undefined && body.level !== target.level) {
      target.level = body.level;
      record(circle, { at, by: byAccountId, ...onBehalf(actor), kind: 'levelChanged', accountId: targetId, level: body.level });
    }
    if (body.planManager !== undefined && body.planManager !== target.planManager) {
      target.planManager = body.planManager;
      record(circle, { at, by: byAccountId, ...onBehalf(actor), kind: body.planManager ? 'planManagerNamed' : 'planManagerEnded', accountId: targetId });
    }
    if (!someoneManages(circle)) throw errors.lastManager();
  });
}

/** Remove someone from the circle (not the person; not the last one able to manage it). */
export function removeMember(circles: CircleStore, planId: string, byAccountId: string, targetId: string, now = new Date()): Promise<void> {
  return circles.update(planId, (circle) => {
    const actor = requireRight(circle, byAccountId, 'manageCircle');
    const target = memberOf(circle, targetId);
    if (!target) throw errors.memberNotFound();
    if (target.role === 'person') throw errors.cannotChangePerson();
    circle.members = circle.members.filter((m) => m !== target);
    if (!someoneManages(circle)) throw errors.lastManager();
    record(circle, { at: now.toISOString(), by: byAccountId, ...onBehalf(actor), kind: 'memberRemoved', accountId: targetId, role: target.role });
  });
}

/** The person (or their plan manager) opens a section to everyone in the circle with edit rights, or closes it. */
export function setSectionOpen(circles: CircleStore, planId: string, byAccountId: string, sectionId: SectionId, open: boolean, now = new Date()): Promise<void> {
  return circles.update(planId, (circle) => {
    const actor = requireRight(circle, byAccountId, 'changeSectionRights');
    const isOpen = circle.openSections.includes(sectionId);
    if (isOpen === open) return;
    circle.openSections = open ? [...circle.openSections, sectionId] : circle.openSections.filter((s) => s !== sectionId);
    record(circle, { at: now.toISOString(), by: byAccountId, ...onBehalf(actor), kind: open ? 'sectionOpened' : 'sectionClosed', sectionId });
  });
}

/** The circle as a member sees it: themselves, and everyone in it with their role and rights. */
export async function circleView(circles: CircleStore, accounts: AccountStore, planId: string, accountId: string): Promise<CircleAnswer> {
  const circle = await circles.getCircle(planId);
  const me = requireMember(circle, accountId);
  const nameOf = async (id: string) => (await accounts.getAccount(id))?.displayName ?? '';
  const members = await Promise.all(
    circle.members.map(async (m) => ({
      accountId: m.accountId,
      displayName: await nameOf(m.accountId),
      role: m.role,
      level: m.level,
      planManager: m.planManager,
      addedAt: m.addedAt,
    })),
  );
  // The person first, then plan managers, then everyone else in the order they joined.
  const rank = (m: Member) => (m.role === 'person' ? 0 : actsForPerson(m) ? 1 : 2);
  members.sort((a, b) => rank(a) - rank(b) || a.addedAt.localeCompare(b.addedAt));
  return { me: accessOf(circle, me, await nameOf(accountId)), members };
}
