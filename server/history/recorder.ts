// Records who changed a live plan, as the changes are applied: every accepted update goes into the plan's history
// with the member of the connection that sent it (from the session), their role, the sections it touched and the
// time. One person's burst of typing in the same sections becomes one entry (its updates merged, a few hundred at a
// time: Y.mergeUpdates grows faster than the number of updates, and must never stall the server); several
// people's bursts may be open at once (they type in their own sections). A burst closes after a pause, after a
// while, when its author moves to other sections — and, before anyone's change that builds on it (types next to its
// words, deletes them) is added to another burst, so that every entry only ever depends on entries before it and the
// plan can be rebuilt exactly, in order, at any of them.
//
// Writing history never holds up saving: the document is saved by PlanSaver as before; an entry that cannot be
// written is logged, kept in order, and retried.

import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Role } from '../../shared/roles.js';
import type { SectionId } from '../../shared/sections.js';
import type { HistoryStore, NewHistoryEntry, StoredHistoryEntry } from '../storage/types.js';
import { toBase64 } from '../storage/base64.js';

export interface Author {
  accountId: string;
  role: Role;
  onBehalf: boolean;
}

/** Updates merged into one chunk of an entry. */
const CHUNK = 128;

/** One applied update, as the connection that sent it checked it. */
export interface Edit {
  author: Author;
  sections: SectionId[];
  /** Client ids it writes new content under. */
  written: readonly number[];
  /** Client ids whose content it builds on: where it inserts, what it deletes. */
  references: ReadonlySet<number>;
  /**
   * Set for a restore: the update is its own 'restore' entry (never merged into a burst), and `recorded` is told
   * when that entry is written (or could not be, for now: it stays queued and is retried like any other).
   */
  restore?: { fromSeq: number; recorded: (written: Promise<StoredHistoryEntry>) => void };
  /**
   * Set for an accepted suggestion: the update (the suggester's words, `author` being the suggester) is its own
   * 'suggestion' entry naming who accepted it; `recorded` as for a restore.
   */
  suggestion?: { suggestionId: string; acceptedBy: Author; recorded: (written: Promise<StoredHistoryEntry>) => void };
}

export const HISTORY_TIMING = {
  /** A burst ends after this long without a change from its author. */
  pauseMs: 2000,
  /** …and after this long in any case. */
  maxBurstMs: 30_000,
  /** A failed write is tried again after this long (doubling, up to a minute). */
  retryMs: 500,
} as const;

interface Burst {
  key: string;
  author: Author;
  sectionsKey: string;
  sections: SectionId[];
  /** The burst's updates: merged in chunks, and the latest ones not merged yet. */
  chunks: Uint8Array[];
  pending: Uint8Array[];
  /** Yjs client ids this burst wrote under. */
  clients: Set<number>;
  at: Date;
  until: Date;
}

