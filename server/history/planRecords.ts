// Named operations on versions, comparisons, restores and agreements. Each rests on the plan's history: a version
// or an agreement is an entry recorded through the open plan's recorder, in the same moment as the content hash is
// taken from the live document, so the entry names exactly what the plan said then; a restore is a change applied
// to the live plan for the member who asked, checked like their own typing; a comparison replays the history.

import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { HistoryPerson } from '../../shared/history.js';
import { can, type CircleMember } from '../../shared/permissions.js';
import { DATA_PARTS, dueReview, readReviews } from '../../shared/planData.js';
import { SECTION_IDS, type SectionId } from '../../shared/sections.js';
import type {
  AgreementRequest,
  AgreementStatement,
  AgreementView,
  CompareQuery,
  PlanComparison,
  RestoreRequest,
  RestoreResult,
  Version,
  VersionList,
} from '../../shared/versions.js';
import { planAccessOf, requireMember } from '../circle/circleOperations.js';
import { DamagedFileError, errors } from '../errors.js';
import type { Room } from '../sync/room.js';
import type { Rooms } from '../sync/rooms.js';
import { recordChangedMessage } from '../sync/messages.js';
import { applyRestore, freshClientId } from '../sync/serverChange.js';
import type { AccountStore, CircleStore, NewHistoryEntry, PlanStore, StoredHistoryEntry } from '../storage/types.js';
import { comparePoints } from './compare.js';
import { namer, rebuildAt, type PlanHistories } from './historyOperations.js';
import { planContentHash, sectionContent } from './planContent.js';
import { blankEntry } from './recorder.js';
import { restoreSection } from './restoreSection.js';

export interface PlanRecordDependencies {
  rooms: Rooms;
  store: PlanStore;
  circles: CircleStore;
  accounts: AccountStore;
  histories: PlanHistories;
  log: Logger;
}

export class PlanRecords {
  constructor(private readonly deps: PlanRecordDependencies) {}

  /** The plan's open room for the length of `work` (loading it if nobody has it open). */
  private async withRoom<T>(planId: string, work: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.deps.rooms.acquire(planId);
    try {
      return await work(room);
    } finally {
      this.deps.rooms.release(room);
    }
  }

  /** The hash of what the plan says now. */
  private currentHash(planId: string): Promise<string> {
    return this.withPlanDoc(planId, planContentHash);
  }

  /** `use` given the plan as it is now: the open plan's document, or else one rebuilt from its saved copy. */
  async withPlanDoc<T>(planId: string, use: (doc: Y.Doc) => T): Promise<T> {
    await this.deps.rooms.settled(planId);
    const open = this.deps.rooms.openRoom(planId);
    if (open) return use(open.doc);
    const updates = await this.deps.store.readDocument(planId);
    const doc = new Y.Doc({ gc: false });
    try {
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      return use(doc);
    } finally {
      doc.destroy();
    }
  }

  /** A structured part of the plan as it is now (JSON). */
  partJson(planId: string, root: string): Promise<Record<string, unknown>> {
    return this.withPlanDoc(planId, (doc) => doc.getMap(root).toJSON() as Record<string, unknown>);
  }

  /** When the plan is next due a review, from its review dates. */
  async nextReview(planId: string): Promise<string | null> {
    return dueReview(readReviews(await this.partJson(planId, DATA_PARTS.reviews.root)));
  }

  /** Records `entry` after everything the open plan has taken so far; tells everyone in the plan. */
  private async record(room: Room, entry: NewHistoryEntry): Promise<StoredHistoryEntry> {
    // A failed plan's document is not trusted (nor saved): the hash just taken may not be what the plan says.
    if (room.failed || !this.deps.rooms.recordsHistory) throw errors.recordNotWritten();
    let stored: StoredHistoryEntry;
    try {
      stored = await room.history.record(entry);
    } catch (err) {
      this.deps.log.error({ planId: room.planId, err }, 'could not record a version or agreement');
      throw err instanceof DamagedFileError ? errors.historyDamaged() : errors.recordNotWritten();
    }
    room.broadcast(recordChangedMessage());
    return stored;
  }

  private async person(accountId: string, role: HistoryPerson['role']): Promise<HistoryPerson> {
    const account = await this.deps.accounts.getAccount(accountId);
    return { accountId, displayName: account?.displayName ?? '', role };
  }

