// Named operations on a plan's history: the readable timeline (grouped, filtered, newest first), the plan as it was
// at any entry, the chain check, exports, and bringing circle changes into the same record.

import * as Y from 'yjs';
import type { HistoryAuthors, HistoryItem, HistoryPage, HistoryPerson, HistoryQuery, HistoryVerification } from '../../shared/history.js';
import type { ExportRecord } from '../../shared/copies.js';
import type { MeetingHistory } from '../../shared/meetingHistory.js';
import type { SectionId } from '../../shared/sections.js';
import { DamagedFileError, errors } from '../errors.js';
import type { AccountStore, CircleStore, HistoryStore, StoredHistoryEntry } from '../storage/types.js';
import { verifyChain } from './chain.js';
import { planContentHash } from './planContent.js';
import { fromBase64, toBase64 } from '../storage/base64.js';
import { blankEntry } from './recorder.js';

/** Edits by the same person in the same sections less than this apart are one line of the timeline. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

interface Group {
  entries: StoredHistoryEntry[];
  key: string;
}

/**
 * Lines of the timeline, oldest first: each circle change, baseline or recovered entry on its own; one person's
 * edits to the same sections grouped while they keep coming (others may be typing at the same time).
 */
export function groupEntries(entries: readonly StoredHistoryEntry[]): StoredHistoryEntry[][] {
  const groups: Group[] = [];
  const open = new Map<string, Group>();
  for (const entry of entries) {
    if (entry.kind !== 'edit') {
      groups.push({ entries: [entry], key: '' });
      continue;
    }
    const key = JSON.stringify([entry.accountId, entry.role, entry.onBehalf, entry.sections]);
    const group = open.get(key);
    const last = group?.entries.at(-1);
    if (group && last && Date.parse(entry.at) - Date.parse(last.until) < GROUP_GAP_MS) {
      group.entries.push(entry);
    } else {
      const created = { entries: [entry], key };
      groups.push(created);
      open.set(key, created);
    }
  }
  // Ordered by where each line ends: the plan "as it was" at a line is the plan after its last entry.
  return groups.map((g) => g.entries).sort((a, b) => a.at(-1)!.seq - b.at(-1)!.seq);
}

/** Names for account ids, as they are now. */
export async function namer(accounts: AccountStore) {
  const cache = new Map<string, string>();
  return async (accountId: string): Promise<string> => {
    if (!cache.has(accountId)) cache.set(accountId, (await accounts.getAccount(accountId))?.displayName ?? '');
    return cache.get(accountId)!;
  };
}

async function toItem(group: StoredHistoryEntry[], nameOf: (id: string) => Promise<string>, all: readonly StoredHistoryEntry[]): Promise<HistoryItem> {
  const first = group[0]!;
  const last = group.at(-1)!;
  const sum = (key: 'addedWords' | 'removedWords' | 'addedChars' | 'removedChars') => group.reduce((n, e) => n + e[key], 0);
  const by = first.accountId && first.role ? { accountId: first.accountId, displayName: await nameOf(first.accountId), role: first.role } : null;
  const circle = first.circle;
  return {
    firstSeq: first.seq,
    lastSeq: last.seq,
    at: first.at,
    until: last.until,
    kind: first.kind,
    by,
    onBehalf: first.onBehalf,
    sections: first.sections,
    addedWords: sum('addedWords'),
    removedWords: sum('removedWords'),
    addedChars: sum('addedChars'),
    removedChars: sum('removedChars'),
    circle: circle
      ? {
          change: circle.kind,
          subject: circle.accountId ? { accountId: circle.accountId, displayName: await nameOf(circle.accountId), role: circle.role ?? null } : null,
          role: circle.role ?? null,
          level: circle.level ?? null,
          sectionId: circle.sectionId ?? null,
        }
      : null,
    version: first.version ? { name: first.version.name } : null,
    agreement: first.agreement ? { kind: first.agreement.kind, reason: first.agreement.reason } : null,
    restore: first.restore ? restoredFrom(first.restore.fromSeq, all) : null,
    export: first.export ? { ...first.export, versionName: first.export.versionSeq ? (all[first.export.versionSeq - 1]?.version?.name ?? null) : null } : null,
    suggestion: first.suggestion
      ? {
          acceptedBy: { accountId: first.suggestion.acceptedBy, displayName: await nameOf(first.suggestion.acceptedBy), role: first.suggestion.acceptedRole },
          onBehalf: first.suggestion.onBehalf,
        }
      : null,
    meeting: first.meeting ?? null,
  };
}

