// The main tasks by keyboard alone — no mouse, no clicks: join a plan from an invitation, write in a section, record
// agreement. Every stop of the Tab key on the way shows where focus is (a visible outline) and is not hidden under
// anything (the element at its centre is the focused one or inside it).

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createInvitation } from '../../server/circle/circleOperations.js';
import { createTestAccount, createTestPlan } from '../helpers/members.js';
import { openPageAs, saveState, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

interface Stop {
  name: string;
  visible: boolean;
  covered: boolean;
}

/** What has focus now: its name, whether its focus is drawn, and whether something else covers its centre. */
const focusStop = (page: Page): Promise<Stop> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', visible: true, covered: false };
    el.scrollIntoView({ block: 'nearest' });
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const atCentre = document.elementFromPoint(box.left + Math.min(box.width / 2, 10), box.top + Math.min(box.height / 2, 10));
    const words = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60);
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${words} [${style.outlineStyle} ${style.outlineWidth} focus=${el.matches(':focus')} fv=${el.matches(':focus-visible')}]`.trim();
    const drawn = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { name, visible: drawn, covered: !!atCentre && atCentre !== el && !el.contains(atCentre) && !atCentre.contains(el) };
  });

/** Presses Tab until `wanted` has focus (at most `limit` presses), checking every stop on the way. */
async function tabTo(page: Page, wanted: (page: Page) => Promise<boolean>, limit = 80): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    stops.push(stop);
    expect(stop.visible, `focus not visible on “${stop.name}”`).toBe(true);
    expect(stop.covered, `focus hidden under something on “${stop.name}”`).toBe(false);
    if (await wanted(page)) return stops;
  }
  throw new Error(`not reached in ${limit} presses of Tab; stops: ${stops.map((s) => s.name).join(' | ')}`);
}

const focused = (selector: string) => (page: Page) => page.evaluate((s) => !!document.activeElement?.closest(s), selector);
const focusedButton = (name: string) => (page: Page) =>
  page.evaluate((n) => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent?.trim() === n, name);

it('joins a plan, writes in a section and records agreement with the keyboard only', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const megan = await createTestAccount(env.server, 'Megan Evans');
  const { token } = await createInvitation(env.server.circles, plan.id, plan.owner.accountId, { role: 'family', level: 'edit' });
  const { page } = await openPageAs(env.browser, env.server.url, megan, { viewport: { width: 1280, height: 900 } });

  // Join, from the invitation link.
  await page.goto(`${env.server.url}/invitations/${token}`);
  await page.getByRole('heading', { name: 'You are invited to a support plan' }).waitFor();
  await tabTo(page, focusedButton('Join the plan'));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${env.server.url}/plans/${plan.id}`);
  await page.getByText('You are Megan Evans (Family or friend)').waitFor();
  await page.locator('.section-editor').first().waitFor();

  // Write in "How my needs will be met" (a section the circle writes in).
  await tabTo(page, focused('.section-editor[data-section="howNeedsMet"][contenteditable="true"]'), 200);
  await page.keyboard.type('Megan visits on Sundays.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  expect(await page.locator('.section-editor[data-section="howNeedsMet"]').innerText()).toContain('Megan visits on Sundays.');

  // Record agreement.
  await tabTo(page, focusedButton('I agree with this plan'), 250);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('section.agreement .agreement-result').innerText()).toBe('Recorded: you agree with the plan as it is now.');
});
