// Comments and suggestions in the browser: a family member chooses words in the person's own section (which she may
// only read) and suggests a change; the person sees it live, in place, with the plan's text unchanged, and accepts it
// with the keyboard alone; both pages then read the new words, and the history names both. A comment on a passage
// is answered and resolved, and each page hears of the other's doings without a reload.

import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const area = (page: Page, sectionId: string) => page.locator(`#section-${sectionId} section.discussion`);
const waiting = (page: Page) => page.locator('.discussion-waiting');
const news = (page: Page) => page.locator('.discussion-news');

/** The section's own words, without what is drawn into it (suggestions, markers, others' carets: not part of the text). */
const liveText = (page: Page, sectionId: string) =>
  editor(page, sectionId).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.suggestion-widget, .discussion-marker, .collaboration-carets__caret').forEach((n) => n.remove());
    return copy.textContent;
  });

/** Select `words` in a section's text with the mouse, as a person would: press before them, drag to their end. */
async function selectWords(page: Page, sectionId: string, words: string): Promise<void> {
  await editor(page, sectionId).scrollIntoViewIfNeeded();
  const box = await editor(page, sectionId).evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.suggestion-widget, .discussion-marker')) continue;
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const rects = range.getClientRects();
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, words);
  if (!box) throw new Error(`"${words}" is not in ${sectionId}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(words);
}

/** Put the cursor just after `words` in a section's text with a click, as a person would. */
async function clickAfter(page: Page, sectionId: string, words: string): Promise<void> {
  await editor(page, sectionId).scrollIntoViewIfNeeded();
  const at = await editor(page, sectionId).evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.suggestion-widget, .discussion-marker')) continue;
      const found = node.textContent!.indexOf(wanted);
      if (found < 0) continue;
      const range = document.createRange();
      range.setStart(node, found + wanted.length - 1);
      range.setEnd(node, found + wanted.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.right - 1, y: rect.top + rect.height / 2 };
    }
    return null;
  }, words);
  if (!at) throw new Error(`"${words}" is not in ${sectionId}`);
  await page.mouse.click(at.x, at.y);
}

/** Press Tab until the focused element is `name` (a button's text), as someone using only the keyboard would. */
async function tabTo(page: Page, name: string, within: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(
      ({ name, within }) => {
        const el = document.activeElement as HTMLElement | null;
        return !!el && el.tagName === 'BUTTON' && el.textContent?.trim() === name && !!el.closest(within);
      },
      { name, within },
    );
    if (here) return;
  }
  throw new Error(`Could not reach "${name}" with the Tab key`);
}

it('a suggestion to the person’s own words is shown in place, accepted by keyboard, and recorded with both names; a comment is answered and resolved', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const meganMember = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const megan = await openPageAs(env.browser, env.server.url, meganMember, { viewport: { width: 1280, height: 900 } });
  for (const who of [sam, megan]) await openPlan(who.page, env.server.url, plan.id);

  await editor(sam.page, 'aboutMe').click();
  await sam.page.keyboard.type('I like walking my dog in the park.');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  await expect.poll(() => liveText(megan.page, 'aboutMe'), { timeout: 10_000 }).toBe('I like walking my dog in the park.');
  // About me is Sam's own: Megan may read it, not change it.
  expect(await editor(megan.page, 'aboutMe').getAttribute('aria-readonly')).toBe('true');

  // Megan selects the words she means and suggests others.
  await selectWords(megan.page, 'aboutMe', 'walking my dog');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Suggest a change' }).click();
  const proposed = area(megan.page, 'aboutMe').getByLabel('Instead of “walking my dog”, write:');
  await expect.poll(() => proposed.evaluate((el) => el === document.activeElement)).toBe(true);
  await proposed.fill('walking Bella, my dog,');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Send the suggestion' }).click();
  await expect.poll(() => area(megan.page, 'aboutMe').locator('.discussion-notice').innerText()).toBe(
    'Your suggestion was sent. The plan does not change unless Sam Evans accepts it.',
  );

  // Sam's page shows it without a reload: in the list, and in place (struck through, the new words beside), while
  // the plan's words stay as they were.
  const samSuggestion = area(sam.page, 'aboutMe').locator('li.discussion-suggestion');
  await expect.poll(() => samSuggestion.count(), { timeout: 10_000 }).toBe(1);
  expect(await samSuggestion.locator('.discussion-who').innerText()).toMatch(/^\[1\] Megan Evans \(Family or friend\) suggested a change/);
  expect(await samSuggestion.locator('del').innerText()).toBe('walking my dog');
  expect(await samSuggestion.locator('ins').innerText()).toBe('walking Bella, my dog,');
  await expect.poll(() => editor(sam.page, 'aboutMe').locator('del.suggested-removal').innerText()).toBe('walking my dog');
  expect(await editor(sam.page, 'aboutMe').locator('ins.suggested-words').innerText()).toContain('walking Bella, my dog,');
  expect(await liveText(sam.page, 'aboutMe')).toBe('I like walking my dog in the park.');
  await expect.poll(() => news(sam.page).innerText(), { timeout: 10_000 }).toBe('Megan Evans suggested a change in About me');
  await expect.poll(() => waiting(sam.page).innerText(), { timeout: 10_000 }).toBe('1 suggestion waits for Sam Evans');
  await expect.poll(() => waiting(megan.page).innerText(), { timeout: 10_000 }).toBe('1 suggestion waits for Sam Evans');
  // Sam's "My plans" says so too.
  const home = await sam.context.newPage();
  await home.goto(env.server.url);
  await expect.poll(() => home.getByRole('region', { name: 'My plans' }).innerText(), { timeout: 10_000 }).toContain('1 suggestion waits for you');
  await home.close();
  // Megan cannot decide; she is told who does.
  const meganSuggestion = area(megan.page, 'aboutMe').locator('li.discussion-suggestion');
  expect(await meganSuggestion.getByRole('button', { name: 'Accept' }).count()).toBe(0);
  expect(await meganSuggestion.innerText()).toContain('Waiting for Sam Evans to decide');
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  expect(await seriousAccessibilityViolations(megan.page)).toEqual([]);
  await area(sam.page, 'aboutMe').scrollIntoViewIfNeeded();
  await screenshot(sam.page, 'discussion-suggestion');

  // "Show the words" takes Sam to the passage.
  await samSuggestion.getByRole('button', { name: 'Show the words' }).click();
  await expect.poll(() => sam.page.evaluate(() => window.getSelection()?.toString())).toBe('walking my dog');

  // Sam accepts with the keyboard alone: Tab to "Accept" (focus visible), Enter.
  await sam.page.locator('#section-aboutMe h2').click(); // a starting point above the list (not a control)
  await tabTo(sam.page, 'Accept', '#section-aboutMe li.discussion-suggestion');
  expect(await sam.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
  await sam.page.keyboard.press('Enter');
  await expect.poll(() => liveText(sam.page, 'aboutMe'), { timeout: 10_000 }).toBe('I like walking Bella, my dog, in the park.');
  await expect.poll(() => liveText(megan.page, 'aboutMe'), { timeout: 10_000 }).toBe('I like walking Bella, my dog, in the park.');
  await expect.poll(() => samSuggestion.locator('.discussion-status').innerText()).toMatch(/^Accepted by Sam Evans \(The person the plan is about\), /);
  await expect.poll(() => meganSuggestion.locator('.discussion-status').innerText(), { timeout: 10_000 }).toMatch(/^Accepted by Sam Evans/);
  await expect.poll(() => news(megan.page).innerText(), { timeout: 10_000 }).toBe('Sam Evans accepted a suggestion in About me');
  expect(await editor(sam.page, 'aboutMe').locator('.suggestion-widget, del.suggested-removal').count()).toBe(0);
  expect(await waiting(sam.page).count()).toBe(0);

  // A suggestion across two paragraphs is refused in words before anything is sent.
  await editor(sam.page, 'aboutMe').click();
  await sam.page.keyboard.press('End');
  await sam.page.keyboard.press('Enter');
  await sam.page.keyboard.type('I go on Saturdays.');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  await sam.page.keyboard.press('Shift+ArrowUp');
  await area(sam.page, 'aboutMe').getByRole('button', { name: 'Suggest a change' }).click();
  await expect.poll(() => area(sam.page, 'aboutMe').locator('.discussion-notice').innerText()).toBe(
    'A suggestion must be within one paragraph. Select words in one paragraph and try again.',
  );

  // Megan comments on a passage; Sam replies and resolves it.
  await expect.poll(() => liveText(megan.page, 'aboutMe'), { timeout: 10_000 }).toContain('I go on Saturdays.');
  // This time she chooses the words without the mouse, by typing them.
  await area(megan.page, 'aboutMe').getByText('Choose words by typing them').click();
  await area(megan.page, 'aboutMe').getByLabel('The words you mean, as they are written').fill('In the  park');
  await megan.page.keyboard.press('Enter');
  await expect.poll(() => area(megan.page, 'aboutMe').locator('.discussion-notice').innerText()).toBe(
    'Chosen: “in the park”. Now choose “Comment on the selected words” or “Suggest a change”.',
  );
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Comment on the selected words' }).focus();
  await megan.page.keyboard.press('Enter');
  await area(megan.page, 'aboutMe').getByLabel('Your comment on “in the park”').fill('Which park? Roath Park is nearest.');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Send the comment' }).click();
  const samComment = area(sam.page, 'aboutMe').locator('li.discussion-comment');
  await expect.poll(() => samComment.count(), { timeout: 10_000 }).toBe(1);
  expect(await samComment.innerText()).toContain('Which park? Roath Park is nearest.');
  expect(await samComment.innerText()).toContain('About the words “in the park”');
  expect(await samComment.locator('.discussion-who').innerText()).toMatch(/^\[2\] Comment from Megan Evans \(Family or friend\)/);
  await expect.poll(() => editor(sam.page, 'aboutMe').locator('.discussed-passage').innerText()).toBe('in the park');
  await expect.poll(() => news(sam.page).innerText(), { timeout: 10_000 }).toBe('Megan Evans commented on About me');
  await expect.poll(() => waiting(sam.page).innerText(), { timeout: 10_000 }).toBe('1 comment waits for Sam Evans');

  // "Show the words" in a section Megan may only read: the words are selected and the text has focus.
  await area(megan.page, 'aboutMe').locator('li.discussion-comment').getByRole('button', { name: 'Show the words' }).click();
  await expect.poll(() => megan.page.evaluate(() => window.getSelection()?.toString())).toBe('in the park');
  expect(await editor(megan.page, 'aboutMe').evaluate((el) => el === document.activeElement)).toBe(true);

  await samComment.getByRole('button', { name: 'Reply' }).click();
  await samComment.getByLabel('Your reply').fill('Yes, Roath Park.');
  await samComment.getByRole('button', { name: 'Send the reply' }).click();
  const meganComment = area(megan.page, 'aboutMe').locator('li.discussion-comment');
  await expect.poll(() => meganComment.locator('.discussion-replies').innerText(), { timeout: 10_000 }).toContain('Yes, Roath Park.');
  expect(await meganComment.locator('.discussion-replies').innerText()).toContain('Sam Evans (The person the plan is about)');
  await expect.poll(() => news(megan.page).innerText(), { timeout: 10_000 }).toBe('Sam Evans replied to a comment in About me');

  await samComment.getByRole('button', { name: 'Resolve' }).click();
  await expect.poll(() => meganComment.locator('.discussion-status').innerText(), { timeout: 10_000 }).toMatch(
    /^Resolved Sam Evans \(The person the plan is about\) marked this as resolved, /,
  );
  await expect.poll(() => editor(sam.page, 'aboutMe').locator('.discussed-passage').count()).toBe(0);
  expect(await samComment.getByRole('button', { name: 'Reopen' }).count()).toBe(1);
  await expect.poll(() => waiting(sam.page).count()).toBe(0);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  expect(await seriousAccessibilityViolations(megan.page)).toEqual([]);

  // A suggestion whose words Sam has since changed himself cannot be accepted: he is told why, and declines it.
  await selectWords(megan.page, 'aboutMe', 'Saturdays');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Suggest a change' }).click();
  await area(megan.page, 'aboutMe').getByLabel('Instead of “Saturdays”, write:').fill('Sunday mornings');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Send the suggestion' }).click();
  const second = area(sam.page, 'aboutMe').locator('li.discussion-suggestion.discussion-open');
  await expect.poll(() => second.count(), { timeout: 10_000 }).toBe(1);
  await selectWords(sam.page, 'aboutMe', 'Saturdays');
  await sam.page.keyboard.type('Fridays');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
  await second.getByRole('button', { name: 'Accept' }).click();
  await expect.poll(() => second.getByRole('alert').innerText()).toBe(
    'The words this suggestion changes have been edited since it was made, so it cannot be put in as it is. It is still open: you can decline it, or change the words yourself.',
  );
  expect(await liveText(sam.page, 'aboutMe')).toBe('I like walking Bella, my dog, in the park.I go on Fridays.');
  await second.getByRole('button', { name: 'Decline' }).click();
  await second.getByLabel('Why not? (optional)').fill('I go on Fridays now.');
  await second.getByRole('button', { name: 'Decline the suggestion' }).click();
  const declined = area(megan.page, 'aboutMe').locator('li.discussion-suggestion.discussion-declined');
  await expect.poll(() => declined.locator('.discussion-status').innerText(), { timeout: 10_000 }).toMatch(
    /^Declined by Sam Evans \(The person the plan is about\), .+ Why: I go on Fridays now\.$/,
  );
  expect(await liveText(megan.page, 'aboutMe')).toBe('I like walking Bella, my dog, in the park.I go on Fridays.');

  // Words to add where the cursor is: Megan clicks after a sentence and suggests one to follow it.
  await clickAfter(megan.page, 'aboutMe', 'I go on Fridays.');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Suggest a change' }).click();
  const added = area(megan.page, 'aboutMe').getByLabel('Words to add');
  expect(await added.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent)).toBe(
    'They would go after “I go on Fridays.”. The plan does not change unless Sam Evans accepts.',
  );
  await added.fill('Bella comes too.');
  await area(megan.page, 'aboutMe').getByRole('button', { name: 'Send the suggestion' }).click();
  const addition = area(sam.page, 'aboutMe').locator('li.discussion-suggestion.discussion-open');
  await expect.poll(() => addition.count(), { timeout: 10_000 }).toBe(1);
  expect(await addition.locator('.suggestion-words').innerText()).toContain('(new words to add)');
  await expect.poll(() => editor(sam.page, 'aboutMe').locator('ins.suggested-words').innerText()).toContain('Bella comes too.');
  expect(await liveText(sam.page, 'aboutMe')).toBe('I like walking Bella, my dog, in the park.I go on Fridays.');
  await addition.getByRole('button', { name: 'Accept' }).click();
  await expect.poll(() => liveText(megan.page, 'aboutMe'), { timeout: 10_000 }).toBe('I like walking Bella, my dog, in the park.I go on Fridays. Bella comes too.');

  // The history says whose words they were and who accepted them.
  await megan.page.goto(`${env.server.url}/plans/${plan.id}/history`);
  const sentences = megan.page.locator('ol.timeline .history-sentence');
  await expect.poll(async () => (await sentences.allInnerTexts()).find((s) => s.includes('suggestion'))).toMatch(
    /Megan Evans \(Family or friend\).*Sam Evans \(The person the plan is about\)/,
  );

  // The one refusal was the outdated suggestion's 409, said on the page in words.
  expect(sam.problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  expect(megan.problems).toEqual([]);
});
