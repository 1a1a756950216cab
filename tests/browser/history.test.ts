// The plan's history in the browser (issue 4): the person and a family member write in their own browsers; the
// history page names each of them for their own words, in the right section, from the server's record; it narrows
// to one person and to dates; the plan as it was at the earlier entry has the first words and not the later ones;
// the record's check says it is whole; it reads in Welsh; and it has no serious accessibility problems.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createInvitation } from '../../server/circle/circleOperations.js';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const entries = (page: Page) => page.locator('ol.timeline > li');
const entryTexts = async (page: Page) => (await entries(page).locator('.history-sentence').allInnerTexts()).map((s) => s.trim());
const status = (page: Page) => page.locator('.history-timeline [role="status"]');
const isFocused = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el === document.activeElement);

async function typeAndSave(page: Page, sectionId: string, text: string) {
  await editor(page, sectionId).click();
  await page.keyboard.type(text);
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
}

it('shows who changed what, narrows to one person, and shows the plan as it was at an entry', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const meganMember = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const megan = await openPageAs(env.browser, env.server.url, meganMember, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await openPlan(megan.page, env.server.url, plan.id);

  // Sam writes in his own words first; then, after his burst of typing has ended, Megan writes in a shared section.
  await typeAndSave(sam.page, 'aboutMe', 'Sam likes music and long walks.');
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  await typeAndSave(megan.page, 'howNeedsMet', 'Megan drives Sam to the day centre.');

  // Sam follows the plan page's link to the history.
  await screenshot(sam.page, 'history-link');
  await sam.page.getByRole('link', { name: 'History — who changed what' }).click();
  const h1 = sam.page.getByRole('heading', { level: 1 });
  await expect.poll(() => h1.innerText()).toBe('History of Test plan for Sam Evans');
  await expect.poll(() => sam.page.title()).toBe('History of Test plan for Sam Evans – Cylch');
  await expect.poll(() => entries(sam.page).count()).toBeGreaterThanOrEqual(3);
  const texts = await entryTexts(sam.page);
  const samLine = 'Sam Evans (The person the plan is about) added 6 words to About me';
  const meganLine = 'Megan Evans (Family or friend) added 7 words to How my needs will be met';
  expect(texts).toContain(samLine);
  expect(texts).toContain(meganLine);
  // Newest first: Megan wrote after Sam.
  expect(texts.indexOf(meganLine)).toBeLessThan(texts.indexOf(samLine));
  // The circle's changes are in the same timeline.
  expect(texts).toContain('Megan Evans (Family or friend) joined the circle');
  expect(texts).toContain('Sam Evans (The person the plan is about) started the plan');
  // Each entry says when; today's show the time alone.
  expect(await entries(sam.page).first().locator('time').innerText()).toMatch(/^\d\d:\d\d( to \d\d:\d\d)?$/);
  expect(await status(sam.page).innerText()).toBe(`${texts.length} changes shown.`);

  // The record's check says it is whole, and the record can be downloaded.
  const check = sam.page.locator('[data-verified]');
  await expect.poll(() => check.count()).toBe(1);
  expect(await check.innerText()).toMatch(/^The record is complete and unchanged: \d+ entries checked\.$/);
  expect(await sam.page.getByRole('link', { name: 'Download the history (CSV, for a spreadsheet)' }).getAttribute('href')).toBe(`/api/plans/${plan.id}/history/export.csv`);
  expect(await sam.page.getByRole('link', { name: 'Download the history (JSON)' }).getAttribute('href')).toBe(`/api/plans/${plan.id}/history/export.json`);

  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await sam.page.locator('.history-filters').scrollIntoViewIfNeeded();
  await sam.page.mouse.wheel(0, 250);
  await screenshot(sam.page, 'history-timeline');

  // Only Megan's changes: her words and her joining, none of Sam's; the count is said politely.
  await sam.page.getByLabel('Who made the change').selectOption({ label: 'Megan Evans (Family or friend)' });
  await sam.page.getByRole('button', { name: 'Show these changes' }).click();
  // (Order between the two is the server's record order, which is not what this test is about.)
  await expect.poll(async () => (await entryTexts(sam.page)).sort()).toEqual(['Megan Evans (Family or friend) added 7 words to How my needs will be met', 'Megan Evans (Family or friend) joined the circle']);
  expect(await status(sam.page).innerText()).toBe('2 changes shown.');
  expect(await status(sam.page).getAttribute('role')).toBe('status');

  // …and in one section.
  await sam.page.getByLabel('Who made the change').selectOption({ label: 'Anyone' });
  await sam.page.getByLabel('Section').selectOption({ label: '1. About me' });
  await sam.page.getByRole('button', { name: 'Show these changes' }).click();
  await expect.poll(() => entryTexts(sam.page)).toEqual([samLine]);
  await sam.page.locator('.history-timeline').scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'history-filtered');

  // Dates: today (as the server counts days) has them all; a "To" date before the "From" date is explained.
  const today = new Date().toISOString().slice(0, 10);
  await sam.page.getByRole('button', { name: 'Show all changes' }).click();
  await expect.poll(() => entries(sam.page).count()).toBe(texts.length);
  await sam.page.getByLabel('From (date)').fill(today);
  await sam.page.getByLabel('To (date)').fill(today);
  await sam.page.getByRole('button', { name: 'Show these changes' }).click();
  await expect.poll(() => status(sam.page).innerText()).toBe(`${texts.length} changes shown.`);
  await sam.page.getByLabel('From (date)').fill('2099-01-02');
  await sam.page.getByLabel('To (date)').fill('2099-01-01');
  await sam.page.getByRole('button', { name: 'Show these changes' }).click();
  expect(await sam.page.locator('#history-dates-error').innerText()).toBe('The “To” date must be the same as, or later than, the “From” date.');
  expect(await isFocused(sam.page, '#history-to')).toBe(true);
  await sam.page.getByLabel('To (date)').fill('2099-01-03');
  await sam.page.getByRole('button', { name: 'Show these changes' }).click();
  await expect.poll(() => status(sam.page).innerText()).toBe('No changes match what you chose.');
  expect(await entries(sam.page).count()).toBe(0);
  await sam.page.getByRole('button', { name: 'Show all changes' }).click();
  await expect.poll(() => entries(sam.page).count()).toBe(texts.length);

  // The plan as it was just after Sam's words: his text, not Megan's later words. Focus goes to the view's heading…
  const samEntry = entries(sam.page).filter({ hasText: samLine });
  const open = samEntry.getByRole('button', { name: 'See the plan as it was' });
  const openId = await open.getAttribute('id');
  await open.click();
  const viewHeading = sam.page.getByRole('heading', { level: 2, name: /^The plan as it was on .+ at \d\d:\d\d \(read only\)$/ });
  await viewHeading.waitFor();
  await expect.poll(() => viewHeading.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await sam.page.title()).toMatch(/^The plan as it was on .+ \(read only\) – History of Test plan for Sam Evans – Cylch$/);
  const view = sam.page.locator('.as-it-was');
  // At first what changed since is marked in it: Megan's later words, added, under her name; Sam's untouched.
  const changesSince = view.getByRole('button', { name: 'Show what changed since' });
  expect(await changesSince.getAttribute('aria-pressed')).toBe('true');
  const meganAdded = view.locator('[data-section="howNeedsMet"] ins');
  await expect.poll(() => meganAdded.count()).toBe(1);
  expect(await meganAdded.textContent()).toBe('added by Megan Evans: Megan drives Sam to the day centre. end of addition');
  expect(await meganAdded.getAttribute('title')).toMatch(/^Added by Megan Evans \(Family or friend\), /);
  expect(await view.locator('[data-section="aboutMe"]').innerText()).toBe('Sam likes music and long walks.');
  expect(await view.locator('[data-section="aboutMe"] :is(ins, del)').count()).toBe(0);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await view.locator('.as-it-was-section').filter({ has: sam.page.locator('[data-section="howNeedsMet"]') }).scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'history-changes-since');
  // Switched off: the plan exactly as it was.
  await changesSince.click();
  expect(await changesSince.getAttribute('aria-pressed')).toBe('false');
  await expect.poll(() => view.locator('[data-section="aboutMe"]').innerText()).toBe('Sam likes music and long walks.');
  expect(await view.locator('[data-section="howNeedsMet"]').innerText()).toBe('Nothing was written here yet.');
  expect(await view.innerText()).not.toContain('Megan drives');
  expect(await view.innerText()).toContain(`Just after this change: ${samLine}`);
  // Read only: nothing in it can be typed into, and the timeline is out of the way.
  expect(await view.locator('[contenteditable="true"], input, textarea').count()).toBe(0);
  expect(await entries(sam.page).first().isVisible()).toBe(false);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await screenshot(sam.page, 'history-as-it-was');

  // …and back to the very button that opened it.
  await view.getByRole('button', { name: 'Back to the history' }).first().click();
  await expect.poll(() => isFocused(sam.page, `#${openId}`)).toBe(true);
  expect(await view.count()).toBe(0);

  // At Megan's entry, both are there.
  await entries(sam.page).filter({ hasText: meganLine }).getByRole('button', { name: 'See the plan as it was' }).click();
  await expect.poll(() => view.locator('[data-section="howNeedsMet"]').innerText()).toBe('Megan drives Sam to the day centre.');
  expect(await view.locator('[data-section="aboutMe"]').innerText()).toBe('Sam likes music and long walks.');
  await view.getByRole('button', { name: 'Back to the history' }).first().click();

  // Megan, in the circle too, sees the same history.
  await megan.page.goto(`${env.server.url}/plans/${plan.id}/history`);
  await expect.poll(() => entryTexts(megan.page)).toEqual(texts);

  for (const who of [sam, megan]) expect(who.problems).toEqual([]);
});

