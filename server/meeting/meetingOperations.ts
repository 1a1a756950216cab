// Named operations on a plan's meetings (issue 6's meeting mode). One member starts a meeting and runs it; everyone
// in the circle can join; the facilitator (or whoever acts for the person: the person can always take over) moves
// through the agenda, runs the timer, starts the agreement round and ends it. Every person and time is stamped here
// from the signed-in member and the server's clock, never taken from a request. After any change, everyone with the
// plan open is told (MessageType.meetingChanged) and fetches the meetings again. A meeting's start and end are lines
// of the plan's history; its record (and every download of it) is built from the meeting, the plan and the history.

import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { CopyFormat, CopyLanguage } from '../../shared/copies.js';
import {
  CAPTURED_ACTIONS_MAX,
  DECISIONS_MAX,
  MEETINGS_MAX,
  type Meeting,
  type MeetingChange,
  type MeetingKind,
  type MeetingRecord,
  type MeetingsAnswer,
} from '../../shared/meeting.js';
import { actsForPerson, can, type CircleMember } from '../../shared/permissions.js';
import { DATA_PARTS, readActions } from '../../shared/planData.js';
import type { SectionId } from '../../shared/sections.js';
import { planAccessOf } from '../circle/circleOperations.js';
import { DamagedFileError, errors } from '../errors.js';
import { docxCopy } from '../exports/docxCopy.js';
import { meetingRecordBlocks, meetingRecordTitle } from '../exports/meetingRecordCopy.js';
import { pdfCopy } from '../exports/pdfCopy.js';
import { namer, type PlanHistories } from '../history/historyOperations.js';
import type { PlanRecords } from '../history/planRecords.js';
import { planWithMember } from '../plans/planOperations.js';
import type { AccountStore, CircleStore, MeetingStore, PlanStore, StoredAuthor, StoredMeeting, StoredMeetings } from '../storage/types.js';
import { LIMITS } from '../../shared/limits.js';
import { meetingChangedMessage } from '../sync/messages.js';
import type { Rooms } from '../sync/rooms.js';
import { runTimer } from './meetingTimer.js';

export interface MeetingDependencies {
  meetings: MeetingStore;
  store: PlanStore;
  circles: CircleStore;
  accounts: AccountStore;
  rooms: Rooms;
  records: PlanRecords;
  histories: PlanHistories;
  log: Logger;
}

const newId = () => randomBytes(16).toString('base64url');
const authorOf = (member: CircleMember): StoredAuthor => ({ accountId: member.accountId, role: member.role });
const attends = (meeting: StoredMeeting, member: CircleMember) => meeting.attendees.some((a) => a.person.accountId === member.accountId);

/** What a change to one meeting did: the meeting after it, and whether anything changed (else nobody is told). */
interface Changed {
  meeting: StoredMeeting;
  changed: boolean;
}

export class PlanMeetings {
  constructor(private readonly deps: MeetingDependencies) {}

  /** GET /meetings: the meeting going on (if any), and the past ones, newest first. */
  async list(planId: string, accountId: string): Promise<MeetingsAnswer> {
    await this.memberOf(planId, accountId);
    const { meetings } = await this.read(planId);
    const present = await this.presenter();
    const current = meetings.find((m) => m.endedAt === null) ?? null;
    const past = meetings.filter((m) => m.endedAt !== null).reverse();
    return { current: current && (await present(current)), past: await Promise.all(past.map(present)) };
  }

