// The person invites someone from the plan's page; the invitee follows the link, creates an account, joins, and
// finds the plan in "My plans" with the part they were invited to.

import { expect, it } from 'vitest';
import { planMetaSchema } from '../../shared/schemas.js';
import { openPage, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('invites by link, and the invitee joins the circle after creating an account', async () => {
  const samContext = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await samContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  // Sam's account and plan, made as the page would (the context keeps the session cookie).
  const signUp = await samContext.request.post(`${env.server.url}/api/account/sign-up`, {
    data: { displayName: 'Sam Evans', email: 'sam@example.org', password: 'sams long password' },
  });
  expect(signUp.status()).toBe(201);
  const created = await samContext.request.post(`${env.server.url}/api/plans`, { data: { jurisdiction: 'england', title: "Sam's plan" } });
  const plan = planMetaSchema.parse(await created.json());

  const sam = await openPage(samContext);
  await sam.page.goto(`${env.server.url}/plans/${plan.id}`);
  await sam.page.getByText('You are Sam Evans (The person the plan is about)').waitFor();

  // Folded away until asked for, so the plan comes first.
  await sam.page.locator('summary', { hasText: 'Invite someone to the circle' }).click();
  const panel = sam.page.getByRole('region', { name: 'Invite someone to the circle' });
  await panel.waitFor();
  await panel.getByRole('radio', { name: 'Family or friend' }).check();
  await panel.getByRole('radio', { name: 'Comment only' }).check();
  await panel.getByRole('button', { name: 'Make an invitation link' }).click();
  const link = await panel.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(new RegExp(`^${env.server.url}/invitations/[A-Za-z0-9_-]{43}$`));
  await panel.getByRole('button', { name: 'Copy the link' }).click();
  await expect.poll(() => panel.getByRole('status').innerText()).toBe('Link copied.');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await screenshot(sam.page, 'invite');

  const megan = await openPage(await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await megan.page.goto(link);
  await megan.page.getByRole('heading', { name: 'You are invited to a support plan' }).waitFor();
  expect(await seriousAccessibilityViolations(megan.page)).toEqual([]);
  await megan.page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  await megan.page.getByLabel('Your name').fill('Megan Evans');
  await megan.page.getByLabel('Email address').fill('megan@example.org');
  await megan.page.getByLabel('Password', { exact: true }).fill('megans long password');
  await megan.page.getByRole('button', { name: 'Create the account' }).click();

  // Back on the invitation, signed in now.
  await megan.page.getByText('You will join as Megan Evans.').waitFor();
  await megan.page.getByRole('button', { name: 'Join the plan' }).click();
  await megan.page.waitForURL(`${env.server.url}/plans/${plan.id}`);
  await megan.page.getByText('You are Megan Evans (Family or friend)').waitFor();
  // Comment level: every section is read-only, and says so.
  await expect.poll(() => megan.page.locator('#section-howNeedsMet-rights-note').innerText()).toContain('You can read this plan, but not change it.');
  expect(await megan.page.locator('.section-editor[data-section="howNeedsMet"]').getAttribute('contenteditable')).toBe('false');

  await megan.page.goto(env.server.url);
  const mine = megan.page.getByRole('region', { name: 'My plans' });
  await expect.poll(() => mine.getByRole('link', { name: "Sam's plan" }).count()).toBe(1);
  expect(await mine.innerText()).toContain('You are Family or friend · England');

  // The link worked once: someone else who follows it is told so in plain words.
  const alexContext = await env.browser.newContext();
  await alexContext.request.post(`${env.server.url}/api/account/sign-up`, {
    data: { displayName: 'Alex Hughes', email: 'alex@example.org', password: 'alexs long password' },
  });
  const alex = await openPage(alexContext);
  await alex.page.goto(link);
  await alex.page.getByRole('button', { name: 'Join the plan' }).click();
  await expect.poll(() => alex.page.getByRole('alert').innerText()).toContain('already been used');
  expect(sam.problems).toEqual([]);
  expect(megan.problems).toEqual([]);
});
