// One person's live connection to one plan: the Y.Doc, the y-websocket provider, presence, what this member may
// do (the server's access message), and the honest save state ("saved" only when the server says every change made
// here is on its disk). Who is connecting comes from the session cookie: the browser claims no name.

import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeCodeName, isTerminalClose, type CloseCodeName } from '../../../shared/closeCodes.js';
import { colorForName, SYNC_PATH } from '../../../shared/presence.js';
import { MessageType } from '../../../shared/protocol.js';
import { computeSaveState, type SaveState, type SaveTracker } from '../../../shared/saveState.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { accessSchema, type Access } from '../../../shared/schemas.js';
import { isSectionId, type SectionId } from '../../../shared/sections.js';
import { attachSaveTracker } from './saveCheckpoints.js';

export interface PresenceEntry {
  clientId: number;
  /** The account, as the server stamped it (null if it did not). */
  accountId: string | null;
  name: string;
  role: Role | null;
  color: string;
  section: SectionId | null;
  isMe: boolean;
}

export interface SessionSnapshot {
  saveState: SaveState;
  /** Set when the server ended the connection for good (see shared/closeCodes.ts). */
  closedBecause: CloseCodeName | null;
  /** The server closed the connection and is expected back (restart, error). */
  interruptedBecause: CloseCodeName | null;
  presence: PresenceEntry[];
  /** What this member may do, as the server last said (null until it has). */
  access: Access | null;
}

export class PlanSession {
  readonly doc = new Y.Doc({ gc: false });
  readonly provider: WebsocketProvider;
  private readonly saves: SaveTracker;
  private connection: 'connected' | 'connecting' | 'disconnected' = 'connecting';
  private everConnected = false;
  private closedBecause: CloseCodeName | null = null;
  private interruptedBecause: CloseCodeName | null = null;
  private access: Access | null;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly recordListeners = new Set<() => void>();
  private readonly discussionListeners = new Set<() => void>();
  private readonly meetingListeners = new Set<() => void>();

