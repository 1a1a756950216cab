// A light simulated plan member: a raw `ws` socket speaking the y-websocket protocol (lib0 + y-protocols constants,
// not the provider), typing tiptap-shaped single keystrokes into its own section and timing what arrives.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType, sectionFieldName } from '../shared/protocol.js';
import type { Recorder } from './recorder.js';

/** Transaction origin for updates that came from the server, so they are not sent back. */
const REMOTE = Symbol('remote');
const PHRASE = 'Rhian likes a walk by the sea on Sunday mornings, and a phone call with her sister after tea. ';
/** Awareness states are renewed at this interval, as y-protocols' Awareness does in a browser (the server drops
 * a remote state that has not been renewed for 30 s, which would otherwise broadcast removals mid-run). */
const AWARENESS_RENEW_MS = 15_000;

export class Member {
  readonly doc = new Y.Doc({ gc: false });
  readonly clientID = this.doc.clientID;
  /** performance.now() when each of this member's clocks was sent, indexed by clock. */
  readonly sentAt: number[] = [];
  /** Clocks [measuredFrom, measuredTo) are the keystrokes typed inside the measured window. */
  measuredFrom = -1;
  measuredTo = -1;
  /** Own clocks below this were reported saved (and, if measured, timed). */
  savedUpTo = 0;
  /** Per sender, the next clock expected from it: anything below is a duplicate. */
  readonly nextFromSender = new Map<number, number>();
  /**
   * Remote updates are applied during setup only. During warm-up and measurement they are timed but not applied:
   * this member only ever types at the end of its own paragraph in its own section, so each keystroke refers only
   * to this member's own items (parent = its own XmlText, origin = its previous character), which the server
   * already has. Its updates stay placeable without the others' content, and the load generator does not spend
   * CPU integrating 4 remote updates per keystroke, which would compete with the server for the same cores.
   */
  applyRemote = true;
  /** Set once the server's sync step 2 has been applied. */
  synced = false;
  closed: { code: number; reason: string } | null = null;
  private socket: WebSocket | null = null;
  private text: Y.XmlText | null = null;
  private typed = 0;
  private sendingClock = -1;
  private awarenessClock = 0;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private leaving = false;
  private waiters: (() => void)[] = [];

