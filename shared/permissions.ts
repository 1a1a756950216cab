// Who may do what in a plan: the one module that decides (STYLE habit 5). The server enforces it for REST and live
// sync alike; the browser uses the same rules only to show what someone can do, never to enforce them.
// Rules from PRODUCT.md: the plan belongs to the person; their own-words sections are theirs (and their plan
// manager's) unless they open them; professional sections default to social workers; levels cap everything.

import type { Role } from './roles.js';
import { sectionDefinition, type SectionId } from './sections.js';

export const LEVELS = ['edit', 'comment', 'view'] as const;
export type Level = (typeof LEVELS)[number];

export interface Member {
  accountId: string;
  role: Role;
  level: Level;
  /** Acts for the person (chosen by them, or an attorney, deputy or advocate); their acts are "on behalf of". */
  planManager: boolean;
}

export interface PlanAccess {
  /** Sections the person has opened to everyone in the circle with edit rights. */
  openSections: ReadonlySet<SectionId>;
}

export type Action =
  | 'viewPlan'
  | 'editSection'
  | 'commentSection'
  | 'manageCircle'
  | 'changeSectionRights'
  | 'recordAgreement'
  | 'recordCouncilSignOff'
  | 'saveVersion'
  | 'exportPlan'
  | 'suggestChange'
  | 'decideSuggestion'
  /** Start a meeting, write its decisions, capture its actions (joining one is open to every member). */
  | 'runMeeting';

/** Whether this member acts with the person's authority: the person, or the plan manager they named. */
export const actsForPerson = (member: Member) => member.role === 'person' || member.planManager;

/**
 * May `member` do `action` in the plan (in `sectionId`, for section actions)? `null` is anyone not in the circle
 * (never signed in, never invited, or removed): they may do nothing at all.
 */
export function can(member: Member | null, action: Action, plan: PlanAccess, sectionId?: SectionId): boolean {
  if (member === null) return false;
  switch (action) {
    case 'viewPlan':
    case 'exportPlan':
    case 'recordAgreement':
      return true;
    case 'commentSection':
    case 'suggestChange':
    case 'saveVersion':
    case 'runMeeting':
      return member.level !== 'view';
    // The person decides what goes into their plan (or the plan manager they named).
    case 'decideSuggestion':
    case 'manageCircle':
    case 'changeSectionRights':
      return actsForPerson(member) && member.level === 'edit';
    case 'recordCouncilSignOff':
      return member.role === 'socialWorker' && member.level === 'edit';
    case 'editSection': {
      if (member.level !== 'edit' || sectionId === undefined) return false;
      if (actsForPerson(member) || plan.openSections.has(sectionId)) return true;
      const editors = sectionDefinition(sectionId).defaultEditors;
      return editors === 'circle' || (editors === 'socialWorker' && member.role === 'socialWorker');
    }
  }
}

/** A member as the circle records them. */
export interface CircleMember extends Member {
  addedAt: string;
  /** Account that added them (themselves, when they started the plan). */
  addedBy: string;
}
