// Review dates in the browser: the person gives the day the plan was agreed, chooses a direct payment, and "Suggest
// dates" fills the first review (6 weeks on), the next (a year after that) and the direct payment's (6 months on);
// a review in the past shows as overdue in the plan and in "My plans".

import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, saveState, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('suggests review dates from the day the plan was agreed, and shows an overdue review in the plan and in My plans', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  await openPlan(page, env.server.url, plan.id);
  const reviews = page.locator('#section-reviews .structured-part.reviews');
  await expect.poll(() => reviews.getByTestId('review-status').innerText()).toBe('No review date is set yet.');
  // Suggesting needs the day the plan was agreed.
  expect(await reviews.getByRole('button', { name: 'Suggest dates' }).isDisabled()).toBe(true);

  await page.locator('#section-budgetManagement').getByLabel('A direct payment').check();
  await reviews.getByLabel('The plan was agreed on').fill('2025-01-10');
  await reviews.getByRole('button', { name: 'Suggest dates' }).click();
  await expect.poll(() => reviews.getByLabel('First review').inputValue()).toBe('2025-02-21');
  expect(await reviews.getByLabel('Next review').inputValue()).toBe('2026-02-21');
  expect(await reviews.getByLabel('Direct payment review').inputValue()).toBe('2025-07-10');
  // The direct payment's review comes first, and it has passed.
  await expect.poll(() => reviews.getByTestId('review-status').innerText()).toBe('Review overdue since 10 July 2025');
  // Every date stays editable.
  await reviews.getByLabel('Direct payment review').fill('2099-07-10');
  await expect.poll(() => reviews.getByTestId('review-status').innerText()).toBe('Review overdue since 21 February 2026');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.goto(env.server.url);
  const mine = page.getByRole('region', { name: 'My plans' });
  await expect.poll(() => mine.locator('li').first().innerText()).toContain('Review overdue since 21 February 2026');
});
