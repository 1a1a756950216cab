// Taking a copy in the browser: "Download a Word copy" on the plan page downloads the plan as a .docx, in the
// language of the page, and the history then says who took it.

import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('downloads a Word copy of the plan in the page’s language, and the history records it', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const { page } = await openPageAs(env.browser, env.server.url, plan.owner, { acceptDownloads: true });
  await openPlan(page, env.server.url, plan.id);
  await editor(page, 'aboutMe').click();
  await page.keyboard.type('I like trains.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  await page.getByRole('button', { name: 'Cymraeg' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lawrlwytho copi Word' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('I like trains.');
  expect(xml).toContain('Amdanaf i'); // "About me", in Welsh
  await page.getByRole('link', { name: 'Hanes — pwy newidiodd beth' }).click();
  await expect.poll(() => page.locator('main').innerText()).toContain("gopi o'r cynllun (Word)");
});
