// One person's WebSocket connection to one plan: reads each message, checks it, and applies or answers it.
// Any message that is malformed, too large or cannot be placed ends this connection only, with a close code
// from shared/closeCodes.ts; the plan and everyone else carry on.

import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { MessageType } from '../../shared/protocol.js';
import type { JoinIdentity } from '../../shared/schemas.js';
import { SECTION_FIELD_NAMES } from '../../shared/sections.js';
import { checkAwarenessUpdate } from './awarenessCheck.js';
import { checkUpdate } from './updateCheck.js';
import type { Room, RoomMember } from './room.js';

export type Identity = JoinIdentity & { color: string };

class Refusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export class Connection implements RoomMember {
  readonly awarenessIds = new Set<number>();
  private closed = false;
  /** Whether the client has answered our sync step 1 with its step 2 (see handleSync). */
  private receivedStep2 = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly room: Room,
    readonly identity: Identity,
    private readonly log: Logger,
  ) {}

  /** Join the room and start the sync: our state vector, everyone's presence, and what is on disk. */
  start(): void {
    const saved = this.room.join(this);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, this.room.doc);
    this.send(encoding.toUint8Array(step1));
    const states = [...this.room.awareness.getStates().keys()];
    if (states.length > 0) {
      const presence = encoding.createEncoder();
      encoding.writeVarUint(presence, MessageType.awareness);
      encoding.writeVarUint8Array(presence, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, states));
      this.send(encoding.toUint8Array(presence));
    }
    this.send(saved);
  }

  isSamePerson(other: RoomMember): boolean {
    return other instanceof Connection && other.identity.name === this.identity.name && other.identity.role === this.identity.role;
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(message, (err) => {
      if (err) this.close(CloseCode.serverError, 'send failed');
    });
  }

  receive(data: Uint8Array): void {
    if (this.closed) return;
    try {
      if (data.byteLength > LIMITS.maxMessageBytes) throw new Refusal(CloseCode.messageTooBig, 'message too big');
      this.handle(data);
    } catch (err) {
      if (err instanceof Refusal) {
        this.log.warn({ planId: this.room.planId, reason: err.reason }, 'refused a sync message');
        this.close(err.code, err.reason);
      } else {
        this.log.warn({ planId: this.room.planId, err }, 'could not read a sync message');
        this.close(CloseCode.malformedMessage, 'malformed message');
      }
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason.slice(0, 120));
  }

  private handle(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        return this.handleSync(decoder);
      case MessageType.awareness:
        return this.handleAwareness(decoding.readVarUint8Array(decoder));
      case MessageType.queryAwareness: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.awareness);
        const ids = [...this.room.awareness.getStates().keys()];
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids));
        return this.send(encoding.toUint8Array(encoder));
      }
      default:
        throw new Refusal(CloseCode.malformedMessage, `unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === syncProtocol.messageYjsSyncStep1) {
      Y.decodeStateVector(payload); // throws on garbage before Yjs uses it
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep2(encoder, this.room.doc, payload);
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    if (subtype !== syncProtocol.messageYjsSyncStep2 && subtype !== syncProtocol.messageYjsUpdate) {
      throw new Refusal(CloseCode.malformedMessage, `unknown sync message ${subtype}`);
    }
    const check = checkUpdate(this.room.doc, payload, SECTION_FIELD_NAMES);
    if (!check.ok) {
      // The provider sends keystrokes as soon as the socket opens, before it answers our step 1; one typed while
      // reconnecting can build on offline edits that only its step 2 carries. That step 2 carries the keystroke too,
      // so it is dropped here and checked there.
      if (check.missing && subtype === syncProtocol.messageYjsUpdate && !this.receivedStep2) return;
      throw new Refusal(CloseCode.malformedMessage, check.reason);
    }
    Y.applyUpdate(this.room.doc, payload, this);
    if (subtype === syncProtocol.messageYjsSyncStep2) this.receivedStep2 = true;
  }

  private handleAwareness(update: Uint8Array): void {
    const check = checkAwarenessUpdate(update, this.identity, this.awarenessIds, (id) =>
      this.room.mayClaimAwarenessId(this, id),
    );
    if (!check.ok) throw new Refusal(CloseCode.malformedMessage, check.reason);
    for (const id of check.clientIds) this.awarenessIds.add(id);
    if (check.update) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, check.update, this);
  }
}
