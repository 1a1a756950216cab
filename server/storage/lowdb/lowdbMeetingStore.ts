// Each plan's meetings in a lowdb file beside the plan's other files (small: bounded by MEETINGS_MAX, DECISIONS_MAX
// and CAPTURED_ACTIONS_MAX), read back through a schema and replaced atomically:
//
//   <dataDir>/plans/<planId>/meetings.json   every meeting: who ran and attended it, its decisions, captured actions
//
// A file that does not read back is reported (DamagedFileError, naming the file) and left exactly as it is: a change
// reads the file first, so it can never write an empty list over a damaged one. The plan itself is untouched.

import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { AGENDA, CAPTURED_ACTIONS_MAX, DECISION_MAX, DECISIONS_MAX, MEETING_KINDS, MEETINGS_MAX } from '../../../shared/meeting.js';
import { ROLES } from '../../../shared/roles.js';
import { PLAN_ID_PATTERN } from '../../../shared/schemas.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import type { MeetingStore, StoredMeetings } from '../types.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/);
const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const author = z.strictObject({ accountId: z.string().min(1), role: z.enum(ROLES) });
const at = z.iso.datetime();

const decisionSchema = z.strictObject({ id, sectionId, text: z.string().max(DECISION_MAX), by: author, at });

const meetingSchema = z.strictObject({
  id,
  kind: z.enum(MEETING_KINDS),
  startedBy: author,
  startedAt: at,
  endedAt: at.nullable(),
  facilitator: author,
  current: z.number().int().min(0).max(AGENDA.length - 1),
  timer: z.strictObject({ runningSince: at.nullable(), elapsedMs: z.number().int().nonnegative() }),
  attendees: z.array(z.strictObject({ person: author, joinedAt: at })),
  decisions: z.array(decisionSchema).max(DECISIONS_MAX),
  actionIds: z.array(z.string().min(1).max(64)).max(CAPTURED_ACTIONS_MAX),
  agreementRoundAt: at.nullable(),
});

const meetingsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  meetings: z.array(meetingSchema).max(MEETINGS_MAX),
});
type MeetingsFile = z.infer<typeof meetingsFileSchema>;

export const MEETINGS_FILE = 'meetings.json';

const empty = (): MeetingsFile => ({ schemaVersion: 1, meetings: [] });

export class LowdbMeetingStore implements MeetingStore {
  /** Reads and changes of each plan's file, one at a time, in order. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly plansDir: string) {}

  static forDataDir(dataDir: string): LowdbMeetingStore {
    return new LowdbMeetingStore(path.join(dataDir, 'plans'));
  }

  read(planId: string): Promise<StoredMeetings> {
    return this.inOrder(planId, async () => ({ meetings: (await this.open(planId)).data.meetings }));
  }

  update<T>(planId: string, change: (meetings: StoredMeetings) => T): Promise<T> {
    return this.inOrder(planId, async () => {
      // Read first: a damaged file stops here, before anything could be written over it.
      const db = await this.open(planId);
      const meetings: StoredMeetings = structuredClone({ meetings: db.data.meetings });
      const result = change(meetings); // throws before anything is written
      db.data = { schemaVersion: 1, ...meetings };
      await db.write();
      return result;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  private async open(planId: string): Promise<Low<MeetingsFile>> {
    // The id becomes part of a path: only ever a plan id.
    if (!PLAN_ID_PATTERN.test(planId)) throw new Error(`not a plan id: ${JSON.stringify(planId)}`);
    const db = new Low<MeetingsFile>(new ValidatedJsonFile(path.join(this.plansDir, planId, MEETINGS_FILE), meetingsFileSchema), empty());
    await db.read();
    return db;
  }

  private inOrder<T>(planId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(planId) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => {});
    this.queues.set(planId, settled);
    void settled.then(() => {
      if (this.queues.get(planId) === settled) this.queues.delete(planId);
    });
    return next;
  }
}
