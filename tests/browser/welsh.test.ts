// Every screen in Welsh, checked against the catalogue: after switching to Cymraeg, no English sentence from the
// English catalogue is left on the screen (the person's own words and names are not catalogue text, so they may be
// in any language), the page says it is in Welsh, and switching back gives English again. Every screen is clean under
// axe (WCAG 2.2 A and AA) in both languages. The accessibility statement is reached from the footer by keyboard.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { catalogues } from '../../shared/i18n/index.js';
import { createTestPlan } from '../helpers/members.js';
import { openPageAs, openPlan, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

/** The English catalogue's sentences: each text's static parts (between {{values}}) of two words or more. */
function englishSentences(): string[] {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === 'string') {
      for (const part of node.split(/\{\{[^}]+\}\}/)) {
        const text = part.trim();
        if (text.length >= 12 && /\s/.test(text)) found.add(text);
      }
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(catalogues.en);
  // A sentence that is also Welsh text (a name, a shared word) is not a sign of English left behind.
  const welsh = JSON.stringify(catalogues.cy);
  return [...found].filter((s) => !welsh.includes(JSON.stringify(s).slice(1, -1)));
}

const ENGLISH = englishSentences();

async function englishLeft(page: Page): Promise<string[]> {
  // Text marked as English on purpose (the offer of a plan's own language, "English" on the switcher) is not left over.
  const text = await page.evaluate(() => {
    let all = document.body.innerText;
    for (const el of document.querySelectorAll<HTMLElement>('body [lang="en"]')) all = all.split(el.innerText).join(' ');
    return all;
  });
  return ENGLISH.filter((s) => text.includes(s));
}

it('leaves no English catalogue text on any screen in Welsh, each clean under axe, and comes back to English', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(page, env.server.url, plan.id);
  // The check can see English: the same page in English is full of it.
  expect((await englishLeft(page)).length).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('cy');

  const seq = await page.evaluate(async (planId) => {
    const res = await fetch(`/api/plans/${planId}/versions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Drafft' }) });
    return ((await res.json()) as { seq: number }).seq;
  }, plan.id);
  const screens = ['/', `/plans/${plan.id}`, `/plans/${plan.id}/history`, `/plans/${plan.id}/versions`, `/plans/${plan.id}/compare?from=${seq}`, `/plans/${plan.id}/copies`, '/account', '/accessibility', '/no-such-page'];
  for (const path of screens) {
    await page.goto(`${env.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    // Let anything that loads after the heading arrive.
    await page.waitForLoadState('networkidle');
    expect(await englishLeft(page), path).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang), path).toBe('cy');
    expect(await seriousAccessibilityViolations(page), path).toEqual([]);
  }
  // Signed out: the sign-in and sign-up screens.
  const signedOut = await env.browser.newContext();
  const anonymous = await signedOut.newPage();
  await anonymous.goto(`${env.server.url}/sign-in`);
  await anonymous.getByRole('button', { name: 'Cymraeg' }).click();
  for (const path of ['/sign-in', '/sign-up']) {
    await anonymous.goto(`${env.server.url}${path}`);
    await anonymous.locator('h1').first().waitFor();
    expect(await englishLeft(anonymous), path).toEqual([]);
    expect(await seriousAccessibilityViolations(anonymous), path).toEqual([]);
  }
  await signedOut.close();

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect.poll(() => page.locator('h1').first().innerText()).toBe('Page not found');
});

it('reaches the accessibility statement from the footer by keyboard; it is clean in English and Welsh', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await page.goto(`${env.server.url}/`);
  await page.locator('h1').first().waitFor();
  const link = page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('h1').innerText()).toBe('Accessibility statement');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  for (const heading of ['What we test every time Cylch changes', 'What does not work well yet', 'Getting the plan in another format']) {
    expect(await page.getByRole('heading', { level: 2, name: heading }).count()).toBe(1);
  }
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => page.locator('h1').innerText()).toBe('Datganiad hygyrchedd');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

it('has no serious or critical axe findings on any screen in English (the Welsh pass is above)', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(page, env.server.url, plan.id);
  // A saved version, then a change, so the comparison has something to show.
  const seq = await page.evaluate(async (planId) => {
    const res = await fetch(`/api/plans/${planId}/versions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Draft' }) });
    return ((await res.json()) as { seq: number }).seq;
  }, plan.id);
  await page.locator('.section-editor[data-section="aboutMe"]').click();
  await page.keyboard.type('I like trains.');
  await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  expect(await seriousAccessibilityViolations(page), 'the plan').toEqual([]);
  const screens = ['/', `/plans/${plan.id}/history`, `/plans/${plan.id}/versions`, `/plans/${plan.id}/compare?from=${seq}`, `/plans/${plan.id}/copies`, '/account', '/accessibility'];
  for (const path of screens) {
    await page.goto(`${env.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityViolations(page), path).toEqual([]);
  }
  const signedOut = await (await env.browser.newContext()).newPage();
  for (const path of ['/sign-in', '/sign-up']) {
    await signedOut.goto(`${env.server.url}${path}`);
    await signedOut.locator('h1').first().waitFor();
    expect(await seriousAccessibilityViolations(signedOut), path).toEqual([]);
  }
  await signedOut.context().close();
});

it('offers a Welsh plan in Welsh (the Active Offer), in Welsh words, and switches when taken up', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans', { language: 'cy' });
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(page, env.server.url, plan.id);
  const offer = page.locator('.language-offer');
  await expect.poll(() => offer.innerText()).toContain('Cymraeg yw iaith y cynllun hwn.');
  expect(await offer.getAttribute('lang')).toBe('cy');
  await offer.getByRole('button', { name: 'Defnyddio’r Gymraeg' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('cy');
  expect(await offer.count()).toBe(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
