// Two people in two browsers write the same plan: each sees the other's words and named caret (the name the
// server holds for their account), and both reach "All changes saved".

import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('two people type in different sections and see each other, with named carets and saved state', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Rhys Jones');
  const megan = await addTestMember(env.server, plan, { name: 'Megan Jones', role: 'family' });
  const a = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const b = await openPageAs(env.browser, env.server.url, megan, { viewport: { width: 1280, height: 900 } });
  await openPlan(a.page, env.server.url, plan.id);
  await openPlan(b.page, env.server.url, plan.id);

  await editor(a.page, 'aboutMe').click();
  await a.page.keyboard.type('I love rugby and my dog Mot.');
  await editor(b.page, 'howNeedsMet').click();
  await b.page.keyboard.type('Rhys goes to the day centre on Tuesdays.');

  await expect.poll(() => editor(b.page, 'aboutMe').innerText()).toContain('I love rugby and my dog Mot.');
  await expect.poll(() => editor(a.page, 'howNeedsMet').innerText()).toContain('Rhys goes to the day centre on Tuesdays.');

  // Each sees the other's caret, labelled with the name the server holds.
  await expect.poll(() => a.page.locator('.collaboration-carets__label', { hasText: 'Megan Jones' }).count()).toBe(1);
  await expect.poll(() => b.page.locator('.collaboration-carets__label', { hasText: 'Rhys Jones' }).count()).toBe(1);
  // …but screen readers do not read the name as part of the text.
  expect(await a.page.locator('.collaboration-carets__caret', { hasText: 'Megan Jones' }).getAttribute('aria-hidden')).toBe('true');
  expect(await editor(a.page, 'howNeedsMet').ariaSnapshot()).not.toContain('Megan Jones');

  // Presence: both names, with their roles and sections.
  const presenceA = a.page.getByRole('region', { name: 'Who is here' });
  await expect.poll(() => presenceA.innerText()).toContain('Megan Jones');
  await expect.poll(() => presenceA.innerText()).toContain('in “How my needs will be met”');

  for (const { page } of [a, b]) {
    await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
    expect(await saveState(page).innerText()).toContain('All changes saved');
  }
  await screenshot(a.page, 'collaborate-rhys');
  await screenshot(b.page, 'collaborate-megan');
  // The app runs under its content security policy without errors.
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
});

it('undo removes only my own typing, not what someone else wrote', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const alex = await addTestMember(env.server, plan, { name: 'Alex Hughes', role: 'socialWorker' });
  const a = await openPageAs(env.browser, env.server.url, plan.owner);
  const b = await openPageAs(env.browser, env.server.url, alex);
  await openPlan(a.page, env.server.url, plan.id);
  await openPlan(b.page, env.server.url, plan.id);

  await editor(a.page, 'stayingSafe').click();
  await a.page.keyboard.type('Seeing my friends. ');
  await expect.poll(() => editor(b.page, 'stayingSafe').innerText()).toContain('Seeing my friends.');
  await editor(b.page, 'stayingSafe').click();
  await b.page.keyboard.press('End');
  await b.page.keyboard.type('Alex was here.');
  await expect.poll(() => editor(a.page, 'stayingSafe').innerText()).toContain('Alex was here.');

  await editor(a.page, 'stayingSafe').click();
  await a.page.keyboard.press('Control+z');
  await expect.poll(() => editor(a.page, 'stayingSafe').innerText()).not.toContain('Seeing my friends.');
  expect(await editor(a.page, 'stayingSafe').innerText()).toContain('Alex was here.');
  await expect.poll(() => editor(b.page, 'stayingSafe').innerText()).not.toContain('Seeing my friends.');
});
