// Versions, comparison and restore in the browser: the person saves a version; a family member then changes a
// shared section; comparing the version with the plan now shows the change inside <ins> and <del>, each attributed
// to her by name (tooltip and screen-reader words); the person restores that section from the compare page and the
// old words come back in the live plan, in both browsers.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

async function saved(page: Page) {
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
}

it('compares a saved version with the plan now, names who added and removed what, and restores a section', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const meganMember = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const megan = await openPageAs(env.browser, env.server.url, meganMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await openPlan(megan.page, env.server.url, plan.id);

  // Both write; Sam in his own words and in a shared section.
  await editor(sam.page, 'aboutMe').click();
  await sam.page.keyboard.type('Sam likes music.');
  await editor(sam.page, 'howNeedsMet').click();
  await sam.page.keyboard.type('Sam goes to the day centre on Mondays.');
  await saved(sam.page);
  await expect.poll(() => editor(megan.page, 'howNeedsMet').innerText()).toContain('on Mondays.');
  await editor(megan.page, 'budgetManagement').click();
  await megan.page.keyboard.type('A direct payment, managed by Megan.');
  await saved(megan.page);

  // Sam follows the plan page's link to the versions, and saves one.
  await sam.page.getByRole('link', { name: 'Versions — save and compare' }).click();
  const h1 = sam.page.getByRole('heading', { level: 1 });
  await expect.poll(() => h1.innerText()).toBe('Versions of Test plan for Sam Evans');
  await expect.poll(() => h1.evaluate((el) => el === document.activeElement)).toBe(true);
  await expect.poll(() => sam.page.getByText('No version has been saved yet.').count()).toBe(1);
  // A name is needed: said next to the field, and the field is focused.
  await sam.page.getByRole('button', { name: 'Save this version' }).click();
  await expect.poll(() => sam.page.locator('#version-name-error').innerText()).toBe('Please give this version a name.');
  expect(await sam.page.evaluate(() => document.activeElement?.id)).toBe('version-name');
  expect(await sam.page.getByLabel('Name of this version').getAttribute('aria-invalid')).toBe('true');
  await sam.page.getByLabel('Name of this version').fill('Draft for review');
  await sam.page.getByRole('button', { name: 'Save this version' }).click();
  await expect.poll(() => sam.page.locator('#save-version-heading ~ form [role="status"]').innerText()).toBe('Saved “Draft for review”. It is at the top of the list below.');
  const version = sam.page.locator('li.version').filter({ hasText: 'Draft for review' });
  await expect.poll(() => version.innerText()).toContain('This is the plan now');
  expect(await version.innerText()).toMatch(/Saved by Sam Evans \(The person the plan is about\), \d\d:\d\d/);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);

  // Megan changes one word of the shared section: "Mondays" becomes "Tuesdays".
  await editor(megan.page, 'howNeedsMet').click();
  await megan.page.keyboard.press('End');
  await megan.page.keyboard.press('ArrowLeft');
  await megan.page.keyboard.press('Control+Shift+ArrowLeft');
  await megan.page.keyboard.type('Tuesdays');
  await expect.poll(() => editor(megan.page, 'howNeedsMet').innerText()).toBe('Sam goes to the day centre on Tuesdays.');
  await saved(megan.page);

  // The version is no longer the plan now; Sam compares it with the plan now.
  await sam.page.reload();
  await expect.poll(() => version.innerText()).not.toContain('This is the plan now');
  await screenshot(sam.page, 'versions');
  await version.getByRole('link', { name: 'Compare with the plan now' }).click();
  await expect.poll(() => h1.innerText()).toMatch(/^“Draft for review” \(\d{1,2} \w+ \d{4} at \d\d:\d\d\) compared with the plan now$/);
  expect(await sam.page.title()).toMatch(/^“Draft for review” .* compared with the plan now – Cylch$/);
  const section = sam.page.locator('section.compare-section').filter({ has: sam.page.getByRole('heading', { level: 3, name: '5. How my needs will be met' }) });
  const added = section.locator('ins');
  const removed = section.locator('del');
  await expect.poll(() => added.count()).toBeGreaterThan(0);
  // Additions and removals are both attributed to Megan: tooltip, and words a screen reader says.
  expect(await added.allInnerTexts()).toEqual([expect.stringContaining('Tuesdays')]);
  expect(await removed.allInnerTexts()).toEqual([expect.stringContaining('Mondays')]);
  expect(await added.first().getAttribute('title')).toMatch(/^Added by Megan Evans \(Family or friend\), /);
  expect(await removed.first().getAttribute('title')).toMatch(/^Removed by Megan Evans \(Family or friend\), /);
  expect(await added.first().getAttribute('data-author')).toBe(meganMember.accountId);
  expect(await added.first().locator('.visually-hidden').first().innerText()).toBe('added by Megan Evans:');
  expect(await removed.first().locator('.visually-hidden').first().innerText()).toBe('removed by Megan Evans:');
  expect(await section.locator('.compare-summary').innerText()).toMatch(/^Megan Evans added 1 word and removed 1 word$/);
  // Unchanged text is there too, unmarked; unchanged sections say so.
  expect(await section.locator('.diff-content').innerText()).toContain('Sam goes to the day centre on');
  const aboutMe = sam.page.locator('section.compare-section').filter({ has: sam.page.getByRole('heading', { level: 3, name: '1. About me' }) });
  expect(await aboutMe.innerText()).toContain('No changes');
  // The legend names Megan with her role; the page says how many sections changed.
  expect(await sam.page.locator('.diff-legend').innerText()).toContain('Megan Evans (Family or friend)');
  expect(await sam.page.locator('.compare-page > [role="status"], .compare-page p[role="status"]').first().innerText()).toBe('1 section changed.');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await section.scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'compare');

  // Sam restores the section: first asked, told a restore is a new change and nothing is lost.
  await section.getByRole('button', { name: 'Restore this section to how it was then' }).click();
  const confirm = section.getByRole('group');
  expect(await confirm.innerText()).toContain('A restore is a new change');
  expect(await confirm.getByRole('button', { name: 'Yes, restore' }).evaluate((el) => el === document.activeElement)).toBe(true);
  await confirm.getByRole('button', { name: 'Yes, restore' }).click();
  const done = section.locator('[role="status"]');
  await expect.poll(() => done.innerText()).toBe('Restored How my needs will be met to how it was then. The restore is recorded in the plan’s history; nothing was lost. Go to the plan');
  await expect.poll(() => sam.page.evaluate(() => document.activeElement?.textContent)).toBe('Go to the plan');

  // The words come back in Megan's live plan, without a reload…
  await expect.poll(() => editor(megan.page, 'howNeedsMet').innerText(), { timeout: 10_000 }).toContain('Sam goes to the day centre on Mondays.');
  expect(await editor(megan.page, 'howNeedsMet').innerText()).not.toContain('Tuesdays');
  // …and in Sam's, by the link from the status.
  await done.getByRole('link', { name: 'Go to the plan' }).click();
  await editor(sam.page, 'howNeedsMet').waitFor();
  // (Megan's caret, with her name, may sit in the text.)
  await expect.poll(() => editor(sam.page, 'howNeedsMet').innerText()).toContain('Sam goes to the day centre on Mondays.');
  expect(await editor(sam.page, 'howNeedsMet').innerText()).not.toContain('Tuesdays');
  expect(await editor(sam.page, 'budgetManagement').innerText()).toContain('A direct payment, managed by Megan.');
  // The plan reads as the version again.
  await sam.page.getByRole('link', { name: 'Versions — save and compare' }).click();
  await expect.poll(() => version.innerText()).toContain('This is the plan now');

  // The history says who restored what, to which version.
  await sam.page.getByRole('link', { name: 'History — who changed what' }).click();
  const sentences = sam.page.locator('ol.timeline .history-sentence');
  await expect.poll(() => sentences.allInnerTexts()).toContain('Sam Evans (The person the plan is about) saved a version: “Draft for review”');
  expect((await sentences.allInnerTexts()).some((s) => /^Sam Evans \(The person the plan is about\) restored How my needs will be met to how it was on .+ at \d\d:\d\d \(version “Draft for review”\)$/.test(s))).toBe(true);

  for (const who of [sam, megan]) expect(who.problems).toEqual([]);
});

