// Plain words in the browser: jargon in a section's prompt (and in a field's label) is explained on keyboard focus and on hover, tied to the
// term for screen readers, dismissed with Escape; each section's longer hint with an example opens on request; the
// same in Welsh, where the Welsh words (mutated, as written) are explained.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();
const term = (page: Page, sectionId: string, words: string) => page.locator(`#section-${sectionId}-prompt .glossary-term`, { hasText: words });
const tipOf = async (page: Page, sectionId: string, words: string) => {
  const id = await term(page, sectionId, words).getAttribute('aria-describedby');
  return page.locator(`[id="${id}"]`);
};

it('explains jargon on focus and hover, and gives a longer hint on request, in English and Welsh', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  await openPlan(page, env.server.url, plan.id);

  // By keyboard: the term takes focus and its meaning shows, tied to it; Escape puts it away.
  const directPayment = term(page, 'budgetManagement', 'direct payment');
  await directPayment.focus();
  const tip = await tipOf(page, 'budgetManagement', 'direct payment');
  await expect.poll(() => tip.isVisible()).toBe(true);
  expect(await tip.innerText()).toBe('direct payment: Money paid to you (or someone acting for you) so that you can arrange and pay for your own support.');
  expect(await tip.getAttribute('role')).toBe('tooltip');
  await page.keyboard.press('Escape');
  await expect.poll(() => tip.isVisible()).toBe(false);
  // By pointer: it shows while the pointer is over the term, and goes when it leaves.
  const isf = term(page, 'budgetManagement', 'Individual Service Fund');
  await isf.hover();
  const isfTip = await tipOf(page, 'budgetManagement', 'Individual Service Fund');
  await expect.poll(() => isfTip.isVisible()).toBe(true);
  await screenshot(page, 'glossary');
  await page.mouse.move(5, 5);
  await expect.poll(() => isfTip.isVisible()).toBe(false);

  // A field label's jargon: a label cannot hold a button, so the term is explained by one beside it.
  const labelTerm = page.locator('#section-personalBudget .label-terms .glossary-term', { hasText: 'What does “Indicative budget” mean?' });
  await labelTerm.focus();
  const labelTip = page.locator(`[id="${await labelTerm.getAttribute('aria-describedby')}"]`);
  await expect.poll(() => labelTip.isVisible()).toBe(true);
  expect(await labelTip.innerText()).toMatch(/^indicative budget: /);
  await screenshot(page, 'glossary-label');
  await page.keyboard.press('Escape');
  await expect.poll(() => labelTip.isVisible()).toBe(false);

  // The longer hint with an example, on request.
  const more = page.locator('#section-whatMatters').getByRole('button', { name: 'More help with this section' });
  expect(await more.getAttribute('aria-expanded')).toBe('false');
  await more.click();
  await expect.poll(() => page.locator('#section-whatMatters-hint').innerText()).toContain('I want to go to the football with my brother');
  expect(await page.locator('#section-whatMatters').getByRole('button', { name: 'Less help' }).getAttribute('aria-expanded')).toBe('true');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // In Welsh: "fy nghanlyniadau" (my outcomes) is explained.
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  const outcomes = term(page, 'whatMatters', 'nghanlyniadau');
  await outcomes.focus();
  const welshTip = await tipOf(page, 'whatMatters', 'nghanlyniadau');
  await expect.poll(() => welshTip.innerText()).toContain('canlyniad: Rhywbeth rydych chi eisiau ei gyflawni');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
