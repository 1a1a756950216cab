// Budget arithmetic (shared/budget.ts): money as typed → whole pence, frequencies → per year and per week, totals
// against the budget with what is left or over, and bad figures that never corrupt the totals.

import { describe, expect, it } from 'vitest';
import { budgetTotals, formatMoney, isPence, MAX_PENCE, parseMoney, weeklyFromYearly, yearlyPence } from '../../shared/budget.js';

describe('reading money as people type it', () => {
  it('reads pounds and pence into whole pence', () => {
    expect(parseMoney('£1,234.50')).toEqual({ ok: true, pence: 123450 });
    expect(parseMoney('45')).toEqual({ ok: true, pence: 4500 });
    expect(parseMoney(' £ 12.5 ')).toEqual({ ok: true, pence: 1250 });
    expect(parseMoney('0.07')).toEqual({ ok: true, pence: 7 });
    expect(parseMoney('.5')).toEqual({ ok: true, pence: 50 });
    expect(parseMoney('12.')).toEqual({ ok: true, pence: 1200 });
    expect(parseMoney('1234567')).toEqual({ ok: true, pence: 123456700 });
    // 0.1 + 0.2 style sums are exact: no floating point on the way in.
    expect(parseMoney('19.99')).toEqual({ ok: true, pence: 1999 });
    expect(parseMoney('10,000,000')).toEqual({ ok: true, pence: MAX_PENCE });
  });

  it('points out what is not a sum of money rather than guessing', () => {
    expect(parseMoney('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseMoney('£')).toEqual({ ok: false, problem: 'empty' });
    expect(parseMoney('-5')).toEqual({ ok: false, problem: 'negative' });
    expect(parseMoney('12.345')).toEqual({ ok: false, problem: 'tooManyPence' });
    expect(parseMoney('ten pounds')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMoney('1,23')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMoney('1.2.3')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMoney('1e5')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMoney('.')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMoney('10,000,000.01')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseMoney('99999999999999999999')).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('shows pence as pounds', () => {
    expect(formatMoney(123450)).toBe('£1,234.50');
    expect(formatMoney(7)).toBe('£0.07');
    expect(formatMoney(120000, { wholePounds: true })).toBe('£1,200');
    expect(formatMoney(120050, { wholePounds: true })).toBe('£1,200.50');
    expect(formatMoney(-2550)).toBe('−£25.50');
    expect(formatMoney(2550, { signed: true })).toBe('+£25.50');
    expect(isPence(12.5)).toBe(false);
    expect(isPence(-1)).toBe(false);
    expect(isPence(MAX_PENCE + 1)).toBe(false);
    expect(isPence('100')).toBe(false);
  });
});

describe('totals of a spending plan', () => {
  it('turns each frequency into a yearly cost, exactly', () => {
    expect(yearlyPence(4500, 'weekly')).toBe(234000);
    expect(yearlyPence(10000, 'monthly')).toBe(120000);
    expect(yearlyPence(52000, 'yearly')).toBe(52000);
    expect(yearlyPence(30000, 'oneOff')).toBe(30000);
    expect(weeklyFromYearly(120000)).toBe(2308); // £1,200 a year is £23.08 a week (23.0769…)
    expect(weeklyFromYearly(-120000)).toBe(-2308);
    expect(weeklyFromYearly(26)).toBe(1); // half a penny rounds away from zero
  });

  it('totals per year and per week against the final budget, or the indicative one until there is a final one', () => {
    const lines = [
      { amountPence: 4500, frequency: 'weekly' as const }, // PA, £45 a week: £2,340 a year
      { amountPence: 10000, frequency: 'monthly' as const }, // day centre: £1,200 a year
      { amountPence: 30000, frequency: 'oneOff' as const }, // a riser chair: £300
    ];
    const indicative = budgetTotals(lines, { indicativeYearlyPence: 400000, finalYearlyPence: null });
    expect(indicative).toEqual({
      yearlyPence: 384000,
      weeklyPence: 7385,
      uncostedLines: 0,
      budgetYearlyPence: 400000,
      budgetSource: 'indicative',
      leftYearlyPence: 16000,
      leftWeeklyPence: 308,
      status: 'within',
    });
    const final = budgetTotals(lines, { indicativeYearlyPence: 400000, finalYearlyPence: 350000 });
    expect(final).toMatchObject({ budgetSource: 'final', leftYearlyPence: -34000, leftWeeklyPence: -654, status: 'over' });
    expect(budgetTotals(lines, { indicativeYearlyPence: 384000, finalYearlyPence: null }).status).toBe('exact');
    expect(budgetTotals(lines, { indicativeYearlyPence: null, finalYearlyPence: null })).toMatchObject({
      status: 'noBudget',
      leftYearlyPence: null,
      leftWeeklyPence: null,
      budgetSource: null,
    });
    expect(budgetTotals([], { indicativeYearlyPence: 100, finalYearlyPence: null })).toMatchObject({ yearlyPence: 0, weeklyPence: 0, status: 'within' });
  });

  it('counts a line with a missing or bad figure as not costed, and never lets it spoil the totals', () => {
    const lines = [
      { amountPence: 4500, frequency: 'weekly' as const },
      { amountPence: null, frequency: 'weekly' as const },
      { amountPence: 1000, frequency: null },
      { amountPence: 12.5, frequency: 'weekly' as const },
      { amountPence: -100, frequency: 'monthly' as const },
      { amountPence: Number.NaN, frequency: 'yearly' as const },
      { amountPence: 100, frequency: 'fortnightly' as unknown as 'weekly' },
    ];
    const totals = budgetTotals(lines, { indicativeYearlyPence: Number.POSITIVE_INFINITY, finalYearlyPence: -5 });
    expect(totals).toMatchObject({ yearlyPence: 234000, uncostedLines: 6, budgetYearlyPence: null, status: 'noBudget' });
    expect(Number.isSafeInteger(totals.weeklyPence)).toBe(true);
  });
});
