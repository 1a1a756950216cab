// Accounts, from the header: create one, sign out and back in (a wrong password is told in plain words), change
// the password on the account page, and sign in with the new one. Signing in returns to the page that asked,
// and never to another site. The account pages have no serious accessibility problems.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { accountSchema } from '../../shared/schemas.js';
import { acceptInvitation, createInvitation } from '../../server/circle/circleOperations.js';
import { createTestPlan } from '../helpers/members.js';
import { openPage, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);
const header = (page: Page) => page.locator('header');
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await heading(page, 'Sign in').waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Makes an account through the API, as the page would (JSON, so the server accepts it); returns its id. */
async function createAccount(displayName: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${env.server.url}/api/account/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName, email, password }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return accountSchema.parse(((await res.json()) as { account: unknown }).account).id;
}

it('creates an account, signs out and in, and changes the password', async () => {
  const { page, problems } = await openPage(await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await page.goto(env.server.url);

  await header(page).getByRole('link', { name: 'Create an account' }).click();
  await heading(page, 'Create an account').waitFor();
  expect(await page.title()).toBe('Create an account – Cylch');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // Sent empty: every field says what it needs, and focus goes to the first.
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect.poll(() => focusedId(page)).toBe('sign-up-name');
  expect(await page.getByRole('alert').allInnerTexts()).toEqual([
    'Please type your name.',
    'Please type your email address.',
    'Please type your password.',
  ]);
  const name = page.getByLabel('Your name');
  expect(await name.getAttribute('aria-invalid')).toBe('true');
  expect(await name.getAttribute('aria-describedby')).toBe('sign-up-name-hint sign-up-name-error');
  expect(await name.getAttribute('autocomplete')).toBe('name');
  expect(await page.getByLabel('Email address').getAttribute('autocomplete')).toBe('email');
  const password = page.getByLabel('Password', { exact: true });
  expect(await password.getAttribute('autocomplete')).toBe('new-password');
  expect(await page.locator('#sign-up-password-hint').innerText()).toContain('At least 10 characters');

  await name.fill('Rhian Price');
  await page.getByLabel('Email address').fill('rhian@example.com');
  await password.fill('too short');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual(['Please use a password of at least 10 characters.']);
  expect(await focusedId(page)).toBe('sign-up-password');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'sign-up');

  // The password can be shown to check it.
  await password.fill('first correct horse');
  await page.getByRole('button', { name: 'Show password' }).click();
  expect(await password.getAttribute('type')).toBe('text');
  expect(await page.getByRole('button', { name: 'Show password' }).getAttribute('aria-pressed')).toBe('true');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await header(page).getByText('Signed in as Rhian Price').waitFor();
  expect(page.url()).toBe(`${env.server.url}/`);
  await heading(page, 'Write a support plan together').waitFor();

  // Signing out puts "Sign in" back, with focus on it.
  await header(page).getByRole('button', { name: 'Sign out' }).click();
  await header(page).getByRole('link', { name: 'Sign in' }).waitFor();
  expect(await header(page).getByText('Signed in as').count()).toBe(0);
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');

  // A wrong password is told in plain words, against the password.
  await header(page).getByRole('link', { name: 'Sign in' }).click();
  expect(await page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).toBe('current-password');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await signIn(page, 'rhian@example.com', 'not my password');
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toBe('The email address or password is not right. Check them and try again.');
  expect(await focusedId(page)).toBe('sign-in-password');
  expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await page.getByLabel('Password', { exact: true }).fill('first correct horse');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await header(page).getByText('Signed in as Rhian Price').waitFor();

  // The account page: who you are, and changing the password.
  await header(page).getByRole('link', { name: 'Your account' }).click();
  await heading(page, 'Your account').waitFor();
  expect(await page.locator('.account-details').innerText()).toContain('rhian@example.com');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('second correct horse');
  await page.getByRole('button', { name: 'Show new password' }).click();
  expect(await page.getByLabel('New password').getAttribute('type')).toBe('text');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect.poll(() => page.getByRole('alert').innerText()).toBe('That is not your current password. Check it and try again.');
  expect(await focusedId(page)).toBe('current-password');
  // Sending the form hid the password again, so the browser never saves or sends it as plain text.
  expect(await page.getByLabel('New password').getAttribute('type')).toBe('password');

  await page.getByLabel('Current password').fill('first correct horse');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'changed' }).innerText()).toMatch(/^Your password has been changed\./);
  expect(await page.getByLabel('Current password').inputValue()).toBe('');
  expect(await page.getByLabel('New password').inputValue()).toBe('');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'account');

  // Still signed in here. Signing out from the account page goes to the start page.
  await page.reload();
  await header(page).getByText('Signed in as Rhian Price').waitFor();
  await header(page).getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Write a support plan together').waitFor();

  // The old password no longer works; the new one does.
  await header(page).getByRole('link', { name: 'Sign in' }).click();
  await signIn(page, 'rhian@example.com', 'first correct horse');
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toBe('The email address or password is not right. Check them and try again.');
  await page.getByLabel('Password', { exact: true }).fill('second correct horse');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await header(page).getByText('Signed in as Rhian Price').waitFor();
  // Chrome logs every 401/403 answer (signed out at start, the wrong passwords above) as a console error.
  expect(problems.filter((p) => !/status of 40[13]/.test(p))).toEqual([]);
});