  constructor(
    readonly planId: string,
    options: {
      /** What the member could do in the session this one replaces, shown until the server says again. */
      access?: Access | null;
      /**
       * The server refused a change from this page and closed the connection (changeRefused). This session's copy
       * of the plan has diverged from the server's and must never be sent again: throw it away and open afresh.
       */
      onRefused?: () => void;
    } = {},
  ) {
    this.access = options.access ?? null;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${window.location.host}${SYNC_PATH}`, planId, this.doc, {
      // Every change goes through the server, which knows who sent it; no tab-to-tab shortcut.
      disableBc: true,
      maxBackoffTime: 5000,
      shouldReconnect: (event) => !isTerminalClose(event.code),
    });
    this.provider.messageHandlers[MessageType.access] = (_encoder, decoder: decoding.Decoder) => {
      let json: unknown;
      try {
        json = JSON.parse(decoding.readVarString(decoder));
      } catch {
        return;
      }
      const parsed = accessSchema.safeParse(json);
      if (parsed.success) this.updateAccess(parsed.data);
    };
    // No payload: a version, agreement, sign-off or restore was recorded; whoever shows them fetches them again.
    this.provider.messageHandlers[MessageType.recordChanged] = () => this.recordListeners.forEach((l) => l());
    // No payload: a comment, reply or suggestion was made, resolved or decided; the discussion is fetched again.
    this.provider.messageHandlers[MessageType.discussionChanged] = () => this.discussionListeners.forEach((l) => l());
    // No payload: a meeting started, moved on, gained an attendee, decision or action, or ended; it is fetched again.
    this.provider.messageHandlers[MessageType.meetingChanged] = () => this.meetingListeners.forEach((l) => l());
    this.provider.awareness.setLocalStateField('section', null);
    this.snapshot = { saveState: 'connecting', closedBecause: null, interruptedBecause: null, presence: [], access: this.access };
    this.saves = attachSaveTracker(this.provider, this.doc, () => this.refresh());
    this.provider.on('status', ({ status }) => {
      this.connection = status;
      if (status === 'connected') {
        this.everConnected = true;
        this.interruptedBecause = null;
      }
      this.refresh();
    });
    this.provider.on('connection-close', (event) => {
      // Keep the first reason we were told (a restart) over later failed attempts that carry none.
      const name = event && !isTerminalClose(event.code) ? closeCodeName(event.code) : undefined;
      if (name) this.interruptedBecause = name;
      this.refresh();
    });
    this.provider.on('closed', ({ code }) => {
      this.closedBecause = closeCodeName(code) ?? 'serverError';
      if (this.closedBecause === 'changeRefused' && options.onRefused) {
        this.provider.disconnect(); // never to be connected again: the owner replaces this session
        options.onRefused();
        return;
      }
      this.refresh();
    });
    this.provider.awareness.on('change', () => this.refresh());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Told whenever the server says the plan's record changed other than by an edit (MessageType.recordChanged). */
  onRecordChanged = (listener: () => void): (() => void) => {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  };

  /** Told whenever the server says the plan's comments or suggestions changed (MessageType.discussionChanged). */
  onDiscussionChanged = (listener: () => void): (() => void) => {
    this.discussionListeners.add(listener);
    return () => this.discussionListeners.delete(listener);
  };

  /** Told whenever the server says a meeting about the plan changed (MessageType.meetingChanged). */
  onMeetingChanged = (listener: () => void): (() => void) => {
    this.meetingListeners.add(listener);
    return () => this.meetingListeners.delete(listener);
  };

  /** The colour of this member's caret (the server stamps the same one for the others to see). */
  get color(): string {
    return this.access ? colorForName(this.access.displayName) : '#4a4a55';
  }

  /** A newer word from the server on what this member may do (a REST answer carries it too). */
  updateAccess(access: Access): void {
    this.access = access;
    // Our own presence, as the server will stamp it for the others (it overwrites whatever we say here).
    const user = { id: access.accountId, name: access.displayName, role: access.role, color: this.color };
    const current = this.provider.awareness.getLocalState()?.user as typeof user | undefined;
    if (current?.id !== user.id || current.name !== user.name || current.role !== user.role) {
      this.provider.awareness.setLocalStateField('user', user);
    }
    this.refresh(true);
  }

  /** Tell the others which section this person is working in. */
  setSection(sectionId: string | null): void {
    if (this.provider.awareness.getLocalState()?.section !== sectionId) {
      this.provider.awareness.setLocalStateField('section', sectionId);
    }
  }

  get hasUnsavedChanges(): boolean {
    return !this.saves.allSaved;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.recordListeners.clear();
    this.discussionListeners.clear();
    this.meetingListeners.clear();
  }

  private refresh(accessChanged = false): void {
    const next: SessionSnapshot = {
      saveState: computeSaveState({
        connection: this.connection,
        everConnected: this.everConnected,
        allSaved: this.saves.allSaved,
        stopped: this.closedBecause !== null,
      }),
      closedBecause: this.closedBecause,
      interruptedBecause: this.interruptedBecause,
      presence: this.readPresence(),
      access: this.access,
    };
    const prev = this.snapshot;
    if (
      !accessChanged &&
      prev.saveState === next.saveState &&
      prev.closedBecause === next.closedBecause &&
      prev.interruptedBecause === next.interruptedBecause &&
      samePresence(prev.presence, next.presence)
    ) {
      return;
    }
    this.snapshot = next;
    this.listeners.forEach((l) => l());
  }

  private readPresence(): PresenceEntry[] {
    const entries: PresenceEntry[] = [];
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      const user = (state as { user?: { id?: unknown; name?: unknown; role?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') continue;
      const section = (state as { section?: unknown }).section;
      entries.push({
        clientId,
        // The server stamps the account on what the others see; our own entry is never sent back to us.
        accountId: clientId === this.doc.clientID ? (this.access?.accountId ?? null) : typeof user.id === 'string' ? user.id : null,
        name: user.name,
        role: (ROLES as readonly unknown[]).includes(user.role) ? (user.role as Role) : null,
        color: typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : '#000000',
        section: isSectionId(section) ? section : null,
        isMe: clientId === this.doc.clientID,
      });
    }
    return entries.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
  }
}

function samePresence(a: PresenceEntry[], b: PresenceEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.clientId === y.clientId && x.accountId === y.accountId && x.name === y.name && x.role === y.role && x.section === y.section && x.color === y.color;
    })
  );
}