  async listVersions(planId: string): Promise<VersionList> {
    const entries = await this.deps.histories.all(planId);
    const currentHash = await this.currentHash(planId);
    const nameOf = await namer(this.deps.accounts);
    const versions: Version[] = [];
    for (const e of [...entries].reverse()) {
      if (!e.version) continue;
      versions.push(await toVersion(e, currentHash, nameOf));
    }
    return { versions, currentHash };
  }

  async saveVersion(planId: string, member: CircleMember, name: string): Promise<Version> {
    return this.withRoom(planId, async (room) => {
      // Hash and entry in the same moment: the entry comes after every change the document has taken.
      const contentHash = planContentHash(room.doc);
      const stored = await this.record(room, {
        ...blankEntry('version', new Date().toISOString()),
        accountId: member.accountId,
        role: member.role,
        version: { name, contentHash },
      });
      return toVersion(stored, contentHash, await namer(this.deps.accounts));
    });
  }

  async compare(planId: string, query: CompareQuery): Promise<PlanComparison> {
    const entries = await this.deps.histories.all(planId);
    const toSeq = query.to ?? entries.length;
    if (query.from > entries.length || toSeq > entries.length || toSeq < 1) throw errors.historyEntryNotFound();
    // Always from the earlier point to the later one.
    const [fromSeq, laterSeq] = query.from <= toSeq ? [query.from, toSeq] : [toSeq, query.from];
    const { sections, accountIds } = comparePoints(entries, fromSeq, laterSeq);
    const people: HistoryPerson[] = [];
    const roles = new Map<string, HistoryPerson['role']>();
    for (const e of entries) if (e.accountId && e.role) roles.set(e.accountId, e.role);
    for (const accountId of accountIds) people.push(await this.person(accountId, roles.get(accountId) ?? 'family'));
    const point = (seq: number) => ({ seq, at: entries[seq - 1]!.until, versionName: entries[seq - 1]!.version?.name ?? null });
    return { from: point(fromSeq), to: point(laterSeq), toNow: laterSeq === entries.length, sections, people };
  }

  /**
   * Makes a section, or every section, read as it did just after entry `seq`: a new change by `accountId`, refused
   * whole if it would change a section they may not edit. Sections that already read the same are left alone.
   */
  async restore(planId: string, accountId: string, request: RestoreRequest): Promise<RestoreResult> {
    return this.withRoom(planId, async (room) => {
      const entries = await this.deps.histories.all(planId);
      if (request.seq > entries.length) throw errors.historyEntryNotFound();
      const circle = await this.deps.circles.getCircle(planId);
      const member = requireMember(circle, accountId);
      if (room.failed || !this.deps.rooms.recordsHistory) throw errors.recordNotWritten();
      const then = rebuildAt(entries, request.seq);
      const working = new Y.Doc({ gc: false });
      try {
        // From here to applying the change nothing waits, so the plan cannot change under it.
        const wanted: readonly SectionId[] = request.sectionId ? [request.sectionId] : SECTION_IDS;
        const differing = wanted.filter((id) => sectionContent(then, id) !== sectionContent(room.doc, id));
        if (differing.length === 0) return { restored: [], seq: null };
        const plan = planAccessOf(circle);
        if (differing.some((id) => !can(member, 'editSection', plan, id))) throw errors.sectionNotYours();
        Y.applyUpdate(working, Y.encodeStateAsUpdate(room.doc));
        working.clientID = freshClientId(room.doc);
        const before = Y.encodeStateVector(working);
        working.transact(() => {
          // Its words and its structured parts (the budget…), each where it differs.
          for (const id of differing) restoreSection(working, then, id);
        });
        const update = Y.encodeStateAsUpdate(working, before);
        const { recorded } = applyRestore(room, member, plan, update, request.seq);
        const stored = await recorded?.catch((err: unknown) => {
          // The plan has changed; its entry stays queued and is retried (see HistoryRecorder).
          this.deps.log.error({ planId, err }, 'a restore was applied but its history entry is not written yet');
          return null;
        });
        return { restored: differing, seq: stored?.seq ?? null };
      } finally {
        then.destroy();
        working.destroy();
      }
    });
  }

