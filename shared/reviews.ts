// When a plan should be reviewed (shared/PRODUCT.md, section 11; Care Act 2014 s27 and statutory guidance 13.32:
// a first "light-touch" review 6–8 weeks after the plan is agreed, then at least every 12 months; a direct payment
// reviewed within 6 months of the first payment). Suggestions only: every date stays editable. Dates are calendar
// days (YYYY-MM-DD), with no time of day or zone, so they mean the same day to everyone.

export interface ReviewSuggestions {
  /** The first review: the suggested day (6 weeks on), and the window it should fall in (6 to 8 weeks). */
  first: { suggested: string; earliest: string; latest: string };
  /** Then at least yearly: a year after the first review. */
  yearly: string;
  /** With a direct payment: within 6 months of the plan being agreed (null without one). */
  directPayment: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar day written as YYYY-MM-DD. */
export function isDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day;
}

const toDate = (day: string) => {
  if (!isDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return new Date(`${day}T00:00:00Z`);
};
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** Months later, on the same day of the month, or the month's last day if it has no such day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const date = toDate(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return toDay(target);
}

export function suggestReviews(agreedOn: string, hasDirectPayment: boolean): ReviewSuggestions {
  const suggested = addDays(agreedOn, 42);
  return {
    first: { suggested, earliest: suggested, latest: addDays(agreedOn, 56) },
    yearly: addMonths(suggested, 12),
    directPayment: hasDirectPayment ? addMonths(agreedOn, 6) : null,
  };
}

export type ReviewStatus = 'none' | 'upcoming' | 'dueSoon' | 'overdue';

/** Whether a review is due: overdue after its day, due soon within `soonDays` of it (today counts as due soon). */
export function reviewStatus(nextReview: string | null, today: string, soonDays = 28): ReviewStatus {
  if (nextReview === null || !isDay(nextReview)) return 'none';
  if (nextReview < today) return 'overdue';
  return nextReview <= addDays(today, soonDays) ? 'dueSoon' : 'upcoming';
}
