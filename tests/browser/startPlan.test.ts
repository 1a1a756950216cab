// Starting a plan from the home page, in English and in Welsh, by keyboard alone, with no serious
// accessibility problems on either screen.

import { expect, it } from 'vitest';
import { editor, openPage, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('creates a Welsh-law plan and joins it using only the keyboard', async () => {
  const { page, problems } = await openPage(await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await page.goto(env.server.url);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'home-en');

  // Tab from the top of the page: skip link first.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');

  await page.getByRole('radio', { name: 'Wales' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type("Rhys's support plan");
  await page.keyboard.press('Enter');

  await page.getByLabel('Your name').waitFor();
  expect(page.url()).toMatch(/\/plans\/[A-Za-z0-9_-]{22}$/);
  // The new page is announced: focus is on its heading.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  await page.getByLabel('Your name').focus();
  await page.keyboard.type('Rhys Jones');
  await page.keyboard.press('Enter');

  // No part in the plan is assumed: asked for, and focus goes to the choice.
  expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
  await expect.poll(() => page.getByRole('alert').innerText()).toBe('Please choose your part in the plan.');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('role-person');
  expect(await page.getByRole('radio', { name: 'Social worker' }).getAttribute('aria-describedby')).toBeTruthy();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await editor(page, 'aboutMe').waitFor();
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Rhys's support plan");
  expect(await page.getByText('A plan under the law of Wales').count()).toBe(1);
  // Welsh-law prompts where the law differs.
  expect(await page.locator('#section-whatMatters-prompt').innerText()).toContain('personal outcomes');

  // Reach the first section's editor by keyboard: Tab through the toolbar (one stop) into the editor.
  await page.locator('.toolbar').first().locator('button[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Italic');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-section'))).toBe('aboutMe');
  await page.keyboard.type('Typed with the keyboard only.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

it('switches the whole screen to Welsh and remembers the choice', async () => {
  const { page } = await openPage(await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Ysgrifennu cynllun cymorth gyda'ch gilydd");

  await page.getByRole('radio', { name: 'Lloegr' }).check();
  await page.getByRole('button', { name: "Dechrau'r cynllun" }).click();
  await page.getByLabel('Eich enw').fill('Siân Owen');
  await page.getByRole('radio', { name: 'Gweithiwr cymdeithasol' }).check();
  await page.getByRole('button', { name: "Ymuno â'r cynllun" }).click();
  await editor(page, 'aboutMe').waitFor();
  expect(await page.getByRole('heading', { name: /Amdanaf i/ }).count()).toBe(1);
  await expect.poll(() => saveState(page).innerText()).toMatch(/Pob newid wedi'i gadw|Yn cysylltu/);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'plan-cy');

  await page.reload();
  await editor(page, 'aboutMe').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
});

it('works on a phone-sized screen', async () => {
  const { page } = await openPage(await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true }));
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'Start the plan' }).click();
  await page.getByLabel('Your name').fill('Jo Price');
  await page.getByRole('radio', { name: 'Family or friend' }).check();
  await page.getByRole('button', { name: 'Join the plan' }).click();
  await editor(page, 'aboutMe').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'plan-phone');
});
