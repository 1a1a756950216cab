// PlanSaver writes a live plan's changes in batches to a real LowdbPlanStore in a temporary directory, and answers
// "is everything so far saved?" only once the store has it on disk, through failures and compaction.

import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanSaver } from '../../server/sync/planSaver.js';
import type { LowdbPlanStore } from '../../server/storage/lowdb/lowdbPlanStore.js';
import { sectionFieldName } from '../../shared/protocol.js';
import {
  covers,
  docFromUpdates,
  expectSameDocument,
  InstrumentedStore,
  lowdbDocOnDisk,
  newPlanMeta,
  openLowdbStore,
  silentLog,
  tempDir,
} from '../helpers/stores.js';
import { waitFor } from '../helpers/wait.js';

const ABOUT_ME = sectionFieldName('aboutMe');

describe('PlanSaver', () => {
  let dataDir: string;
  let lowdb: LowdbPlanStore;
  let store: InstrumentedStore;
  let planId: string;
  let doc: Y.Doc;
  let saver: PlanSaver;
  /** Every answer to "tell me when what I have so far is saved": the state asked about, and whether the disk held it. */
  let reports: { stateVector: Uint8Array; onDisk: boolean }[];
  /** Ask the saver to say when everything accepted so far is on disk (as a connection's checkpoint does). */
  const askSaved = () => {
    const stateVector = Y.encodeStateVector(doc);
    saver.whenSaved().then(
      () => reports.push({ stateVector, onDisk: covers(lowdbDocOnDisk(dataDir, planId), stateVector) }),
      () => {},
    );
  };

  beforeEach(async () => {
    dataDir = await tempDir();
    lowdb = await openLowdbStore(dataDir);
    store = new InstrumentedStore(lowdb);
    const meta = newPlanMeta();
    planId = meta.id;
    await store.createPlan(meta);
    doc = new Y.Doc({ gc: false });
    reports = [];
    saver = new PlanSaver(planId, doc, store, silentLog, 0);
    // As the room does: every accepted change goes to the saver.
    doc.on('update', (update: Uint8Array) => saver.add(update));
  });

  afterEach(async () => {
    store.releaseWrites();
    await saver.drain().catch(() => {});
    doc.destroy();
    await lowdb.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** One keystroke, one transaction, one update. */
  const type = (words: string) =>
    doc.transact(() => {
      const fragment = doc.getXmlFragment(ABOUT_ME);
      if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
      const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
      if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
      const text = paragraph.get(0) as Y.XmlText;
      text.insert(text.length, words);
    });
  const typeMany = (count: number, prefix = 'k') => {
    for (let i = 0; i < count; i++) type(`${prefix}${i} `);
    askSaved();
  };

  it('writes a burst of keystrokes as one batch', async () => {
    typeMany(200);
    await waitFor(() => !saver.hasUnsaved, 'the batch is written');
    expect(store.appendCalls).toBe(1);
    typeMany(100, 'second');
    await waitFor(() => !saver.hasUnsaved, 'the second batch is written');
    expect(store.appendCalls).toBe(2);
    await waitFor(() => reports.length === 2, 'both answered');
    expect(reports.every((r) => r.onDisk)).toBe(true);
    expectSameDocument(lowdbDocOnDisk(dataDir, planId), doc);
  });

  it('keeps changes that arrive during a write for the next batch', async () => {
    store.holdWrites();
    typeMany(50, 'a');
    await waitFor(() => store.appendCalls === 1, 'the first write starts');
    typeMany(50, 'b');
    store.releaseWrites();
    await waitFor(() => !saver.hasUnsaved && reports.length === 2, 'everything is written');
    expect(store.appendCalls).toBe(2);
    expect(reports.every((r) => r.onDisk)).toBe(true);
    expect(Y.decodeStateVector(reports.at(-1)!.stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expectSameDocument(lowdbDocOnDisk(dataDir, planId), doc);
  });

  it('answers "saved" only after the store has written it', async () => {
    store.holdWrites();
    typeMany(20);
    await waitFor(() => store.appendCalls === 1, 'the write starts');
    // Well past the longest batch delay, the write is still held: nothing may be reported saved.
    await new Promise((r) => setTimeout(r, 150));
    expect(reports).toHaveLength(0);
    expect(saver.hasUnsaved).toBe(true);
    expect(covers(lowdbDocOnDisk(dataDir, planId), Y.encodeStateVector(doc))).toBe(false);

    store.releaseWrites();
    await waitFor(() => reports.length === 1, 'saved is reported');
    expect(reports[0]!.onDisk).toBe(true);
    expect(Y.decodeStateVector(reports[0]!.stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
  });

  it('keeps the changes when the store fails, retries, and answers saved only after a write succeeds', async () => {
    const answeredAtFailure: number[] = [];
    store.onFailure = () => answeredAtFailure.push(reports.length);
    store.failWrites = 2;
    typeMany(30, 'first');
    await waitFor(() => store.failures === 1, 'the first write fails');
    typeMany(30, 'during'); // typed while the store is failing
    await waitFor(() => reports.length === 2 && !saver.hasUnsaved, 'saved after retries', 10_000);
    expect(store.failures).toBe(2);
    expect(answeredAtFailure).toEqual([0, 0]);
    expect(reports.every((r) => r.onDisk)).toBe(true);
    expect(Y.decodeStateVector(reports.at(-1)!.stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expectSameDocument(lowdbDocOnDisk(dataDir, planId), doc);
  });

  it('drain() fails when the store does, keeps the changes, and succeeds next time', async () => {
    store.failWrites = 1;
    typeMany(10);
    await expect(saver.drain()).rejects.toThrow(/injected/);
    expect(saver.hasUnsaved).toBe(true);
    expect(reports).toHaveLength(0);
    await saver.drain();
    expect(saver.hasUnsaved).toBe(false);
    await waitFor(() => reports.length === 1, 'answered');
    expect(reports[0]!.onDisk).toBe(true);
    expectSameDocument(lowdbDocOnDisk(dataDir, planId), doc);
  });

  it('compacts the log after many batches into a document equal to the original', async () => {
    // One write per batch, as when someone types slowly.
    for (let i = 0; i < 520; i++) {
      type(`w${i} `);
      askSaved();
      if (i % 3 === 0) doc.transact(() => ((doc.getXmlFragment(ABOUT_ME).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 1));
      await saver.drain();
    }
    expect(store.compactCalls).toBe(1);
    expect(store.appendCalls).toBe(519);
    expect(reports.every((r) => r.onDisk)).toBe(true);
    const stored = await lowdb.loadDocument(planId);
    expect(stored.length).toBeLessThan(30); // the compacted state and the batches after it
    // A fresh store, as after a restart, loads the same document.
    const restarted = await openLowdbStore(dataDir);
    expectSameDocument(docFromUpdates(await restarted.loadDocument(planId)), doc);
    await restarted.close();
  });

  it('compacts once the log grows large, and on close', async () => {
    type('x'.repeat(600 * 1024)); // a very large paste
    askSaved();
    await saver.drain();
    expect(store.compactCalls).toBe(0);
    type('after the paste');
    await saver.drain();
    expect(store.compactCalls).toBe(1);
    type('one more');
    await saver.drain();
    expect((await lowdb.loadDocument(planId)).length).toBe(2);
    await saver.compactIfNeeded();
    expect(store.compactCalls).toBe(2);
    expect(await lowdb.loadDocument(planId)).toHaveLength(1);
    expectSameDocument(docFromUpdates(await lowdb.loadDocument(planId)), doc);
    expect(reports.every((r) => r.onDisk)).toBe(true);
  });

  it('stops for good when disposed: waiting callers are told, queued changes are handed back, nothing more is written', async () => {
    store.failWrites = 1;
    typeMany(5, 'lost?');
    await waitFor(() => store.failures === 1, 'the write fails and a retry is scheduled');
    let rejected = false;
    saver.whenSaved().catch(() => (rejected = true));
    const handedBack = saver.dispose();
    expect(handedBack.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 400)); // past the first retry delay
    expect(rejected).toBe(true);
    expect(store.appendCalls).toBe(1);
    // What was handed back, applied to the document on disk, gives the whole document again.
    expectSameDocument(docFromUpdates([...(await lowdb.loadDocument(planId)), ...handedBack]), doc);
  });
});