it('asks a signed-out visitor to sign in for the account page, and returns there', async () => {
  await createAccount('Dafydd Rees', 'dafydd@example.com', 'dafydd correct horse');
  const { page } = await openPage(await env.browser.newContext());
  await page.goto(`${env.server.url}/account`);
  await heading(page, 'Sign in').waitFor();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?next=%2Faccount');
  await signIn(page, 'Dafydd@Example.com ', 'dafydd correct horse');
  await heading(page, 'Your account').waitFor();
  expect(new URL(page.url()).pathname).toBe('/account');
});

it('returns to the plan it was signing in from, and never to another site', async () => {
  const meganId = await createAccount('Megan Hughes', 'megan@example.com', 'megan correct horse');
  const plan = await createTestPlan(env.server);
  const { token } = await createInvitation(env.server.circles, plan.id, plan.owner.accountId, { role: 'family', level: 'edit' });
  await acceptInvitation(env.server.circles, token, meganId);
  const { page } = await openPage(await env.browser.newContext());
  await page.goto(`${env.server.url}/plans/${plan.id}`);
  // Signed out, the plan is not shown at all: only the way to sign in.
  await heading(page, 'Sign in to open this plan').waitFor();
  expect(await page.locator('.section-editor').count()).toBe(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await header(page).getByRole('link', { name: 'Sign in' }).click();
  await signIn(page, 'megan@example.com', 'megan correct horse');
  await page.locator('.section-editor').first().waitFor();
  expect(new URL(page.url()).pathname).toBe(`/plans/${plan.id}`);
  await header(page).getByText('Signed in as Megan Hughes').waitFor();
  expect(await page.getByText('You are Megan Hughes (Family or friend)').count()).toBe(1);

  // Someone signed in who is not in the circle is told so, in plain words; the page's own link works too.
  await createAccount('Alex Hughes', 'alex@example.com', 'alex correct horse');
  const stranger = await openPage(await env.browser.newContext());
  await stranger.page.goto(`${env.server.url}/plans/${plan.id}`);
  await stranger.page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await signIn(stranger.page, 'alex@example.com', 'alex correct horse');
  await expect.poll(() => stranger.page.getByRole('alert').innerText()).toContain('You are not in this plan’s circle');
  expect(new URL(stranger.page.url()).pathname).toBe(`/plans/${plan.id}`);
  expect(await stranger.page.locator('.section-editor').count()).toBe(0);

  for (const next of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
    const context = await env.browser.newContext();
    const other = await context.newPage();
    await other.goto(`${env.server.url}/sign-in?next=${encodeURIComponent(next)}`);
    await signIn(other, 'megan@example.com', 'megan correct horse');
    await heading(other, 'Write a support plan together').waitFor();
    expect(new URL(other.url()).origin + new URL(other.url()).pathname).toBe(`${env.server.url}/`);
    await context.close();
  }
});

it('is in Welsh when Welsh is chosen', async () => {
  const { page } = await openPage(await env.browser.newContext());
  await page.goto(`${env.server.url}/sign-up`);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await heading(page, 'Creu cyfrif').waitFor();
  await page.getByRole('button', { name: "Creu'r cyfrif" }).click();
  await expect.poll(() => page.getByRole('alert').first().innerText()).toBe('Teipiwch eich enw, os gwelwch yn dda.');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
