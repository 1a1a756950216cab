// Starting a plan from the home page, in English and in Welsh, by keyboard alone, with no serious
// accessibility problems on either screen; starting one needs an account; a social worker can start one for
// someone else, who owns it once they follow the link they are given.

import { expect, it } from 'vitest';
import { createTestAccount } from '../helpers/members.js';
import { editor, openPage, openPageAs, saveState, screenshot, seriousAccessibilityViolations, signInAs, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('asks someone signed out to sign in before starting a plan, and comes back', async () => {
  const { page, problems } = await openPage(await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await page.goto(env.server.url);
  const start = page.getByRole('region', { name: 'Start a new plan' });
  await expect.poll(() => start.innerText()).toContain('To start a plan, sign in or create an account first');
  expect(await start.getByRole('button', { name: 'Start the plan' }).count()).toBe(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'home-signed-out');
  await start.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill('Rhys Jones');
  await page.getByLabel('Email address').fill('rhys@example.org');
  await page.getByLabel('Password', { exact: true }).fill('rhys long password');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await start.getByRole('button', { name: 'Start the plan' }).waitFor();
  expect(problems).toEqual([]);
});

it('creates a Welsh-law plan using only the keyboard', async () => {
  const rhys = await createTestAccount(env.server, 'Rhys Jones');
  const { page, problems } = await openPageAs(env.browser, env.server.url, rhys, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'Start the plan' }).waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'home-en');

  // Tab from the top of the page: skip link first.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');

  await page.getByRole('radio', { name: 'Wales' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type("Rhys's support plan");
  await page.keyboard.press('Enter');

  // Who the plan is for is not assumed: asked for, and focus goes to the choice.
  expect(await page.getByRole('radio', { name: 'For me' }).isChecked()).toBe(false);
  await expect.poll(() => page.getByRole('alert').innerText()).toBe('Please say who the plan is for.');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('for-whom-me');
  expect(await page.getByRole('radio', { name: /I am their social worker/ }).getAttribute('aria-describedby')).toBeTruthy();
  expect(page.url()).toBe(`${env.server.url}/`);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // to the chosen country
  await page.keyboard.press('Tab'); // to the plan's name
  await page.keyboard.press('Enter');

  await editor(page, 'aboutMe').waitFor();
  expect(page.url()).toMatch(/\/plans\/[A-Za-z0-9_-]{22}$/);
  // The new page is announced: focus is on its heading.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Rhys's support plan");
  expect(await page.getByText('You are Rhys Jones (The person the plan is about)').count()).toBe(1);
  expect(await page.getByText('A plan under the law of Wales').count()).toBe(1);
  // Welsh-law prompts where the law differs.
  expect(await page.locator('#section-whatMatters-prompt').innerText()).toContain('personal outcomes');

  // Reach the first section's editor by keyboard: Tab through the toolbar (one stop) into the editor.
  await page.locator('.toolbar').first().locator('button[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Italic');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-section'))).toBe('aboutMe');
  await page.keyboard.type('Typed with the keyboard only.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

it('switches the whole screen to Welsh and remembers the choice', async () => {
  const sian = await createTestAccount(env.server, 'Siân Owen');
  const { page } = await openPageAs(env.browser, env.server.url, sian, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Ysgrifennu cynllun cymorth gyda'ch gilydd");

  await page.getByRole('radio', { name: 'Ar fy nghyfer i' }).check();
  await page.getByRole('radio', { name: 'Lloegr' }).check();
  await page.getByRole('button', { name: "Dechrau'r cynllun" }).click();
  await editor(page, 'aboutMe').waitFor();
  expect(await page.getByRole('heading', { name: /Amdanaf i/ }).count()).toBe(1);
  expect(await page.getByText('Chi yw Siân Owen (Y person y mae\'r cynllun amdano)').count()).toBe(1);
  expect(await page.getByRole('region', { name: 'Y cylch cymorth' }).count()).toBe(1);
  await expect.poll(() => saveState(page).innerText()).toMatch(/Pob newid wedi'i gadw|Yn cysylltu/);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'plan-cy');

  await page.reload();
  await editor(page, 'aboutMe').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
});

it('works on a phone-sized screen', async () => {
  const jo = await createTestAccount(env.server, 'Jo Price');
  const { page } = await openPageAs(env.browser, env.server.url, jo, { viewport: { width: 390, height: 844 }, isMobile: true });
  await page.goto(env.server.url);
  await page.getByRole('radio', { name: 'For me' }).check();
  await page.getByRole('button', { name: 'Start the plan' }).click();
  await editor(page, 'aboutMe').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'plan-phone');
});

it('a social worker starts a plan for someone else, who owns it once they follow their link', async () => {
  const alex = await createTestAccount(env.server, 'Alex Hughes');
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await signInAs(context, env.server.url, alex);
  const { page, problems } = await openPage(context);
  await page.goto(env.server.url);
  await page.getByRole('radio', { name: 'For someone else — I am their social worker' }).check();
  await page.getByLabel('Name of the plan (optional)').fill("Dewi's plan");
  await page.getByRole('button', { name: 'Start the plan' }).click();

  const started = page.getByRole('region', { name: '“Dewi\'s plan” is started' });
  await started.waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('started-heading');
  const link = await started.getByLabel('Link for the person').inputValue();
  expect(link).toMatch(new RegExp(`^${env.server.url}/invitations/[A-Za-z0-9_-]{43}$`));
  await started.getByRole('button', { name: 'Copy the link' }).click();
  await expect.poll(() => started.getByRole('status').innerText()).toBe('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // It is in Alex's plans at once, with his part in it.
  await expect.poll(() => page.getByRole('region', { name: 'My plans' }).innerText()).toContain('You are Social worker · England');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'started-for-someone');

  // Alex looks after the plan meanwhile, as interim plan manager, on the person's behalf.
  await started.getByRole('link', { name: 'Open “Dewi\'s plan”' }).click();
  await editor(page, 'aboutMe').waitFor();
  expect(await page.getByText('You are Alex Hughes (Social worker)').count()).toBe(1);
  await expect.poll(() => page.locator('.on-behalf').innerText()).toContain('on behalf of the person');
  expect(await page.locator('.on-behalf').innerText()).toContain('has not joined yet');

  // Dewi follows the link, and the plan is his.
  const dewi = await createTestAccount(env.server, 'Dewi Thomas');
  const d = await openPageAs(env.browser, env.server.url, dewi);
  await d.page.goto(link);
  await d.page.getByRole('button', { name: 'Join the plan' }).click();
  await editor(d.page, 'aboutMe').waitFor();
  expect(await d.page.getByText('You are Dewi Thomas (The person the plan is about)').count()).toBe(1);
  // Alex's open page hears of it: the plan waits for nobody now.
  await expect.poll(() => page.locator('.on-behalf').count(), { timeout: 5_000 }).toBe(0);
  expect(problems).toEqual([]);
  expect(d.problems).toEqual([]);
});
