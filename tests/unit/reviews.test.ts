// Review dates (shared/reviews.ts): 6–8 weeks after agreement, then yearly; direct payments within 6 months; what is
// due soon or overdue. Calendar days only, so month ends and leap years are where mistakes hide.

import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isDay, reviewStatus, suggestReviews } from '../../shared/reviews.js';

describe('review dates', () => {
  it('suggests the first review 6 weeks after agreement (window 6–8 weeks), then yearly, and a direct payment review by 6 months', () => {
    expect(suggestReviews('2026-03-03', true)).toEqual({
      first: { suggested: '2026-04-14', earliest: '2026-04-14', latest: '2026-04-28' },
      yearly: '2027-04-14',
      directPayment: '2026-09-03',
    });
    expect(suggestReviews('2026-03-03', false).directPayment).toBeNull();
  });

  it('handles month ends, leap years and year ends', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addDays('2026-12-20', 42)).toBe('2027-01-31');
    expect(suggestReviews('2027-12-31', true).directPayment).toBe('2028-06-30');
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('3 March')).toBe(false);
    expect(() => suggestReviews('2026-02-30', false)).toThrow(RangeError);
  });

  it('says when a review is due soon or overdue', () => {
    expect(reviewStatus(null, '2026-12-02')).toBe('none');
    expect(reviewStatus('not a day', '2026-12-02')).toBe('none');
    expect(reviewStatus('2026-12-01', '2026-12-02')).toBe('overdue');
    expect(reviewStatus('2026-12-02', '2026-12-02')).toBe('dueSoon');
    expect(reviewStatus('2026-12-30', '2026-12-02')).toBe('dueSoon');
    expect(reviewStatus('2026-12-31', '2026-12-02')).toBe('upcoming');
    expect(reviewStatus('2026-12-10', '2026-12-02', 7)).toBe('upcoming');
  });
});
