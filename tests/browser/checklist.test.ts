// The legal checklist in the browser: it ticks as sections fill and figures are given (by anyone in the plan), adds
// the direct payment's items when there is one, links to where each thing belongs, and follows the plan's law.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const checklist = (page: Page) => page.locator('details.checklist');
const state = (page: Page, item: string) => checklist(page).locator(`li[data-item="${item}"] .checklist-state`);

it('ticks as the plan is written, by anyone in it, and links to where each thing belongs (England)', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const alexMember = await addTestMember(env.server, plan, { name: 'Alex Jones', role: 'socialWorker' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const alex = await openPageAs(env.browser, env.server.url, alexMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await openPlan(alex.page, env.server.url, plan.id);

  // Folded at first, saying how far the plan has got; opened by keyboard.
  await expect.poll(() => checklist(sam.page).locator('summary').innerText()).toBe('What the law needs this plan to say 0 of 6 written');
  await checklist(sam.page).locator('summary').focus();
  await sam.page.keyboard.press('Enter');
  await expect.poll(() => state(sam.page, 'needs').innerText()).toBe('Still to write');

  // Alex writes the assessed needs and gives the budget: Sam's checklist ticks.
  await editor(alex.page, 'assessedNeeds').click();
  await alex.page.keyboard.type('Help with washing and dressing every morning.');
  await expect.poll(() => state(sam.page, 'needs').innerText(), { timeout: 10_000 }).toBe('Written');
  expect(await state(sam.page, 'eligibility').innerText()).toBe('Written');
  expect(await state(sam.page, 'personalBudget').innerText()).toBe('Still to write');
  await alex.page.locator('#section-personalBudget').getByLabel('Indicative budget, a year').fill('12000');
  await alex.page.keyboard.press('Enter');
  await expect.poll(() => state(sam.page, 'personalBudget').innerText(), { timeout: 10_000 }).toBe('Written');
  await expect.poll(() => checklist(sam.page).locator('summary').innerText()).toBe('What the law needs this plan to say 3 of 6 written');

  // Choosing a direct payment adds what the law asks of one.
  await sam.page.locator('#section-budgetManagement').getByLabel('A direct payment').check();
  await expect.poll(() => checklist(sam.page).locator('summary').innerText()).toBe('What the law needs this plan to say 3 of 8 written');
  expect(await state(sam.page, 'directPaymentAmount').innerText()).toBe('Still to write');
  await checklist(sam.page).scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'checklist');

  // Each item goes to where it belongs.
  await checklist(sam.page).getByRole('link', { name: /Information and advice/ }).click();
  await expect.poll(() => sam.page.evaluate(() => window.location.hash)).toBe('#section-informationAdvice');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
});

it('follows the Welsh regulations for a plan under Welsh law, in Welsh', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const sam = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(sam.page, env.server.url, plan.id);
  await checklist(sam.page).locator('summary').click();
  expect(await checklist(sam.page).locator('li').count()).toBe(5);
  expect(await checklist(sam.page).innerText()).toContain('How progress will be monitored (regulation 3)');
  await editor(sam.page, 'reviews').click();
  await sam.page.keyboard.type('We will look at how it is going every three months.');
  await expect.poll(() => state(sam.page, 'monitoring').innerText(), { timeout: 10_000 }).toBe('Written');
  await sam.page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => checklist(sam.page).locator('summary').innerText()).toBe("Yr hyn y mae'r gyfraith am i'r cynllun hwn ei ddweud 2 o 5 wedi'u hysgrifennu");
  expect(await state(sam.page, 'review').innerText()).toBe("Wedi'i ysgrifennu");
});
