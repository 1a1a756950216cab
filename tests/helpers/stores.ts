// Helpers for tests of the store and the saver: a real LowdbPlanStore in a temporary directory, a wrapper that
// counts, holds or fails calls before passing them to the real store, and ways to read back what is on disk.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { readJournal } from '../../server/storage/lowdb/journal.js';
import { LowdbPlanStore } from '../../server/storage/lowdb/lowdbPlanStore.js';
import type { PlanStore } from '../../server/storage/types.js';
import type { PlanMeta } from '../../shared/schemas.js';

export const silentLog = createLogger((process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent');

export async function tempDir(prefix = 'cylch-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export function openLowdbStore(dataDir: string): Promise<LowdbPlanStore> {
  return LowdbPlanStore.open(dataDir, silentLog);
}

export function newPlanMeta(overrides: Partial<PlanMeta> = {}): PlanMeta {
  return {
    id: randomBytes(16).toString('base64url'),
    jurisdiction: 'wales',
    title: 'Cynllun Rhian',
    language: 'cy',
    createdAt: new Date().toISOString(),
    schemaVersion: 1,
    ...overrides,
  };
}

/** The folder lowdb keeps one plan in. */
export const lowdbPlanDir = (dataDir: string, planId: string) => path.join(dataDir, 'plans', planId);

/** A document rebuilt from stored updates, refusing anything Yjs cannot place. */
export function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw new Error('stored updates are incomplete');
  return doc;
}

/** The plan as lowdb has it on disk right now, read synchronously (so it can be checked inside a callback). */
export function lowdbDocOnDisk(dataDir: string, planId: string): Y.Doc {
  const dir = lowdbPlanDir(dataDir, planId);
  const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as { state: string | null };
  const journalFile = path.join(dir, 'updates.log');
  const journal = readJournal(readFileSync(journalFile), journalFile);
  const stateUpdates = state.state === null ? [] : [new Uint8Array(Buffer.from(state.state, 'base64'))];
  return docFromUpdates([...stateUpdates, ...journal.updates]);
}

/** Whether `doc` has every change that `stateVector` names (clock by clock). */
export function covers(doc: Y.Doc, stateVector: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(stateVector)) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

/** Same changes, same deletions, same content in every shared type. */
export function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
  if (!Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))) throw new Error('documents differ in changes or deletions');
  for (const name of expected.share.keys()) {
    const a = actual.getXmlFragment(name).toString();
    const e = expected.getXmlFragment(name).toString();
    if (a !== e) throw new Error(`documents differ in ${name}: ${JSON.stringify(a)} vs ${JSON.stringify(e)}`);
  }
}

/**
 * The real store, with a way to count calls, hold writes until released, and make the next writes fail
 * (as a full disk would). Everything else goes straight to the real store.
 */
export class InstrumentedStore implements PlanStore {
  appendCalls = 0;
  compactCalls = 0;
  /** How many of the next writes (append or compact) fail before reaching the disk. */
  failWrites = 0;
  failures = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  /** Called when a write fails, before the error reaches the saver. */
  onFailure: () => void = () => {};

  constructor(readonly inner: PlanStore) {}

  /** Hold every write from now on until `releaseWrites()`. */
  holdWrites(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  releaseWrites(): void {
    this.openGate?.();
    this.gate = null;
  }

  createPlan(meta: PlanMeta) {
    return this.inner.createPlan(meta);
  }
  getPlanMeta(planId: string) {
    return this.inner.getPlanMeta(planId);
  }
  loadDocument(planId: string) {
    return this.inner.loadDocument(planId);
  }
  readDocument(planId: string) {
    return this.inner.readDocument(planId);
  }
  async appendUpdates(planId: string, updates: readonly Uint8Array[]) {
    this.appendCalls += 1;
    await this.beforeWrite();
    return this.inner.appendUpdates(planId, updates);
  }
  async compact(planId: string, state: Uint8Array) {
    this.compactCalls += 1;
    await this.beforeWrite();
    return this.inner.compact(planId, state);
  }
  setAside(planId: string, reason: string) {
    return this.inner.setAside(planId, reason);
  }
  release(planId: string) {
    return this.inner.release(planId);
  }
  close() {
    return this.inner.close();
  }

  private async beforeWrite(): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failWrites > 0) {
      this.failWrites -= 1;
      this.failures += 1;
      this.onFailure();
      throw new Error('no space left on device (injected)');
    }
  }
}
