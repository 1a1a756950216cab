// can(): the rules of PRODUCT.md, role by role, level by level, section by section.

import { describe, expect, it } from 'vitest';
import { can, type Level, type Member, type PlanAccess } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import { SECTIONS, type SectionId } from '../../shared/sections.js';

const member = (role: Role, level: Level = 'edit', planManager = false): Member => ({ accountId: `${role}-${level}`, role, level, planManager });
const closed: PlanAccess = { openSections: new Set() };
const OWN_WORDS: SectionId[] = ['aboutMe', 'whatMatters', 'myLifeNow', 'stayingInControl'];
const CIRCLE: SectionId[] = ['howNeedsMet', 'personalBudget', 'budgetManagement', 'stayingSafe', 'informationAdvice', 'reviews', 'agreement'];

describe('can', () => {
  it('lets nobody outside the circle do anything', () => {
    for (const action of ['viewPlan', 'editSection', 'commentSection', 'manageCircle', 'exportPlan'] as const) {
      expect(can(null, action, closed, 'howNeedsMet')).toBe(false);
    }
  });

  it('the sections are exactly the person\'s own words, the assessed needs, and the rest', () => {
    expect(SECTIONS.filter((s) => s.defaultEditors === 'person').map((s) => s.id)).toEqual(OWN_WORDS);
    expect(SECTIONS.filter((s) => s.defaultEditors === 'socialWorker').map((s) => s.id)).toEqual(['assessedNeeds']);
    expect(SECTIONS.filter((s) => s.defaultEditors === 'circle').map((s) => s.id)).toEqual(CIRCLE);
    // Every section marked "person's own words: yes" in PRODUCT.md is the person's by default.
    for (const s of SECTIONS) if (s.ownWords === 'yes') expect(s.defaultEditors).toBe('person');
  });

  it('the person, and a plan manager acting for them, may edit every section and manage the circle', () => {
    for (const who of [member('person'), member('advocate', 'edit', true), member('family', 'edit', true)]) {
      for (const s of SECTIONS) expect(can(who, 'editSection', closed, s.id)).toBe(true);
      expect(can(who, 'manageCircle', closed)).toBe(true);
      expect(can(who, 'changeSectionRights', closed)).toBe(true);
    }
  });

  it('others with edit rights may edit the shared sections but not the person\'s own words', () => {
    for (const role of ['family', 'socialWorker', 'advocate', 'provider'] as const) {
      const who = member(role);
      for (const id of CIRCLE) expect(can(who, 'editSection', closed, id), `${role} ${id}`).toBe(true);
      for (const id of OWN_WORDS) expect(can(who, 'editSection', closed, id), `${role} ${id}`).toBe(false);
      expect(can(who, 'commentSection', closed, 'aboutMe')).toBe(true);
      expect(can(who, 'manageCircle', closed)).toBe(false);
    }
  });

  it('assessed needs are written by social workers by default', () => {
    expect(can(member('socialWorker'), 'editSection', closed, 'assessedNeeds')).toBe(true);
    for (const role of ['family', 'advocate', 'provider'] as const) {
      expect(can(member(role), 'editSection', closed, 'assessedNeeds')).toBe(false);
    }
  });

  it('a section the person opens may be edited by everyone with edit rights, and only them', () => {
    const opened: PlanAccess = { openSections: new Set<SectionId>(['aboutMe', 'assessedNeeds']) };
    expect(can(member('family'), 'editSection', opened, 'aboutMe')).toBe(true);
    expect(can(member('provider'), 'editSection', opened, 'assessedNeeds')).toBe(true);
    expect(can(member('family'), 'editSection', opened, 'whatMatters')).toBe(false);
    expect(can(member('family', 'comment'), 'editSection', opened, 'aboutMe')).toBe(false);
  });

  it('levels cap everything: comment may comment, view may only look (and agree, and take a copy)', () => {
    const commenter = member('family', 'comment');
    const viewer = member('provider', 'view');
    for (const id of CIRCLE) {
      expect(can(commenter, 'editSection', closed, id)).toBe(false);
      expect(can(viewer, 'editSection', closed, id)).toBe(false);
    }
    expect(can(commenter, 'commentSection', closed, 'howNeedsMet')).toBe(true);
    expect(can(viewer, 'commentSection', closed, 'howNeedsMet')).toBe(false);
    for (const who of [commenter, viewer]) {
      expect(can(who, 'viewPlan', closed)).toBe(true);
      expect(can(who, 'recordAgreement', closed)).toBe(true);
      expect(can(who, 'exportPlan', closed)).toBe(true);
    }
    // A plan manager whose level was lowered no longer manages the circle.
    expect(can(member('advocate', 'comment', true), 'manageCircle', closed)).toBe(false);
  });

  it('members who may comment may run a meeting (start it, write decisions, capture actions); viewers only join and follow', () => {
    for (const role of ['person', 'family', 'socialWorker', 'advocate', 'provider'] as const) {
      expect(can(member(role, 'edit'), 'runMeeting', closed)).toBe(true);
      expect(can(member(role, 'comment'), 'runMeeting', closed)).toBe(true);
      expect(can(member(role, 'view'), 'runMeeting', closed)).toBe(false);
    }
    expect(can(null, 'runMeeting', closed)).toBe(false);
  });

  it('only a social worker records the council\'s sign-off', () => {
    expect(can(member('socialWorker'), 'recordCouncilSignOff', closed)).toBe(true);
    for (const role of ['person', 'family', 'advocate', 'provider'] as const) {
      expect(can(member(role), 'recordCouncilSignOff', closed)).toBe(false);
    }
  });

  it('needs a section to say whether someone may edit', () => {
    expect(can(member('person'), 'editSection', closed)).toBe(false);
  });
});
