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
import { CloseCode, closeCodeName } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import type { Member, PlanAccess } from '../../shared/permissions.js';
import { MessageType } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import type { Access } from '../../shared/schemas.js';
import { PLAN_ROOT_NAMES } from '../../shared/planData.js';
import type { Edit } from '../history/recorder.js';
import { checkAwarenessUpdate } from './awarenessCheck.js';
import { awarenessMessage, checkpointMessage, syncStep1Message, syncStep2Message } from './messages.js';
import type { Room, RoomMember } from './room.js';
import { forbiddenRoot, sectionsOf } from './sectionRights.js';
import { checkUpdate } from './updateCheck.js';

/** Who is on the other end: from the signed-in session, never from anything the browser sends. */
export interface Identity {
  accountId: string;
  name: string;
  role: Role;
  color: string;
}


function rightsOf(access: Access): { member: Member; plan: PlanAccess } {
  const { accountId, role, level, planManager } = access;
  return { member: { accountId, role, level, planManager }, plan: { openSections: new Set(access.openSections) } };
}

/** A message this connection must not send; `detail` goes to the log, never to the wire. */
class Refusal extends Error {
  constructor(
    readonly code: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export class Connection implements RoomMember {
  readonly awarenessIds = new Set<number>();
  readonly personKey: string;
  private closed = false;
  /** Whether the client has answered our sync step 1 with its step 2 (see handleSync). */
  private receivedStep2 = false;
  /** Sync step 1 requests so far: each costs encoding the whole document, so they are capped. */
  private syncRequests = 0;
  /** The newest checkpoint asked for, and whether one is being waited on (never more than one per connection). */
  private latestCheckpoint = 0;
  private awaitingCheckpoint = false;
  /** What this member may do; replaced whenever the circle changes (see setAccess). */
  private access: Access;
  /** The same rights as `can()` takes them, made once per change of access rather than per update. */
  private rights: ReturnType<typeof rightsOf>;
  /** The update being applied now, as checked, for the history (see takeEdit). */
  private applying: Omit<Edit, 'author'> | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly room: Room,
    readonly identity: Identity,
    /** The SHA-256 hash of the session the connection was opened with: it closes when that session ends. */
    readonly sessionHash: string,
    access: Access,
    private readonly log: Logger,
  ) {
    this.personKey = identity.accountId;
    this.access = access;
    this.rights = rightsOf(access);
  }

  /** Join the room and start the sync: what this member may do, our state vector, then everyone's presence. */
  start(): void {
    this.room.join(this);
    this.sendAccess();
    this.send(syncStep1Message(this.room.doc));
    const states = [...this.room.awareness.getStates().keys()];
    if (states.length > 0) this.send(awarenessMessage(this.room.awareness, states));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    // A client that does not read what it is sent must not make the server hold ever more for it.
    if (this.socket.bufferedAmount > LIMITS.maxBufferedBytes) return this.close(CloseCode.tooSlow);
    this.socket.send(message, (err) => {
      if (err) this.close(CloseCode.serverError);
    });
  }

  receive(data: Uint8Array): void {
    if (this.closed) return;
    try {
      if (data.byteLength > LIMITS.maxMessageBytes) throw new Refusal(CloseCode.messageTooBig, 'message too big');
      this.handle(data);
    } catch (err) {
      if (err instanceof Refusal) {
        this.log.warn({ planId: this.room.planId, reason: err.detail }, 'refused a sync message');
        this.close(err.code);
      } else {
        this.log.warn({ planId: this.room.planId, err }, 'could not read a sync message');
        this.close(CloseCode.malformedMessage);
      }
    }
  }

  /**
   * The circle changed this member's rights: from now on every update is checked against the new ones, and the
   * browser is told so it can show what may be edited.
   */
  setAccess(access: Access): void {
    this.access = access;
    this.rights = rightsOf(access);
    this.sendAccess();
  }

  private sendAccess(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.access);
    encoding.writeVarString(encoder, JSON.stringify(this.access));
    this.send(encoding.toUint8Array(encoder));
  }