/** An entry with nothing in it yet: every field its kind does not fill stays empty. */
export function blankEntry(kind: NewHistoryEntry['kind'], at: string): NewHistoryEntry {
  return {
    at,
    until: at,
    kind,
    accountId: null,
    role: null,
    onBehalf: false,
    sections: [],
    addedChars: 0,
    removedChars: 0,
    addedWords: 0,
    removedWords: 0,
    clients: [],
    updates: [],
    circleIndex: null,
    circle: null,
  };
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const wordsIn = (text: string) => text.match(WORD)?.length ?? 0;

export class HistoryRecorder {
  /** Open bursts, by author, oldest first. */
  private readonly bursts = new Map<string, Burst>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly unwritten: NewHistoryEntry[] = [];
  /** Who is waiting for an entry to be written (versions, agreements, restores: someone is told it is recorded). */
  private readonly waiting = new Map<NewHistoryEntry, { resolve: (e: StoredHistoryEntry) => void; reject: (err: unknown) => void }>();
  private writing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number = HISTORY_TIMING.retryMs;
  private disposed = false;
  /** Entries written so far (for tests and figures). */
  written = 0;

  constructor(
    private readonly planId: string,
    private readonly doc: Y.Doc,
    private readonly store: HistoryStore,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** An update was just applied to the document: `edit` says who sent it, where it goes and what it builds on. */
  add(edit: Edit, update: Uint8Array): void {
    const { author, sections, written, references: referenced } = edit;
    if (this.disposed) return;
    const now = this.now();
    // A change the server made (a restore, an accepted suggestion) is an entry of its own, after everything before it.
    const made = edit.restore ?? edit.suggestion;
    if (made) {
      this.closeAll();
      const at = now.toISOString();
      const { suggestion } = edit;
      const entry: NewHistoryEntry = {
        ...blankEntry(suggestion ? 'suggestion' : 'restore', at),
        accountId: author.accountId,
        role: author.role,
        onBehalf: author.onBehalf,
        sections: [...sections].sort(),
        ...this.count([update]),
        updates: [toBase64(update)],
        ...(edit.restore ? { restore: { fromSeq: edit.restore.fromSeq } } : {}),
        ...(suggestion
          ? {
              suggestion: {
                id: suggestion.suggestionId,
                acceptedBy: suggestion.acceptedBy.accountId,
                acceptedRole: suggestion.acceptedBy.role,
                onBehalf: suggestion.acceptedBy.onBehalf,
              },
            }
          : {}),
      };
      made.recorded(this.enqueueAndWait(entry));
      return;
    }
    const sorted = [...sections].sort();
    const sectionsKey = sorted.join(',');
    const key = JSON.stringify([author.accountId, author.role, author.onBehalf]);
    // Anyone else's open burst this change builds on is closed first, so it comes before this one in the record.
    if (this.bursts.size > (this.bursts.has(key) ? 1 : 0)) {
      let builtOn: Burst[] | null = null;
      for (const burst of this.bursts.values()) {
        if (burst.key === key) continue;
        for (const c of burst.clients) {
          if (referenced.has(c)) {
            (builtOn ??= []).push(burst);
            break;
          }
        }
      }
      if (builtOn) for (const burst of builtOn) this.closeBurst(burst);
    }
    const own = this.bursts.get(key);
    if (own && (own.sectionsKey !== sectionsKey || now.getTime() - own.at.getTime() > HISTORY_TIMING.maxBurstMs)) this.closeBurst(own);
    const burst = this.bursts.get(key);
    if (burst) {
      burst.pending.push(update);
      if (burst.pending.length >= CHUNK) burst.chunks.push(Y.mergeUpdates(burst.pending.splice(0)));
      burst.until = now;
      for (const c of written) burst.clients.add(c);
    } else {
      this.bursts.set(key, { key, author, sectionsKey, sections: sorted, chunks: [], pending: [update], clients: new Set(written), at: now, until: now });
    }
    this.sweepTimer ??= setInterval(() => this.sweep(), HISTORY_TIMING.pauseMs / 4);
    this.sweepTimer.unref();
  }

  /** Closes bursts whose author has paused, or that have run long. */
  private sweep(): void {
    const now = this.now().getTime();
    for (const burst of [...this.bursts.values()]) {
      if (now - burst.until.getTime() >= HISTORY_TIMING.pauseMs || now - burst.at.getTime() > HISTORY_TIMING.maxBurstMs) this.closeBurst(burst);
    }
    if (this.bursts.size === 0 && this.sweepTimer) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = null;
    }
  }

  private closeAll(): void {
    for (const burst of [...this.bursts.values()]) this.closeBurst(burst);
  }

  /** Content with no known author (kept from before history, or lost in a crash) is recorded as such. */
  addUnattributed(kind: 'baseline' | 'recovered', update: Uint8Array): void {
    this.closeAll();
    const at = this.now().toISOString();
    const counts = this.count([update]);
    this.enqueue({ ...blankEntry(kind, at), ...counts, updates: [toBase64(update)] });
  }

  /**
   * Record an entry that carries no change to the document (a version saved, an agreement given) after everything
   * applied so far: the open bursts are closed first, in the same moment, so the entry names exactly the document as
   * it is now. Resolves with the entry as stored; rejects if it cannot be written now (it is then dropped: the
   * person is told, and may try again).
   */
  record(entry: NewHistoryEntry): Promise<StoredHistoryEntry> {
    if (this.disposed) return Promise.reject(new Error('the plan’s history is closed'));
    this.closeAll();
    return this.enqueueAndWait(entry);
  }

  private enqueueAndWait(entry: NewHistoryEntry): Promise<StoredHistoryEntry> {
    const written = new Promise<StoredHistoryEntry>((resolve, reject) => this.waiting.set(entry, { resolve, reject }));
    // Someone is waiting: try now rather than after a retry's back-off (up to a minute).
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.enqueue(entry);
    return written;
  }

  /**
   * Close the open bursts and try once to write every entry so far (for readers who want the latest). Resolves
   * either way: a history that cannot be written must never hold anyone up; its entries stay queued for the retry.
   */
  async flush(): Promise<void> {
    this.closeAll();
    if (this.disposed) return;
    if (this.writing) await this.writing;
    if (this.unwritten.length > 0 && !this.retryTimer) await this.write();
  }

  /** The room is closing: write what is left, trying a few times. Returns entries that could not be written. */
  async dispose(): Promise<NewHistoryEntry[]> {
    this.closeAll();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (let attempt = 0; attempt < 3 && this.unwritten.length > 0; attempt++) {
      await (this.writing ?? this.write());
    }
    this.disposed = true;
    return this.unwritten.splice(0);
  }

  private closeBurst(burst: Burst): void {
    if (this.bursts.get(burst.key) !== burst) return;
    this.bursts.delete(burst.key);
    const updates = burst.pending.length > 0 ? [...burst.chunks, burst.pending.length === 1 ? burst.pending[0]! : Y.mergeUpdates(burst.pending)] : burst.chunks;
    const counts = this.count(updates);
    this.enqueue({
      ...blankEntry('edit', burst.at.toISOString()),
      until: burst.until.toISOString(),
      accountId: burst.author.accountId,
      role: burst.author.role,
      onBehalf: burst.author.onBehalf,
      sections: burst.sections,
      ...counts,
      updates: updates.map(toBase64),
    });
  }


  /**
   * What an applied update did: text it added that is still there after it, text it removed that was there before
   * it, and the client ids it wrote under with their clocks now. Read from the document, which keeps deleted content.
   */
  private count(updates: readonly Uint8Array[]): Pick<NewHistoryEntry, 'addedChars' | 'removedChars' | 'addedWords' | 'removedWords' | 'clients'> {
    const decoded = updates.map((u) => Y.decodeUpdate(u));
    const structs = decoded.flatMap((d) => d.structs);
    const ds = decoded.length === 1 ? decoded[0]!.ds : Y.mergeDeleteSets(decoded.map((d) => d.ds));
    // Text is joined in each writer's clock order; a gap (or another kind of content) separates words.
    let added = '';
    let lastEnd: string | null = null;
    const clients = new Set<number>();
    const inUpdate = new Map<number, [number, number][]>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      clients.add(struct.id.client);
      const ranges = inUpdate.get(struct.id.client) ?? [];
      ranges.push([struct.id.clock, struct.id.clock + struct.length]);
      inUpdate.set(struct.id.client, ranges);
      if (struct.content instanceof Y.ContentString && !Y.isDeleted(ds, struct.id)) {
        if (lastEnd !== `${struct.id.client}:${struct.id.clock}`) added += '\n';
        added += struct.content.str;
        lastEnd = `${struct.id.client}:${struct.id.clock + struct.length}`;
      }
    }
    const fromThisUpdate = (client: number, clock: number) => inUpdate.get(client)?.some(([a, b]) => a <= clock && clock < b) ?? false;
    let removed = '';
    for (const [client, deletes] of ds.clients) {
      for (const d of deletes) {
        let clock = d.clock;
        const end = d.clock + d.len;
        removed += '\n';
        while (clock < end && clock < Y.getState(this.doc.store, client)) {
          const item = Y.getItem(this.doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
          if (item instanceof Y.Item && item.content instanceof Y.ContentString && !fromThisUpdate(client, clock)) {
            const from = Math.max(0, d.clock - item.id.clock);
            const to = Math.min(item.length, end - item.id.clock);
            removed += item.content.str.slice(from, to);
          }
          clock = item.id.clock + item.length;
        }
      }
    }
    const addedChars = [...added].length - (added.match(/\n/g)?.length ?? 0);
    const removedChars = [...removed].length - (removed.match(/\n/g)?.length ?? 0);
    return {
      addedChars,
      removedChars,
      addedWords: wordsIn(added),
      removedWords: wordsIn(removed),
      clients: [...clients].sort((a, b) => a - b).map((c) => [c, Y.getState(this.doc.store, c)]),
    };
  }

  private enqueue(entry: NewHistoryEntry): void {
    this.unwritten.push(entry);
    if (!this.writing && !this.retryTimer) void this.write();
  }

  private write(): Promise<void> {
    if (this.writing) return this.writing;
    const batch = this.unwritten.slice();
    if (batch.length === 0) return Promise.resolve();
    this.writing = this.store.append(this.planId, batch).then(
      (stored) => {
        this.unwritten.splice(0, batch.length);
        batch.forEach((entry, i) => {
          this.waiting.get(entry)?.resolve(stored[i]!);
          this.waiting.delete(entry);
        });
        this.written += batch.length;
        this.retryDelay = HISTORY_TIMING.retryMs;
        this.writing = null;
        if (this.unwritten.length > 0 && !this.disposed) void this.write();
      },
      (err: unknown) => {
        this.writing = null;
        this.log.error({ planId: this.planId, err, unwritten: this.unwritten.length }, 'could not write the plan’s history; will try again');
        // Whoever waits is told. An entry that changes nothing in the document (a version, an agreement) is dropped:
        // nothing depends on it, and the person can give it again. One with a change stays queued for the retry.
        for (const [entry, waiter] of this.waiting) {
          waiter.reject(err);
          this.waiting.delete(entry);
          if (entry.updates.length === 0) this.unwritten.splice(this.unwritten.indexOf(entry), 1);
        }
        if (this.disposed) return;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.write();
        }, this.retryDelay);
        this.retryTimer.unref();
        this.retryDelay = Math.min(this.retryDelay * 2, 60_000);
      },
    );
    return this.writing;
  }
}
