// The open plans. A plan is loaded once however many people connect at the same moment, and closed (saved,
// compacted, dropped from memory) when the last of them leaves. Someone arriving while it closes waits and
// gets a freshly loaded plan.

import type { Logger } from 'pino';
import type { PlanStore } from '../storage/types.js';
import { Room } from './room.js';

interface Entry {
  /** Connections that asked for this plan and have not released it, including ones still waiting for the load. */
  users: number;
  room: Promise<Room>;
}

export class Rooms {
  private readonly open = new Map<string, Entry>();
  private readonly closing = new Map<string, Promise<void>>();
  /** How many times a plan's document was read from the store (tests check "loaded once"). */
  loads = 0;

  constructor(
    private readonly store: PlanStore,
    private readonly log: Logger,
  ) {}

  /** Take a share of the plan's room, loading it if needed. Every successful acquire needs one release. */
  async acquire(planId: string): Promise<Room> {
    let entry = this.open.get(planId);
    if (!entry) {
      entry = { users: 0, room: this.load(planId) };
      this.open.set(planId, entry);
    }
    entry.users += 1;
    try {
      return await entry.room;
    } catch (err) {
      entry.users -= 1;
      if (this.open.get(planId) === entry) this.open.delete(planId);
      throw err;
    }
  }

  release(room: Room): void {
    const entry = this.open.get(room.planId);
    if (!entry) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    this.open.delete(room.planId);
    const closing = this.close(room).finally(() => this.closing.delete(room.planId));
    this.closing.set(room.planId, closing);
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Save and close every open plan (server shutdown). */
  async closeAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.open.values()].map((e) => e.room));
    this.open.clear();
    await Promise.all([
      ...rooms.filter((r) => r.status === 'fulfilled').map((r) => this.close(r.value)),
      ...this.closing.values(),
    ]);
  }

  private async load(planId: string): Promise<Room> {
    const closing = this.closing.get(planId);
    if (closing) await closing;
    this.loads += 1;
    return Room.load(planId, this.store, this.log);
  }

  private async close(room: Room): Promise<void> {
    try {
      await room.saver.compactIfNeeded();
    } catch (err) {
      // Unsaved changes stay in the log's retry queue only while the room exists; say so loudly.
      this.log.error({ planId: room.planId, err }, 'could not save a plan while closing it');
    } finally {
      room.destroy();
      await this.store.release(room.planId).catch((err: unknown) => this.log.warn({ planId: room.planId, err }, 'could not close plan files'));
    }
  }
}
