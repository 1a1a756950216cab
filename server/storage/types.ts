// The storage interface every engine implements. The sync layer and the plan operations only see this;
// tests/integration/storeConformance.test.ts runs the same suite against every adapter.

import type { CircleMember } from '../../shared/permissions.js';
import type { PlanMeta } from '../../shared/schemas.js';
import type { SectionId } from '../../shared/sections.js';
import type { HistoryKind } from '../../shared/history.js';
import type { AgreementKind } from '../../shared/versions.js';
import type { Preferences } from '../../shared/preferences.js';
import type { ExportRecord } from '../../shared/copies.js';
import type { Anchor, SuggestionStatus } from '../../shared/discussion.js';
import type { MeetingHistory, MeetingKind } from '../../shared/meetingHistory.js';

export interface PlanStore {
  /** Record a new plan with an empty document. Rejects if the id is taken. */
  createPlan(meta: PlanMeta): Promise<void>;
  /** The plan's metadata, or null when no plan has this id. Throws AppError planDamaged when it was set aside. */
  getPlanMeta(planId: string): Promise<PlanMeta | null>;
  /** The plan's stored document as Yjs updates (compacted state first), in the order they were stored. */
  loadDocument(planId: string): Promise<Uint8Array[]>;
  /**
   * The same updates, read without opening the plan for writing (nothing is held open or cut back): for reading a
   * plan nobody has open — its review dates, its content hash, a copy of it.
   */
  readDocument(planId: string): Promise<Uint8Array[]>;
  /** Store more updates. Resolves only once they are on disk. */
  appendUpdates(planId: string, updates: readonly Uint8Array[]): Promise<void>;
  /** Replace every stored update with one state that contains them all. Resolves once it is on disk. */
  compact(planId: string, state: Uint8Array): Promise<void>;
  /**
   * Report that what was read back for this plan cannot be used (for example an update Yjs cannot decode).
   * The store sets the plan's files aside, keeps them, and refuses to open the plan until someone restores it.
   */
  setAside(planId: string, reason: string): Promise<void>;
  /** Close and forget anything held open for this plan (its live document was closed). */
  release(planId: string): Promise<void>;
  close(): Promise<void>;
}

/** An account as stored: the password only as a scrypt hash. */
export interface StoredAccount {
  id: string;
  displayName: string;
  /** Lower-cased. */
  email: string;
  passwordHash: string;
  createdAt: string;
  /** How they like Cylch to look and speak (absent until they first choose: the defaults). */
  preferences?: Preferences;
}

/** A session as stored: the token only as its SHA-256 hash. */
export interface StoredSession {
  tokenHash: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
}

/** Accounts and sign-in sessions. The same conformance idea as PlanStore: any engine can sit behind it. */
export interface AccountStore {
  /** Rejects with AppError emailTaken if the email is in use. */
  createAccount(account: StoredAccount): Promise<void>;
  findAccountByEmail(email: string): Promise<StoredAccount | null>;
  getAccount(id: string): Promise<StoredAccount | null>;
  setPasswordHash(accountId: string, passwordHash: string): Promise<void>;
  /** Rejects with AppError notSignedIn if the account is gone. */
  setPreferences(accountId: string, preferences: Preferences): Promise<void>;
  createSession(session: StoredSession): Promise<void>;
  /** The session, or null when unknown or expired (expired ones are removed). */
  getSession(tokenHash: string, now: Date): Promise<StoredSession | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of an account except, optionally, one. */
  deleteSessionsOfAccount(accountId: string, keepTokenHash?: string): Promise<void>;
  close(): Promise<void>;
}

export const CIRCLE_CHANGE_KINDS = [
  'memberAdded',
  'invitationCreated',
  'invitationWithdrawn',
  'invitationAccepted',
  'levelChanged',
  'planManagerNamed',
  'planManagerEnded',
  'memberRemoved',
  'sectionOpened',
  'sectionClosed',
] as const;