it('reads in Welsh, and someone not in the circle sees no history', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Rhian Price');
  await addTestMember(env.server, plan, { name: 'Dafydd Rees', role: 'advocate' });
  const rhian = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  await openPlan(rhian.page, env.server.url, plan.id);
  await typeAndSave(rhian.page, 'whatMatters', 'Dw i eisiau canu yn y côr.');

  await rhian.page.goto(`${env.server.url}/plans/${plan.id}/history`);
  await entries(rhian.page).first().waitFor();
  await rhian.page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => rhian.page.getByRole('heading', { level: 1 }).innerText()).toBe('Hanes Test plan for Rhian Price');
  await expect.poll(() => entryTexts(rhian.page)).toContain("Ychwanegodd Rhian Price (Y person y mae'r cynllun amdano) 7 o eiriau at “Beth sy'n bwysig i mi”");
  expect(await entryTexts(rhian.page)).toContain('Ymunodd Dafydd Rees (Eiriolwr) â\'r cylch');
  expect(await rhian.page.locator('[data-verified]').innerText()).toMatch(/^Mae'r cofnod yn gyflawn a heb ei newid: gwiriwyd \d+ /);
  expect(await rhian.page.getByRole('button', { name: 'Gweld y cynllun fel yr oedd' }).count()).toBeGreaterThan(0);
  expect(await seriousAccessibilityViolations(rhian.page)).toEqual([]);
  await rhian.page.locator('.history-timeline').scrollIntoViewIfNeeded();
  await screenshot(rhian.page, 'history-welsh');
  await rhian.page.getByRole('button', { name: 'English', exact: true }).click();

  // Someone signed in but not in the circle is told so, and sees no entry.
  const outsider = await createTestPlan(env.server, 'england', 'Jo Bloggs');
  const jo = await openPageAs(env.browser, env.server.url, outsider.owner);
  await jo.page.goto(`${env.server.url}/plans/${plan.id}/history`);
  await expect.poll(() => jo.page.getByRole('alert').innerText()).toBe('You are not in this plan’s circle. Ask the person whose plan it is to invite you.');
  expect(await entries(jo.page).count()).toBe(0);
  expect(await jo.page.getByText('Dw i eisiau').count()).toBe(0);
  expect(rhian.problems).toEqual([]);
});

