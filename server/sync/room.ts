// One open plan: its Y.Doc (kept whole, gc off), the presence of the people in it, their connections,
// and the saver that writes changes to disk. Broadcasts document and presence changes and "saved" notices.

import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol.js';
import { errors } from '../errors.js';
import type { PlanStore } from '../storage/types.js';
import { PlanSaver } from './planSaver.js';

/** What a room needs from a connection. */
export interface RoomMember {
  send(message: Uint8Array): void;
  /** Awareness client ids this connection speaks for; removed from presence when it leaves. */
  readonly awarenessIds: Set<number>;
  isSamePerson(other: RoomMember): boolean;
}

export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  /** Members who joined while changes were waiting to be written. */
  private readonly awaitingSaved = new Set<RoomMember>();
  readonly saver: PlanSaver;

  private constructor(
    readonly planId: string,
    doc: Y.Doc,
    store: PlanStore,
    log: Logger,
    storedUpdateCount: number,
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.saver = new PlanSaver(planId, doc, store, log, (sv, origins) => this.announceSaved(sv, origins), storedUpdateCount);

    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.saver.add(update, origin);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), origin);
    });

    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      const changed = [...added, ...updated, ...removed];
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.awareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      // Sent to everyone, the sender too: a lone member's own presence renewals keep its connection alive.
      this.broadcast(encoding.toUint8Array(encoder));
    });
  }

  /** Load a plan's document fully before anyone is answered. A document that cannot be rebuilt is set aside. */
  static async load(planId: string, store: PlanStore, log: Logger): Promise<Room> {
    const meta = await store.getPlanMeta(planId);
    if (meta === null) throw errors.planNotFound();
    const updates = await store.loadDocument(planId);
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
    return new Room(planId, doc, store, log, updates.length);
  }

  /**
   * Tell the people whose changes were just written, and anyone who joined while changes were waiting (their own
   * edits from an earlier connection may have been among them), what is on disk now.
   */
  private announceSaved(stateVector: Uint8Array, origins: ReadonlySet<unknown>): void {
    const message = savedMessage(stateVector);
    for (const member of this.members) {
      if (origins.has(member) || this.awaitingSaved.has(member)) member.send(message);
    }
    if (!this.saver.hasQueued) this.awaitingSaved.clear(); // the write that just finished held everything
  }

  /** A connection joined: it is told what is on disk now, and again when what is waiting has been written. */
  join(member: RoomMember): Uint8Array {
    this.members.add(member);
    if (this.saver.hasUnsaved) this.awaitingSaved.add(member);
    return savedMessage(this.saver.savedStateVector);
  }

  broadcast(message: Uint8Array, except?: unknown): void {
    for (const member of this.members) {
      if (member !== except) member.send(message);
    }
  }

  /**
   * Whether `claimant` may speak for this awareness client id: nobody else does, or only an older connection of
   * the same person (a browser that reconnected before the server noticed its old connection drop).
   */
  mayClaimAwarenessId(claimant: RoomMember, clientId: number): boolean {
    for (const member of this.members) {
      if (member === claimant || !member.awarenessIds.has(clientId)) continue;
      if (!member.isSamePerson(claimant)) return false;
      member.awarenessIds.delete(clientId);
    }
    return true;
  }

  leave(member: RoomMember): void {
    this.members.delete(member);
    this.awaitingSaved.delete(member);
    if (member.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...member.awarenessIds], member);
    }
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export function savedMessage(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}