  constructor(
    readonly planId: string,
    readonly index: number,
    readonly sectionId: string,
    /** The member's signed-in session, as the Cookie header a browser would send. */
    private readonly cookie: string,
    private readonly recorder: Recorder,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      if (this.sendingClock >= 0) this.sentAt[this.sendingClock] = performance.now();
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
  }

  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN && this.closed === null;
  }

  /** Open the socket and start the handshake: our sync step 1 and one awareness state, like a browser. */
  connect(wsBase: string): Promise<void> {
    const url = `${wsBase}/sync/${this.planId}`;
    const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 10_000, headers: { cookie: this.cookie } });
    this.socket = socket;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.receive(data);
    });
    socket.on('close', (code, reason) => {
      if (!this.leaving && this.closed === null) this.recorder.unexpectedClose(this, code, reason.toString());
      this.closed ??= { code, reason: reason.toString() };
      if (this.awarenessTimer) clearInterval(this.awarenessTimer);
      this.wake();
    });
    socket.on('error', (err) => this.recorder.socketError(this, err));
    return new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        const step1 = encoding.createEncoder();
        encoding.writeVarUint(step1, MessageType.sync);
        syncProtocol.writeSyncStep1(step1, this.doc);
        this.send(encoding.toUint8Array(step1));
        this.sendAwareness();
        this.awarenessTimer = setInterval(() => this.sendAwareness(), AWARENESS_RENEW_MS * (0.9 + Math.random() * 0.1));
        resolve();
      });
      socket.once('close', (code, reason) => reject(new Error(`member ${this.index} of ${this.planId} closed: ${code} ${reason.toString()}`)));
    });
  }

  /** Resolves when `condition` holds (checked after every message), or rejects after `timeoutMs`. */
  until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`member ${this.index} of plan ${this.planId}: timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (this.closed) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          reject(new Error(`member ${this.index} of plan ${this.planId}: closed (${this.closed.code} ${this.closed.reason}) while waiting for ${what}`));
        } else if (condition()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
    });
  }

  /** Setup: the member's paragraph in its own section, as tiptap creates it (an XmlElement holding an XmlText). */
  createParagraph(): void {
    const fragment = this.doc.getXmlFragment(sectionFieldName(this.sectionId));
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(fragment.length, [paragraph]);
      this.text = paragraph.get(0) as Y.XmlText;
    });
    this.askCheckpoint();
  }

  /** Setup, for the worst case: type into the first paragraph of the section, which another member created. */
  shareParagraph(): void {
    const fragment = this.doc.getXmlFragment(sectionFieldName(this.sectionId));
    this.text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  }

  /** Ask the server to say when everything sent so far is on disk, as a browser does after its changes. */
  private askCheckpoint(): void {
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.checkpoint);
    encoding.writeVarUint(message, this.clock);
    this.send(encoding.toUint8Array(message));
  }

  /** Own clock (the next one this member will use). */
  get clock(): number {
    return Y.getState(this.doc.store, this.clientID);
  }

  /** One keystroke: one character typed at the end of the member's paragraph, one update sent. */
  type(measured: boolean): void {
    if (!this.text || !this.isOpen) return;
    const clock = this.clock;
    const ch = PHRASE[this.typed % PHRASE.length]!;
    this.typed += 1;
    this.sendingClock = clock;
    this.text.insert(this.text.length, ch);
    this.sendingClock = -1;
    this.askCheckpoint();
    if (measured) {
      if (this.measuredFrom < 0) this.measuredFrom = clock;
      this.measuredTo = clock + 1;
    }
  }

  get measuredCount(): number {
    return this.measuredFrom < 0 ? 0 : this.measuredTo - this.measuredFrom;
  }

  isMeasured(clock: number): boolean {
    return clock >= this.measuredFrom && clock < this.measuredTo;
  }

  /** Close the socket as a browser tab would, and wait (bounded) for it to close. */
  async leave(timeoutMs: number): Promise<void> {
    this.leaving = true;
    if (this.awarenessTimer) clearInterval(this.awarenessTimer);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'bench done');
    });
  }

  private send(message: Uint8Array): void {
    if (this.isOpen) this.socket!.send(message);
  }

  private sendAwareness(): void {
    if (!this.isOpen) return;
    this.awarenessClock += 1;
    const state = { user: { name: `Member ${this.index}`, color: '#1d4ed8' }, section: this.sectionId };
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.clientID);
    encoding.writeVarUint(update, this.awarenessClock);
    encoding.writeVarString(update, JSON.stringify(state));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.awareness);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    this.send(encoding.toUint8Array(message));
  }

  private receive(data: Buffer): void {
    const now = performance.now();
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync) {
        const subtype = decoding.readVarUint(decoder);
        if (subtype === syncProtocol.messageYjsSyncStep1) {
          // The server's state vector: answer with what it lacks (nothing, or our paragraph after a reconnect).
          const sv = decoding.readVarUint8Array(decoder);
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, MessageType.sync);
          syncProtocol.writeSyncStep2(reply, this.doc, sv);
          this.send(encoding.toUint8Array(reply));
        } else {
          const update = decoding.readVarUint8Array(decoder);
          if (subtype === syncProtocol.messageYjsUpdate) this.recorder.updateArrived(this, update, now);
          if (this.applyRemote) Y.applyUpdate(this.doc, update, REMOTE);
          if (subtype === syncProtocol.messageYjsSyncStep2) this.synced = true;
        }
      } else if (type === MessageType.checkpoint) {
        // The token is the clock this member had reached when it asked: everything before it is on disk.
        const saved = decoding.readVarUint(decoder);
        this.recorder.savedNotices += 1;
        if (saved > this.savedUpTo) {
          this.recorder.ownSaved(this, this.savedUpTo, saved, now);
          this.savedUpTo = saved;
        }
      } else if (type === MessageType.auth) {
        this.recorder.protocolProblem(this, 'permission denied (auth message)');
      }
      // Awareness (1) is presence; nothing to time.
    } catch (err) {
      this.recorder.protocolProblem(this, `could not read a server message: ${(err as Error).message}`);
    }
    if (this.waiters.length > 0) this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
