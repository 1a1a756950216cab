// Moving between pages: plans on this device are told apart, a new page is announced by focusing its heading,
// a broken address shows the not-found page, and leaving with unsaved words always asks first.

import type { Dialog, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPage, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName);

it('lists plans on this device with names that tell them apart, and announces the page it opens', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Rhian Price');
  const { page, problems } = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url);
  // What earlier visits left behind: two untitled plans and the one just made.
  const remembered = [
    { id: plan.id, title: plan.title, jurisdiction: 'wales', lastOpened: '2026-11-24T10:15:00.000Z' },
    { id: 'AAAAAAAAAAAAAAAAAAAAAA', title: null, jurisdiction: 'england', lastOpened: '2026-11-23T14:05:00.000Z' },
    { id: 'BBBBBBBBBBBBBBBBBBBBBB', title: null, jurisdiction: 'wales', lastOpened: '2026-10-02T09:30:00.000Z' },
  ];
  await page.evaluate((plans) => localStorage.setItem('cylch.plans', JSON.stringify(plans)), remembered);
  await page.reload();
  // First load: focus stays at the top of the page.
  expect(await focusedTag(page)).toBe('BODY');

  // "Plans on this device" (not "My plans", which is shown too); found by its heading, in either language.
  const list = page.locator('section:has(> #recent-heading) .plan-list');
  const names = await list.getByRole('link').allInnerTexts();
  expect(names).toHaveLength(3);
  expect(new Set(names).size).toBe(3);
  expect(names[1]).toMatch(/^Support plan, opened 23 November 2026 at \d\d:\d\d$/);
  expect(await list.locator('li').nth(1).innerText()).toContain('England');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await list.scrollIntoViewIfNeeded();
  await screenshot(page, 'home-remembered');

  await page.getByRole('button', { name: 'Cymraeg' }).click();
  expect((await list.getByRole('link').allInnerTexts())[1]).toMatch(/^Cynllun cymorth, agorwyd ar 23 Tachwedd 2026 am \d\d:\d\d$/);
  await page.getByRole('button', { name: 'English', exact: true }).click();

  // Opening a plan from the list moves focus to the new page's heading.
  await list.getByRole('link', { name: /^Test plan for Rhian/ }).click();
  await editor(page, 'aboutMe').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Test plan for Rhian Price');
  expect(await focusedTag(page)).toBe('H1');
  expect(problems).toEqual([]);
});

it('shows the not-found page for an address with a broken %-escape', async () => {
  const { page } = await openPage(await env.browser.newContext());
  await page.goto(`${env.server.url}/plans/%E0%A4%A`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
});

it('asks before in-app navigation would lose unsaved words, and stays if told to', async () => {
  const plan = await createTestPlan(env.server);
  const dafydd = await addTestMember(env.server, plan, { name: 'Dafydd Rees', role: 'advocate' });
  const { page } = await openPageAs(env.browser, env.server.url, dafydd);
  await openPlan(page, env.server.url, plan.id);
  await page.getByRole('link', { name: /Cylch/ }).click();
  await page.getByRole('region', { name: 'My plans' }).getByRole('link', { name: /^Test plan for Rhian/ }).click();
  await editor(page, 'stayingSafe').click();
  await page.keyboard.type('Dafydd walks to the shop on his own.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  const planUrl = page.url();

  const dialogs: string[] = [];
  const answer = { accept: false };
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void (answer.accept ? dialog.accept() : dialog.dismiss());
  });

  await env.restartServer({
    whileDown: async () => {
      await expect.poll(() => saveState(page).getAttribute('data-save-state')).toMatch(/^offline/);
      await editor(page, 'stayingSafe').click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Unsaved words.');
      await expect.poll(() => saveState(page).getAttribute('data-save-state')).toBe('offlineUnsaved');

      // The header link, Back, and the account link each ask; saying no keeps the plan open.
      await page.getByRole('link', { name: /Cylch/ }).click();
      await page.evaluate(() => history.back());
      await expect.poll(() => dialogs.length).toBe(2);
      await page.locator('header').getByRole('link', { name: 'Your account' }).click();
      expect(dialogs).toHaveLength(3);
      for (const message of dialogs) expect(message).toContain('not saved yet');
      expect(page.url()).toBe(planUrl);
      expect(await editor(page, 'stayingSafe').innerText()).toContain('Unsaved words.');
    },
  });

  // Once everything is on disk, leaving does not ask.
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 15_000 }).toBe('saved');
  await page.evaluate(() => history.back());
  await page.getByRole('heading', { name: 'Write a support plan together' }).waitFor();
  expect(dialogs).toHaveLength(3);
  expect(await focusedTag(page)).toBe('H1');
});
