// The embedded store: one folder per plan, so one plan's writes never touch another's. lowdb keeps the JSON
// files (validated on every read, replaced atomically on every write); saved batches go to an append-only journal.
//
//   <dataDir>/plans/<planId>/meta.json      plan metadata (written last on create: a plan exists iff this does)
//   <dataDir>/plans/<planId>/state.json     the compacted document (rewritten only when compacting)
//   <dataDir>/plans/<planId>/updates.log    batches saved since the last compaction (journal.ts)
//   <dataDir>/plans/<planId>/damaged.json   present when the plan was set aside; the plan will not open
//   <dataDir>/plans/<planId>/set-aside/     damaged files, kept for whoever restores the plan

import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { Low } from 'lowdb';
import { z } from 'zod';
import { PLAN_ID_PATTERN, planMetaSchema, type PlanMeta } from '../../../shared/schemas.js';
import { DamagedFileError, errors } from '../../errors.js';
import { syncDirectory, writeFileAtomic } from '../atomicFile.js';
import { fromBase64, toBase64 } from '../base64.js';
import type { PlanStore } from '../types.js';
import { Journal, readJournal } from './journal.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const stateFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  state: z.base64().nullable(),
  compactedAt: z.iso.datetime().nullable(),
});
type StateFile = z.infer<typeof stateFileSchema>;

const FILES = { meta: 'meta.json', state: 'state.json', journal: 'updates.log', damaged: 'damaged.json' } as const;

