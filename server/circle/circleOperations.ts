// Named operations on a plan's circle: who is in it, and invitations to join. Each checks can() and records who
// did what, and when, in the circle's record of changes.

import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../shared/limits.js';
import { can, type CircleMember } from '../../shared/permissions.js';
import type { CreateInvitationBody, Invitation } from '../../shared/schemas.js';
import { hashToken } from '../accounts/accountOperations.js';
import { errors } from '../errors.js';
import type { CircleStore, StoredCircle, StoredInvitation } from '../storage/types.js';

const memberOf = (circle: StoredCircle, accountId: string) => circle.members.find((m) => m.accountId === accountId) ?? null;
const access = (circle: StoredCircle) => ({ openSections: new Set(circle.openSections) });

function requireManager(circle: StoredCircle, accountId: string): void {
  if (!can(memberOf(circle, accountId), 'manageCircle', access(circle))) throw errors.notAllowed();
}

function stateOf(invitation: StoredInvitation, now: Date): Invitation['state'] {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.withdrawnAt) return 'withdrawn';
  return invitation.expiresAt <= now.toISOString() ? 'expired' : 'open';
}

export function presentInvitation(invitation: StoredInvitation, now = new Date()): Invitation {
  const { id, role, level, createdAt, expiresAt } = invitation;
  return { id, role, level, createdAt, expiresAt, state: stateOf(invitation, now) };
}

/** The person who starts a plan for themselves: its owner, with every right. */
export function addOwner(circles: CircleStore, planId: string, accountId: string, at: string): Promise<void> {
  const member: CircleMember = { accountId, role: 'person', level: 'edit', planManager: false, addedAt: at, addedBy: accountId };
  return circles.update(planId, (circle) => {
    circle.members.push(member);
    circle.changes.push({ at, by: accountId, kind: 'memberAdded', accountId, role: member.role, level: member.level });
  });
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
  const stored: StoredInvitation = {
    id: randomBytes(9).toString('base64url'),
    tokenHash: hashToken(token),
    role: body.role,
    level: body.level,
    createdBy: byAccountId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LIMITS.invitationLifetimeMs).toISOString(),
  };
  await circles.update(planId, (circle) => {
    requireManager(circle, byAccountId);
    circle.invitations.push(stored);
    circle.changes.push({ at: stored.createdAt, by: byAccountId, kind: 'invitationCreated', invitationId: stored.id, role: body.role, level: body.level });
  });
  return { invitation: presentInvitation(stored, now), token };
}

export async function listInvitations(circles: CircleStore, planId: string, byAccountId: string, now = new Date()): Promise<Invitation[]> {
  const circle = await circles.getCircle(planId);
  requireManager(circle, byAccountId);
  return circle.invitations.map((i) => presentInvitation(i, now));
}

export function withdrawInvitation(circles: CircleStore, planId: string, byAccountId: string, invitationId: string, now = new Date()): Promise<void> {
  return circles.update(planId, (circle) => {
    requireManager(circle, byAccountId);
    const invitation = circle.invitations.find((i) => i.id === invitationId);
    if (!invitation) throw errors.invitationNotFound();
    if (stateOf(invitation, now) !== 'open') throw stateError(invitation, now);
    invitation.withdrawnAt = now.toISOString();
    invitation.withdrawnBy = byAccountId;
    circle.changes.push({ at: invitation.withdrawnAt, by: byAccountId, kind: 'invitationWithdrawn', invitationId });
  });
}

/** Join a circle with an invitation link: once, before it runs out, unless it was withdrawn. Returns the plan id. */
export async function acceptInvitation(circles: CircleStore, token: string, accountId: string, now = new Date()): Promise<string> {
  const found = await circles.findInvitation(hashToken(token));
  if (!found) throw errors.invitationNotFound();
  await circles.update(found.planId, (circle) => {
    const invitation = circle.invitations.find((i) => i.id === found.invitation.id)!;
    if (stateOf(invitation, now) !== 'open') throw stateError(invitation, now);
    if (memberOf(circle, accountId)) throw errors.alreadyInCircle();
    const at = now.toISOString();
    invitation.acceptedAt = at;
    invitation.acceptedBy = accountId;
    circle.members.push({ accountId, role: invitation.role, level: invitation.level, planManager: false, addedAt: at, addedBy: invitation.createdBy });
    circle.changes.push({ at, by: accountId, kind: 'invitationAccepted', invitationId: invitation.id, accountId, role: invitation.role, level: invitation.level });
  });
  return found.planId;
}

function stateError(invitation: StoredInvitation, now: Date) {
  const state = stateOf(invitation, now);
  return state === 'accepted' ? errors.invitationUsed() : state === 'withdrawn' ? errors.invitationWithdrawn() : errors.invitationExpired();
}
