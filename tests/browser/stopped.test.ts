// When the server refuses a change for good (here, one too large to send), the page stops honestly, and offers to
// copy everything on the page before reloading, so no words need be lost.

import { expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.js';
import { createTestPlan } from '../helpers/members.js';
import { editor, openPage, openPlan, saveState, screenshot, signInAs, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('says the latest change could not be sent, and copies the page\'s words for safe keeping', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Jo Price');
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await signInAs(context, env.server.url, plan.owner);
  const { page } = await openPage(context);
  await openPlan(page, env.server.url, plan.id);

  await editor(page, 'myLifeNow').click();
  await page.keyboard.type('Words that reached the server. ');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // One paste larger than the server takes in a single message.
  const huge = 'x'.repeat(LIMITS.maxMessageBytes + 1024);
  await page.evaluate((text) => document.execCommand('insertText', false, text), huge);
  const problem = page.locator('.problem');
  await problem.waitFor();
  expect(await problem.innerText()).toContain('too large to save in one go');
  await expect.poll(() => saveState(page).getAttribute('data-save-state')).toBe('stopped');
  expect(await saveState(page).innerText()).toContain('could not be sent');

  await problem.getByRole('button', { name: 'Copy everything on this page' }).click();
  await expect.poll(() => problem.getByRole('status').innerText()).toContain('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('My life now\nWords that reached the server. x');
  expect(copied.length).toBeGreaterThan(LIMITS.maxMessageBytes);
  await screenshot(page, 'stopped');
});