/** One recorded change to a plan's circle: who did it, when, and what. */
export interface CircleChange {
  at: string;
  /** The account that made the change. */
  by: string;
  kind: (typeof CIRCLE_CHANGE_KINDS)[number];
  /** Set when `by` acted as the person's plan manager rather than as the person ("on behalf of"). */
  onBehalf?: boolean;
  /** The member concerned (added, changed, removed, or who accepted). */
  accountId?: string;
  invitationId?: string;
  role?: CircleMember['role'];
  level?: CircleMember['level'];
  sectionId?: SectionId;
}

/** An invitation to join a plan's circle. The link's token is kept only as its SHA-256 hash. */
export interface StoredInvitation {
  id: string;
  tokenHash: string;
  role: CircleMember['role'];
  level: CircleMember['level'];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedBy?: string;
  acceptedAt?: string;
  withdrawnBy?: string;
  withdrawnAt?: string;
}

export interface StoredCircle {
  members: CircleMember[];
  /** Sections the person opened to everyone with edit rights. */
  openSections: SectionId[];
  invitations: StoredInvitation[];
  /** Every membership and permission change, oldest first; only ever appended to. */
  changes: CircleChange[];
}

/** Who is in each plan's circle. */
export interface CircleStore {
  /** The plan's circle (empty for a plan nobody has joined with an account). */
  getCircle(planId: string): Promise<StoredCircle>;
  /**
   * Change a plan's circle as one step: `change` works on a copy and returns a result; if it throws, nothing is
   * written. Changes to the same store happen one at a time.
   */
  update<T>(planId: string, change: (circle: StoredCircle) => T): Promise<T>;
  /** The plan an invitation token hash belongs to, if any. */
  findInvitation(tokenHash: string): Promise<{ planId: string; invitation: StoredInvitation } | null>;
  /** The plans an account belongs to, with its membership in each. */
  plansOf(accountId: string): Promise<{ planId: string; member: CircleMember }[]>;
  close(): Promise<void>;
}

/**
 * One entry of a plan's history as stored: an accepted change with who made it (from the session, never the
 * browser), when, and — for edits — its Yjs update, so the plan can be rebuilt exactly as it was after any entry.
 * Each entry carries the hash of the previous one and a hash over itself (server/history/chain.ts).
 */
export interface StoredHistoryEntry {
  seq: number;
  at: string;
  until: string;
  kind: HistoryKind;
  /** Null for a baseline or recovered entry (content from before history was kept, or whose author was lost). */
  accountId: string | null;
  role: CircleMember['role'] | null;
  onBehalf: boolean;
  sections: SectionId[];
  addedChars: number;
  removedChars: number;
  addedWords: number;
  removedWords: number;
  /** Yjs client ids the entry writes new content under (bound to `accountId`), each with its clock after the entry. */
  clients: [client: number, endClock: number][];
  /** The entry's Yjs updates, base64, applied in order (edits, baseline, recovered; none for circle changes). */
  updates: string[];
  /** For a circle change: its place in the circle's record, and the change itself. */
  circleIndex: number | null;
  circle: CircleChange | null;
  /** For a saved version: its name, and the SHA-256 hash of the plan's content at this entry (planContentHash). */
  version?: { name: string; contentHash: string };
  /** For an agreement, disagreement or council sign-off: the reason or note, and the content it was given for. */
  agreement?: { kind: AgreementKind; reason: string | null; contentHash: string };
  /** For a restore: the entry whose state the sections were brought back to. Its `updates` are the change made. */
  restore?: { fromSeq: number };
  /**
   * For an accepted suggestion: its id, and who accepted it (and whether as the person's plan manager). The entry's
   * `accountId` and `role` are the suggester's — the words are theirs — and its `updates` are the change made.
   */
  suggestion?: { id: string; acceptedBy: string; acceptedRole: CircleMember['role']; onBehalf: boolean };
  /**
   * For a download of the history or a copy of the plan: its format, and for a copy its language, version and who it
   * was for (the entry is made after the download is put together).
   */
  export?: ExportRecord;
  /** For the start or end of a meeting (the entry's person started or ended it): which, and its counts then. */
  meeting?: MeetingHistory;
  prevHash: string;
  hash: string;
}

export type NewHistoryEntry = Omit<StoredHistoryEntry, 'seq' | 'prevHash' | 'hash'>;

