// "Show who wrote what": two people write in the same section; with the switch on, each passage is tinted with
// its author's colour and says who wrote it and when (from the server's record), the legend names both with their
// roles, and a keyboard user hears who wrote the text at the cursor.

import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('colours each passage by its author, with a legend, tooltips and a caret line for keyboard users', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Rhys Evans');
  const megan = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const a = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const b = await openPageAs(env.browser, env.server.url, megan, { viewport: { width: 1280, height: 900 } });
  await openPlan(a.page, env.server.url, plan.id);
  await openPlan(b.page, env.server.url, plan.id);

  await editor(a.page, 'howNeedsMet').click();
  await a.page.keyboard.type('I go swimming on Mondays.');
  await expect.poll(() => editor(b.page, 'howNeedsMet').innerText()).toContain('I go swimming on Mondays.');
  await editor(b.page, 'howNeedsMet').click();
  await b.page.keyboard.press('End');
  await b.page.keyboard.type(' Megan drives him there.');
  await expect.poll(() => editor(a.page, 'howNeedsMet').innerText()).toContain('Megan drives him there.');
  for (const { page } of [a, b]) await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  const toggle = a.page.getByRole('button', { name: 'Show who wrote what' });
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');

  // Each passage carries its author (the account the server bound the writing to) and says who and when.
  const passages = editor(a.page, 'howNeedsMet').locator('.authored');
  const byAuthor = async () =>
    Object.fromEntries(
      await Promise.all(
        (await passages.all()).map(async (p) => [(await p.getAttribute('data-author')) ?? '', (await p.innerText()).trim()] as const),
      ),
    );
  await expect.poll(byAuthor, { timeout: 10_000 }).toEqual({ [plan.owner.accountId]: 'I go swimming on Mondays.', [megan.accountId]: 'Megan drives him there.' });
  const meganPassage = passages.filter({ hasText: 'Megan drives him there.' });
  expect(await meganPassage.getAttribute('title')).toMatch(/^Written by Megan Evans \(Family or friend\), \d{1,2} \w+ \d{4} at \d{2}:\d{2}$/);
  expect(await passages.filter({ hasText: 'I go swimming' }).getAttribute('title')).toMatch(/^Written by Rhys Evans \(The person the plan is about\), /);
  // Two different authors, two different colours (the same as their carets: Megan's caret colour is known to b).
  const classes = await Promise.all((await passages.all()).map((p) => p.getAttribute('class')));
  expect(new Set(classes).size).toBe(2);
  expect(classes.every((c) => /\bauthor-c\d\b/.test(c ?? ''))).toBe(true);

  // The legend: colour, name and role of each author.
  const legend = a.page.getByRole('list', { name: 'Colours of the people who wrote' });
  await expect.poll(() => legend.innerText()).toContain('Megan Evans');
  const legendText = await legend.innerText();
  expect(legendText).toContain('Family or friend');
  expect(legendText).toContain('Rhys Evans');
  expect(legendText).toContain('The person the plan is about');
  expect(legendText).toContain('Author not recorded');

  // Keyboard only: put the cursor at the end of the line (Megan's words), then near its start (Rhys's), and hear
  // who wrote each.
  const caretLine = a.page.locator('#section-howNeedsMet .who-wrote-caret');
  expect(await caretLine.getAttribute('aria-live')).toBe('polite');
  await editor(a.page, 'howNeedsMet').focus();
  await a.page.keyboard.press('End');
  await expect.poll(() => caretLine.innerText()).toMatch(/^Written by Megan Evans \(Family or friend\), /);
  await a.page.keyboard.press('Home');
  await a.page.keyboard.press('ArrowRight');
  await expect.poll(() => caretLine.innerText()).toMatch(/^Written by Rhys Evans \(The person the plan is about\), /);

  // A section nobody has written in says nothing about authors.
  expect(await a.page.locator('#section-aboutMe .who-wrote').count()).toBe(0);

  // The list of passages under the section, for reading without moving the cursor.
  const list = a.page.locator('#section-howNeedsMet .who-wrote details');
  await list.locator('summary').click();
  const listText = await list.innerText();
  expect(listText).toContain('Written by Megan Evans (Family or friend)');
  expect(listText).toContain('“Megan drives him there.”');

  expect(await seriousAccessibilityViolations(a.page)).toEqual([]);
  await a.page.locator('#section-howNeedsMet').scrollIntoViewIfNeeded();
  await meganPassage.hover();
  await screenshot(a.page, 'authorship-on');

  // In Welsh, the same, in Welsh (the tooltips follow the language at once).
  await a.page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect.poll(() => meganPassage.getAttribute('title')).toMatch(/^Ysgrifennwyd gan Megan Evans \(Teulu neu ffrind\), /);
  expect(await a.page.getByRole('list', { name: "Lliwiau'r bobl a ysgrifennodd" }).innerText()).toContain('Awdur heb ei gofnodi');
  expect(await caretLine.innerText()).toMatch(/^Ysgrifennwyd gan Rhys Evans \(Y person y mae'r cynllun amdano\), /);
  const toggleCy = a.page.getByRole('button', { name: 'Dangos pwy ysgrifennodd beth' });
  expect(await toggleCy.getAttribute('aria-pressed')).toBe('true');
  await a.page.locator('#section-howNeedsMet').scrollIntoViewIfNeeded();
  await screenshot(a.page, 'authorship-on-cy');
  await a.page.getByRole('button', { name: 'English', exact: true }).click();

  // Switching off takes the colours away again.
  await toggle.click();
  await expect.poll(() => passages.count()).toBe(0);
  expect(await a.page.locator('.who-wrote').count()).toBe(0);
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
});
