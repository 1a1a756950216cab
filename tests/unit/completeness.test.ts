// The legal checklist (shared/completeness.ts): England's Care Act s25(1)(a)–(f) and Wales's reg. 3, each item
// covered as its section is written or its figure given; direct-payment items only when there is a direct payment.

import { describe, expect, it } from 'vitest';
import { completeness, type PlanReading } from '../../shared/completeness.js';
import { readActions, readBudget, readManagement, readOutcomes, readReviews } from '../../shared/planData.js';
import { SECTION_IDS, type SectionId } from '../../shared/sections.js';

const nothing = Object.fromEntries(SECTION_IDS.map((id) => [id, false])) as Record<SectionId, boolean>;
const plan = (
  written: SectionId[] = [],
  budget: Record<string, unknown> = {},
  management: Record<string, unknown> = {},
  reviews: Record<string, unknown> = {},
  lists: { outcomes?: Record<string, unknown>; actions?: Record<string, unknown> } = {},
): PlanReading => ({
  written: { ...nothing, ...Object.fromEntries(written.map((id) => [id, true])) },
  budget: readBudget(budget),
  management: readManagement(management),
  reviews: readReviews(reviews),
  outcomes: readOutcomes(lists.outcomes ?? {}),
  actions: readActions(lists.actions ?? {}),
});
const covered = (items: ReturnType<typeof completeness>) => Object.fromEntries(items.map((i) => [i.id, i.covered]));

describe('what the law needs the plan to say', () => {
  it('England: s25(1)(a)–(f), each where it belongs, covered as it is written', () => {
    const empty = completeness(plan(), 'england');
    expect(empty.map((i) => [i.id, i.sectionId])).toEqual([
      ['needs', 'assessedNeeds'],
      ['eligibility', 'assessedNeeds'],
      ['needsToMeet', 'howNeedsMet'],
      ['outcomes', 'whatMatters'],
      ['personalBudget', 'personalBudget'],
      ['informationAdvice', 'informationAdvice'],
    ]);
    expect(empty.every((i) => !i.covered)).toBe(true);
    const some = completeness(plan(['assessedNeeds', 'whatMatters', 'personalBudget'], { howWorkedOut: 'words only' }), 'england');
    expect(covered(some)).toEqual({ needs: true, eligibility: true, needsToMeet: false, outcomes: true, personalBudget: false, informationAdvice: false });
    // The personal budget needs a figure: words about it are not the budget.
    expect(covered(completeness(plan([], { indicativePence: 1_500_000 }), 'england')).personalBudget).toBe(true);
    expect(covered(completeness(plan([], { indicativePence: -1 }), 'england')).personalBudget).toBe(false);
  });

  it('Wales: reg. 3 — eligible needs, personal outcomes, actions, monitoring and review', () => {
    const items = completeness(plan(['howNeedsMet', 'reviews']), 'wales');
    expect(items.map((i) => [i.id, i.sectionId, i.covered])).toEqual([
      ['eligibleNeeds', 'assessedNeeds', false],
      ['personalOutcomes', 'whatMatters', false],
      ['actions', 'howNeedsMet', true],
      ['monitoring', 'reviews', true],
      ['review', 'reviews', true],
    ]);
    // A review date set says when the plan is reviewed, even before anything is written about how.
    expect(covered(completeness(plan([], {}, {}, { firstReview: '2027-01-12' }), 'wales'))).toMatchObject({ review: true, monitoring: false });
    expect(covered(completeness(plan([], {}, {}, { firstReview: 'soon' }), 'wales')).review).toBe(false);
  });

  it('counts outcomes and actions listed one by one, as well as written as text', () => {
    const listed = plan([], {}, {}, {}, { outcomes: { list: [{ id: 'o1', text: 'See my brother every week' }] }, actions: { list: [{ id: 'a1', what: 'Book the bus pass' }] } });
    expect(covered(completeness(listed, 'england'))).toMatchObject({ outcomes: true, needsToMeet: true });
    expect(covered(completeness(listed, 'wales'))).toMatchObject({ personalOutcomes: true, actions: true });
    const blank = plan([], {}, {}, {}, { outcomes: { list: [{ id: 'o1', text: '  ' }] } });
    expect(covered(completeness(blank, 'england')).outcomes).toBe(false);
  });

  it('with a direct payment (in whole or in part), asks for the needs it meets, its amount and how often', () => {
    for (const jurisdiction of ['england', 'wales'] as const) {
      expect(completeness(plan([], {}, { how: 'councilManaged' }), jurisdiction).some((i) => i.id.startsWith('directPayment'))).toBe(false);
      const started = covered(completeness(plan([], {}, { how: 'mixed', directPaymentPence: 50000 }), jurisdiction));
      expect(started).toMatchObject({ directPaymentNeeds: false, directPaymentAmount: false }); // no frequency yet
      const done = covered(
        completeness(plan([], {}, { how: 'directPayment', directPaymentPence: 50000, directPaymentFrequency: 'monthly', directPaymentNeeds: 'Personal care in the mornings.' }), jurisdiction),
      );
      expect(done).toMatchObject({ directPaymentNeeds: true, directPaymentAmount: true });
    }
  });
});
