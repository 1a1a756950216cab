// Writes a live plan's changes to the store in short batches, and knows which state is on disk.
// "Saved" is only ever reported for a state vector whose every update the store has confirmed written, to the
// connections whose changes were in the batch. A failed write keeps the changes (and who sent them) queued and
// retries; nothing is reported saved until it succeeds.

import type { Logger } from 'pino';
import * as Y from 'yjs';
import { SAVE_TIMING } from '../../shared/limits.js';
import type { PlanStore } from '../storage/types.js';

/** Compact the stored log into one state once it holds this many batches or bytes. */
const COMPACT_AFTER_BATCHES = 500;
const COMPACT_AFTER_BYTES = 512 * 1024;
const RETRY_DELAYS_MS = [200, 1000, 5000] as const;

export class PlanSaver {
  private pending: Uint8Array[] = [];
  /** Transaction origins (connections) of the pending updates: who is told when they are saved. */
  private pendingOrigins = new Set<unknown>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private failures = 0;
  private logBatches: number;
  private logBytes = 0;
  /** The state vector (encoded) that is on disk. */
  savedStateVector: Uint8Array;

  constructor(
    private readonly planId: string,
    private readonly doc: Y.Doc,
    private readonly store: PlanStore,
    private readonly log: Logger,
    private readonly onSaved: (stateVector: Uint8Array, origins: ReadonlySet<unknown>) => void,
    storedUpdateCount: number,
  ) {
    this.savedStateVector = Y.encodeStateVector(doc);
    this.logBatches = storedUpdateCount;
  }

  /** Queue an update the plan accepted, with the origin of the transaction that applied it. */
  add(update: Uint8Array, origin: unknown): void {
    this.pending.push(update);
    this.pendingOrigins.add(origin);
    this.schedule(SAVE_TIMING.batchDelayMs);
  }

  /** Changes queued for a write that has not started yet. */
  get hasQueued(): boolean {
    return this.pending.length > 0;
  }

  get hasUnsaved(): boolean {
    return this.pending.length > 0 || this.writing !== null;
  }

  /** Write everything queued now, and wait until it is on disk (or throw if it cannot be written). */
  async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.hasUnsaved) {
      if (this.writing) await this.writing;
      else await this.flush(true);
    }
  }

  /** Fold the stored log into one state, if there is a log. Used when the plan closes. */
  async compactIfNeeded(): Promise<void> {
    await this.drain();
    if (this.logBatches > 0) await this.write([], new Set(), true, true);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.writing) return; // a write in progress reschedules when it ends
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush(false);
    }, delayMs);
  }

  private async flush(throwOnFailure: boolean): Promise<void> {
    if (this.writing || this.pending.length === 0) return;
    const batch = this.pending;
    const origins = this.pendingOrigins;
    this.pending = [];
    this.pendingOrigins = new Set();
    const compact = this.logBatches + 1 >= COMPACT_AFTER_BATCHES || this.logBytes >= COMPACT_AFTER_BYTES;
    await this.write(batch, origins, compact, throwOnFailure);
  }

  private async write(batch: Uint8Array[], origins: Set<unknown>, compact: boolean, throwOnFailure: boolean): Promise<void> {
    // Taken before the write starts: every update in the doc at this moment is in `batch` or already stored.
    const stateVector = Y.encodeStateVector(this.doc);
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
      this.savedStateVector = stateVector;
      this.onSaved(stateVector, origins);
    } catch (err) {
      this.pending = [...batch, ...this.pending];
      for (const origin of origins) this.pendingOrigins.add(origin);
      const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]!;
      this.failures += 1;
      this.log.error({ planId: this.planId, err, retryInMs: delay }, 'could not save plan changes; will retry');
      if (throwOnFailure) throw err;
      this.writing = null;
      this.schedule(delay);
      return;
    } finally {
      if (this.writing) this.writing = null;
    }
    if (this.pending.length > 0) this.schedule(0);
  }
}
