// Shared set-up for browser tests: Debian's Chromium through playwright-core, the real server serving the
// built app, and axe-core for accessibility checks.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { parseConfig } from '../../server/config.js';
import { startCylchServer, type CylchServer } from '../../server/cylchServer.js';
import { SESSION_COOKIE } from '../../server/http/sessions.js';
import { createLogger } from '../../server/log.js';
import { afterAll, beforeAll } from 'vitest';
import type { TestMember } from '../helpers/members.js';
import { CLIENT_DIR, makeDataDir } from '../helpers/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('tests/browser/screenshots');

/** Browser tests always run in CI; elsewhere they need Chromium installed (`apt-get install -y chromium`). */
export function assertBrowserAvailable(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
  }
  if (!existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    throw new Error('The browser app is not built. Run `npm run build` first (npm test does this).');
  }
}

export async function launchBrowser(): Promise<Browser> {
  assertBrowserAvailable();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function startServer(dataDir: string, port = 0): Promise<CylchServer> {
  const config = parseConfig({ PORT: String(port), CYLCH_DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return startCylchServer(config, createLogger(config.logLevel), CLIENT_DIR);
}

export interface BrowserSetup {
  browser: Browser;
  server: CylchServer;
  dataDir: string;
  /** Stop the server and start it again on the same port and data (pages reconnect by themselves). */
  restartServer(options?: { whileDown?: () => Promise<void> }): Promise<void>;
}

/** One Chromium and one real server (temporary data) for the tests of a file, closed after them. */
export function useBrowserAndServer(): BrowserSetup {
  const setup = {} as BrowserSetup;
  beforeAll(async () => {
    setup.dataDir = await makeDataDir();
    setup.server = await startServer(setup.dataDir);
    setup.browser = await launchBrowser();
    setup.restartServer = async (options = {}) => {
      const port = (setup.server.httpServer.address() as AddressInfo).port;
      await setup.server.close();
      await options.whileDown?.();
      setup.server = await startServer(setup.dataDir, port);
    };
  });
  afterAll(async () => {
    await setup.browser?.close();
    await setup.server?.close();
    if (setup.dataDir) await rm(setup.dataDir, { recursive: true, force: true });
  });
  return setup;
}

/** A page that records console errors and failed requests, so a test can insist there were none. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

/** Sign a browser context in as `member`: their session cookie, as signing in on the page would set it. */
export async function signInAs(context: BrowserContext, baseUrl: string, member: Pick<TestMember, 'token'>): Promise<void> {
  await context.addCookies([{ name: SESSION_COOKIE, value: member.token, url: baseUrl }]);
}

/** A new browser context signed in as `member`, and a page in it that records problems. */
export async function openPageAs(
  browser: Browser,
  baseUrl: string,
  member: Pick<TestMember, 'token'>,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ page: Page; problems: string[]; context: BrowserContext }> {
  const context = await browser.newContext(options);
  await signInAs(context, baseUrl, member);
  return { ...(await openPage(context)), context };
}

/** Open a plan's page (signed in as a member) and wait for its editors, which appear once the server says what
 * this member may do. */
export async function openPlan(page: Page, baseUrl: string, planId: string): Promise<void> {
  await page.goto(`${baseUrl}/plans/${planId}`);
  await page.locator('.section-editor').first().waitFor();
}

export const editor = (page: Page, sectionId: string) => page.locator(`.section-editor[data-section="${sectionId}"]`);
export const saveState = (page: Page) => page.locator('[data-save-state]');

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