/** The point a restore went back to: its time, and the name of the version saved there if it is one. */
function restoredFrom(fromSeq: number, all: readonly StoredHistoryEntry[]) {
  const from = all[fromSeq - 1];
  return { fromSeq, fromAt: from?.until ?? new Date(0).toISOString(), versionName: from?.version?.name ?? null };
}

/**
 * The whole check of a plan's record: the chain of hashes (and an anchor, if given), then that every version and
 * agreement names the content the record rebuilds at its entry — a hash that does not match means the entry, or the
 * changes before it, are not what was there when it was given.
 */
export function verifyRecord(entries: readonly StoredHistoryEntry[], anchor?: string): HistoryVerification {
  const chain = verifyChain(entries, anchor);
  if (!chain.ok) return chain;
  const doc = new Y.Doc({ gc: false });
  try {
    for (const entry of entries) {
      for (const update of entry.updates) Y.applyUpdate(doc, fromBase64(update));
      const named = entry.version?.contentHash ?? entry.agreement?.contentHash;
      if (named !== undefined && named !== planContentHash(doc)) {
        return { ...chain, ok: false, firstBroken: entry.seq, reason: `entry ${entry.seq} names content the record does not rebuild at that point` };
      }
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      return { ...chain, ok: false, firstBroken: null, reason: 'the record’s changes do not rebuild a whole plan: some depend on changes it lacks' };
    }
    return chain;
  } finally {
    doc.destroy();
  }
}

/**
 * Whether an entry is someone's own writing: an edit, the text a restore brought back (a change by its restorer), or
 * the words of an accepted suggestion (its suggester's).
 */
const writes = (e: StoredHistoryEntry) => e.kind === 'edit' || e.kind === 'restore' || e.kind === 'suggestion';

/** A new document holding the plan as it was just after entry `seq` (the caller destroys it). */
export function rebuildAt(entries: readonly StoredHistoryEntry[], seq: number): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    for (const entry of entries.slice(0, seq)) for (const update of entry.updates) Y.applyUpdate(doc, fromBase64(update));
  });
  return doc;
}

export class PlanHistories {
  /** Circle syncs, one at a time per plan. */
  private readonly syncing = new Map<string, Promise<void>>();
  /** How many of each plan's circle changes are known to be in its history (only syncCircle adds them). */
  private readonly circleRecorded = new Map<string, number>();

  constructor(
    private readonly history: HistoryStore,
    private readonly circles: CircleStore,
    private readonly accounts: AccountStore,
    /** Writes out what an open plan's recorder holds (its current burst), so reads see the latest changes. */
    private readonly flushOpen: (planId: string) => Promise<void>,
  ) {}

