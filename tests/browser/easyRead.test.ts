// Plain words, read aloud: the easy-read view shows each section's short questions one per line (still the text the
// editor is described by); "Read aloud" speaks the section — its heading, question and words — with the browser's
// speech in the page's language (a Welsh voice asked for in Welsh, and a note when the device has none), and stops
// when pressed again. The browser's speech is recorded here rather than played.

import { expect, it } from 'vitest';
import { createTestPlan } from '../helpers/members.js';
import { editor, openPageAs, openPlan, saveState, seriousAccessibilityViolations, useBrowserAndServer } from './browser.js';

const env = useBrowserAndServer();

it('shows easy-read questions, and reads a section aloud in English and in Welsh', async () => {
  const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
  const { page, context } = await openPageAs(env.browser, env.server.url, plan.owner);
  await context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      spoken.push({ text: utterance.text, lang: utterance.lang });
    };
  });
  await openPlan(page, env.server.url, plan.id);
  await editor(page, 'aboutMe').click();
  await page.keyboard.type('I like trains.');
  await expect.poll(() => saveState(page).getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

  const aboutMe = page.locator('#section-aboutMe');
  const readAloud = aboutMe.getByRole('button', { name: 'Read aloud' });
  await readAloud.click();
  const spoken = () => page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
  await expect.poll(async () => (await spoken()).length).toBe(1);
  const [first] = await spoken();
  expect(first!.lang).toBe('en-GB');
  expect(first!.text).toContain('About me');
  expect(first!.text).toContain('What do people like about me?');
  expect(first!.text).toContain('I like trains.');
  expect(await aboutMe.getByRole('button', { name: 'Stop reading' }).count()).toBe(1);
  await aboutMe.getByRole('button', { name: 'Stop reading' }).click();
  expect(await readAloud.count()).toBe(1);

  // Easy read: short questions, one per line, still describing the editor.
  await page.getByRole('button', { name: 'Display', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Easy read' }).check();
  await page.keyboard.press('Escape');
  const prompt = page.locator('#section-aboutMe-prompt');
  await expect.poll(() => prompt.locator('p').allInnerTexts()).toEqual([
    'Tell people about you.',
    'What do people like about you?',
    'What is important to you?',
    'How can people help you well?',
  ]);
  expect(await editor(page, 'aboutMe').getAttribute('aria-describedby')).toContain('section-aboutMe-prompt');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // In Welsh: a Welsh voice is asked for; with none on this device, the page says so.
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await aboutMe.getByRole('button', { name: 'Darllen yn uchel' }).click();
  await expect.poll(async () => (await spoken()).length).toBe(2);
  const welsh = (await spoken())[1]!;
  expect(welsh.lang).toBe('cy-GB');
  expect(welsh.text).toContain('Amdanaf i');
  expect(welsh.text).toContain('Dywedwch wrth bobl amdanoch chi.');
  expect(welsh.text).toContain('I like trains.'); // the person's words as written, never translated
  await expect.poll(() => aboutMe.getByRole('status').filter({ hasText: 'Does dim llais Cymraeg' }).count()).toBe(1);
});
