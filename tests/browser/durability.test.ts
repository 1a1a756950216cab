// Nothing typed is lost: after a reload, after a server restart, and when typing while the server is away.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const saved = { timeout: 15_000 };

it('text survives a reload and a server restart, and typing while offline is sent when the server returns', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Gwen Morgan');
  const alex = await addTestMember(env.server, plan, { name: 'Alex Hughes', role: 'socialWorker' });
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(page, env.server.url, plan.id);

  await editor(page, 'stayingInControl').click();
  await page.keyboard.type('I ask Gwen to help me read letters from the council.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), saved).toBe('saved');

  // Reload: still signed in, and the text comes back from the server.
  await page.reload();
  await expect.poll(() => editor(page, 'stayingInControl').innerText()).toContain('I ask Gwen to help me read letters from the council.');

  // Server restart on the same port and data: the page reconnects by itself.
  await env.restartServer({ whileDown: () => typeWhileOffline(page) });
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), saved).toBe('saved');

  // A different person, in a fresh browser, sees everything.
  const other = await openPageAs(env.browser, env.server.url, alex);
  await openPlan(other.page, env.server.url, plan.id);
  await expect
    .poll(() => editor(other.page, 'stayingInControl').innerText())
    .toContain('I ask Gwen to help me read letters from the council. Typed while offline.');
});

async function typeWhileOffline(page: Page): Promise<void> {
  await expect.poll(() => saveState(page).getAttribute('data-save-state')).toMatch(/^offline/);

  // Typing while the server is away is kept in the page and announced honestly.
  await editor(page, 'stayingInControl').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Typed while offline.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state')).toBe('offlineUnsaved');
  expect(await saveState(page).innerText()).toContain('Offline — your changes will be sent when you reconnect');
  // The visible status is readable where it is; the settled state is also announced once, then cleared so
  // reading on does not meet it twice.
  expect(await saveState(page).locator('[aria-hidden="true"]').allInnerTexts()).toEqual(['']);
  const announcement = saveState(page).getByRole('status');
  await expect.poll(() => announcement.innerText(), { timeout: 5_000 }).toContain('Offline — your changes will be sent when you reconnect');
  await expect.poll(() => announcement.innerText(), { timeout: 10_000 }).toBe('');
  await screenshot(page, 'durability-offline');

  // Closing the tab now would lose those words, so the browser asks first (and we choose to stay).
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    });
  });
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

}

it('a link to a plan that does not exist says so in plain words', async () => {
  const plan = await createTestPlan(env.server);
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await page.goto(`${env.server.url}/plans/AAAAAAAAAAAAAAAAAAAAAA`);
  await expect.poll(() => page.getByRole('alert').innerText()).toContain('There is no plan at this address');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This plan cannot be opened');
  await page.goto(`${env.server.url}/plans/not-a-plan`);
  await expect.poll(() => page.getByRole('alert').innerText()).toContain('That is not a valid plan address');
});
