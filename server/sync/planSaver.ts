// Writes a live plan's changes to the store in short batches, and answers "is everything so far on disk?".
// A failed write keeps its changes queued and retries; nothing is reported saved until the store confirms it.

import type { Logger } from 'pino';
import * as Y from 'yjs';
import { SAVE_TIMING } from '../../shared/limits.js';
import type { PlanStore } from '../storage/types.js';

/** Compact the stored journal into one state once it holds this many batches or bytes. */
const COMPACT_AFTER_BATCHES = 500;
const COMPACT_AFTER_BYTES = 512 * 1024;
const RETRY_DELAYS_MS = [200, 1000, 5000] as const;

interface Waiter {
  /** Resolved once this many updates (counted from the plan's load) are on disk. */
  target: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class PlanSaver {
  private pending: Uint8Array[] = [];
  /** Updates accepted since load, and how many of them are on disk. */
  private accepted = 0;
  private saved = 0;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private failures = 0;
  private disposed = false;
  private logBatches: number;
  private logBytes = 0;
  private writtenSinceLoad = 0;

  constructor(
    private readonly planId: string,
    private readonly doc: Y.Doc,
    private readonly store: PlanStore,
    private readonly log: Logger,
    /** How many updates the store held when the plan was loaded (the compacted state counts as one). */
    private readonly storedUpdateCount: number,
  ) {
    this.logBatches = storedUpdateCount;
  }

  /** Queue an update the plan accepted. */
  add(update: Uint8Array): void {
    if (this.disposed) return;
    this.pending.push(update);
    this.accepted += 1;
    this.schedule(SAVE_TIMING.batchDelayMs);
  }

  /** Resolves once every update accepted so far is on disk. */
  whenSaved(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('plan closed'));
    if (this.saved >= this.accepted) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ target: this.accepted, resolve, reject }));
  }

  get hasUnsaved(): boolean {
    return this.pending.length > 0 || this.writing !== null;
  }

  /** Write everything queued now, and wait until it is on disk (or throw if it cannot be written). */
  async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.hasUnsaved && !this.disposed) {
      if (this.writing) await this.writing;
      else await this.flush(true);
    }
  }

  /** Fold the stored journal into one state when the plan closes, if there is anything to fold. */
  async compactIfNeeded(): Promise<void> {
    await this.drain();
    if (this.writtenSinceLoad > 0 || this.storedUpdateCount > 1) await this.write([], true, true);
  }

  /** Stop: no more writes, no retries. Returns the updates that were never written, for whoever loads the plan next. */
  dispose(): Uint8Array[] {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('plan closed'));
    const unsaved = this.pending;
    this.pending = [];
    return unsaved;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.writing || this.disposed) return; // a write in progress reschedules when it ends
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush(false);
    }, delayMs);
  }

  private async flush(throwOnFailure: boolean): Promise<void> {
    if (this.writing || this.pending.length === 0 || this.disposed) return;
    const batch = this.pending;
    this.pending = [];
    const compact = this.logBatches + 1 >= COMPACT_AFTER_BATCHES || this.logBytes >= COMPACT_AFTER_BYTES;
    await this.write(batch, compact, throwOnFailure);
  }

  private async write(batch: Uint8Array[], compact: boolean, throwOnFailure: boolean): Promise<void> {
    // Taken before the write starts: every update accepted by now is in `batch` or already stored.
    const covers = this.accepted - this.pending.length;
    const work = (async () => {
      if (compact) {
        await this.store.compact(this.planId, Y.encodeStateAsUpdate(this.doc));
        this.logBatches = 0;
        this.logBytes = 0;
      } else {
        const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
        await this.store.appendUpdates(this.planId, [merged]);
        this.logBatches += 1;
        this.logBytes += merged.byteLength;
      }
    })();
    this.writing = work.catch(() => {});
    try {
      await work;
      this.failures = 0;
      this.writtenSinceLoad += 1;
      this.saved = Math.max(this.saved, covers);
      this.waiters = this.waiters.filter((w) => (w.target <= this.saved ? (w.resolve(), false) : true));
    } catch (err) {
      this.pending = [...batch, ...this.pending];
      const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]!;
      this.failures += 1;
      this.log.error({ planId: this.planId, err, retryInMs: delay }, 'could not save plan changes; will retry');
      this.writing = null;
      if (throwOnFailure) throw err;
      this.schedule(delay);
      return;
    } finally {
      this.writing = null;
    }
    if (this.pending.length > 0) this.schedule(0);
  }
}
