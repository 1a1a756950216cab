// One small JSON file per plan (<plansDir>/<planId>/<fileName>), read through a schema and replaced atomically, with
// reads and changes of each plan's file one at a time, in order. A change reads the file first, so a damaged file
// (DamagedFileError, naming it) stops the change before anything could be written over it. The stores of comments
// and of meetings are each one of these.

import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { PLAN_ID_PATTERN } from '../../../shared/schemas.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

type FileOf<C> = { schemaVersion: 1 } & C;

export class PlanJsonFile<C extends object> {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly plansDir: string,
    private readonly fileName: string,
    private readonly schema: z.ZodType<FileOf<C>>,
    private readonly empty: () => C,
  ) {}

  /** The plan's content (empty when the file does not exist yet). */
  read(planId: string): Promise<C> {
    return this.inOrder(planId, async () => withoutVersion((await this.open(planId)).data));
  }

  /** Change the plan's content as one step: `change` works on a copy; if it throws, nothing is written. */
  update<T>(planId: string, change: (content: C) => T): Promise<T> {
    return this.inOrder(planId, async () => {
      const db = await this.open(planId);
      const content = structuredClone(withoutVersion(db.data));
      const result = change(content); // throws before anything is written
      db.data = { schemaVersion: 1, ...content };
      await db.write();
      return result;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  private async open(planId: string): Promise<Low<FileOf<C>>> {
    // The id becomes part of a path: only ever a plan id.
    if (!PLAN_ID_PATTERN.test(planId)) throw new Error(`not a plan id: ${JSON.stringify(planId)}`);
    const file = new ValidatedJsonFile(path.join(this.plansDir, planId, this.fileName), this.schema);
    const db = new Low<FileOf<C>>(file, { schemaVersion: 1, ...this.empty() });
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

function withoutVersion<C extends object>(data: FileOf<C>): C {
  const { schemaVersion: _version, ...content } = data;
  return content as unknown as C;
}
