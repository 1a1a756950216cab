// Randomized convergence: five people edit all twelve sections at random, dropping off and coming back, and in
// the end everyone holds the same plan, which is also what a freshly started server loads from disk.
// The seed is printed; rerun a failure with CONVERGENCE_SEED=<seed>.

import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { setSectionOpen } from '../../server/circle/circleOperations.js';
import { SECTION_IDS, SECTIONS } from '../../shared/sections.js';
import { seededRandom, seedFromEnv, type Random } from '../helpers/random.js';
import { addTestMember, connectClient, createTestPlan, makeDataDir, startTestServer, waitFor, waitForSync, type TestClient } from '../helpers/server.js';
import { docFromUpdates } from '../helpers/stores.js';
import { sleep } from '../helpers/wait.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const OPERATIONS = 300;
const WORDS = ['Sam', 'likes', 'walking', 'ŵyr', 'te', 'day centre', 'Tuesdays', 'support', 'meals', '—', 'ok', '🙂'];

const sectionsOf = (doc: Y.Doc) => Object.fromEntries(SECTION_IDS.map((id) => [id, doc.getXmlFragment(sectionFieldName(id)).toString()]));

function paragraphs(doc: Y.Doc, sectionId: string): Y.XmlElement[] {
  return doc.getXmlFragment(sectionFieldName(sectionId)).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
}

function newParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const ytext = new Y.XmlText();
  ytext.insert(0, text);
  paragraph.insert(0, [ytext]);
  return paragraph;
}

/** One random edit by one person, as an editor would make it: one transaction. */
function randomEdit(random: Random, doc: Y.Doc): string {
  const sectionId = random.pick(SECTION_IDS);
  const fragment = doc.getXmlFragment(sectionFieldName(sectionId));
  const existing = paragraphs(doc, sectionId);
  const word = `${random.pick(WORDS)} `;
  const roll = random.next();
  if (existing.length === 0 || roll < 0.12) {
    doc.transact(() => fragment.insert(random.int(fragment.length + 1), [newParagraph(word)]));
    return `add paragraph to ${sectionId}`;
  }
  const paragraph = random.pick(existing);
  const text = paragraph.get(0) as Y.XmlText;
  if (roll < 0.7 || text.length === 0) {
    doc.transact(() => text.insert(random.int(text.length + 1), word));
    return `insert in ${sectionId}`;
  }
  if (roll < 0.9) {
    const start = random.int(text.length);
    doc.transact(() => text.delete(start, 1 + random.int(Math.min(6, text.length - start))));
    return `delete in ${sectionId}`;
  }
  if (roll < 0.95) {
    const start = random.int(text.length);
    doc.transact(() => text.format(start, 1 + random.int(text.length - start), { bold: true }));
    return `format in ${sectionId}`;
  }
  doc.transact(() => fragment.delete(fragment.toArray().indexOf(paragraph), 1));
  return `delete paragraph in ${sectionId}`;
}

describe('convergence', () => {
  const seed = seedFromEnv('CONVERGENCE_SEED');
  let dataDir: string;
  let server: Server;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    process.stdout.write(`convergence seed ${seed} (rerun with CONVERGENCE_SEED=${seed})\n`);
    dataDir = await makeDataDir();
    server = await startTestServer(dataDir);
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`five people, ${OPERATIONS} random edits with disconnects, one plan in the end (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const plan = await createTestPlan(server, 'england', 'Sam');
    // Everyone edits every section: Sam, the person, opens to his circle the ones that are not theirs by default.
    for (const section of SECTIONS.filter((s) => s.defaultEditors !== 'circle')) {
      await setSectionOpen(server.circles, plan.id, plan.owner.accountId, section.id, true);
    }
    const members = [plan.owner];
    for (const name of ['Megan', 'Alex', 'Jo', 'Rhian']) members.push(await addTestMember(server, plan, { name, role: 'family' }));
    const readerMember = await addTestMember(server, plan, { name: 'Reader', role: 'advocate', level: 'view' });
    const people = members.map((member) => connectClient(server.url, plan.id, member));
    clients.push(...people);
    await Promise.all(people.map(waitForSync));

    const counts = new Map<string, number>();
    for (let i = 0; i < OPERATIONS; i++) {
      const person = random.pick(people);
      if (random.chance(0.06)) {
        if (person.provider.shouldConnect) person.provider.disconnect();
        else person.provider.connect();
        counts.set('toggle connection', (counts.get('toggle connection') ?? 0) + 1);
        continue;
      }
      const kind = randomEdit(random, person.doc).split(' ')[0]!;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (random.chance(0.3)) await sleep(random.int(5));
    }
    process.stdout.write(`seed ${seed}: ${JSON.stringify(Object.fromEntries(counts))}\n`);

    for (const person of people) if (!person.provider.shouldConnect) person.provider.connect();
    const expected = () => sectionsOf(people[0]!.doc);
    await waitFor(
      () =>
        people.every((p) => p.provider.wsconnected && p.provider.synced && p.isSaved()) &&
        people.every((p) => JSON.stringify(sectionsOf(p.doc)) === JSON.stringify(expected())),
      `everyone connected, saved and converged (seed ${seed})`,
      20_000,
    );
    const final = expected();
    for (const person of people) {
      expect(sectionsOf(person.doc), `seed ${seed}`).toEqual(final);
      expect(Y.decodeStateVector(Y.encodeStateVector(person.doc))).toEqual(Y.decodeStateVector(Y.encodeStateVector(people[0]!.doc)));
      expect(person.closes, `seed ${seed}: nobody was refused`).toEqual([]);
    }
    expect(Object.values(final).filter((xml) => xml.length > 0).length, 'most sections were written').toBeGreaterThan(6);

    // What a freshly started server loads from the data directory is the same plan.
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
    server = await startTestServer(dataDir);
    expect(sectionsOf(docFromUpdates(await server.store.loadDocument(plan.id))), `seed ${seed}`).toEqual(final);
    const reader = connectClient(server.url, plan.id, readerMember);
    clients.push(reader);
    await waitForSync(reader);
    expect(sectionsOf(reader.doc), `seed ${seed}`).toEqual(final);
  });

  it('an edit typed the moment a person reconnects, before the sync has finished, is kept', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = connectClient(server.url, plan.id, plan.owner);
    const megan = connectClient(server.url, plan.id, await addTestMember(server, plan, { name: 'Megan', role: 'family' }));
    clients.push(sam, megan);
    await Promise.all([waitForSync(sam), waitForSync(megan)]);
    sam.type('aboutMe', 'Online. ');
    await waitFor(() => sam.isSaved(), 'first words saved');

    sam.provider.disconnect();
    sam.type('aboutMe', 'Typed offline. ');
    // The socket is open but the server's sync step 1 has not been answered yet: the next keystroke builds on the
    // offline edit that only Sam's sync step 2 will carry.
    let typedWhileReconnecting = false;
    sam.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected' || typedWhileReconnecting) return;
      typedWhileReconnecting = true;
      sam.type('aboutMe', 'Typed while reconnecting.');
    });
    sam.provider.connect();
    const expected = 'Online. Typed offline. Typed while reconnecting.';
    await waitFor(() => megan.text('aboutMe') === expected && sam.isSaved(), 'the edits arrive and are saved');
    expect(typedWhileReconnecting).toBe(true);
    expect(sam.closes).toEqual([]);
    expect(sam.provider.wsconnected).toBe(true);
  });
});
