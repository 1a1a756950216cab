// Agreement in the browser: the person agrees, a family member does not (and must say why), a social worker records
// the council's sign-off; each page hears of the others' statements without a reload (recordChanged); when the plan
// changes afterwards, the person's agreement shows as given for an earlier version, with the way to see what changed.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const panel = (page: Page) => page.locator('section.agreement');
const statement = (page: Page, name: string) => panel(page).locator('li.statement').filter({ hasText: name });

it('records agreement, disagreement with a reason and sign-off, and marks an agreement given before a change', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const meganMember = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const alexMember = await addTestMember(env.server, plan, { name: 'Alex Jones', role: 'socialWorker' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const megan = await openPageAs(env.browser, env.server.url, meganMember, { viewport: { width: 1280, height: 900 } });
  const alex = await openPageAs(env.browser, env.server.url, alexMember, { viewport: { width: 1280, height: 900 } });
  for (const who of [sam, megan, alex]) await openPlan(who.page, env.server.url, plan.id);

  await editor(sam.page, 'whatMatters').click();
  await sam.page.keyboard.type('I want to work in a café.');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // Nobody has said yet; everyone is listed as not yet.
  await expect.poll(() => panel(sam.page).innerText()).toContain('Nobody has said yet.');
  const notYet = await panel(sam.page).locator('ul.not-yet li').allInnerTexts();
  expect(notYet.sort()).toEqual(['Alex Jones (Social worker)', 'Megan Evans (Family or friend)', 'Sam Evans (The person the plan is about)']);
  // Only a social worker is offered the council's sign-off.
  expect(await panel(sam.page).getByRole('button', { name: 'Record the council’s sign-off' }).count()).toBe(0);
  expect(await panel(megan.page).getByRole('button', { name: 'Record the council’s sign-off' }).count()).toBe(0);

  // Sam agrees.
  await panel(sam.page).getByRole('button', { name: 'I agree with this plan' }).click();
  await expect.poll(() => panel(sam.page).locator('[role="status"].agreement-result').innerText()).toBe('Recorded: you agree with the plan as it is now.');
  await expect.poll(() => statement(sam.page, 'Sam Evans').innerText()).toContain('Agrees');
  expect(await statement(sam.page, 'Sam Evans').innerText()).toContain('For the plan as it is now');

  // Megan does not agree: a reason is needed.
  await expect.poll(() => statement(megan.page, 'Sam Evans').innerText()).toContain('Agrees'); // she heard of Sam's, unasked
  await panel(megan.page).getByRole('button', { name: 'I don\'t agree' }).click();
  const reason = panel(megan.page).getByLabel('Why don\'t you agree?');
  await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
  await panel(megan.page).getByRole('button', { name: 'Record that I don\'t agree' }).click();
  await expect.poll(() => panel(megan.page).getByRole('alert').innerText()).toBe('Please say why you don\'t agree.');
  expect(await reason.getAttribute('aria-invalid')).toBe('true');
  await reason.fill('The day centre is on Tuesdays, not Mondays.');
  await panel(megan.page).getByRole('button', { name: 'Record that I don\'t agree' }).click();
  await expect.poll(() => panel(megan.page).locator('.agreement-result').innerText()).toBe('Recorded: you do not agree with the plan as it is now, and why.');

  // Sam's page hears of it without a reload; the person's statement stays first.
  await expect.poll(() => statement(sam.page, 'Megan Evans').innerText()).toContain('Does not agree: The day centre is on Tuesdays, not Mondays.');
  const order = await panel(sam.page).locator('ul.statements').first().locator('li .member-name').allInnerTexts();
  expect(order.map((s) => s.trim())).toEqual(['Sam Evans (The person the plan is about) (you)', 'Megan Evans (Family or friend)']);

  // Alex records the council's sign-off, with a note.
  await panel(alex.page).getByRole('button', { name: 'Record the council’s sign-off' }).click();
  await panel(alex.page).getByLabel('Note (optional)').fill('Budget agreed at panel.');
  await panel(alex.page).getByRole('button', { name: 'Record the sign-off' }).click();
  await expect.poll(() => panel(sam.page).innerText()).toContain('Signed off for the council. Note: Budget agreed at panel.');
  // (The sign-off is the council's; whether Alex himself agrees is still to be said.)
  expect(await panel(sam.page).locator('ul.not-yet li').allInnerTexts()).toEqual(['Alex Jones (Social worker)']);

  // Megan then changes the plan: Sam's agreement (and hers, and the sign-off) were given for an earlier version.
  await editor(megan.page, 'howNeedsMet').click();
  await megan.page.keyboard.type('Megan takes Sam to the day centre on Tuesdays.');
  await expect.poll(() => saveState(megan.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  await expect.poll(() => statement(sam.page, 'Sam Evans').innerText(), { timeout: 10_000 }).toContain('Given for an earlier version');
  expect(await statement(sam.page, 'Sam Evans').innerText()).not.toContain('For the plan as it is now');
  const seeChanges = statement(sam.page, 'Sam Evans').getByRole('link', { name: 'See what changed since' });
  expect(await seeChanges.getAttribute('href')).toMatch(new RegExp(`^/plans/${plan.id}/compare\\?from=\\d+$`));
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await panel(sam.page).scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'agreement');

  // Sam agrees again: current once more.
  await panel(sam.page).getByRole('button', { name: 'I agree with this plan' }).click();
  await expect.poll(() => statement(sam.page, 'Sam Evans').innerText()).toContain('For the plan as it is now');

  // Megan's "see what changed since" shows her own words as added since her statement.
  await statement(megan.page, 'Megan Evans').getByRole('link', { name: 'See what changed since' }).click();
  await expect.poll(() => megan.page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^The plan as it was on .+ compared with the plan now$/);
  const added = megan.page.locator('[data-section="howNeedsMet"] ins');
  await expect.poll(() => added.count()).toBe(1);
  expect(await added.getAttribute('title')).toMatch(/^Added by Megan Evans \(Family or friend\), /);

  // The history tells it in sentences.
  await megan.page.goto(`${env.server.url}/plans/${plan.id}/history`);
  const sentences = megan.page.locator('ol.timeline .history-sentence');
  await expect.poll(() => sentences.allInnerTexts()).toContain('Sam Evans (The person the plan is about) agreed with the plan');
  const all = await sentences.allInnerTexts();
  expect(all).toContain('Megan Evans (Family or friend) did not agree with the plan: The day centre is on Tuesdays, not Mondays.');
  expect(all).toContain('Alex Jones (Social worker) recorded the council’s sign-off: Budget agreed at panel.');

  for (const who of [sam, megan, alex]) expect(who.problems).toEqual([]);
});
