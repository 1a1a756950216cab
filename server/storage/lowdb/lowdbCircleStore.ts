// Plans' circles in one lowdb file (small, and changed only when someone joins or a right changes). A file that
// does not read back stops the server with a clear message rather than leaving every plan without its circle.
//
//   <dataDir>/circles.json   per plan: members, sections opened by the person, and the record of changes

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { LEVELS } from '../../../shared/permissions.js';
import { ROLES } from '../../../shared/roles.js';
import { PLAN_ID_PATTERN } from '../../../shared/schemas.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import type { CircleStore, StoredCircle } from '../types.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const memberSchema = z.strictObject({
  accountId: z.string().min(1),
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  planManager: z.boolean(),
  addedAt: z.iso.datetime(),
  addedBy: z.string().min(1),
});

const circlesFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  circles: z.record(
    z.string().regex(PLAN_ID_PATTERN),
    z.strictObject({
      members: z.array(memberSchema),
      openSections: z.array(z.enum(SECTION_IDS as [SectionId, ...SectionId[]])),
      changes: z.array(
        z.strictObject({
          at: z.iso.datetime(),
          by: z.string().min(1),
          kind: z.literal('memberAdded'),
          accountId: z.string().min(1),
          role: z.enum(ROLES),
          level: z.enum(LEVELS),
        }),
      ),
    }),
  ),
});
type CirclesFile = z.infer<typeof circlesFileSchema>;

const emptyCircle = (): StoredCircle => ({ members: [], openSections: [], changes: [] });

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

  addMember(planId: string, member: StoredCircle['members'][number]): Promise<void> {
    return this.write(async () => {
      const before = this.db.data.circles[planId];
      const circle = structuredClone(before ?? emptyCircle());
      this.db.data.circles[planId] = circle;
      circle.members = [...circle.members.filter((m) => m.accountId !== member.accountId), member];
      circle.changes.push({
        at: member.addedAt,
        by: member.addedBy,
        kind: 'memberAdded',
        accountId: member.accountId,
        role: member.role,
        level: member.level,
      });
      try {
        await this.db.write();
      } catch (err) {
        // Memory never runs ahead of the disk.
        if (before) this.db.data.circles[planId] = before;
        else delete this.db.data.circles[planId];
        throw err;
      }
    });
  }

  async plansOf(accountId: string) {
    return Object.entries(this.db.data.circles).flatMap(([planId, circle]) =>
      circle.members.filter((m) => m.accountId === accountId).map((member) => ({ planId, member: { ...member } })),
    );
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private write(change: () => Promise<void>): Promise<void> {
    const next = this.queue.then(change);
    this.queue = next.catch(() => {});
    return next;
  }
}
