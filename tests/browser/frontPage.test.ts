// The front page in the browser: the person gives their name, what they like to be called, their language, how to
// communicate with them and who can act for them; a family member sees it at once, read only, with the circle.

import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('the person fills the front page; a family member sees it live, read only, with the circle', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const meganMember = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const megan = await openPageAs(env.browser, env.server.url, meganMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await openPlan(megan.page, env.server.url, plan.id);
  const front = sam.page.locator('section.front-page');

  await front.getByLabel('My name').fill('Samuel Evans');
  await front.getByLabel('What I like to be called').fill('Sam');
  await front.getByLabel('Cymraeg').check();
  await front.getByLabel('How to communicate with me').fill('Easy read, please. Give me time to answer.');
  await front.getByRole('button', { name: 'Add someone who can act for me' }).click();
  // The new person's name field has the focus.
  await expect.poll(() => sam.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Name');
  await sam.page.keyboard.type('Cerys Evans');
  await front.getByLabel('Acts for me as').selectOption('attorneyMoney');
  await front.getByLabel('How to reach them').fill('07700 900123');
  await front.getByLabel('How to reach them').press('Tab');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  expect(await front.innerText()).toContain('Megan Evans (Family or friend)');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await front.scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'front-page');

  // Megan sees it, and cannot change it: it is Sam's.
  const hers = megan.page.locator('section.front-page');
  await expect.poll(() => hers.innerText(), { timeout: 10_000 }).toContain('Cerys Evans');
  const text = await hers.innerText();
  expect(text).toContain('Samuel Evans');
  expect(text).toContain('Cymraeg');
  expect(text).toContain('Attorney for money and property');
  expect(text).toContain('Easy read, please.');
  expect(await hers.locator('input, select, textarea, button').count()).toBe(0);
  expect(text).toContain('Only Sam Evans and their plan manager can change this section.');
});