  /** Brings the circle's changes not yet in the history into it, as 'circle' entries, in the circle's order. */
  syncCircle(planId: string): Promise<void> {
    const previous = this.syncing.get(planId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const circle = await this.circles.getCircle(planId);
      let recorded = this.circleRecorded.get(planId);
      if (recorded === undefined) {
        const entries = await this.history.read(planId);
        recorded = entries.reduce((n, e) => (e.circleIndex !== null ? Math.max(n, e.circleIndex + 1) : n), 0);
        this.circleRecorded.set(planId, recorded);
      }
      const missing = circle.changes.slice(recorded);
      if (missing.length === 0) return;
      const member = (id: string) => circle.members.find((m) => m.accountId === id);
      await this.history.append(
        planId,
        missing.map((change, i) => ({
          ...blankEntry('circle', change.at),
          accountId: change.by,
          role: member(change.by)?.role ?? null,
          onBehalf: change.onBehalf ?? false,
          sections: change.sectionId ? [change.sectionId] : [],
          circleIndex: recorded! + i,
          circle: change,
        })),
      );
      this.circleRecorded.set(planId, recorded + missing.length);
    });
    const settled = next.catch(() => {});
    this.syncing.set(planId, settled);
    return next;
  }

  /** Everything recorded for the plan, up to now (an open plan's current bursts written out first). */
  all(planId: string): Promise<StoredHistoryEntry[]> {
    return this.entries(planId);
  }

  private async entries(planId: string): Promise<StoredHistoryEntry[]> {
    try {
      await this.flushOpen(planId);
      await this.syncCircle(planId);
      return await this.history.read(planId);
    } catch (err) {
      // The plan itself still opens and saves; only its record cannot be shown until it is restored.
      if (err instanceof DamagedFileError) throw errors.historyDamaged();
      throw err;
    }
  }

  async page(planId: string, query: HistoryQuery): Promise<HistoryPage> {
    const all = await this.entries(planId);
    const groups = groupEntries(all);
    const nameOf = await namer(this.accounts);
    // Midnight where the asker is: UTC midnight, less their offset.
    const offsetMs = query.tz * 60_000;
    const fromTime = query.from ? Date.parse(`${query.from}T00:00:00Z`) - offsetMs : -Infinity;
    const toTime = query.to ? Date.parse(`${query.to}T00:00:00Z`) + 86_400_000 - offsetMs : Infinity;
    const matches = (group: StoredHistoryEntry[]) => {
      const first = group[0]!;
      const last = group.at(-1)!;
      if (query.before !== undefined && last.seq >= query.before) return false;
      if (query.by !== undefined && first.accountId !== query.by && first.circle?.accountId !== query.by && first.suggestion?.acceptedBy !== query.by) {
        return false;
      }
      if (query.section !== undefined && !first.sections.includes(query.section)) return false;
      return Date.parse(last.until) >= fromTime && Date.parse(first.at) < toTime;
    };
    const selected: StoredHistoryEntry[][] = [];
    let more = false;
    for (let i = groups.length - 1; i >= 0; i--) {
      if (!matches(groups[i]!)) continue;
      if (selected.length === query.limit) {
        more = true;
        break;
      }
      selected.push(groups[i]!);
    }
    const people = new Map<string, HistoryPerson>();
    for (const group of groups) {
      const { accountId, role, suggestion } = group[0]!;
      if (accountId && role && !people.has(accountId)) people.set(accountId, { accountId, displayName: await nameOf(accountId), role });
      if (suggestion && !people.has(suggestion.acceptedBy)) {
        people.set(suggestion.acceptedBy, { accountId: suggestion.acceptedBy, displayName: await nameOf(suggestion.acceptedBy), role: suggestion.acceptedRole });
      }
    }
    return {
      items: await Promise.all(selected.map((g) => toItem(g, nameOf, all))),
      next: more ? selected.at(-1)![selected.at(-1)!.length - 1]!.seq : null,
      people: [...people.values()],
    };
  }

  /** The plan as it was just after entry `seq`: every recorded update up to it, applied in order. */
  async documentAt(planId: string, seq: number): Promise<{ seq: number; at: string; update: string }> {
    const entries = await this.entries(planId);
    const target = entries[seq - 1];
    if (!target) throw errors.historyEntryNotFound();
    const doc = rebuildAt(entries, seq);
    try {
      return { seq, at: target.until, update: toBase64(Y.encodeStateAsUpdate(doc)) };
    } finally {
      doc.destroy();
    }
  }

  /**
   * Who wrote under each Yjs client id, from the history (the server's bindings, never the browser's claims): with
   * it, every character of the plan can be attributed to the member whose connection wrote it.
   */
  async authors(planId: string): Promise<HistoryAuthors> {
    const entries = await this.entries(planId);
    const nameOf = await namer(this.accounts);
    const clients = new Map<number, string>();
    const people = new Map<string, HistoryPerson>();
    /** Where each client's clock had got to before the entry, to know which of its content the entry wrote. */
    const reached = new Map<number, number>();
    const spans: HistoryAuthors['spans'] = [];
    for (const e of entries) {
      for (const [client, end] of e.clients) {
        const from = reached.get(client) ?? 0;
        if (end > from && writes(e) && e.accountId) spans.push([client, from, end, e.accountId, e.until]);
        reached.set(client, Math.max(from, end));
      }
      if (!writes(e) || !e.accountId || !e.role) continue;
      for (const [client] of e.clients) if (!clients.has(client)) clients.set(client, e.accountId);
      if (!people.has(e.accountId)) people.set(e.accountId, { accountId: e.accountId, displayName: await nameOf(e.accountId), role: e.role });
    }
    return { clients: [...clients], spans, people: [...people.values()] };
  }

  async verify(planId: string, anchor?: string): Promise<HistoryVerification> {
    await this.flushOpen(planId);
    try {
      return verifyRecord(await this.history.read(planId), anchor);
    } catch (err) {
      // A record that does not read back at all (its checksum or format) is a break too.
      return {
        ok: false,
        entries: 0,
        firstBroken: null,
        reason: err instanceof Error ? err.message : 'the history could not be read',
        anchor: anchor === undefined ? null : { hash: anchor, seq: null },
      };
    }
  }

  /**
   * Records that `accountId` downloaded the history or a copy of the plan (after the download was put together, so
   * a history download is in the next one). Straight to the store: it changes nothing in the plan, so it need not
   * wait for the open plan's bursts.
   */
  async recordExport(planId: string, accountId: string, role: HistoryPerson['role'], record: ExportRecord): Promise<void> {
    await this.history.append(planId, [{ ...blankEntry('export', new Date().toISOString()), accountId, role, export: record }]);
  }

  /**
   * Records that `accountId` started or ended a meeting. After the open plan's bursts are written out, so the line
   * sits after the changes made before it; straight to the store, as it changes nothing in the plan.
   */
  async recordMeeting(
    planId: string,
    person: { accountId: string; role: HistoryPerson['role']; onBehalf: boolean },
    meeting: MeetingHistory,
    at: string,
  ): Promise<void> {
    await this.flushOpen(planId);
    await this.history.append(planId, [{ ...blankEntry('meeting', at), ...person, meeting }]);
  }

  /** Every entry, oldest first, with names: for a subject access request or a complaint. */
  async exportEntries(planId: string) {
    const entries = await this.entries(planId);
    const nameOf = await namer(this.accounts);
    return Promise.all(
      entries.map(async (e) => ({
        seq: e.seq,
        at: e.at,
        until: e.until,
        kind: e.kind,
        by: e.accountId ? { accountId: e.accountId, displayName: await nameOf(e.accountId), role: e.role } : null,
        onBehalf: e.onBehalf,
        sections: e.sections as SectionId[],
        addedWords: e.addedWords,
        removedWords: e.removedWords,
        addedChars: e.addedChars,
        removedChars: e.removedChars,
        version: e.version ?? null,
        agreement: e.agreement ?? null,
        restore: e.restore ?? null,
        export: e.export ?? null,
        suggestion: e.suggestion ? { ...e.suggestion, acceptedByName: await nameOf(e.suggestion.acceptedBy) } : null,
        meeting: e.meeting ?? null,
        circleChange: e.circle
          ? { ...e.circle, subjectName: e.circle.accountId ? await nameOf(e.circle.accountId) : null }
          : null,
        updates: e.updates,
        prevHash: e.prevHash,
        hash: e.hash,
      })),
    );
  }
}

