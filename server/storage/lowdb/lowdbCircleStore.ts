// Plans' circles in one lowdb file (small, and changed only when someone joins or a right changes). A file that
// does not read back stops the server with a clear message rather than leaving every plan without its circle.
//
//   <dataDir>/circles.json   per plan: members, sections opened by the person, invitations, the record of changes

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { LEVELS } from '../../../shared/permissions.js';
import { ROLES } from '../../../shared/roles.js';
import { PLAN_ID_PATTERN } from '../../../shared/schemas.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import { CIRCLE_CHANGE_KINDS, type CircleStore, type StoredCircle } from '../types.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const memberSchema = z.strictObject({
  accountId: z.string().min(1),
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  planManager: z.boolean(),
  addedAt: z.iso.datetime(),
  addedBy: z.string().min(1),
});

const invitationSchema = z.strictObject({
  id: z.string().min(1),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  createdBy: z.string().min(1),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedBy: z.string().min(1).optional(),
  acceptedAt: z.iso.datetime().optional(),
  withdrawnBy: z.string().min(1).optional(),
  withdrawnAt: z.iso.datetime().optional(),
});

/** One entry of a circle's record of changes (also kept in the plan's history: journalHistoryStore.ts). */
export const circleChangeSchema = z.strictObject({
  at: z.iso.datetime(),
  by: z.string().min(1),
  kind: z.enum(CIRCLE_CHANGE_KINDS),
  onBehalf: z.boolean().optional(),
  accountId: z.string().min(1).optional(),
  invitationId: z.string().min(1).optional(),
  role: z.enum(ROLES).optional(),
  level: z.enum(LEVELS).optional(),
  sectionId: z.enum(SECTION_IDS as [SectionId, ...SectionId[]]).optional(),
});

const circlesFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  circles: z.record(
    z.string().regex(PLAN_ID_PATTERN),
    z.strictObject({
      members: z.array(memberSchema),
      openSections: z.array(z.enum(SECTION_IDS as [SectionId, ...SectionId[]])),
      invitations: z.array(invitationSchema),
      changes: z.array(circleChangeSchema),
    }),
  ),
});
type CirclesFile = z.infer<typeof circlesFileSchema>;

const emptyCircle = (): StoredCircle => ({ members: [], openSections: [], invitations: [], changes: [] });

export class LowdbCircleStore implements CircleStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<CirclesFile>) {}

  /** Throws DamagedFileError (naming the file) if it does not read back. */
  static async open(dataDir: string): Promise<LowdbCircleStore> {
    await mkdir(dataDir, { recursive: true });
    const db = new Low<CirclesFile>(new ValidatedJsonFile(path.join(dataDir, 'circles.json'), circlesFileSchema), {
      schemaVersion: 1,
      circles: {},
    });
    await db.read();
    return new LowdbCircleStore(db);
  }

  async getCircle(planId: string): Promise<StoredCircle> {
    return structuredClone(this.db.data.circles[planId] ?? emptyCircle());
  }

  update<T>(planId: string, change: (circle: StoredCircle) => T): Promise<T> {
    const next = this.queue.then(async () => {
      const before = this.db.data.circles[planId];
      const circle = structuredClone(before ?? emptyCircle());
      const result = change(circle); // throws before anything is written
      this.db.data.circles[planId] = circle;
      try {
        await this.db.write();
      } catch (err) {
        // Memory never runs ahead of the disk.
        if (before) this.db.data.circles[planId] = before;
        else delete this.db.data.circles[planId];
        throw err;
      }
      return result;
    });
    this.queue = next.catch(() => {});
    return next;
  }

  async findInvitation(tokenHash: string) {
    for (const [planId, circle] of Object.entries(this.db.data.circles)) {
      const invitation = circle.invitations.find((i) => i.tokenHash === tokenHash);
      if (invitation) return { planId, invitation: structuredClone(invitation) };
    }
    return null;
  }

  async plansOf(accountId: string) {
    return Object.entries(this.db.data.circles).flatMap(([planId, circle]) =>
      circle.members.filter((m) => m.accountId === accountId).map((member) => ({ planId, member: { ...member } })),
    );
  }

  async close(): Promise<void> {
    await this.queue;
  }
}
