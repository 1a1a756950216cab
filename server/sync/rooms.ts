// The open plans. A plan is loaded once however many people connect at the same moment, and closed (saved,
// compacted, dropped from memory) when the last of them leaves. Someone arriving while it closes waits and
// gets a freshly loaded plan. Changes a closing plan could not write are handed to its next load.

import type { Logger } from 'pino';
import type { HistoryStore, PlanStore } from '../storage/types.js';
import { Room } from './room.js';

interface Entry {
  /** Connections that asked for this plan and have not released it, including ones still waiting for the load. */
  users: number;
  room: Promise<Room>;
  /** The room, once loaded. */
  loaded?: Room;
}

export class Rooms {
  private readonly open = new Map<string, Entry>();
  /** Rooms still in use by their connections, though no longer handed out (they failed). */
  private readonly retired = new Map<Room, Entry>();
  private readonly closing = new Map<string, Promise<void>>();
  /** History a failed room still holds for a plan: written out before the plan's next load records anything. */
  private readonly retiring = new Map<string, Promise<void>>();
  /** Accepted changes that a closing room could not write, kept for the plan's next load. */
  private readonly unsaved = new Map<string, Uint8Array[]>();
  /** How many times a plan's document was read from the store (a figure for tests and operators). */
  loads = 0;

  constructor(
    private readonly store: PlanStore,
    private readonly historyStore: HistoryStore,
    private readonly log: Logger,
    private readonly options: {
      recordHistory: boolean;
      /** Run before a plan is loaded: brings the circle's changes into the history first, so they come before its edits. */
      beforeLoad?: (planId: string) => Promise<void>;
    } = { recordHistory: true },
  ) {}

  /** Take a share of the plan's room, loading it if needed. Every successful acquire needs one release. */
  async acquire(planId: string): Promise<Room> {
    let entry = this.open.get(planId);
    if (!entry) {
      const created: Entry = { users: 0, room: this.load(planId) };
      created.room.then(
        (room) => {
          created.loaded = room;
          room.onFailed = () => this.retire(created, room);
        },
        () => {},
      );
      entry = created;
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
    const entry = this.retired.get(room) ?? this.open.get(room.planId);
    if (!entry || entry.loaded !== room) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    if (this.retired.delete(room)) {
      void this.close(room);
      return;
    }
    this.open.delete(room.planId);
    const closing = this.close(room).finally(() => this.closing.delete(room.planId));
    this.closing.set(room.planId, closing);
  }

  /** Whether accepted changes are recorded in the plans' histories (always, except when measuring what that costs). */
  get recordsHistory(): boolean {
    return this.options.recordHistory;
  }

  /** The plan's room if it is open and loaded (for telling its connections about a change), else undefined. */
  openRoom(planId: string): Room | undefined {
    return this.open.get(planId)?.loaded;
  }

  /** Every open, loaded room. */
  *openRooms(): Iterable<Room> {
    for (const entry of this.open.values()) if (entry.loaded) yield entry.loaded;
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

  /** A failed room is no longer handed out; the next person to arrive gets the plan reloaded from disk. */
  private retire(entry: Entry, room: Room): void {
    if (this.open.get(room.planId) !== entry) return;
    this.open.delete(room.planId);
    this.retired.set(room, entry);
    // Its connections are closed and it takes no more changes; its recorder's entries (a restore, say) go before
    // anything the next load records, so that nothing it held is recorded there as "recovered" first.
    const flushed = room.history.flush().finally(() => {
      if (this.retiring.get(room.planId) === flushed) this.retiring.delete(room.planId);
    });
    this.retiring.set(room.planId, flushed);
  }

  /** Resolves once the plan is not being closed (its last changes written), or at once if it is not. */
  async settled(planId: string): Promise<void> {
    await this.closing.get(planId);
  }

  private async load(planId: string): Promise<Room> {
    const closing = this.closing.get(planId);
    if (closing) await closing;
    await this.retiring.get(planId);
    await this.options.beforeLoad?.(planId);
    this.loads += 1;
    const unsaved = this.unsaved.get(planId) ?? [];
    const room = await Room.load(planId, this.store, this.historyStore, this.log, unsaved, this.options.recordHistory);
    this.unsaved.delete(planId);
    return room;
  }

  private async close(room: Room): Promise<void> {
    try {
      // A failed room's document is not trusted: nothing more is written from it.
      if (!room.failed) await room.saver.compactIfNeeded();
    } catch (err) {
      this.log.error({ planId: room.planId, err }, 'could not save a plan while closing it; keeping its changes for the next load');
    } finally {
      // History entries that still cannot be written are left out; the plan's next load records their content
      // as recovered (without an author), so the history still rebuilds the plan as it is.
      const lost = await room.history.dispose();
      if (lost.length > 0) this.log.error({ planId: room.planId, entries: lost.length }, 'could not write history entries while closing a plan');
      const unsaved = room.destroy();
      // A failed room's files may already belong to the plan's next room; that load closed and reopened them.
      if (!room.failed) {
        if (unsaved.length > 0) this.unsaved.set(room.planId, [...(this.unsaved.get(room.planId) ?? []), ...unsaved]);
        await this.store.release(room.planId).catch((err: unknown) => this.log.warn({ planId: room.planId, err }, 'could not close plan files'));
        await this.historyStore.release(room.planId).catch((err: unknown) => this.log.warn({ planId: room.planId, err }, 'could not close the plan’s history'));
      }
    }
  }
}