  /**
   * Who has agreed, disagreed or signed off, and who has not said yet. `asOf` gives it as it stood at a saved point
   * (for a copy of a version): statements recorded up to that entry, "current" when given for that point's content.
   */
  async agreementView(planId: string, asOf?: { seq: number; contentHash: string }): Promise<AgreementView> {
    const all = await this.deps.histories.all(planId);
    const entries = asOf ? all.slice(0, asOf.seq) : all;
    const currentHash = asOf?.contentHash ?? (await this.currentHash(planId));
    const circle = await this.deps.circles.getCircle(planId);
    const nameOf = await namer(this.deps.accounts);
    const latest = new Map<string, StoredHistoryEntry>();
    let signOff: StoredHistoryEntry | null = null;
    const inCircle = new Set(circle.members.map((m) => m.accountId));
    for (const e of entries) {
      if (!e.agreement || !e.accountId) continue;
      // The council's sign-off stands when the social worker who recorded it leaves; a member's own statement is
      // shown while they are in the circle (the history keeps every one).
      if (e.agreement.kind === 'signOff') signOff = e;
      else if (inCircle.has(e.accountId)) latest.set(e.accountId, e);
    }
    const statement = (e: StoredHistoryEntry) => toStatement(e, entries, currentHash, nameOf);
    const ordered = [...latest.values()].sort((a, b) => Number(b.role === 'person') - Number(a.role === 'person') || a.seq - b.seq);
    const notYet: HistoryPerson[] = [];
    for (const m of circle.members) {
      if (!latest.has(m.accountId)) notYet.push({ accountId: m.accountId, displayName: await nameOf(m.accountId), role: m.role });
    }
    return {
      currentHash,
      statements: await Promise.all(ordered.map(statement)),
      signOff: signOff ? await statement(signOff) : null,
      notYet,
    };
  }

  /**
   * Every agreement, disagreement and sign-off given from `from` to `to` (inclusive), oldest first: for the record of
   * a meeting. "Current" as for the agreement view: given for what the plan says now.
   */
  async statementsBetween(planId: string, from: Date, to: Date): Promise<AgreementStatement[]> {
    const entries = await this.deps.histories.all(planId);
    const currentHash = await this.currentHash(planId);
    const nameOf = await namer(this.deps.accounts);
    const within = (e: StoredHistoryEntry) => Date.parse(e.at) >= from.getTime() && Date.parse(e.at) <= to.getTime();
    const given = entries.filter((e) => e.agreement && e.accountId && e.role && within(e));
    return Promise.all(given.map((e) => toStatement(e, entries, currentHash, nameOf)));
  }

  async recordAgreement(planId: string, accountId: string, request: AgreementRequest): Promise<AgreementStatement> {
    const circle = await this.deps.circles.getCircle(planId);
    const member = requireMember(circle, accountId);
    if (!can(member, request.kind === 'signOff' ? 'recordCouncilSignOff' : 'recordAgreement', planAccessOf(circle))) throw errors.notAllowed();
    return this.withRoom(planId, async (room) => {
      const contentHash = planContentHash(room.doc);
      const reason = request.kind === 'disagree' ? request.reason : request.kind === 'signOff' ? (request.note || null) : null;
      const stored = await this.record(room, {
        ...blankEntry('agreement', new Date().toISOString()),
        accountId: member.accountId,
        role: member.role,
        agreement: { kind: request.kind, reason, contentHash },
      });
      const entries = await this.deps.histories.all(planId);
      return toStatement(stored, entries, contentHash, await namer(this.deps.accounts));
    });
  }
}

async function toVersion(e: StoredHistoryEntry, currentHash: string, nameOf: (id: string) => Promise<string>): Promise<Version> {
  const { name, contentHash } = e.version!;
  return {
    seq: e.seq,
    name,
    at: e.at,
    by: e.accountId && e.role ? { accountId: e.accountId, displayName: await nameOf(e.accountId), role: e.role } : null,
    contentHash,
    current: contentHash === currentHash,
    recordHash: e.hash,
  };
}

async function toStatement(
  e: StoredHistoryEntry,
  entries: readonly StoredHistoryEntry[],
  currentHash: string,
  nameOf: (id: string) => Promise<string>,
): Promise<AgreementStatement> {
  const { kind, reason, contentHash } = e.agreement!;
  // The version with exactly this content: the latest saved before the statement, or else any.
  const versions = entries.filter((v) => v.version?.contentHash === contentHash);
  const version = versions.filter((v) => v.seq < e.seq).at(-1) ?? versions.at(-1);
  return {
    seq: e.seq,
    kind,
    by: { accountId: e.accountId!, displayName: await nameOf(e.accountId!), role: e.role! },
    reason,
    at: e.at,
    contentHash,
    current: contentHash === currentHash,
    versionName: version?.version?.name ?? null,
    recordHash: e.hash,
  };
}
