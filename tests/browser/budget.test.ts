// The budget in numbers, in two browsers at once: a social worker gives the budget and a spending plan line; the
// person sees the totals follow in their own page, adds a line, and a figure that is not money is pointed out where
// it was typed without touching the totals; the totals say what is left or over, and are announced politely.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const budget = (page: Page) => page.locator('#section-personalBudget .structured-part.budget');
const spending = (page: Page) => budget(page).getByTestId('budget-spending');
const left = (page: Page) => budget(page).getByTestId('budget-left');

async function saved(page: Page) {
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
}

it('fills the budget in one browser and the totals follow in the other; a bad figure is pointed out, never counted', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const alexMember = await addTestMember(env.server, plan, { name: 'Alex Jones', role: 'socialWorker' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const alex = await openPageAs(env.browser, env.server.url, alexMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await openPlan(alex.page, env.server.url, plan.id);

  await expect.poll(() => left(sam.page).innerText()).toContain('There is no budget figure yet');

  // Alex gives the indicative budget and the first line, by keyboard.
  await budget(alex.page).getByLabel('Indicative budget, a year').fill('£15,000');
  await alex.page.keyboard.press('Enter');
  await budget(alex.page).getByRole('button', { name: 'Add a line to the spending plan' }).click();
  // The new line's first field has the focus.
  await expect.poll(() => alex.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('What');
  await alex.page.keyboard.type('Personal assistant');
  await budget(alex.page).getByLabel('Who provides it').fill('Jo');
  await budget(alex.page).getByLabel('Cost').fill('45');
  await budget(alex.page).getByLabel('How often').selectOption('weekly');
  await saved(alex.page);

  // Sam's page follows: £45 a week is £2,340 a year, £12,660 of £15,000 left.
  await expect.poll(() => spending(sam.page).innerText()).toBe('The spending plan costs £2,340.00 a year (£45.00 a week).');
  await expect.poll(() => left(sam.page).innerText()).toBe('£12,660.00 a year is left (£243.46 a week).');
  expect(await budget(sam.page).innerText()).toContain('The indicative budget is £15,000.00 a year');
  // …and says it to a screen reader once it settles.
  await expect.poll(() => budget(sam.page).getByTestId('budget-announced').innerText(), { timeout: 5000 }).toContain('£12,660.00 a year is left');

  // Sam adds a line, and mistypes its cost: the mistake is said where it was typed, and the totals do not move.
  await budget(sam.page).getByRole('button', { name: 'Add a line to the spending plan' }).click();
  await sam.page.keyboard.type('Day centre');
  const cost = budget(sam.page).getByLabel('Cost').nth(1);
  await cost.fill('ten pounds');
  await cost.press('Tab');
  await expect.poll(() => budget(sam.page).getByRole('alert').innerText()).toBe('That is not a sum of money. Write it like 45 or 1,234.50.');
  expect(await cost.getAttribute('aria-invalid')).toBe('true');
  expect(await spending(sam.page).innerText()).toBe('The spending plan costs £2,340.00 a year (£45.00 a week).');
  expect(await budget(sam.page).innerText()).toContain('1 line is not costed yet and is not in the totals.');
  // Put right: £1,200 a month is £14,400 a year, which goes over the budget, and both pages say so.
  await cost.fill('1,200');
  await cost.press('Tab');
  await budget(sam.page).getByLabel('How often').nth(1).selectOption('monthly');
  await saved(sam.page);
  await expect.poll(() => left(sam.page).innerText()).toBe('Over budget by £1,740.00 a year (£33.46 a week).');
  await expect.poll(() => left(alex.page).innerText()).toBe('Over budget by £1,740.00 a year (£33.46 a week).');
  expect(await budget(sam.page).getByRole('alert').count()).toBe(0);

  // The final budget, once given, is what the totals are measured against.
  await budget(alex.page).getByLabel('Final budget, a year').fill('17000');
  await alex.page.keyboard.press('Enter');
  await expect.poll(() => left(sam.page).innerText()).toBe('£260.00 a year is left (£5.00 a week).');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await budget(sam.page).scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'budget');

  // A line removed by one is gone for the other.
  await budget(alex.page).getByRole('button', { name: 'Remove the line: Day centre' }).click();
  await expect.poll(() => spending(sam.page).innerText()).toBe('The spending plan costs £2,340.00 a year (£45.00 a week).');
});

it('shows the budget read-only to someone who may not change it, and in Welsh', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const joMember = await addTestMember(env.server, plan, { name: 'Jo Price', role: 'provider', level: 'view' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(sam.page, env.server.url, plan.id);
  await budget(sam.page).getByLabel('Indicative budget, a year').fill('10000');
  await sam.page.keyboard.press('Enter');
  await saved(sam.page);

  const jo = await openPageAs(env.browser, env.server.url, joMember);
  await openPlan(jo.page, env.server.url, plan.id);
  await expect.poll(() => budget(jo.page).innerText()).toContain('£10,000.00');
  expect(await budget(jo.page).locator('input, select, textarea, button').count()).toBe(0);

  await jo.page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => budget(jo.page).innerText()).toContain('Y gyllideb mewn rhifau');
  expect(await budget(jo.page).innerText()).toContain('Cyllideb ddangosol, y flwyddyn');
  expect(await seriousAccessibilityViolations(jo.page)).toEqual([]);
});