  /** Close with a code from shared/closeCodes.ts; the reason sent is the code's fixed name, never client data. */
  close(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, closeCodeName(code) ?? 'closed');
  }

  private handle(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        return this.handleSync(decoder);
      case MessageType.awareness:
        return this.handleAwareness(decoding.readVarUint8Array(decoder));
      case MessageType.queryAwareness:
        return this.send(awarenessMessage(this.room.awareness, [...this.room.awareness.getStates().keys()]));
      case MessageType.checkpoint:
        return this.handleCheckpoint(decoding.readVarUint(decoder));
      default:
        throw new Refusal(CloseCode.malformedMessage, `unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === syncProtocol.messageYjsSyncStep1) {
      this.syncRequests += 1;
      if (this.syncRequests > LIMITS.maxSyncRequestsPerConnection) {
        throw new Refusal(CloseCode.malformedMessage, 'too many full sync requests on one connection');
      }
      Y.decodeStateVector(payload); // throws on garbage before Yjs uses it
      this.send(syncStep2Message(this.room.doc, payload));
      return;
    }
    if (subtype !== syncProtocol.messageYjsSyncStep2 && subtype !== syncProtocol.messageYjsUpdate) {
      throw new Refusal(CloseCode.malformedMessage, `unknown sync message ${subtype}`);
    }
    // Only what the plan lacks is checked and applied (check.update: see checkUpdate).
    const check = checkUpdate(this.room.doc, payload, PLAN_ROOT_NAMES);
    if (!check.ok) {
      // The provider sends keystrokes as soon as the socket opens, before it answers our step 1; one typed while
      // reconnecting can build on offline edits that only its step 2 carries. That step 2 carries the keystroke too,
      // so it is dropped here and checked there.
      if (check.missing && subtype === syncProtocol.messageYjsUpdate && !this.receivedStep2) return;
      throw new Refusal(CloseCode.malformedMessage, check.reason);
    }
    const forbidden = forbiddenRoot(this.rights.member, this.rights.plan, check.touched);
    if (forbidden !== null) {
      // Nothing of it is applied. The browser drops its copy and opens the plan afresh (see CloseCode.changeRefused),
      // so it never re-sends the refused change; anything it sent after this on this connection is never read.
      throw new Refusal(CloseCode.changeRefused, `update changes ${forbidden}, which this member may not edit`);
    }
    if (!this.room.claimWriters(this, check.writers)) {
      throw new Refusal(CloseCode.malformedMessage, 'update writes under a client id that belongs to someone else');
    }
    this.applying = {
      sections: sectionsOf(check.touched),
      written: check.writers,
      references: check.references,
    };
    try {
      Y.applyUpdate(this.room.doc, check.update, this);
      this.applying = null; // taken by the room if the update changed anything
    } catch (err) {
      // Yjs threw part-way through: the document in memory is no longer trustworthy (see Room.fail).
      this.room.fail(err);
      return;
    }
    const store = this.room.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // Something in it could not be placed after all (its parts refer to each other in a loop): Yjs keeps such
      // parts to retry with a later update, checked against rights that may have changed by then. Drop them.
      store.pendingStructs = null;
      store.pendingDs = null;
      throw new Refusal(CloseCode.malformedMessage, 'update left content that could not be placed');
    }
    if (subtype === syncProtocol.messageYjsSyncStep2) this.receivedStep2 = true;
  }

  /** Called by the room as the update being applied changes the document: who made it, and where. */
  takeEdit(): Edit | null {
    const applying = this.applying;
    this.applying = null;
    if (applying === null) return null;
    const { accountId, role, planManager } = this.access;
    return { author: { accountId, role, onBehalf: planManager && role !== 'person' }, ...applying };
  }

  /**
   * Answer once everything this connection has sent so far (and everything before it) is on disk. A browser asks
   * one question at a time; a connection that asks many while a write is pending has only its newest answered, so
   * it can never make the server hold more than one waiting answer for it.
   */
  private handleCheckpoint(token: number): void {
    this.latestCheckpoint = token;
    if (!this.awaitingCheckpoint) this.awaitCheckpoint();
  }

  private awaitCheckpoint(): void {
    const token = this.latestCheckpoint;
    this.awaitingCheckpoint = true;
    this.room.saver.whenSaved().then(
      () => {
        this.awaitingCheckpoint = false;
        this.send(checkpointMessage(token));
        // Asked again while waiting: waiting from now covers at least everything the newer question covered.
        if (this.latestCheckpoint !== token) this.awaitCheckpoint();
      },
      () => {}, // the plan closed first: this connection is going too
    );
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
