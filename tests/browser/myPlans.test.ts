// Someone signed in who starts a plan finds it under "My plans", as the plan's person, and is in it under their
// account's name.

import { expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('lists the plans I started under "My plans", and shows me in the plan under my account name', async () => {
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

  await page.getByRole('radio', { name: 'For me' }).check();
  await page.getByRole('radio', { name: 'Wales' }).check();
  await page.getByLabel('Name of the plan (optional)').fill('Cynllun Rhian');
  await page.getByRole('button', { name: 'Start the plan' }).click();
  await page.locator('.section-editor').first().waitFor();
  expect(await page.getByText('You are Rhian Price (The person the plan is about)').count()).toBe(1);
  // The circle so far: Rhian, here now.
  const circle = page.getByRole('region', { name: 'The circle of support' });
  await expect.poll(() => circle.innerText()).toContain('Rhian Price');
  await expect.poll(() => circle.innerText()).toContain('Here now');

  await page.goto(env.server.url);
  const mine = page.getByRole('region', { name: 'My plans' });
  await expect.poll(() => mine.getByRole('link', { name: 'Cynllun Rhian' }).count()).toBe(1);
  expect(await mine.innerText()).toContain('You are The person the plan is about · Wales');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'my-plans');
  expect(problems).toEqual([]);
});
