// Meeting mode in the browser: a family member starts a review; the person's open page shows it without a reload,
// joins and follows; "Next item" asks whether the person agrees before moving on, and the follower's page scrolls to
// the section the meeting is on (saying so once, without taking the focus); a decision and an action captured by the
// facilitator reach the person's page (the action in the plan's own actions); the agreement round, the end, and the
// record downloaded as a PDF naming who attended, the decision, the action and the agreement. Axe clean throughout,
// projector view, and a 320 px wide screen.

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTestMember, createTestPlan } from '../helpers/members.js';
import { readPdf } from '../helpers/pdfText.js';
import { editor, openPageAs, openPlan, saveState, screenshot, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

const area = (page: Page) => page.locator('section.meeting');
const banner = (page: Page) => area(page).locator('.meeting-banner');
const news = (page: Page) => area(page).locator('.meeting-news');
const isFocused = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el === document.activeElement);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);

/** Whether the top of an element is within the window (it was scrolled to). */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= -2 && box.top < window.innerHeight / 2;
  });

const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== 'fixed') found.push(`${el.tagName.toLowerCase()}.${String(el.className)}`);
    }
    return found.slice(0, 8);
  });

it('runs a review: seen live, joined and followed, decisions and actions captured, agreement round, ended, record downloaded', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const meganMember = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 1280, height: 900 } });
  const megan = await openPageAs(env.browser, env.server.url, meganMember, { viewport: { width: 1280, height: 900 } });
  for (const who of [sam, megan]) await openPlan(who.page, env.server.url, plan.id);

  // Sam's own words, to open every agenda item.
  await editor(sam.page, 'whatMatters').scrollIntoViewIfNeeded();
  await sam.page.getByRole('button', { name: 'Add an outcome' }).click();
  await sam.page.keyboard.type('I want to travel to college on my own.');
  await sam.page.keyboard.press('Tab');
  await expect.poll(() => saveState(sam.page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  // Megan starts a review.
  await area(megan.page).getByRole('button', { name: 'Start a meeting' }).click();
  expect(await focusedText(megan.page)).toBe(''); // the first choice (a radio button) has the focus
  await area(megan.page).getByRole('radio', { name: 'Review meeting' }).check();
  await area(megan.page).getByRole('button', { name: 'Start the meeting' }).click();
  await expect.poll(() => banner(megan.page).innerText()).toMatch(/^Megan Evans started a review meeting at \d\d:\d\d — 1 person has joined$/);
  expect(await isFocused(megan.page, '#meeting-heading')).toBe(true);
  expect(await area(megan.page).locator('.meeting-item').innerText()).toContain('I want to travel to college on my own.');

  // Sam's page shows it without a reload, and says so once.
  await expect.poll(() => banner(sam.page).innerText(), { timeout: 10_000 }).toMatch(/^Megan Evans started a review meeting at \d\d:\d\d — 1 person has joined$/);
  await expect.poll(() => news(sam.page).innerText()).toMatch(/^Megan Evans started a review meeting at \d\d:\d\d$/);
  await area(sam.page).getByRole('button', { name: 'Join the meeting' }).click();
  const follow = area(sam.page).getByRole('checkbox', { name: 'Follow the facilitator' });
  await expect.poll(() => follow.isChecked()).toBe(true);
  await expect.poll(() => banner(megan.page).innerText(), { timeout: 10_000 }).toMatch(/— 2 people have joined$/);
  expect(await area(sam.page).getByRole('button', { name: 'Next item' }).count()).toBe(1); // the person may steer too

  // Axe: the facilitator's view and the follower's.
  expect(await seriousAccessibilityViolations(megan.page)).toEqual([]);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);

  // "Next item" first asks whether Sam agrees; "Not yet" keeps the item, and focus comes back to "Next item".
  const next = area(megan.page).getByRole('button', { name: 'Next item' });
  await next.click();
  await expect.poll(() => focusedText(megan.page)).toBe('Pause — does Sam Evans agree?');
  await megan.page.keyboard.press('Tab');
  await megan.page.keyboard.press('Tab');
  expect(await focusedText(megan.page)).toBe('Not yet — keep talking');
  await megan.page.keyboard.press('Enter');
  await expect.poll(() => focusedText(megan.page)).toBe('Next item');
  expect(await area(megan.page).locator('li[aria-current="step"]').innerText()).toContain('About me');

  // Sam is typing somewhere; the meeting moving on never takes his focus.
  await follow.focus();
  // To "My personal budget" (the sixth item), answering "Yes — next item" each time, by keyboard.
  for (let i = 0; i < 5; i++) {
    await megan.page.keyboard.press('Enter'); // Next item
    await expect.poll(() => focusedText(megan.page)).toBe('Pause — does Sam Evans agree?');
    await megan.page.keyboard.press('Tab');
    expect(await focusedText(megan.page)).toBe('Yes — next item');
    await megan.page.keyboard.press('Enter');
    await expect.poll(() => area(megan.page).locator('li[aria-current="step"]').innerText()).toContain(
      ['What matters to me', 'My life now', 'My assessed needs', 'How my needs will be met', 'My personal budget'][i]!,
    );
    await expect.poll(() => focusedText(megan.page)).toBe('Next item');
  }
  expect(await area(megan.page).locator('.meeting-item h3').innerText()).toBe('Item 6 of 12: My personal budget');

  // Sam's page has gone there, said so once, and left his focus where it was.
  await expect.poll(() => area(sam.page).locator('li[aria-current="step"]').innerText(), { timeout: 10_000 }).toContain('My personal budget');
  await expect.poll(() => news(sam.page).innerText()).toBe('The meeting is now on: My personal budget');
  await expect.poll(() => inView(sam.page, '#section-personalBudget'), { timeout: 5000 }).toBe(true);
  expect(await follow.evaluate((el) => el === document.activeElement)).toBe(true);

  // The timer, by the server's clock: the same on both pages.
  await area(megan.page).getByRole('button', { name: 'Start the timer' }).click();
  await expect.poll(() => area(sam.page).locator('.meeting-timer').innerText(), { timeout: 10_000 }).toContain('(running)');
  await area(megan.page).getByRole('button', { name: 'Stop the timer' }).click();
  await expect.poll(() => area(sam.page).locator('.meeting-timer').innerText(), { timeout: 10_000 }).toContain('(stopped)');
  const time = (page: Page) => area(page).getByRole('timer').innerText();
  await expect.poll(async () => (await time(sam.page)) === (await time(megan.page))).toBe(true);
  expect(await time(megan.page)).toMatch(/^\d\d:\d\d$/);

  // A decision, and an action that goes into the plan's actions.
  await area(megan.page).getByLabel('Record a decision').fill('Sam will use part of the budget for a bus pass.');
  await area(megan.page).getByRole('button', { name: 'Record the decision' }).click();
  await expect.poll(() => news(megan.page).innerText()).toBe('Decision recorded.');
  const samDecisions = area(sam.page).locator('.meeting-decisions li');
  await expect.poll(() => samDecisions.allInnerTexts(), { timeout: 10_000 }).toEqual([
    expect.stringMatching(/^Sam will use part of the budget for a bus pass\. — Megan Evans \(Family or friend\), \d\d:\d\d$/),
  ]);
  await area(megan.page).getByLabel('What will be done').fill('Book the bus pass');
  await area(megan.page).getByLabel('Who will do it').fill('Megan');
  await area(megan.page).getByLabel('By when').fill('2026-05-01');
  await area(megan.page).getByRole('button', { name: 'Add the action' }).click();
  await expect.poll(() => news(megan.page).innerText(), { timeout: 15_000 }).toBe('Action added to the plan and to the meeting: Book the bus pass');
  const samActions = sam.page.locator('#section-howNeedsMet .structured-part.actions legend');
  await expect.poll(() => samActions.allInnerTexts(), { timeout: 10_000 }).toEqual(['Action 1: Book the bus pass']);
  // Typed on Megan's page, so the plan's record says she changed "How my needs will be met" (and nobody else did).
  const changedActions = await sam.page.evaluate(async (planId) => {
    const page = (await (await fetch(`/api/plans/${planId}/history`)).json()) as { items: { by: { displayName: string } | null; sections: string[] }[] };
    return [...new Set(page.items.filter((i) => i.sections.includes('howNeedsMet')).map((i) => i.by?.displayName))];
  }, plan.id);
  expect(changedActions).toEqual(['Megan Evans']);

  // Projector view: the meeting big, the side panels hidden; and back.
  const projector = area(megan.page).getByRole('button', { name: 'Projector view' });
  const fontSize = () => area(megan.page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await fontSize();
  await projector.click();
  expect(await projector.getAttribute('aria-pressed')).toBe('true');
  expect(await megan.page.locator('.workspace-side').isVisible()).toBe(false);
  expect(await fontSize()).toBeGreaterThan(before * 1.2);
  expect(await seriousAccessibilityViolations(megan.page)).toEqual([]);
  await area(megan.page).scrollIntoViewIfNeeded();
  await screenshot(megan.page, 'meeting-projector');
  await projector.click();
  expect(await projector.getAttribute('aria-pressed')).toBe('false');
  expect(await megan.page.locator('.workspace-side').isVisible()).toBe(true);

  // The agreement round: Sam is asked, and agrees.
  await area(megan.page).getByRole('button', { name: 'Start the agreement round' }).click();
  await expect.poll(() => news(sam.page).innerText(), { timeout: 10_000 }).toBe('The agreement round has started: please say whether you agree with the plan.');
  await area(sam.page).getByRole('link', { name: 'Say whether you agree' }).click();
  await sam.page.locator('section.agreement').getByRole('button', { name: 'I agree with this plan' }).click();
  await expect.poll(() => sam.page.locator('section.agreement .agreement-result').innerText()).toBe('Recorded: you agree with the plan as it is now.');

  // Megan ends the meeting, after a question.
  await area(megan.page).getByRole('button', { name: 'End the meeting' }).click();
  await expect.poll(() => focusedText(megan.page)).toBe('End the meeting now? Nothing more can be added to it afterwards. Its record is kept.');
  await area(megan.page).getByRole('button', { name: 'Yes, end the meeting' }).click();
  await expect.poll(() => news(sam.page).innerText(), { timeout: 10_000 }).toBe('The meeting has ended. Its record is under “Meeting records”.');
  expect(await banner(sam.page).count()).toBe(0);
  const records = area(sam.page).locator('.meeting-records li');
  await expect.poll(() => records.count()).toBe(1);
  expect(await records.innerText()).toMatch(/^Review meeting, .+ at \d\d:\d\d, run by Megan Evans \(Family or friend\)/);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);

  // The record, downloaded as a PDF.
  const [download] = await Promise.all([sam.page.waitForEvent('download'), records.getByRole('link', { name: 'Download the record (PDF)' }).click()]);
  const pdf = await readPdf(await readFile((await download.path())!));
  expect(pdf.flat).toContain('Review meeting');
  expect(pdf.flat).toContain('Who attended');
  for (const words of [
    'Megan Evans (Family or friend)',
    'Sam Evans (The person the plan is about)',
    'Sam will use part of the budget for a bus pass.',
    'Book the bus pass',
    'Sam Evans (The person the plan is about): agrees with the plan',
  ]) {
    expect(pdf.flat).toContain(words);
  }
  expect(pdf.flat).toContain('1 May 2026');
  expect(await area(sam.page).getByRole('link', { name: 'Download the record (Word)' }).getAttribute('href')).toMatch(/record\.docx\?lang=en$/);

  for (const who of [sam, megan]) expect(who.problems).toEqual([]);
});

it('works on a 320 px wide screen during a meeting', async () => {
  const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
  const sam = await openPageAs(env.browser, env.server.url, plan.owner, { viewport: { width: 320, height: 700 } });
  await openPlan(sam.page, env.server.url, plan.id);
  await area(sam.page).getByRole('button', { name: 'Start a meeting' }).click();
  await area(sam.page).getByRole('button', { name: 'Start the meeting' }).click();
  await expect.poll(() => banner(sam.page).innerText()).toMatch(/^Sam Evans started a planning meeting at/);
  expect(await overflowing(sam.page)).toEqual([]);
  await area(sam.page).getByRole('button', { name: 'Projector view' }).click();
  expect(await overflowing(sam.page)).toEqual([]);
  expect(await seriousAccessibilityViolations(sam.page)).toEqual([]);
  await screenshot(sam.page, 'meeting-phone');
  expect(sam.problems).toEqual([]);
});
