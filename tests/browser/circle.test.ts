// The circle of support in the browser (issue 3): the person invites a family member and a social worker, each
// joins in their own browser; the person's own words stay theirs until they open a section, which the family
// member can then write in at once; a removed member's open page says they no longer have access; and a change the
// server refuses is thrown away, never sent again, and the plan is opened afresh.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestAccount, createTestPlan } from '../helpers/members.js';
import { editor, openPage, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, signInAs, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const section = (page: Page, heading: string) => page.getByRole('region', { name: heading });
const circlePanel = (page: Page) => page.getByRole('region', { name: 'The circle of support' });

/** The person makes an invitation link on the plan's page, for this part and level. */
async function invite(page: Page, roleLabel: string, levelLabel: string): Promise<string> {
  const panel = page.getByRole('region', { name: 'Invite someone to the circle' });
  if (!(await panel.isVisible())) await page.locator('summary', { hasText: 'Invite someone to the circle' }).click();
  const before = (await panel.getByLabel('Invitation link').count()) ? await panel.getByLabel('Invitation link').inputValue() : '';
  await panel.getByRole('radio', { name: roleLabel }).check();
  await panel.getByRole('radio', { name: levelLabel }).check();
  await panel.getByRole('button', { name: 'Make an invitation link' }).click();
  await expect.poll(async () => (await panel.getByLabel('Invitation link').count()) && panel.getByLabel('Invitation link').inputValue()).not.toBe(before);
  return panel.getByLabel('Invitation link').inputValue();
}

/** Someone with an account follows an invitation link in their own browser and joins. */
async function join(name: string, link: string) {
  const account = await createTestAccount(env.server, name);
  const opened = await openPageAs(env.browser, env.server.url, account, { viewport: { width: 1280, height: 900 } });
  await opened.page.goto(link);
  await opened.page.getByRole('button', { name: 'Join the plan' }).click();
  await editor(opened.page, 'aboutMe').waitFor();
  return opened;
}

it('the person invites, opens a section to the circle, and removes someone, and every page follows at once', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  await openPlan(sam.page, env.server.url, plan.id);

  const familyLink = await invite(sam.page, 'Family or friend', 'Write and comment');
  const socialWorkerLink = await invite(sam.page, 'Social worker', 'Write and comment');
  const megan = await join('Megan Evans', familyLink);
  const alex = await join('Alex Hughes', socialWorkerLink);
  expect(await megan.page.getByText('You are Megan Evans (Family or friend)').count()).toBe(1);

  // Megan cannot write in Sam's own words, and is told why, in words a screen reader reads with the editor.
  const aboutMe = editor(megan.page, 'aboutMe');
  expect(await aboutMe.getAttribute('contenteditable')).toBe('false');
  expect(await aboutMe.getAttribute('aria-readonly')).toBe('true');
  const note = section(megan.page, '1. About me').locator('.rights-note');
  expect(await note.innerText()).toBe('Only Sam Evans and their plan manager can change this section. You can read it.');
  expect(await aboutMe.getAttribute('aria-describedby')).toContain(await note.getAttribute('id'));
  await aboutMe.click();
  await megan.page.keyboard.type('Megan tries to write here.');
  expect(await aboutMe.innerText()).not.toContain('Megan tries');
  // The social workers' section says who writes it.
  expect(await section(megan.page, '4. My assessed needs').locator('.rights-note').innerText()).toContain('Only social workers');

  // …but she can write where the whole circle writes, and Sam sees it.
  await editor(megan.page, 'howNeedsMet').click();
  await megan.page.keyboard.type('Megan drives Sam to the day centre on Mondays.');
  await expect.poll(() => editor(sam.page, 'howNeedsMet').innerText()).toContain('Megan drives Sam to the day centre on Mondays.');

  // Sam sees everyone in the circle panel, with their part, what they can do, and who is here now.
  const panel = circlePanel(sam.page);
  await expect.poll(() => panel.locator('li', { hasText: 'Megan Evans' }).innerText()).toContain('Here now');
  expect(await panel.locator('li', { hasText: 'Megan Evans' }).innerText()).toContain('Family or friend · Write and comment');
  expect(await panel.locator('li', { hasText: 'Alex Hughes' }).innerText()).toContain('Social worker · Write and comment');
  await expect.poll(() => panel.locator('li', { hasText: 'Alex Hughes' }).innerText()).toContain('Here now');

  // Sam opens "About me" to the circle: Megan can write there at once, without reloading.
  const toggle = section(sam.page, '1. About me').getByRole('button', { name: 'Let the circle write here' });
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => aboutMe.getAttribute('contenteditable')).toBe('true');
  expect(await note.count()).toBe(0);
  await aboutMe.click();
  await megan.page.keyboard.type('Sam laughs at my jokes.');
  await expect.poll(() => editor(sam.page, 'aboutMe').innerText()).toContain('Sam laughs at my jokes.');
  await expect.poll(() => saveState(megan.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // The plan page with the circle panel (and one member's choices open) has no serious accessibility problems.
  await panel.locator('summary', { hasText: 'Change what Alex Hughes can do' }).click();
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  expect(await seriousAccessibilityViolations(megan.page)).toEqual([]);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'circle-person');
  await section(megan.page, '4. My assessed needs').scrollIntoViewIfNeeded();
  await screenshot(megan.page, 'circle-family');

  // Sam takes Alex out of the circle, after saying yes to a question first.
  const alexRow = panel.locator('li', { hasText: 'Alex Hughes' });
  await alexRow.getByRole('button', { name: 'Take Alex Hughes out of the circle' }).click();
  const yes = alexRow.getByRole('button', { name: 'Yes, take Alex Hughes out' });
  await expect.poll(() => yes.evaluate((b) => b === document.activeElement)).toBe(true);
  expect(await alexRow.getByRole('group', { name: /^Take Alex Hughes out of the circle\?/ }).innerText()).toContain('They will not be able to open this plan any more.');
  await yes.click();
  await expect.poll(() => panel.getByRole('status').innerText()).toBe('Alex Hughes is no longer in the circle.');
  expect(await panel.locator('li', { hasText: 'Alex Hughes' }).count()).toBe(0);

  // Alex's open page says at once that he no longer has access, and no longer shows the plan (nor offers to copy it).
  const problem = alex.page.locator('.problem');
  await expect.poll(() => problem.count(), { timeout: 3_000 }).toBe(1);
  expect(await problem.innerText()).toContain('You no longer have access to this plan');
  expect(await editor(alex.page, 'assessedNeeds').count()).toBe(0);
  expect(await alex.page.getByText('Megan drives Sam').count()).toBe(0);
  expect(await problem.getByRole('button', { name: 'Copy everything on this page' }).count()).toBe(0);
  await screenshot(alex.page, 'circle-removed');

  for (const who of [sam, megan, alex]) expect(who.problems).toEqual([]);
});

