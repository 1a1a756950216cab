// The conformance suite every PlanStore adapter must pass (STYLE.md, habit 6). It speaks only the PlanStore
// interface; an adapter that keeps plans in files also says where, so the suite can check that one plan's writes
// leave other plans' files alone, and can damage files the way a crash, a bad disk or a careless hand would.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppError } from '../../server/errors.js';
import type { PlanStore } from '../../server/storage/types.js';
import { JournalHistoryStore } from '../../server/storage/lowdb/journalHistoryStore.js';
import { Room } from '../../server/sync/room.js';
import { Rooms } from '../../server/sync/rooms.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { docFromUpdates, expectSameDocument, newPlanMeta, silentLog, tempDir } from './stores.js';

/** One way of damaging a plan's stored data, and where the damage must be noticed. */
export interface DamageCase {
  name: string;
  /** Damage the plan's stored data; returns the file changed and the bytes it now holds. */
  apply(dataDir: string, planId: string): Promise<{ file: string; bytes: Buffer | null }>;
  /** Which read must refuse: the store's metadata read, its document read, or only rebuilding the document. */
  noticedBy: 'getPlanMeta' | 'loadDocument' | 'rebuild';
}

export interface FileLayout {
  /** Every file that holds one plan. */
  planFiles(dataDir: string, planId: string): Promise<string[]>;
  damages: DamageCase[];
  /** Check that the plan is marked damaged and that `damaged` (the file as it was found) is kept for restoring. */
  expectKeptAside(dataDir: string, planId: string, damaged: { file: string; bytes: Buffer | null }): Promise<void>;
}

const isAppError = (id: string) => (err: unknown) => err instanceof AppError && err.id === id;

async function expectAppError(promise: Promise<unknown>, id: string): Promise<void> {
  let error: unknown = null;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect(error, `expected AppError ${id}`).toBeInstanceOf(AppError);
  expect((error as AppError).id).toBe(id);
}

/** A document with words in several sections, made as a browser would, one update per edit. */
function writePlanContent(doc: Y.Doc, words: string, sections = ['aboutMe', 'whatMatters', 'reviews']): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  for (const sectionId of sections) {
    const fragment = doc.getXmlFragment(sectionFieldName(sectionId));
    doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(fragment.length, [paragraph]);
    });
    const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    for (const word of words.split(' ')) doc.transact(() => text.insert(text.length, `${word} `));
    doc.transact(() => text.delete(0, 1));
    doc.transact(() => text.format(0, 3, { bold: true }));
  }
  doc.off('update', record);
  return updates;
}

async function snapshotFiles(files: string[]): Promise<Map<string, { mtimeMs: number; bytes: Buffer }>> {
  const result = new Map<string, { mtimeMs: number; bytes: Buffer }>();
  for (const file of files) result.set(file, { mtimeMs: (await stat(file)).mtimeMs, bytes: await readFile(file) });
  return result;
}

