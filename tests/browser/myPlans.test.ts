// Someone signed in who starts a plan finds it under "My plans", as the plan's person, and joins it under their
// account's name.

import { expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('lists the plans I started under "My plans", and suggests my account name when I join', async () => {
  const { page, problems } = await openPage(await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await page.goto(env.server.url);
  await page.locator('header').getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill('Rhian Price');
  await page.getByLabel('Email address').fill('rhian@example.org');
  await page.getByLabel('Password', { exact: true }).fill('rhians long password');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.locator('header').getByText('Signed in as Rhian Price').waitFor();

  await page.goto(env.server.url);
  await page.getByRole('heading', { name: 'My plans' }).waitFor();
  await expect.poll(() => page.getByText('You are not in any plan yet').count()).toBe(1);

  await page.getByRole('radio', { name: 'Wales' }).check();
  await page.getByLabel('Name of the plan (optional)').fill('Cynllun Rhian');
  await page.getByRole('button', { name: 'Start the plan' }).click();
  await page.getByLabel('Your name').waitFor();
  expect(await page.getByLabel('Your name').inputValue()).toBe('Rhian Price');

  await page.goto(env.server.url);
  const mine = page.getByRole('region', { name: 'My plans' });
  await expect.poll(() => mine.getByRole('link', { name: 'Cynllun Rhian' }).count()).toBe(1);
  expect(await mine.innerText()).toContain('You are The person the plan is about · Wales');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'my-plans');
  expect(problems).toEqual([]);
});