it('shows older changes a page at a time, and moves focus to the first one added', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  // 55 invitation links, and the plan's start: more than one page (50) of history.
  for (let i = 0; i < 55; i++) await createInvitation(env.server.circles, plan.id, plan.owner.accountId, { role: 'family', level: i % 2 ? 'view' : 'comment' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  await sam.page.goto(`${env.server.url}/plans/${plan.id}/history`);
  await expect.poll(() => entries(sam.page).count()).toBe(50);
  expect(await status(sam.page).innerText()).toBe('50 changes shown. There are older changes: use “Show older changes” at the end of the list.');
  await sam.page.getByRole('button', { name: 'Show older changes' }).click();
  await expect.poll(() => entries(sam.page).count()).toBe(56);
  await expect.poll(() => status(sam.page).innerText()).toBe('6 older changes added to the list.');
  expect(await sam.page.evaluate(() => document.activeElement?.matches('ol.timeline > li:nth-child(51)') ?? false)).toBe(true);
  expect(await entries(sam.page).last().locator('.history-sentence').innerText()).toBe('Sam Evans (The person the plan is about) started the plan');
  expect(await sam.page.getByRole('button', { name: 'Show older changes' }).count()).toBe(0);
  // No entry is shown twice.
  const seqs = await entries(sam.page).evaluateAll((items) => items.map((li) => li.getAttribute('data-seq')));
  expect(new Set(seqs).size).toBe(56);
  expect(sam.problems).toEqual([]);
});
