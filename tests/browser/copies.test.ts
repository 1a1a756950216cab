// Taking copies in the browser: from the plan, "Copies to take away" opens the copies page; a PDF of a saved version
// in Welsh, made for someone, and a Word copy of the plan now in English are downloaded and read back; the page then
// lists both copies, and the history says who took which, of what, for whom.

import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { readPdf } from '../helpers/pdfText.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('downloads a PDF of a saved version in Welsh for someone, and a Word copy of the plan now; both are listed and in the history', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner, { acceptDownloads: true });
  await openPlan(page, env.server.url, plan.id);
  await editor(page, 'aboutMe').click();
  await page.keyboard.type('Rwy’n hoffi trenau a’r dŵr.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  const saved = await page.evaluate(async (planId) => {
    const res = await fetch(`/api/plans/${planId}/versions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Draft for the review' }) });
    return res.status;
  }, plan.id);
  expect(saved).toBe(201);
  await editor(page, 'aboutMe').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' I also like buses.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  await page.getByRole('link', { name: 'Copies to take away (PDF or Word)' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Copies of Test plan for Sam Evans');
  const draft = await page.locator('#copy-version option', { hasText: 'Saved version “Draft for the review”' }).getAttribute('value');
  await page.getByLabel('Which plan').selectOption(draft!);
  await page.getByRole('radio', { name: 'PDF' }).check();
  await page.getByRole('radio', { name: 'Cymraeg' }).check();
  await page.getByLabel('Who is it for? (optional)').fill('Dr Rhys Jones (GP)');
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Make the copy' }).click()]);
  expect(pdfDownload.suggestedFilename()).toBe('Test plan for Sam Evans.pdf');
  const pdf = await readPdf(await readFile((await pdfDownload.path())!));
  expect(pdf.language).toBe('cy-GB');
  expect(pdf.flat).toContain('Amdanaf i'); // "About me", in Welsh
  expect(pdf.flat).toContain('Rwy’n hoffi trenau a’r dŵr.');
  expect(pdf.flat).not.toContain('I also like buses.');
  expect(pdf.flat).toContain('Wedi’i wneud ar gyfer: Dr Rhys Jones (GP)');
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your copy is ready' }).count()).toBe(1);

  // The plan as it is now, as Word, in English.
  await page.getByLabel('Which plan').selectOption('now');
  await page.getByRole('radio', { name: 'Word' }).check();
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByLabel('Who is it for? (optional)').fill('');
  const [wordDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Make the copy' }).click()]);
  expect(wordDownload.suggestedFilename()).toMatch(/\.docx$/);
  const xml = await (await JSZip.loadAsync(await readFile((await wordDownload.path())!))).file('word/document.xml')!.async('string');
  expect(xml).toContain('I also like buses.');
  expect(xml).toContain('About me');

  // Both copies are listed, newest first.
  const rows = page.locator('.copies-table tbody tr');
  await expect.poll(() => rows.count()).toBe(2);
  expect(await rows.nth(0).innerText()).toContain('Word');
  expect(await rows.nth(1).innerText()).toMatch(/PDF[\s\S]*Cymraeg[\s\S]*Draft for the review[\s\S]*Dr Rhys Jones \(GP\)/);
  await screenshot(page, 'copies-page');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Back to the plan' }).click();
  await page.getByRole('link', { name: 'History — who changed what' }).click();
  await expect
    .poll(() => page.locator('main').innerText())
    .toContain('downloaded a copy of the plan (PDF), of the saved version “Draft for the review”, to give to Dr Rhys Jones (GP)');
});

it('offers a Welsh plan’s copies in Welsh first, and a version’s "Take a copy" chooses that version', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans', { language: 'cy' });
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner);
  await page.goto(`${env.server.url}/plans/${plan.id}`);
  const seq = await page.evaluate(async (planId) => {
    const res = await fetch(`/api/plans/${planId}/versions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Cytunwyd' }) });
    return ((await res.json()) as { seq: number }).seq;
  }, plan.id);
  await page.goto(`${env.server.url}/plans/${plan.id}/versions`);
  await page.getByRole('link', { name: 'Take a copy of this version' }).click();
  await expect.poll(() => page.getByLabel('Which plan').inputValue()).toBe(String(seq));
  const languages = page.getByRole('group', { name: 'Language of the copy' }).getByRole('radio');
  expect(await languages.nth(0).getAttribute('value')).toBe('cy');
  expect(await languages.nth(0).isChecked()).toBe(true);
});
