// Printing from the browser gives a clean page: the plan's words and figures, not the controls around them.

import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('prints the plan’s words, figures and totals without its buttons, menus or side panels', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(page, env.server.url, plan.id);
  await editor(page, 'aboutMe').click();
  await page.keyboard.type('I like trains.');
  await page.locator('#section-personalBudget').getByLabel('Indicative budget, a year').fill('12000');
  await page.keyboard.press('Enter');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  await page.emulateMedia({ media: 'print' });
  const visible = (selector: string) => page.locator(selector).evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length);
  expect(await visible('.workspace-side, .site-header, .toolbar, .checklist, .more-help, #budget-add-line, .agreement button')).toBe(0);
  expect(await visible('.structured-part button, .front-page button')).toBe(0);
  expect(await page.locator('#section-aboutMe').innerText()).toContain('I like trains.');
  expect(await page.locator('#section-personalBudget .budget-totals').isVisible()).toBe(true);
  expect(await page.locator('#section-personalBudget .budget-totals').innerText()).toContain('The indicative budget is £12,000.00 a year');
  await page.locator('#section-personalBudget').scrollIntoViewIfNeeded();
  await screenshot(page, 'print-budget');
});
