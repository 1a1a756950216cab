// What the law needs a care and support plan to say, for the plan's jurisdiction, and whether the plan says it yet
// (shared/PRODUCT.md, "The plan"). England: Care Act 2014 s25(1)(a)–(f), and with a direct payment s25(1)(e) with
// the Care and Support (Direct Payments) Regulations 2014 (the needs it meets, its amount and how often). Wales: the
// Care and Support (Care Planning) (Wales) Regulations 2015, reg. 3. A pure function, used by the browser's checklist
// and the exports. It never blocks anyone from writing: it only shows what is still to be said, and where.
//
// "Covered" means something is written where it belongs (or a figure is given); whether what is written is enough is
// for the people writing it, not for a checklist.

import type { Jurisdiction } from './jurisdictions.js';
import { dueReview, type Action, type Budget, type BudgetManagement, type Outcome, type ReviewDates } from './planData.js';
import type { SectionId } from './sections.js';

export const CHECK_ITEMS = {
  england: ['needs', 'eligibility', 'needsToMeet', 'outcomes', 'personalBudget', 'informationAdvice', 'directPaymentNeeds', 'directPaymentAmount'],
  wales: ['eligibleNeeds', 'personalOutcomes', 'actions', 'monitoring', 'review', 'directPaymentNeeds', 'directPaymentAmount'],
} as const satisfies Record<Jurisdiction, readonly string[]>;

export type CheckItemId = (typeof CHECK_ITEMS)[Jurisdiction][number];

export interface CheckItem {
  id: CheckItemId;
  /** Where it is written: the section to go to. */
  sectionId: SectionId;
  covered: boolean;
}

/** What the checklist needs to know of a plan. */
export interface PlanReading {
  /** Whether each section has any words in it. */
  written: Readonly<Record<SectionId, boolean>>;
  budget: Budget;
  management: BudgetManagement;
  reviews: ReviewDates;
  outcomes: Outcome[];
  actions: Action[];
}

/** Whether the plan involves a direct payment (in whole or in part): then the law asks for its details. */
export const hasDirectPayment = (management: BudgetManagement) => management.how === 'directPayment' || management.how === 'mixed';

/** The checklist for the plan's jurisdiction, in the order the law gives it; direct-payment items only with one. */
export function completeness(plan: PlanReading, jurisdiction: Jurisdiction): CheckItem[] {
  const { written, budget, management, reviews } = plan;
  // Outcomes and actions count whether written as text or listed one by one.
  const outcomes = written.whatMatters || plan.outcomes.some((o) => o.text.trim() !== '');
  const actions = written.howNeedsMet || plan.actions.some((a) => a.what.trim() !== '');
  const item = (id: CheckItemId, sectionId: SectionId, covered: boolean): CheckItem => ({ id, sectionId, covered });
  const directPayment = hasDirectPayment(management)
    ? [
        item('directPaymentNeeds', 'budgetManagement', management.directPaymentNeeds.trim() !== ''),
        item('directPaymentAmount', 'budgetManagement', management.directPaymentPence !== null && management.directPaymentFrequency !== null),
      ]
    : [];
  if (jurisdiction === 'england') {
    return [
      item('needs', 'assessedNeeds', written.assessedNeeds),
      item('eligibility', 'assessedNeeds', written.assessedNeeds),
      item('needsToMeet', 'howNeedsMet', actions),
      item('outcomes', 'whatMatters', outcomes),
      item('personalBudget', 'personalBudget', budget.finalPence !== null || budget.indicativePence !== null),
      item('informationAdvice', 'informationAdvice', written.informationAdvice),
      ...directPayment,
    ];
  }
  return [
    item('eligibleNeeds', 'assessedNeeds', written.assessedNeeds),
    item('personalOutcomes', 'whatMatters', outcomes),
    item('actions', 'howNeedsMet', actions),
    item('monitoring', 'reviews', written.reviews),
    item('review', 'reviews', written.reviews || dueReview(reviews) !== null),
    ...directPayment,
  ];
}
