// Each plan's meetings in a lowdb file beside the plan's other files (small: bounded by MEETINGS_MAX, DECISIONS_MAX
// and CAPTURED_ACTIONS_MAX), read back through a schema and replaced atomically:
//
//   <dataDir>/plans/<planId>/meetings.json   every meeting: who ran and attended it, its decisions, captured actions
//
// A file that does not read back is reported (DamagedFileError, naming the file) and left exactly as it is: a change
// reads the file first, so it can never write an empty list over a damaged one. The plan itself is untouched.

import path from 'node:path';
import { z } from 'zod';
import { AGENDA, CAPTURED_ACTIONS_MAX, DECISION_MAX, DECISIONS_MAX, MEETING_KINDS, MEETINGS_MAX } from '../../../shared/meeting.js';
import { ROLES } from '../../../shared/roles.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import type { MeetingStore, StoredMeetings } from '../types.js';
import { PlanJsonFile } from './planJsonFile.js';

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

export const MEETINGS_FILE = 'meetings.json';

export class LowdbMeetingStore implements MeetingStore {
  private readonly files: PlanJsonFile<StoredMeetings>;

  constructor(plansDir: string) {
    this.files = new PlanJsonFile<StoredMeetings>(plansDir, MEETINGS_FILE, meetingsFileSchema, () => ({ meetings: [] }));
  }

  static forDataDir(dataDir: string): LowdbMeetingStore {
    return new LowdbMeetingStore(path.join(dataDir, 'plans'));
  }

  read(planId: string): Promise<StoredMeetings> {
    return this.files.read(planId);
  }

  update<T>(planId: string, change: (meetings: StoredMeetings) => T): Promise<T> {
    return this.files.update(planId, change);
  }

  close(): Promise<void> {
    return this.files.close();
  }
}
