// One open plan: its Y.Doc (kept whole, gc off), the presence of the people in it, their connections, the
// saver that writes changes to disk, and which person writes under which Yjs client id.

import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { errors } from '../errors.js';
import { HistoryRecorder, type Edit } from '../history/recorder.js';
import type { HistoryStore, PlanStore } from '../storage/types.js';
import { awarenessMessage, updateMessage } from './messages.js';
import { PlanSaver } from './planSaver.js';

/** What a room needs from a connection. */
export interface RoomMember {
  send(message: Uint8Array): void;
  close(code: number): void;
  /** Who this is, for binding Yjs client ids: the same person may reconnect and carry on under the same id. */
  readonly personKey: string;
  /** Awareness client ids this connection speaks for; removed from presence when it leaves. */
  readonly awarenessIds: Set<number>;
  /** Who made the update being applied now, and the sections it touches (for the history). */
  takeEdit?(): Edit | null;
}

export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  readonly saver: PlanSaver;
  /** Who changed what: every applied update, with its author, into the plan's history. */
  readonly history: HistoryRecorder;
  /** Set when the document could not take an update; the room is then thrown away and reloaded from disk. */
  failed = false;
  /** Called once when the room fails (Rooms stops handing it out). */
  onFailed: () => void = () => {};
  /** Which person each Yjs client id belongs to (in this room's lifetime). */
  private readonly writers: Map<number, string>;

  private constructor(
    readonly planId: string,
    doc: Y.Doc,
    store: PlanStore,
    historyStore: HistoryStore,
    private readonly log: Logger,
    storedUpdateCount: number,
    writers: Map<number, string>,
    recordHistory: boolean,
  ) {
    this.doc = doc;
    this.writers = writers;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.saver = new PlanSaver(planId, doc, store, log, storedUpdateCount);
    this.history = new HistoryRecorder(planId, doc, historyStore, log);

    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.saver.add(update);
      const edit = (origin as Partial<RoomMember> | null)?.takeEdit?.();
      if (recordHistory) {
        // Changes accepted by an earlier load of the plan that could not be written then carry no author now.
        if (edit) this.history.add(edit, update);
        else this.history.addUnattributed('recovered', update);
      }
      this.broadcast(updateMessage(update), origin);
    });

    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      // Sent to everyone, the sender too: a lone member's own presence renewals keep its connection alive.
      this.broadcast(awarenessMessage(this.awareness, [...added, ...updated, ...removed]));
    });
  }

  /**
   * Load a plan's document fully before anyone is answered. A document that cannot be rebuilt is set aside.
   * `unsaved` are changes a previous room of this plan accepted but could not write; they are applied and saved.
   */
  static async load(
    planId: string,
    store: PlanStore,
    historyStore: HistoryStore,
    log: Logger,
    unsaved: readonly Uint8Array[] = [],
    recordHistory = true,
  ): Promise<Room> {
    const meta = await store.getPlanMeta(planId);
    if (meta === null) throw errors.planNotFound();
    const updates = await store.loadDocument(planId);
    // Who writes under which Yjs client id lasts as long as the plan: it is read back from the history.
    // A history that does not read back must not keep the person from their plan: it opens, the damage is logged
    // (and reported by the history check), and new entries are still tried.
    const entries = await historyStore.read(planId).catch((err: unknown) => {
      log.error({ planId, err }, 'the plan’s history could not be read; opening the plan without it');
      return null;
    });
    const writers = new Map<number, string>();
    const recorded = new Map<number, number>();
    for (const entry of entries ?? []) {
      for (const [client, end] of entry.clients) {
        if (entry.accountId) writers.set(client, entry.accountId);
        recorded.set(client, Math.max(recorded.get(client) ?? 0, end));
      }
    }
    const doc = new Y.Doc({ gc: false });
    try {
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
        throw new Error('stored updates have missing dependencies');
      }
    } catch (err) {
      doc.destroy();
      await store.setAside(planId, `stored document cannot be rebuilt: ${(err as Error).message}`);
      throw errors.planDamaged();
    }
    const room = new Room(planId, doc, store, historyStore, log, updates.length, writers, recordHistory);
    // Content the history does not cover (a plan from before history was kept, or entries a crash lost) is
    // recorded now, without an author, so the history can always rebuild the plan as it is.
    const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(recorded));
    if (recordHistory && entries !== null && Y.decodeUpdate(missing).structs.length > 0) {
      room.history.addUnattributed(entries.some((e) => e.updates.length > 0) ? 'recovered' : 'baseline', missing);
    }
    // Changes a previous load accepted but could not write (recorded as they are applied: see the constructor).
    for (const update of unsaved) Y.applyUpdate(doc, update, 'unsaved from the previous session');
    return room;
  }

  /** A connection joined. */
  join(member: RoomMember): void {
    this.members.add(member);
  }

  /**
   * Whether `member` may write under these Yjs client ids: each is new, or already this person's. Binds new ones.
   * Nobody can write text that would show as someone else's.
   */
  claimWriters(member: RoomMember, clientIds: Iterable<number>): boolean {
    const ids = [...clientIds];
    if (ids.some((id) => (this.writers.get(id) ?? member.personKey) !== member.personKey)) return false;
    for (const id of ids) this.writers.set(id, member.personKey);
    return true;
  }

  /**
   * Whether `claimant` may speak for this awareness client id: nobody else does, or only an older connection of
   * the same person (a browser that reconnected before the server noticed its old connection drop).
   */
  mayClaimAwarenessId(claimant: RoomMember, clientId: number): boolean {
    for (const member of this.members) {
      if (member === claimant || !member.awarenessIds.has(clientId)) continue;
      if (member.personKey !== claimant.personKey) return false;
      member.awarenessIds.delete(clientId);
    }
    return true;
  }

  /**
   * The document threw while taking an update: its state in memory can no longer be trusted. Stop saving from it,
   * send everyone away to reconnect (they get the plan as it is on disk, and re-send what it lacks).
   */
  fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.log.error({ planId: this.planId, err }, 'a plan could not take an update; reloading it from disk');
    this.saver.dispose();
    this.onFailed();
    for (const member of [...this.members]) member.close(CloseCode.serverError);
  }

  broadcast(message: Uint8Array, except?: unknown): void {
    for (const member of this.members) {
      if (member !== except) member.send(message);
    }
  }

  leave(member: RoomMember): void {
    this.members.delete(member);
    if (member.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...member.awarenessIds], member);
    }
  }

  /** Free the room (after `history.dispose()`). Returns the changes its saver never wrote. */
  destroy(): Uint8Array[] {
    const unsaved = this.saver.dispose();
    this.awareness.destroy();
    this.doc.destroy();
    return unsaved;
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