/** Each plan's history: append-only. Appends to one plan happen in order, one at a time. */
export interface HistoryStore {
  /** Adds entries after the last one, numbering and chaining them. Resolves once they are on disk. */
  append(planId: string, entries: readonly NewHistoryEntry[]): Promise<StoredHistoryEntry[]>;
  /** Every entry, oldest first, as stored (not checked: see server/history/chain.ts verifyChain). */
  read(planId: string): Promise<StoredHistoryEntry[]>;
  /** Close anything held open for the plan. */
  release(planId: string): Promise<void>;
  close(): Promise<void>;
}

/** Who wrote a comment, a reply or a suggestion, or decided one: stamped by the server from the session. */
export interface StoredAuthor {
  accountId: string;
  /** Their role in the circle when they wrote it. */
  role: CircleMember['role'];
}

export interface StoredReply {
  id: string;
  by: StoredAuthor;
  at: string;
  text: string;
}

export interface StoredComment {
  id: string;
  sectionId: SectionId;
  /** Null: about the whole section. */
  anchor: Anchor | null;
  by: StoredAuthor;
  at: string;
  text: string;
  replies: StoredReply[];
  resolved: { by: StoredAuthor; at: string } | null;
}

export interface StoredSuggestion {
  id: string;
  sectionId: SectionId;
  anchor: Anchor;
  /**
   * The passage's words as the server read them when the suggestion was made (the anchor's quote may be cut short at
   * QUOTE_MAX): their length and SHA-256, so accepting can tell whether any of them changed since.
   */
  passage: { length: number; sha256: string };
  text: string;
  by: StoredAuthor;
  at: string;
  status: SuggestionStatus;
  decided: {
    by: StoredAuthor;
    at: string;
    reason: string | null;
    /** The decider acted as the person's plan manager. */
    onBehalf: boolean;
    /** For an accepted suggestion: the history entry of the change, once written. */
    historySeq: number | null;
  } | null;
}

/** One plan's comments and suggestions, oldest first. */
export interface StoredDiscussion {
  comments: StoredComment[];
  suggestions: StoredSuggestion[];
}

/** Each plan's comments and suggestions, kept apart from the live document (they never change it by themselves). */
export interface DiscussionStore {
  /** The plan's discussion (empty when nobody has commented yet). Rejects with DamagedFileError if it does not read back. */
  read(planId: string): Promise<StoredDiscussion>;
  /**
   * Change one plan's discussion as one step: `change` works on a copy and returns a result; if it throws, nothing
   * is written. Changes to the same plan happen one at a time. Resolves once the change is on disk.
   */
  update<T>(planId: string, change: (discussion: StoredDiscussion) => T): Promise<T>;
  close(): Promise<void>;
}

/** A decision written into a meeting, under the agenda item it was made in. */
export interface StoredDecision {
  id: string;
  sectionId: SectionId;
  text: string;
  by: StoredAuthor;
  at: string;
}

/** A meeting as stored: people as account and role (named as they are now when it is shown). */
export interface StoredMeeting {
  id: string;
  kind: MeetingKind;
  startedBy: StoredAuthor;
  startedAt: string;
  /** Null while it is going on. */
  endedAt: string | null;
  facilitator: StoredAuthor;
  /** The agenda item the facilitator is on (an index into AGENDA). */
  current: number;
  timer: { runningSince: string | null; elapsedMs: number };
  attendees: { person: StoredAuthor; joinedAt: string }[];
  decisions: StoredDecision[];
  /** Ids of the plan's actions captured in the meeting, in the order they were captured. */
  actionIds: string[];
  agreementRoundAt: string | null;
}

/** One plan's meetings, oldest first (at most one going on: the last). */
export interface StoredMeetings {
  meetings: StoredMeeting[];
}

/** Each plan's meetings and their records, kept apart from the live document. */
export interface MeetingStore {
  /** The plan's meetings (none when nobody has started one). Rejects with DamagedFileError if it does not read back. */
  read(planId: string): Promise<StoredMeetings>;
  /**
   * Change one plan's meetings as one step: `change` works on a copy and returns a result; if it throws, nothing is
   * written. Changes to the same plan happen one at a time. Resolves once the change is on disk.
   */
  update<T>(planId: string, change: (meetings: StoredMeetings) => T): Promise<T>;
  close(): Promise<void>;
}