/** Leftovers of an atomic write that a crash interrupted (see atomicFile.ts); the live file was never replaced. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

export class LowdbPlanStore implements PlanStore {
  /** The open journal of each plan whose document is live. */
  private readonly journals = new Map<string, Journal>();

  private constructor(
    private readonly plansDir: string,
    private readonly log: Logger,
  ) {}

  static async open(dataDir: string, log: Logger): Promise<LowdbPlanStore> {
    const plansDir = path.join(dataDir, 'plans');
    await mkdir(plansDir, { recursive: true });
    return new LowdbPlanStore(plansDir, log);
  }

  async createPlan(meta: PlanMeta): Promise<void> {
    const dir = this.planDir(meta.id);
    await mkdir(dir); // not recursive: fails if the id is taken
    await Journal.create(path.join(dir, FILES.journal));
    await this.stateDb(meta.id, null).write();
    await new Low<PlanMeta>(new ValidatedJsonFile(path.join(dir, FILES.meta), planMetaSchema), meta).write();
    await syncDirectory(this.plansDir);
  }

  async getPlanMeta(planId: string): Promise<PlanMeta | null> {
    const dir = this.planDir(planId);
    await this.refuseIfSetAside(planId);
    return this.guard(planId, () => new ValidatedJsonFile(path.join(dir, FILES.meta), planMetaSchema).read());
  }

  async loadDocument(planId: string): Promise<Uint8Array[]> {
    await this.refuseIfSetAside(planId);
    await this.release(planId);
    return this.guard(planId, async () => {
      const state = await new ValidatedJsonFile(this.file(planId, FILES.state), stateFileSchema).read();
      if (state === null) throw new DamagedFileError(this.file(planId, FILES.state), 'missing');
      await this.removeTempFiles(planId);
      const { journal, contents } = await this.openJournal(planId);
      this.journals.set(planId, journal);
      if (contents.tornBytes > 0) {
        this.log.warn({ planId, bytes: contents.tornBytes }, 'cut off a half-written last batch (it was never reported saved)');
      }
      return state.state === null ? contents.updates : [fromBase64(state.state), ...contents.updates];
    });
  }

  async readDocument(planId: string): Promise<Uint8Array[]> {
    await this.refuseIfSetAside(planId);
    return this.guard(planId, async () => {
      const state = await new ValidatedJsonFile(this.file(planId, FILES.state), stateFileSchema).read();
      if (state === null) throw new DamagedFileError(this.file(planId, FILES.state), 'missing');
      const file = this.file(planId, FILES.journal);
      const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') throw new DamagedFileError(file, 'missing');
        throw err;
      });
      // A half-written last batch is left for the plan's next load to cut off; it was never reported saved.
      const { updates } = readJournal(bytes, file);
      return state.state === null ? updates : [fromBase64(state.state), ...updates];
    });
  }

  async appendUpdates(planId: string, updates: readonly Uint8Array[]): Promise<void> {
    const journal = await this.liveJournal(planId);
    await journal.append(updates);
  }

  async compact(planId: string, state: Uint8Array): Promise<void> {
    // State first: if we stop between the two writes, the journal's updates are already in the state, and applying
    // a Yjs update twice changes nothing.
    const journal = await this.liveJournal(planId);
    await this.stateDb(planId, toBase64(state)).write();
    await journal.reset();
  }

  async setAside(planId: string, reason: string, damagedFile?: string): Promise<void> {
    await this.release(planId);
    const dir = this.planDir(planId);
    const asideDir = path.join(dir, 'set-aside', new Date().toISOString().replace(/[:.]/g, '-'));
    const names = [FILES.meta, FILES.state, FILES.journal];
    // The marker first: whatever happens next, the plan now refuses to open rather than look missing or empty.
    const kept = names.map((name) => path.relative(dir, path.join(asideDir, name)));
    await writeFileAtomic(path.join(dir, FILES.damaged), JSON.stringify({ reason, at: new Date().toISOString(), kept }));
    await mkdir(asideDir, { recursive: true });
    for (const name of names) {
      const from = path.join(dir, name);
      if (!(await exists(from))) continue;
      // The damaged file is moved out of the way; the others are copied so the set-aside folder is complete.
      if (damagedFile === from) await rename(from, path.join(asideDir, name));
      else await copyFile(from, path.join(asideDir, name));
    }
    await syncDirectory(asideDir);
    await syncDirectory(dir);
    this.log.error({ planId, reason, setAside: asideDir }, 'plan set aside: its stored files are damaged');
  }

  async release(planId: string): Promise<void> {
    const journal = this.journals.get(planId);
    if (!journal) return;
    this.journals.delete(planId);
    await journal.close();
  }

  async close(): Promise<void> {
    const open = [...this.journals.values()];
    this.journals.clear();
    await Promise.all(open.map((j) => j.close()));
  }

  private planDir(planId: string): string {
    // Defence in depth: callers validate ids too, but nothing that is not a plan id ever becomes a path.
    if (!PLAN_ID_PATTERN.test(planId)) throw errors.invalidPlanId();
    return path.join(this.plansDir, planId);
  }

  private file(planId: string, name: string): string {
    return path.join(this.planDir(planId), name);
  }

  private stateDb(planId: string, state: string | null): Low<StateFile> {
    const data: StateFile = { schemaVersion: 1, state, compactedAt: state === null ? null : new Date().toISOString() };
    return new Low(new ValidatedJsonFile(this.file(planId, FILES.state), stateFileSchema), data);
  }

  private async openJournal(planId: string) {
    const file = this.file(planId, FILES.journal);
    try {
      return await Journal.open(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DamagedFileError(file, 'missing');
      throw err;
    }
  }

  /** The journal of a plan that is being written to; opened (and checked) if the plan was not loaded first. */
  private async liveJournal(planId: string): Promise<Journal> {
    const open = this.journals.get(planId);
    if (open) return open;
    const { journal } = await this.guard(planId, () => this.openJournal(planId));
    this.journals.set(planId, journal);
    return journal;
  }

  private async removeTempFiles(planId: string): Promise<void> {
    const dir = this.planDir(planId);
    for (const name of await readdir(dir)) {
      if (TEMP_FILE.test(name)) await rm(path.join(dir, name), { force: true });
    }
  }

  private async refuseIfSetAside(planId: string): Promise<void> {
    if (await exists(this.file(planId, FILES.damaged))) throw errors.planDamaged();
  }

  /** Runs a read; a damaged file sets the plan aside and becomes the planDamaged error. */
  private async guard<T>(planId: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
      await this.setAside(planId, err.message, err.file);
      throw errors.planDamaged();
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
