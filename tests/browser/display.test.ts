// Display settings in the browser: text size, contrast and easy read change every page at once, are remembered with
// the account (a second device signed in as the same person gets them, and their language), the panel works by
// keyboard (Escape closes it and focus goes back), and pages still fit a phone-sized screen at the larger sizes.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();
const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
/** Elements that reach past the right edge of the window (none, when the page fits). */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
        const where = el.parentElement?.closest('[class]')?.className ?? '';
        found.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} in .${String(where).split(' ')[0]} right=${Math.round(box.right)}`);
      }
    }
    return found.slice(0, 8);
  });

it('keeps larger text, high contrast, easy read and the language with the account, and works by keyboard', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(page, env.server.url, plan.id);
  expect(await rootFontSize(page)).toBe('18px');

  const toggle = page.getByRole('button', { name: 'Display', exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  await page.getByRole('radio', { name: 'Larger' }).check();
  await page.getByRole('radio', { name: 'High contrast' }).check();
  await page.getByRole('checkbox', { name: 'Easy read' }).check();
  expect(await rootFontSize(page)).toBe('25px');
  expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toMatchObject({ textSize: 'larger', contrast: 'high', easyRead: 'true' });
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Kept with your account' }).count()).toBe(1);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'display-settings');
  // Escape closes the panel and puts focus back on its button.
  await page.keyboard.press('Escape');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('cy');

  // Another device: signing in brings the same choices.
  const other = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(other.page, env.server.url, plan.id);
  await expect.poll(() => other.page.evaluate(() => document.documentElement.dataset.textSize)).toBe('larger');
  expect(await other.page.evaluate(() => document.documentElement.dataset.contrast)).toBe('high');
  await expect.poll(() => other.page.evaluate(() => document.documentElement.lang)).toBe('cy');
  expect(await other.page.getByRole('button', { name: 'Golwg' }).count()).toBe(1);
  await other.context.close();
});

it('fits a phone-sized screen, at standard and larger text, without scrolling sideways', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  // 320 CSS pixels wide: a 1280-pixel window at 400% zoom (WCAG 1.4.10 reflow).
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 320, height: 640 } });
  await openPlan(page, env.server.url, plan.id);
  expect(await overflowing(page)).toEqual([]);
  await screenshot(page, 'phone-plan');
  await page.evaluate(() => {
    document.documentElement.dataset.textSize = 'larger';
  });
  expect(await overflowing(page)).toEqual([]);
  for (const path of ['/', `/plans/${plan.id}/history`, `/plans/${plan.id}/versions`, `/plans/${plan.id}/copies`]) {
    await page.goto(`${env.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    expect(await overflowing(page), path).toEqual([]);
  }
});
