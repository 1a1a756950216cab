// The embedded store: lowdb JSON files, one folder per plan, so one plan's writes never touch another's.
//
//   <dataDir>/plans/<planId>/meta.json      plan metadata (written last on create: a plan exists iff this does)
//   <dataDir>/plans/<planId>/state.json     the compacted document (rewritten only when compacting)
//   <dataDir>/plans/<planId>/log.json       updates since the last compaction (rewritten per batch, kept small)
//   <dataDir>/plans/<planId>/damaged.json   present when the plan was set aside; the plan will not open
//   <dataDir>/plans/<planId>/set-aside/     damaged files, kept for whoever restores the plan

import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { Low } from 'lowdb';
import { z } from 'zod';
import { PLAN_ID_PATTERN, planMetaSchema, type PlanMeta } from '../../../shared/schemas.js';
import { DamagedFileError, errors } from '../../errors.js';
import { syncDirectory, writeFileAtomic } from '../atomicFile.js';
import type { PlanStore } from '../types.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const stateFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  state: z.base64().nullable(),
  compactedAt: z.iso.datetime().nullable(),
});
type StateFile = z.infer<typeof stateFileSchema>;

const logFileSchema = z.strictObject({ schemaVersion: z.literal(1), updates: z.array(z.base64()) });
type LogFile = z.infer<typeof logFileSchema>;

const FILES = { meta: 'meta.json', state: 'state.json', log: 'log.json', damaged: 'damaged.json' } as const;

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export class LowdbPlanStore implements PlanStore {
  /** The open log of each plan whose document is live, so a batch write does not read the file back first. */
  private readonly logs = new Map<string, Low<LogFile>>();

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
    await this.stateDb(meta.id, null).write();
    await new Low<LogFile>(this.logAdapter(meta.id), { schemaVersion: 1, updates: [] }).write();
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
    return this.guard(planId, async () => {
      const state = await new ValidatedJsonFile(this.file(planId, FILES.state), stateFileSchema).read();
      const logDb = await this.openLog(planId);
      if (state === null) throw new DamagedFileError(this.file(planId, FILES.state), 'missing');
      const updates = logDb.data.updates.map(fromBase64);
      return state.state === null ? updates : [fromBase64(state.state), ...updates];
    });
  }

  async appendUpdates(planId: string, updates: readonly Uint8Array[]): Promise<void> {
    const logDb = await this.guard(planId, () => this.openLog(planId));
    const before = logDb.data.updates.length;
    logDb.data.updates.push(...updates.map(toBase64));
    try {
      await logDb.write();
    } catch (err) {
      logDb.data.updates.length = before; // keep memory equal to disk
      throw err;
    }
  }

  async compact(planId: string, state: Uint8Array): Promise<void> {
    // State first: if we stop between the two writes, the log's updates are already in the state, and applying
    // a Yjs update twice changes nothing.
    await this.stateDb(planId, toBase64(state)).write();
    const logDb = await this.guard(planId, () => this.openLog(planId));
    const kept = logDb.data.updates;
    logDb.data.updates = [];
    try {
      await logDb.write();
    } catch (err) {
      logDb.data.updates = kept;
      throw err;
    }
  }

  async setAside(planId: string, reason: string, damagedFile?: string): Promise<void> {
    const dir = this.planDir(planId);
    const asideDir = path.join(dir, 'set-aside', new Date().toISOString().replace(/[:.]/g, '-'));
    await mkdir(asideDir, { recursive: true });
    const kept: string[] = [];
    for (const name of [FILES.meta, FILES.state, FILES.log]) {
      const from = path.join(dir, name);
      if (!(await exists(from))) continue;
      // The damaged file is moved out of the way; the others are copied so the set-aside folder is complete.
      if (damagedFile === from) await rename(from, path.join(asideDir, name));
      else await copyFile(from, path.join(asideDir, name));
      kept.push(path.relative(dir, path.join(asideDir, name)));
    }
    await writeFileAtomic(path.join(dir, FILES.damaged), JSON.stringify({ reason, at: new Date().toISOString(), kept }));
    this.logs.delete(planId);
    this.log.error({ planId, reason, setAside: asideDir }, 'plan set aside: its stored files are damaged');
  }

  release(planId: string): void {
    this.logs.delete(planId);
  }

  async close(): Promise<void> {
    this.logs.clear();
  }

  private planDir(planId: string): string {
    // Defence in depth: callers validate ids too, but nothing that is not a plan id ever becomes a path.
    if (!PLAN_ID_PATTERN.test(planId)) throw errors.invalidPlanId();
    return path.join(this.plansDir, planId);
  }

  private file(planId: string, name: string): string {
    return path.join(this.planDir(planId), name);
  }

  private logAdapter(planId: string) {
    return new ValidatedJsonFile(this.file(planId, FILES.log), logFileSchema);
  }

  private stateDb(planId: string, state: string | null): Low<StateFile> {
    const data: StateFile = { schemaVersion: 1, state, compactedAt: state === null ? null : new Date().toISOString() };
    return new Low(new ValidatedJsonFile(this.file(planId, FILES.state), stateFileSchema), data);
  }

  private async openLog(planId: string): Promise<Low<LogFile>> {
    const cached = this.logs.get(planId);
    if (cached) return cached;
    const adapter = this.logAdapter(planId);
    const db = new Low<LogFile>(adapter, { schemaVersion: 1, updates: [] });
    const data = await adapter.read();
    if (data === null) throw new DamagedFileError(adapter.file, 'missing');
    db.data = data;
    this.logs.set(planId, db);
    return db;
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