it('the person changes what someone can do, and their page follows at once', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Rhian Price');
  const dafydd = await addTestMember(env.server, plan, { name: 'Dafydd Rees', role: 'advocate' });
  const rhian = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const d = await openPageAs(env.browser, env.server.url, dafydd, { viewport: { width: 1280, height: 900 } });
  await openPlan(rhian.page, env.server.url, plan.id);
  await openPlan(d.page, env.server.url, plan.id);
  expect(await editor(d.page, 'stayingSafe').getAttribute('contenteditable')).toBe('true');

  const row = circlePanel(rhian.page).locator('li', { hasText: 'Dafydd Rees' });
  await row.locator('summary').click();
  await row.getByLabel('What Dafydd Rees can do').selectOption('view');
  await row.getByRole('button', { name: 'Save this change' }).click();
  await expect.poll(() => circlePanel(rhian.page).getByRole('status').innerText()).toBe('Done: Dafydd Rees now has “Read only”.');
  await expect.poll(() => editor(d.page, 'stayingSafe').getAttribute('contenteditable')).toBe('false');
  expect(await section(d.page, '9. Staying safe').locator('.rights-note').innerText()).toBe('You can read this plan, but not change it.');

  // Named plan manager, Dafydd acts for Rhian: he may write in her own words, on her behalf.
  await row.getByLabel('What Dafydd Rees can do').selectOption('edit');
  await row.getByRole('button', { name: 'Save this change' }).click();
  await row.getByRole('button', { name: 'Make Dafydd Rees a plan manager' }).click();
  await expect.poll(() => row.innerText()).toContain('Plan manager');
  await expect.poll(() => editor(d.page, 'aboutMe').getAttribute('contenteditable')).toBe('true');
  expect(await d.page.locator('.on-behalf').innerText()).toContain('on behalf of the person');
  // …and may look after the circle too.
  await d.page.locator('summary', { hasText: 'Invite someone to the circle' }).waitFor();
  expect(await circlePanel(d.page).locator('li', { hasText: 'Rhian Price' }).locator('summary').count()).toBe(0);
  expect(rhian.problems).toEqual([]);
  expect(d.problems).toEqual([]);
});

it('a change the server refuses is thrown away, and the plan opens afresh with a notice', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const megan = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInAs(context, env.server.url, megan);
  const { page } = await openPage(context);
  await openPlan(page, env.server.url, plan.id);
  await editor(page, 'howNeedsMet').click();
  await page.keyboard.type('Kept words.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // A page that ignores read-only (as a tampered one might) changes the person's own words.
  await page.evaluate(() => {
    // Tiptap keeps its editor on the editable element; a transaction dispatched straight to it skips read-only.
    type View = { state: { tr: { insertText(text: string, at: number): unknown } }; dispatch(tr: unknown): void };
    const about = document.querySelector('.section-editor[data-section="aboutMe"]') as unknown as { editor: { view: View } };
    const { view } = about.editor;
    view.dispatch(view.state.tr.insertText('Words Megan may not write here.', 1));
  });

  // The server refuses it; the page throws its copy away and shows the plan as it is saved.
  const notice = page.locator('.notice');
  await notice.waitFor({ timeout: 5_000 });
  expect(await notice.innerText()).toContain('Your last change was not kept');
  expect(await notice.evaluate((n) => n === document.activeElement)).toBe(true);
  await expect.poll(() => editor(page, 'howNeedsMet').innerText()).toContain('Kept words.');
  expect(await editor(page, 'aboutMe').innerText()).not.toContain('Words Megan may not write here.');
  expect(await editor(page, 'aboutMe').getAttribute('contenteditable')).toBe('false');
  await screenshot(page, 'circle-refused');

  // Still connected, still writing where she may.
  await editor(page, 'howNeedsMet').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' And more.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  await notice.getByRole('button', { name: 'OK, close this message' }).click();
  expect(await notice.count()).toBe(0);

  // The refused words never reached the server, on this connection or the next.
  const check = await openPageAs(env.browser, env.server.url, plan.owner);
  await openPlan(check.page, env.server.url, plan.id);
  await expect.poll(() => editor(check.page, 'howNeedsMet').innerText()).toContain('Kept words. And more.');
  expect(await editor(check.page, 'aboutMe').innerText()).not.toContain('Words Megan may not write here.');
});
