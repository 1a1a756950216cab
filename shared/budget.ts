// The personal budget in numbers (shared/PRODUCT.md, "The personal budget in numbers"): money is whole pence, never
// floating point; what people type ("£1,234.50", "45", "12.5") is read into pence or pointed out as not a sum of
// money; spending plan lines of any frequency are totalled per year and per week against the budget, with what is
// left or over. Pure functions, used by the browser (totals as you type), the server's checks and the exports.

/** How often a spending plan line costs its amount. */
export const FREQUENCIES = ['weekly', 'monthly', 'yearly', 'oneOff'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Weeks in a budget year, as councils count them. */
export const WEEKS_PER_YEAR = 52;

/** The largest sum any figure may hold: £10 million, far above any personal budget, and exact in a double. */
export const MAX_PENCE = 1_000_000_000;

export type MoneyReading = { ok: true; pence: number } | { ok: false; problem: MoneyProblem };
export type MoneyProblem = 'empty' | 'notANumber' | 'tooManyPence' | 'negative' | 'tooLarge';

/**
 * Reads a sum of money as a person types it: an optional £, digits with optional thousands commas (in the right
 * places), and up to two decimal places. "12.5" is £12.50. Anything else is a problem to point out, never a guess.
 */
export function parseMoney(input: string): MoneyReading {
  const text = input.trim().replace(/^£\s*/, '').replace(/\s+/g, '');
  if (text === '' || text === '£') return { ok: false, problem: 'empty' };
  if (text.startsWith('-') || text.startsWith('−')) return { ok: false, problem: 'negative' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === undefined && !match[2])) return { ok: false, problem: 'notANumber' };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return { ok: false, problem: 'tooManyPence' };
  const pounds = whole.replace(/,/g, '');
  if (pounds.length > 10) return { ok: false, problem: 'tooLarge' };
  const pence = Number(pounds) * 100 + Number(fraction.padEnd(2, '0'));
  if (pence > MAX_PENCE) return { ok: false, problem: 'tooLarge' };
  return { ok: true, pence };
}

/** Whether a stored figure is a sum this app can hold: whole pence, from nothing to MAX_PENCE. */
export const isPence = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_PENCE;

/** Pence as pounds for reading: "£1,234.50" ("£1,234" with `wholePounds` when there are no pence). */
export function formatMoney(pence: number, options: { wholePounds?: boolean; signed?: boolean } = {}): string {
  const sign = pence < 0 ? '−' : options.signed && pence > 0 ? '+' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  const rest = abs % 100;
  return `${sign}£${pounds}${options.wholePounds && rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/** What a line costs in a year: exact, in pence (a one-off cost falls in the year it is made). */
export function yearlyPence(amountPence: number, frequency: Frequency): number {
  switch (frequency) {
    case 'weekly':
      return amountPence * WEEKS_PER_YEAR;
    case 'monthly':
      return amountPence * 12;
    case 'yearly':
    case 'oneOff':
      return amountPence;
  }
}

/** A yearly sum spread over the weeks of the year, to the nearest penny (halves away from zero). */
export function weeklyFromYearly(yearly: number): number {
  return Math.sign(yearly) * Math.round(Math.abs(yearly) / WEEKS_PER_YEAR);
}

/** A spending plan line as the totals need it; a line whose cost is missing or not money counts as not costed. */
export interface CostedLine {
  amountPence: number | null;
  frequency: Frequency | null;
}

export interface BudgetTotals {
  /** The spending plan's cost per year and per week (lines that are not costed yet left out). */
  yearlyPence: number;
  weeklyPence: number;
  /** Lines without a usable amount or frequency (shown, so nobody thinks they are included). */
  uncostedLines: number;
  /** The budget the plan is measured against: the final budget, or the indicative one until there is a final one. */
  budgetYearlyPence: number | null;
  budgetSource: 'final' | 'indicative' | null;
  /** Budget less spending, per year and per week: positive is left, negative is over. Null with no budget. */
  leftYearlyPence: number | null;
  leftWeeklyPence: number | null;
  status: 'noBudget' | 'within' | 'exact' | 'over';
}

/**
 * Totals of a spending plan against the budget (budgets are yearly figures). Never throws: a line that cannot be
 * counted is counted as not costed, so one bad figure can never corrupt the totals.
 */
export function budgetTotals(lines: readonly CostedLine[], budget: { indicativeYearlyPence: number | null; finalYearlyPence: number | null }): BudgetTotals {
  let yearly = 0;
  let uncosted = 0;
  for (const line of lines) {
    if (line.amountPence === null || !isPence(line.amountPence) || line.frequency === null || !FREQUENCIES.includes(line.frequency)) {
      uncosted += 1;
      continue;
    }
    yearly += yearlyPence(line.amountPence, line.frequency);
  }
  const final = isPence(budget.finalYearlyPence) ? budget.finalYearlyPence : null;
  const indicative = isPence(budget.indicativeYearlyPence) ? budget.indicativeYearlyPence : null;
  const budgetYearly = final ?? indicative;
  const left = budgetYearly === null ? null : budgetYearly - yearly;
  return {
    yearlyPence: yearly,
    weeklyPence: weeklyFromYearly(yearly),
    uncostedLines: uncosted,
    budgetYearlyPence: budgetYearly,
    budgetSource: final !== null ? 'final' : indicative !== null ? 'indicative' : null,
    leftYearlyPence: left,
    leftWeeklyPence: left === null ? null : weeklyFromYearly(left),
    status: left === null ? 'noBudget' : left > 0 ? 'within' : left === 0 ? 'exact' : 'over',
  };
}