it('compares two saved versions, and says clearly when the server refuses a restore', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Rhian Price');
  const dafyddMember = await addTestMember(env.server, plan, { name: 'Dafydd Rees', role: 'family' });
  const rhian = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const dafydd = await openPageAs(env.browser, env.server.url, dafyddMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(rhian.page, env.server.url, plan.id);

  // Two versions, with Rhian's own words and the indicative budget changed between them.
  const indicative = rhian.page.locator('#section-personalBudget .structured-part.budget').getByLabel('Indicative budget, a year');
  await indicative.fill('12000');
  await rhian.page.keyboard.press('Enter');
  await editor(rhian.page, 'aboutMe').click();
  await rhian.page.keyboard.type('I sing in a choir.');
  await saved(rhian.page);
  await rhian.page.goto(`${env.server.url}/plans/${plan.id}/versions`);
  const name = rhian.page.getByLabel('Name of this version');
  await name.fill('First draft');
  await rhian.page.getByRole('button', { name: 'Save this version' }).click();
  await expect.poll(() => rhian.page.locator('li.version').count()).toBe(1);
  await openPlan(rhian.page, env.server.url, plan.id);
  await editor(rhian.page, 'aboutMe').click();
  await rhian.page.keyboard.press('End');
  await rhian.page.keyboard.type(' I like walking my dog.');
  await indicative.fill('15000');
  await rhian.page.keyboard.press('Enter');
  await saved(rhian.page);
  await rhian.page.goto(`${env.server.url}/plans/${plan.id}/versions`);
  await name.fill('Second draft');
  await rhian.page.getByRole('button', { name: 'Save this version' }).click();
  await expect.poll(() => rhian.page.locator('li.version h3').allInnerTexts()).toEqual(['Second draft', 'First draft']);
  // …and a change after the second, so neither is the plan now.
  await openPlan(rhian.page, env.server.url, plan.id);
  await editor(rhian.page, 'reviews').click();
  await rhian.page.keyboard.type('Review in six weeks.');
  await saved(rhian.page);
  await rhian.page.goto(`${env.server.url}/plans/${plan.id}/versions`);
  await expect.poll(() => rhian.page.locator('li.version h3').allInnerTexts()).toEqual(['Second draft', 'First draft']);

  // Choosing the same one twice is explained; then the two are compared, earlier first.
  const form = rhian.page.getByRole('form', { name: 'Compare two versions' });
  await form.getByLabel('Compare').selectOption({ label: (await form.getByLabel('Compare').locator('option').nth(0).innerText()).trim() });
  await form.getByLabel('With').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Compare' }).click();
  await expect.poll(() => form.getByRole('alert').innerText()).toBe('Choose two different versions to compare.');
  await form.getByLabel('With').selectOption({ index: 2 });
  await form.getByRole('button', { name: 'Compare' }).click();
  const h1 = rhian.page.getByRole('heading', { level: 1 });
  await expect.poll(() => h1.innerText()).toMatch(/^“First draft” \(.+\) compared with “Second draft” \(.+\)$/);
  const added = rhian.page.locator('[data-section="aboutMe"] ins');
  await expect.poll(() => added.count()).toBe(1);
  expect(await added.textContent()).toContain('I like walking my dog.');
  // The budget's figure too, in words, with who changed it.
  const figures = rhian.page.locator('li.part-change[data-part="budget"]');
  expect((await figures.allInnerTexts()).map((text) => text.trim())).toEqual(['Indicative budget, a year: was £12,000.00, now £15,000.00 — changed by Rhian Price']);
  await figures.first().scrollIntoViewIfNeeded();
  await screenshot(rhian.page, 'compare-budget');
  // Restoring is only offered against the plan now.
  expect(await rhian.page.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
  expect(await rhian.page.getByText('To restore, compare with the plan now').count()).toBe(1);

  // Dafydd (family) tries to restore the whole plan to the first draft: it would change Rhian's own words, so the
  // server refuses, and the page says why.
  await dafydd.page.goto(`${env.server.url}/plans/${plan.id}/versions`);
  await dafydd.page.locator('li.version').filter({ hasText: 'First draft' }).getByRole('link', { name: 'Compare with the plan now' }).click();
  await expect.poll(() => dafydd.page.getByRole('heading', { level: 1 }).innerText()).toMatch(/compared with the plan now$/);
  // Rhian's own section is not his to restore: no button for it.
  const aboutMe = dafydd.page.locator('section.compare-section').filter({ has: dafydd.page.locator('[data-section="aboutMe"]') });
  expect(await aboutMe.getByRole('button').count()).toBe(0);
  await dafydd.page.getByRole('button', { name: 'Restore the whole plan to how it was then' }).click();
  await dafydd.page.getByRole('button', { name: 'Yes, restore' }).click();
  await expect.poll(() => dafydd.page.locator('.restore-whole [role="alert"]').innerText()).toBe(
    "You can't restore this: it would change a section only someone else may change. Restore a section you can edit, or ask the person whose plan it is.",
  );
  await expect.poll(() => dafydd.page.evaluate(() => document.activeElement?.textContent)).toBe('Restore the whole plan to how it was then');
  expect(await dafydd.page.locator('[data-section="aboutMe"] ins').count()).toBe(1);
  expect(await seriousAccessibilityViolations(dafydd.page)).toEqual([]);

  // In Welsh.
  await dafydd.page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => dafydd.page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Cymharu “First draft” \(.+\) â'r cynllun nawr$/);
  expect(await dafydd.page.locator('[data-section="aboutMe"] ins').getAttribute('title')).toMatch(/^Ychwanegwyd gan Rhian Price \(Y person y mae'r cynllun amdano\), /);
  await dafydd.page.locator('.diff-legend').scrollIntoViewIfNeeded();
  await screenshot(dafydd.page, 'compare-cy');
  await dafydd.page.getByRole('button', { name: 'English', exact: true }).click();

  expect(rhian.problems).toEqual([]);
  // The browser logs the refused request (the 403 of the restore); nothing else.
  expect(dafydd.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  expect(dafydd.problems).toHaveLength(1);
});
