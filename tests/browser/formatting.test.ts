// The rich-text basics travel to the other person intact: headings, bold, italic, both kinds of list, links.

import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('formats with the toolbar and the other person sees the same structure', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const alex = await addTestMember(env.server, plan, { name: 'Alex Hughes', role: 'socialWorker' });
  const a = await openPageAs(env.browser, env.server.url, alex, { viewport: { width: 1280, height: 900 } });
  const b = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(a.page, env.server.url, plan.id);
  await openPlan(b.page, env.server.url, plan.id);

  const page = a.page;
  const toolbar = page.getByRole('toolbar', { name: 'Formatting for My assessed needs' });
  await editor(page, 'assessedNeeds').click();
  await toolbar.getByRole('button', { name: 'Heading' }).click();
  await page.keyboard.type('Eligible needs');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('Meals');
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type(' and ');
  await page.keyboard.press('Control+i');
  await page.keyboard.type('getting about');
  await page.keyboard.press('Control+i');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Bullet list' }).click();
  await page.keyboard.type('Help to cook');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Help to shop');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // leave the list
  await toolbar.getByRole('button', { name: 'Numbered list' }).click();
  await page.keyboard.type('First visit');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Advice line');
  await page.keyboard.press('Shift+Home');
  page.once('dialog', (dialog) => void dialog.accept('https://www.example.org/advice'));
  await toolbar.getByRole('button', { name: 'Link' }).click();

  expect(await toolbar.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('false');
  const other = editor(b.page, 'assessedNeeds');
  await expect.poll(() => other.locator('h3').innerText()).toBe('Eligible needs');
  await expect.poll(() => other.locator('strong').innerText()).toBe('Meals');
  await expect.poll(() => other.locator('em').innerText()).toBe('getting about');
  await expect.poll(() => other.locator('ul > li').allInnerTexts()).toEqual(['Help to cook', 'Help to shop']);
  await expect.poll(() => other.locator('ol > li').allInnerTexts()).toEqual(['First visit']);
  await expect.poll(() => other.locator('a').getAttribute('href')).toBe('https://www.example.org/advice');
  expect(await other.locator('a').getAttribute('rel')).toContain('noopener');

  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  expect(await page.locator('.problem').count()).toBe(0);
  await screenshot(page, 'formatting');
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
});