  /** Starts a meeting with the starter as its facilitator and first attendee (refused while another goes on). */
  async start(planId: string, accountId: string, kind: MeetingKind): Promise<Meeting> {
    const { circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'runMeeting', planAccessOf(circle))) throw errors.notAllowed();
    const now = new Date().toISOString();
    const meeting: StoredMeeting = {
      id: newId(),
      kind,
      startedBy: authorOf(member),
      startedAt: now,
      endedAt: null,
      facilitator: authorOf(member),
      current: 0,
      timer: { runningSince: null, elapsedMs: 0 },
      attendees: [{ person: authorOf(member), joinedAt: now }],
      decisions: [],
      actionIds: [],
      agreementRoundAt: null,
    };
    await this.change(planId, (stored) => {
      if (stored.meetings.some((m) => m.endedAt === null)) throw errors.meetingInProgress();
      if (stored.meetings.length >= MEETINGS_MAX) throw errors.tooManyMeetings();
      stored.meetings.push(meeting);
      return { meeting, changed: true };
    });
    await this.recordInHistory(planId, member, false, meeting, 'started');
    return (await this.presenter())(meeting);
  }

  /** Any member joins; the first time only is recorded. */
  async join(planId: string, accountId: string, meetingId: string): Promise<Meeting> {
    const { member } = await this.memberOf(planId, accountId);
    return this.changeMeeting(planId, meetingId, (meeting) => {
      if (attends(meeting, member)) return false;
      meeting.attendees.push({ person: authorOf(member), joinedAt: new Date().toISOString() });
      return true;
    });
  }

  /** The facilitator (or the person) moves through the agenda and runs the timer, by the server's clock. */
  async changeCourse(planId: string, accountId: string, meetingId: string, body: MeetingChange): Promise<Meeting> {
    const { circle, member } = await this.memberOf(planId, accountId);
    const runs = (meeting: StoredMeeting) => this.requireRunning(meeting, member, circle);
    return this.changeMeeting(planId, meetingId, (meeting) => {
      if (body.current !== undefined) meeting.current = body.current;
      if (body.timer !== undefined) meeting.timer = runTimer(meeting.timer, body.timer, new Date());
      return true;
    }, runs);
  }

  /** A decision under an agenda item, written by someone attending who may comment. */
  async addDecision(planId: string, accountId: string, meetingId: string, body: { sectionId: SectionId; text: string }): Promise<Meeting> {
    const { circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'runMeeting', planAccessOf(circle))) throw errors.notAllowed();
    return this.changeMeeting(planId, meetingId, (meeting, stored) => {
      if (!attends(meeting, member)) throw errors.notAttending();
      if (meeting.decisions.length >= DECISIONS_MAX) throw errors.meetingFull();
      if (meetingChars(stored) + body.text.length > LIMITS.maxMeetingCharsPerPlan) throw errors.meetingFull();
      meeting.decisions.push({ id: newId(), sectionId: body.sectionId, text: body.text, by: authorOf(member), at: new Date().toISOString() });
      return true;
    });
  }

  /**
   * An action just added to the plan's actions (by whoever typed it: it is theirs in the plan), captured in the
   * meeting. It must be in the plan as it is now; capturing it again changes nothing.
   */
  async captureAction(planId: string, accountId: string, meetingId: string, actionId: string): Promise<Meeting> {
    const { circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'runMeeting', planAccessOf(circle))) throw errors.notAllowed();
    // A cheap look first (an unknown meeting or one that ended says so before the plan is read).
    await this.findMeeting(planId, meetingId, { open: true });
    const inPlan = await this.deps.records.withPlanDoc(planId, (doc) => planActionIds(doc.getMap(DATA_PARTS.actions.root).toJSON()).includes(actionId));
    if (!inPlan) throw errors.actionNotFound();
    return this.changeMeeting(planId, meetingId, (meeting) => {
      if (!attends(meeting, member)) throw errors.notAttending();
      if (meeting.actionIds.includes(actionId)) return false;
      if (meeting.actionIds.length >= CAPTURED_ACTIONS_MAX) throw errors.meetingFull();
      meeting.actionIds.push(actionId);
      return true;
    });
  }

  /** The facilitator (or the person) starts the agreement round at the end ("does everyone agree?"). */
  async startAgreementRound(planId: string, accountId: string, meetingId: string): Promise<Meeting> {
    const { circle, member } = await this.memberOf(planId, accountId);
    const runs = (meeting: StoredMeeting) => this.requireRunning(meeting, member, circle);
    return this.changeMeeting(planId, meetingId, (meeting) => {
      if (meeting.agreementRoundAt !== null) return false;
      meeting.agreementRoundAt = new Date().toISOString();
      return true;
    }, runs);
  }

  /** The facilitator (or whoever acts for the person) ends the meeting; the timer stops; the history says so. */
  async end(planId: string, accountId: string, meetingId: string): Promise<Meeting> {
    const { circle, member } = await this.memberOf(planId, accountId);
    let facilitator = '';
    const runs = (meeting: StoredMeeting) => this.requireRunning(meeting, member, circle);
    const ended = await this.changeMeeting(planId, meetingId, (meeting) => {
      const now = new Date();
      meeting.timer = runTimer(meeting.timer, 'stop', now);
      meeting.endedAt = now.toISOString();
      facilitator = meeting.facilitator.accountId;
      return true;
    }, runs);
    // Ending someone else's meeting as the person's plan manager is an act on their behalf.
    const onBehalf = facilitator !== member.accountId && member.planManager && member.role !== 'person';
    await this.recordInHistory(planId, member, onBehalf, ended, 'ended');
    return ended;
  }

  /** The meeting's record: the meeting, its actions as the plan has them now, and the agreements given during it. */
  async record(planId: string, accountId: string, meetingId: string): Promise<MeetingRecord> {
    await this.memberOf(planId, accountId);
    const found = await this.findMeeting(planId, meetingId);
    const meeting = await (await this.presenter())(found);
    const planActions = await this.deps.records.withPlanDoc(planId, (doc) => readActions(doc.getMap(DATA_PARTS.actions.root).toJSON()));
    const byId = new Map(planActions.map((a) => [a.id, a]));
    // An action taken out of the plan since is left out: the record shows the plan's actions, not old copies of them.
    const actions = found.actionIds.flatMap((id) => {
      const action = byId.get(id);
      return action ? [{ id, what: action.what, who: action.who, byWhen: action.byWhen, done: action.done }] : [];
    });
    const until = found.endedAt ? new Date(found.endedAt) : new Date();
    const agreements = await this.deps.records.statementsBetween(planId, new Date(found.startedAt), until);
    return { meeting, actions, agreements };
  }

  /** The record as a PDF or Word file, recorded in the plan's history as a download once it is made. */
  async recordFile(planId: string, accountId: string, meetingId: string, format: CopyFormat, language: CopyLanguage) {
    const { plan, circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'exportPlan', planAccessOf(circle))) throw errors.notAllowed();
    const record = await this.record(planId, accountId, meetingId);
    const blocks = meetingRecordBlocks({ record, planTitle: plan.title, language, madeAt: new Date() });
    const title = meetingRecordTitle(plan.title, language);
    const file = format === 'pdf' ? await pdfCopy(blocks, language, title) : await docxCopy(blocks, language, title);
    await this.deps.histories.recordExport(planId, member.accountId, member.role, { format, lang: language, meetingId });
    return { file, title };
  }

  /** The facilitator, or whoever acts for the person, with rights to run a meeting; else 403 notFacilitator. */
  private requireRunning(meeting: StoredMeeting, member: CircleMember, circle: Parameters<typeof planAccessOf>[0]): void {
    const runs = meeting.facilitator.accountId === member.accountId || actsForPerson(member);
    if (!runs || !can(member, 'runMeeting', planAccessOf(circle))) throw errors.notFacilitator();
  }

  /**
   * One change to one meeting going on: 404 meetingNotFound; then `allowed` (who may make it), so someone who may not
   * is told that even of an ended meeting; then 409 meetingEnded. `change` says whether it changed anything.
   */
  private async changeMeeting(
    planId: string,
    meetingId: string,
    change: (meeting: StoredMeeting, stored: StoredMeetings) => boolean,
    allowed: (meeting: StoredMeeting) => void = () => {},
  ): Promise<Meeting> {
    const { meeting } = await this.change(planId, (stored) => {
      const found = stored.meetings.find((m) => m.id === meetingId);
      if (!found) throw errors.meetingNotFound();
      allowed(found);
      if (found.endedAt !== null) throw errors.meetingEnded();
      return { meeting: found, changed: change(found, stored) };
    });
    return (await this.presenter())(meeting);
  }

  private async findMeeting(planId: string, meetingId: string, options: { open?: boolean } = {}): Promise<StoredMeeting> {
    const found = (await this.read(planId)).meetings.find((m) => m.id === meetingId);
    if (!found) throw errors.meetingNotFound();
    if (options.open && found.endedAt !== null) throw errors.meetingEnded();
    return found;
  }

  private async recordInHistory(planId: string, member: CircleMember, onBehalf: boolean, meeting: StoredMeeting | Meeting, event: 'started' | 'ended') {
    const at = event === 'started' ? meeting.startedAt : (meeting.endedAt ?? new Date().toISOString());
    const counts = { attended: meeting.attendees.length, decisions: meeting.decisions.length, actions: meeting.actionIds.length };
    try {
      await this.deps.histories.recordMeeting(planId, { accountId: member.accountId, role: member.role, onBehalf }, { id: meeting.id, kind: meeting.kind, event, ...counts }, at);
    } catch (err) {
      // The meeting itself is kept (its own file); only its line in the timeline is missing. Say so in the log.
      this.deps.log.error({ planId, meetingId: meeting.id, event, err }, 'a meeting was recorded but its history entry could not be written');
    }
  }

  private memberOf(planId: string, accountId: string) {
    return planWithMember(this.deps.store, this.deps.circles, planId, accountId);
  }

  private async read(planId: string): Promise<StoredMeetings> {
    try {
      return await this.deps.meetings.read(planId);
    } catch (err) {
      throw err instanceof DamagedFileError ? errors.meetingsDamaged() : err;
    }
  }

  /** One change to the plan's meetings, on disk; then, if it changed anything, everyone with the plan open is told. */
  private async change(planId: string, change: (meetings: StoredMeetings) => Changed): Promise<Changed> {
    let result: Changed;
    try {
      result = await this.deps.meetings.update(planId, change);
    } catch (err) {
      throw err instanceof DamagedFileError ? errors.meetingsDamaged() : err;
    }
    if (result.changed) this.deps.rooms.openRoom(planId)?.broadcast(meetingChangedMessage());
    return result;
  }

  /** A stored meeting as the API gives it: each person with their name as it is now. */
  private async presenter(): Promise<(m: StoredMeeting) => Promise<Meeting>> {
    const nameOf = await namer(this.deps.accounts);
    const person = async (a: StoredAuthor) => ({ accountId: a.accountId, displayName: await nameOf(a.accountId), role: a.role });
    return async (m) => ({
      id: m.id,
      kind: m.kind,
      startedBy: await person(m.startedBy),
      startedAt: m.startedAt,
      endedAt: m.endedAt,
      facilitator: await person(m.facilitator),
      current: m.current,
      timer: { ...m.timer },
      attendees: await Promise.all(m.attendees.map(async (a) => ({ person: await person(a.person), joinedAt: a.joinedAt }))),
      decisions: await Promise.all(m.decisions.map(async (d) => ({ id: d.id, sectionId: d.sectionId, text: d.text, by: await person(d.by), at: d.at }))),
      actionIds: [...m.actionIds],
      agreementRoundAt: m.agreementRoundAt,
    });
  }
}

/** The ids the plan's actions really carry (not the places readActions gives lines that have none). */
/** The characters kept in a plan's meeting records (their decisions' words). */
export function meetingChars(stored: StoredMeetings): number {
  return stored.meetings.reduce((n, m) => n + m.decisions.reduce((k, d) => k + d.text.length, 0), 0);
}

export function planActionIds(actionsPart: Record<string, unknown>): string[] {
  const list = actionsPart.list;
  if (!Array.isArray(list)) return [];
  return list.flatMap((line: unknown) => {
    const id = (line as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
}