export function runPlanStoreConformance(name: string, makeStore: (dataDir: string) => Promise<PlanStore>, files?: FileLayout): void {
  describe(`PlanStore conformance: ${name}`, () => {
    let dataDir: string;
    const opened: PlanStore[] = [];
    const open = async () => {
      const store = await makeStore(dataDir);
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      dataDir = await tempDir('cylch-store-');
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('creates a plan and reads its metadata back', async () => {
      const store = await open();
      const meta = newPlanMeta({ title: 'Cynllun gofal Rhian — “ŵ ŷ”' });
      await store.createPlan(meta);
      expect(await store.getPlanMeta(meta.id)).toEqual(meta);
      expect(docFromUpdates(await store.loadDocument(meta.id)).share.size).toBe(0);
    });

    it('refuses to create a plan whose id is taken, and keeps the first', async () => {
      const store = await open();
      const meta = newPlanMeta();
      await store.createPlan(meta);
      await store.appendUpdates(meta.id, writePlanContent(new Y.Doc(), 'kept words'));
      await expect(store.createPlan({ ...meta, title: 'Intruder' })).rejects.toThrow();
      expect(await store.getPlanMeta(meta.id)).toEqual(meta);
      expect(await store.loadDocument(meta.id)).not.toHaveLength(0);
    });

    it('answers null for an unknown plan id', async () => {
      const store = await open();
      expect(await store.getPlanMeta(newPlanMeta().id)).toBeNull();
    });

    it('refuses ids that are not plan ids, for every operation', async () => {
      const store = await open();
      for (const bad of ['../../etc', '..', '', 'short', 'a'.repeat(23), `${'a'.repeat(20)}/.`, `${'a'.repeat(21)}.`]) {
        await expectAppError(store.getPlanMeta(bad), 'invalidPlanId');
        await expectAppError(store.loadDocument(bad), 'invalidPlanId');
        await expectAppError(store.readDocument(bad), 'invalidPlanId');
        await expectAppError(store.appendUpdates(bad, [new Uint8Array([0, 0])]), 'invalidPlanId');
        await expectAppError(store.compact(bad, new Uint8Array([0, 0])), 'invalidPlanId');
        await expectAppError(store.createPlan(newPlanMeta({ id: bad })), 'invalidPlanId');
      }
      expect(await readdir(dataDir, { recursive: true })).not.toContain('etc');
    });

    it('gives back exactly the document it was given, batch by batch', async () => {
      const store = await open();
      const meta = newPlanMeta();
      await store.createPlan(meta);
      const doc = new Y.Doc({ gc: false });
      const updates = writePlanContent(doc, 'Sam likes walking his dog in the park');
      await store.appendUpdates(meta.id, updates.slice(0, 5));
      await store.appendUpdates(meta.id, [Y.mergeUpdates(updates.slice(5, 12))]);
      await store.appendUpdates(meta.id, updates.slice(12));
      // Read without opening the plan for writing: the same updates.
      const read = await store.readDocument(meta.id);
      const loaded = await store.loadDocument(meta.id);
      expect(read).toEqual(loaded);
      expect(loaded.map((u) => Buffer.from(u).toString('base64'))).toEqual(
        [...updates.slice(0, 5), Y.mergeUpdates(updates.slice(5, 12)), ...updates.slice(12)].map((u) => Buffer.from(u).toString('base64')),
      );
      expectSameDocument(docFromUpdates(loaded), doc);
    });

    it('compacts into one state that loads as the same document, and keeps appending after it', async () => {
      const store = await open();
      const meta = newPlanMeta();
      await store.createPlan(meta);
      const doc = new Y.Doc({ gc: false });
      await store.appendUpdates(meta.id, writePlanContent(doc, 'before compaction'));
      await store.compact(meta.id, Y.encodeStateAsUpdate(doc));
      expect(await store.loadDocument(meta.id)).toHaveLength(1);
      expectSameDocument(docFromUpdates(await store.loadDocument(meta.id)), doc);
      await store.appendUpdates(meta.id, writePlanContent(doc, 'after compaction', ['agreement']));
      expectSameDocument(docFromUpdates(await store.loadDocument(meta.id)), doc);
    });

    it('reads the same plans after a restart (a second store on the same data)', async () => {
      const first = await open();
      const metas = [newPlanMeta(), newPlanMeta({ jurisdiction: 'england', language: 'en', title: null })];
      const docs = metas.map(() => new Y.Doc({ gc: false }));
      for (const [i, meta] of metas.entries()) {
        await first.createPlan(meta);
        await first.appendUpdates(meta.id, writePlanContent(docs[i]!, `plan ${i} words`));
      }
      await first.compact(metas[0]!.id, Y.encodeStateAsUpdate(docs[0]!));
      await first.appendUpdates(metas[0]!.id, writePlanContent(docs[0]!, 'after', ['reviews']));
      await first.close();

      const second = await open();
      for (const [i, meta] of metas.entries()) {
        expect(await second.getPlanMeta(meta.id)).toEqual(meta);
        expectSameDocument(docFromUpdates(await second.loadDocument(meta.id)), docs[i]!);
      }
      // And it carries on writing where the first left off.
      await second.appendUpdates(metas[1]!.id, writePlanContent(docs[1]!, 'more', ['agreement']));
      const third = await open();
      expectSameDocument(docFromUpdates(await third.loadDocument(metas[1]!.id)), docs[1]!);
    });

    if (files) {
      it("writes to one plan never touch another plan's files", async () => {
        const store = await open();
        const other = newPlanMeta();
        await store.createPlan(other);
        await store.appendUpdates(other.id, writePlanContent(new Y.Doc(), 'other plan'));
        const otherFiles = await files.planFiles(dataDir, other.id);
        expect(otherFiles.length).toBeGreaterThan(0);
        const before = await snapshotFiles(otherFiles);

        const meta = newPlanMeta();
        await store.createPlan(meta);
        const doc = new Y.Doc({ gc: false });
        await store.appendUpdates(meta.id, writePlanContent(doc, 'busy plan'));
        await store.compact(meta.id, Y.encodeStateAsUpdate(doc));
        await store.appendUpdates(meta.id, writePlanContent(doc, 'more', ['agreement']));
        await store.getPlanMeta(meta.id);
        await store.loadDocument(meta.id);
        store.release(meta.id);

        expect(await files.planFiles(dataDir, other.id)).toEqual(otherFiles);
        expect(await snapshotFiles(otherFiles)).toEqual(before);
      });

      describe('damaged files', () => {
        for (const damage of files.damages) {
          it(`${damage.name}: the plan is set aside, kept, and never opened as an empty plan`, async () => {
            const first = await open();
            const meta = newPlanMeta();
            await first.createPlan(meta);
            const doc = new Y.Doc({ gc: false });
            await first.appendUpdates(meta.id, writePlanContent(doc, 'words that must not be lost'));
            await first.compact(meta.id, Y.encodeStateAsUpdate(doc));
            await first.appendUpdates(meta.id, writePlanContent(doc, 'and these too', ['agreement']));
            await first.close();

            const damaged = await damage.apply(dataDir, meta.id);
            const planFiles = await files.planFiles(dataDir, meta.id);
            const asFound = await snapshotFiles(planFiles);

            const store = await open();
            if (damage.noticedBy === 'getPlanMeta') await expectAppError(store.getPlanMeta(meta.id), 'planDamaged');
            if (damage.noticedBy === 'loadDocument') await expectAppError(store.loadDocument(meta.id), 'planDamaged');
            await expectAppError(Room.load(meta.id, store, JournalHistoryStore.forDataDir(dataDir), silentLog), 'planDamaged');
            await files.expectKeptAside(dataDir, meta.id, damaged);

            // From now on every way in refuses, in this store and after a restart.
            const restarted = await open();
            for (const s of [store, restarted]) {
              await expectAppError(s.getPlanMeta(meta.id), 'planDamaged');
              await expectAppError(s.loadDocument(meta.id), 'planDamaged');
              await expectAppError(Room.load(meta.id, s, JournalHistoryStore.forDataDir(dataDir), silentLog), 'planDamaged');
              const rooms = new Rooms(s, JournalHistoryStore.forDataDir(dataDir), silentLog);
              await expect(rooms.acquire(meta.id)).rejects.toSatisfy(isAppError('planDamaged'));
              expect(rooms.openCount).toBe(0);
            }
            await expect(restarted.createPlan(meta)).rejects.toThrow();

            // Nothing was written over the plan: each of its files is as it was found, or moved aside.
            for (const [file, { bytes }] of asFound) {
              const now = await readFile(file).catch(() => null);
              if (now !== null) expect(now.equals(bytes), `${path.basename(file)} was rewritten`).toBe(true);
            }
          });
        }
      });
    }
  });
}