const CSV_COLUMNS = ['seq', 'at', 'until', 'kind', 'by', 'role', 'onBehalf', 'sections', 'addedWords', 'removedWords', 'circleChange', 'subject', 'level', 'detail', 'contentHash', 'hash'] as const;

/** What a version, agreement, restore or download entry says, in one cell. */
function detailOf(r: Awaited<ReturnType<PlanHistories['exportEntries']>>[number]): string {
  if (r.version) return r.version.name;
  if (r.agreement) return r.agreement.reason === null ? r.agreement.kind : `${r.agreement.kind}: ${r.agreement.reason}`;
  if (r.restore) return `restored to entry ${r.restore.fromSeq}`;
  if (r.suggestion) return `suggestion accepted by ${r.suggestion.acceptedByName}${r.suggestion.onBehalf ? ' on behalf of the person' : ''}`;
  if (r.meeting) {
    const { kind, event, id, attended, decisions, actions } = r.meeting;
    const counts = event === 'ended' ? `; ${attended} attended, ${decisions} decisions, ${actions} actions` : '';
    return `${kind} meeting ${event} (meeting ${id})${counts}`;
  }
  if (r.export) return [r.export.format, r.export.lang, r.export.meetingId ? `record of meeting ${r.export.meetingId}` : '', r.export.versionSeq ? `version at entry ${r.export.versionSeq}` : '', r.export.givenTo ? `given to ${r.export.givenTo}` : ''].filter(Boolean).join('; ');
  return '';
}

/** One CSV line per entry (RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with '). */
export function historyCsv(rows: Awaited<ReturnType<PlanHistories['exportEntries']>>): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((r) =>
    [
      r.seq,
      r.at,
      r.until,
      r.kind,
      r.by?.displayName ?? '',
      r.by?.role ?? '',
      r.onBehalf,
      r.sections.join(' '),
      r.addedWords,
      r.removedWords,
      r.circleChange?.kind ?? '',
      r.circleChange?.subjectName ?? '',
      r.circleChange?.level ?? '',
      detailOf(r),
      r.version?.contentHash ?? r.agreement?.contentHash ?? '',
      r.hash,
    ]
      .map(cell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
