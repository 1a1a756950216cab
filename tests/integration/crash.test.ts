// kill -9 while three people type: every text a client was told is saved is in the plan after the server comes
// back, and the files on disk are whole. The server runs as a real child process so it can be killed outright.

import { readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../server/storage/lowdb/journal.js';
import type { Role } from '../../shared/roles.js';
import { serverEntry, spawnServer, type ChildServer } from '../helpers/childServer.js';
import { addMemberOverHttp, createPlanOverHttp } from '../helpers/httpMembers.js';
import { connectClient, makeDataDir, waitFor, waitForSync, type TestClient } from '../helpers/server.js';
import { sleep } from '../helpers/wait.js';

const LIVE_FILES = ['meta.json', 'state.json', 'updates.log'];
const LIVE_JSON_FILES = LIVE_FILES.filter((n) => n.endsWith('.json'));

describe('crash', () => {
  let entry: Awaited<ReturnType<typeof serverEntry>>;
  let dataDir: string;
  const servers: ChildServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    entry = await serverEntry();
    dataDir = await makeDataDir();
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers) await s.stop('SIGKILL');
    await entry?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps everything that was reported saved when the server is killed mid-burst', async () => {
    const first = await spawnServer(entry.entry, dataDir);
    servers.push(first);
    // The child keeps its own accounts and circles: everyone signs up and joins over its API, as in a browser.
    const plan = await createPlanOverHttp(first.url, 'england', 'Sam');
    const member = (name: string, role: Role) => addMemberOverHttp(first.url, plan, { name, role });
    const reader = await member('Reader', 'advocate');
    let killOnNextSave = false;

    // Each writes in a section of their own that their role may edit.
    const people = [
      { name: 'Sam', member: plan.owner, section: 'aboutMe' },
      { name: 'Megan', member: await member('Megan', 'family'), section: 'howNeedsMet' },
      { name: 'Alex', member: await member('Alex', 'socialWorker'), section: 'assessedNeeds' },
    ];
    const writers = people.map((w) => {
      const c = connectClient(first.url, plan.id, w.member);
      clients.push(c);
      /** The section's text after each of this client's changes (the n-th change at index n - 1). */
      const history: string[] = [];
      /** Every text this client had been told was on disk, in the order it was told. */
      const saved: string[] = [];
      c.onSaved((savedChanges) => {
        saved.push(history[savedChanges - 1] ?? '');
        // The sharpest moment to die: the instant someone is told their words are on disk.
        if (killOnNextSave) {
          killOnNextSave = false;
          first.process.kill('SIGKILL');
        }
      });
      return { ...w, client: c, saved, history, typed: 0 };
    });
    await Promise.all(writers.map((w) => waitForSync(w.client)));

    // Each person appends to their own section, a few characters every millisecond or two.
    let typing = true;
    const bursts = writers.map(async (w) => {
      while (typing) {
        w.client.type(w.section, `${w.name}${w.typed} `);
        w.history.push(w.client.text(w.section));
        w.typed += 1;
        await sleep(1 + (w.typed % 3));
      }
    });
    await waitFor(() => writers.every((w) => w.saved.filter(Boolean).length >= 5), 'several saves for everyone', 20_000);
    // Mid-burst: typing goes on while the process dies.
    killOnNextSave = true;
    await first.exited;
    await sleep(30);
    typing = false;
    await Promise.all(bursts);
    const typedText = new Map<string, string>();
    for (const w of writers) {
      expect(w.saved.filter(Boolean).length, `${w.name} was told something was saved`).toBeGreaterThanOrEqual(5);
      typedText.set(w.name, w.client.text(w.section));
      // The burst was still going: there was typing the server never confirmed.
      expect(typedText.get(w.name)!.length).toBeGreaterThan(w.saved.at(-1)!.length);
    }
    for (const c of clients.splice(0)) c.destroy();

    // Whatever the kill interrupted, the live JSON files are whole (a half-written file is only ever a temporary)
    // and the journal reads back (at most a half-written last batch, never reported saved, is cut off).
    const planDir = path.join(dataDir, 'plans', plan.id);
    const names = await readdir(planDir);
    for (const live of LIVE_FILES) expect(names).toContain(live);
    const jsonFiles = (await readdir(dataDir, { recursive: true })).filter((n) => n.endsWith('.json'));
    expect(jsonFiles.length).toBeGreaterThanOrEqual(LIVE_JSON_FILES.length);
    for (const name of jsonFiles) {
      const text = await readFile(path.join(dataDir, name), 'utf8');
      expect(() => JSON.parse(text) as unknown, `${name} is whole JSON`).not.toThrow();
    }
    expect(names.filter((n) => n.endsWith('.tmp')).every((n) => !LIVE_FILES.includes(n))).toBe(true);
    expect(names).not.toContain('damaged.json');
    const journalFile = path.join(planDir, 'updates.log');
    expect(() => readJournal(readFileSync(journalFile), journalFile)).not.toThrow();

    const second = await spawnServer(entry.entry, dataDir);
    servers.push(second);
    const readerClient = connectClient(second.url, plan.id, reader);
    clients.push(readerClient);
    await waitForSync(readerClient);
    for (const w of writers) {
      const recovered = readerClient.text(w.section);
      for (const savedText of w.saved) {
        expect(recovered.startsWith(savedText), `${w.name}: "${savedText.slice(-30)}" was reported saved`).toBe(true);
      }
      // Nothing was invented: what came back is a prefix of what was typed.
      expect(typedText.get(w.name)!.startsWith(recovered)).toBe(true);
    }
    expect(readerClient.closes).toEqual([]);
    await second.stop('SIGTERM');
    expect(second.process.exitCode).toBe(0);
  });
});
