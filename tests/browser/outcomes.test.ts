// Outcomes and actions in the browser, under Welsh law: the person lists an outcome with how they feel about it now
// (the baseline score); the social worker adds an action for it — who, by when — and marks it done; the person's
// page follows, and the checklist counts them.

import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, saveState, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('the person lists an outcome with its baseline; the social worker adds an action for it and marks it done', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const alexMember = await addTestMember(env.server, plan, { name: 'Alex Jones', role: 'socialWorker' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const alex = await openPageAs(env.browser, env.server.url, alexMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await openPlan(alex.page, env.server.url, plan.id);

  const outcomes = sam.page.locator('#section-whatMatters .structured-part.outcomes');
  await outcomes.getByRole('button', { name: 'Add an outcome' }).click();
  await sam.page.keyboard.type('See my brother every week');
  await outcomes.getByLabel('How I feel about this now (1 to 10)').selectOption('4');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // The outcome is Sam's own words: Alex reads it, and links an action to it.
  const hers = alex.page.locator('#section-whatMatters .structured-part.outcomes');
  await expect.poll(() => hers.innerText(), { timeout: 10_000 }).toContain('See my brother every week');
  expect(await hers.locator('input, select, textarea, button').count()).toBe(0);
  const actions = alex.page.locator('#section-howNeedsMet .structured-part.actions');
  await actions.getByRole('button', { name: 'Add an action' }).click();
  await alex.page.keyboard.type('Book a bus pass for the Saturday trips');
  await actions.getByLabel('Who will do it', { exact: true }).fill('Megan');
  await actions.getByLabel('By when', { exact: true }).fill('2027-01-31');
  await actions.getByLabel('For which outcome', { exact: true }).selectOption({ label: '1. See my brother every week' });
  await actions.getByLabel('Done', { exact: true }).check();
  await expect.poll(() => saveState(alex.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // Sam's page follows: the action, its outcome, and that it is done; the checklist counts both.
  const seen = sam.page.locator('#section-howNeedsMet .structured-part.actions');
  await expect.poll(() => seen.getByLabel('What will be done', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Book a bus pass for the Saturday trips');
  await expect.poll(() => seen.getByLabel('Done', { exact: true }).isChecked()).toBe(true);
  expect(await seen.getByLabel('For which outcome', { exact: true }).inputValue()).not.toBe('');
  await sam.page.locator('details.checklist summary').click();
  await expect.poll(() => sam.page.locator('details.checklist li[data-item="personalOutcomes"] .checklist-state').innerText()).toBe('Written');
  await expect.poll(() => sam.page.locator('details.checklist li[data-item="actions"] .checklist-state').innerText()).toBe('Written');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
});
