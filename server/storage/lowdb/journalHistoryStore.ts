// Plans' histories, each in its own append-only file beside the plan's other files:
//
//   <dataDir>/plans/<planId>/history.log   journal records (journal.ts), each one history entry as JSON
//
// Appending never rewrites what is there (a plan's whole history is never rewritten on a save), compaction of the
// plan's document leaves it alone, and a half-written last record (a crash mid-append) is cut off on open like the
// update journal's. Every record read back is checked against a schema; the chain of hashes is checked on demand.

import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HISTORY_KINDS } from '../../../shared/history.js';
import { ROLES } from '../../../shared/roles.js';
import { AGREEMENT_KINDS } from '../../../shared/versions.js';
import { exportRecordSchema } from '../../../shared/copies.js';
import { meetingHistorySchema } from '../../../shared/meetingHistory.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import { DamagedFileError } from '../../errors.js';
import { entryHash, GENESIS_HASH } from '../../history/chain.js';
import { type HistoryStore, type NewHistoryEntry, type StoredHistoryEntry } from '../types.js';
import { Journal, readJournal } from './journal.js';
import { circleChangeSchema } from './lowdbCircleStore.js';

const sectionIdSchema = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const count = z.number().int().nonnegative();
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

const entrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  until: z.iso.datetime(),
  kind: z.enum(HISTORY_KINDS),
  accountId: z.string().min(1).nullable(),
  role: z.enum(ROLES).nullable(),
  onBehalf: z.boolean(),
  sections: z.array(sectionIdSchema),
  addedChars: count,
  removedChars: count,
  addedWords: count,
  removedWords: count,
  clients: z.array(z.tuple([count, count])),
  updates: z.array(z.base64()),
  circleIndex: count.nullable(),
  circle: circleChangeSchema.nullable(),
  // Absent on entries of other kinds (so entries from before these kinds existed hash as they always did).
  version: z.strictObject({ name: z.string(), contentHash: hashSchema }).optional(),
  agreement: z.strictObject({ kind: z.enum(AGREEMENT_KINDS), reason: z.string().nullable(), contentHash: hashSchema }).optional(),
  restore: z.strictObject({ fromSeq: z.number().int().positive() }).optional(),
  export: exportRecordSchema.optional(),
  suggestion: z
    .strictObject({ id: z.string().min(1), acceptedBy: z.string().min(1), acceptedRole: z.enum(ROLES), onBehalf: z.boolean() })
    .optional(),
  meeting: meetingHistorySchema.optional(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Plans whose parsed history is kept in memory (the most recently read). */
const CACHED_PLANS = 16;

/** A plan's entries as last read, and the file's size and change time then: any other writer changes one of them. */
interface Cached {
  key: string;
  entries: StoredHistoryEntry[];
}

interface OpenHistory {
  journal: Journal;
  lastSeq: number;
  lastHash: string;
}

export class JournalHistoryStore implements HistoryStore {
  private readonly open = new Map<string, Promise<OpenHistory>>();
  /** Appends and reads of each plan, one at a time, in order. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Parsed entries of recently read plans, so reading a long history again (every page of the timeline, every
   * comparison) does not parse and check every entry again. Appends extend it; a file changed by anything else (its
   * size or change time differ) is read afresh — so an edited file is still found by the chain check.
   */
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly plansDir: string) {}

  static forDataDir(dataDir: string): JournalHistoryStore {
    return new JournalHistoryStore(path.join(dataDir, 'plans'));
  }

  append(planId: string, entries: readonly NewHistoryEntry[]): Promise<StoredHistoryEntry[]> {
    return this.inOrder(planId, async () => {
      const history = await this.history(planId);
      const cached = this.cache.get(planId);
      const unchanged = cached !== undefined && cached.key === (await fileKey(this.file(planId)));
      this.cache.delete(planId);
      const stored: StoredHistoryEntry[] = [];
      let { lastSeq, lastHash } = history;
      for (const entry of entries) {
        const unsealed = { ...entry, seq: lastSeq + 1, prevHash: lastHash };
        const sealed: StoredHistoryEntry = { ...unsealed, hash: entryHash(unsealed) };
        stored.push(sealed);
        lastSeq = sealed.seq;
        lastHash = sealed.hash;
      }
      await history.journal.append(stored.map((e) => Buffer.from(JSON.stringify(e), 'utf8')));
      history.lastSeq = lastSeq;
      history.lastHash = lastHash;
      if (unchanged) this.remember(planId, { key: await fileKey(this.file(planId)), entries: [...cached.entries, ...stored] });
      return stored;
    });
  }

  read(planId: string): Promise<StoredHistoryEntry[]> {
    return this.inOrder(planId, async () => {
      const file = this.file(planId);
      if (!(await exists(file))) return [];
      const key = await fileKey(file);
      const cached = this.cache.get(planId);
      if (cached?.key === key) {
        this.remember(planId, cached);
        return [...cached.entries];
      }
      this.cache.delete(planId);
      const entries = parseEntries(readJournal(await readFile(file), file).updates, file);
      // Kept only if nothing changed the file while it was read.
      if ((await fileKey(file)) === key) this.remember(planId, { key, entries });
      return [...entries];
    });
  }

  /** Keeps a plan's entries as the most recently used, forgetting the least recently used beyond CACHED_PLANS. */
  private remember(planId: string, cached: Cached): void {
    this.cache.delete(planId);
    this.cache.set(planId, cached);
    while (this.cache.size > CACHED_PLANS) this.cache.delete(this.cache.keys().next().value!);
  }

  async release(planId: string): Promise<void> {
    const opened = this.open.get(planId);
    if (!opened) return;
    this.open.delete(planId);
    await this.inOrder(planId, async () => (await opened.catch(() => null))?.journal.close());
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.release(id)));
  }

  private file(planId: string): string {
    return path.join(this.plansDir, planId, 'history.log');
  }

  private history(planId: string): Promise<OpenHistory> {
    let opened = this.open.get(planId);
    if (!opened) {
      opened = (async () => {
        const file = this.file(planId);
        if (!(await exists(file))) await Journal.create(file);
        const { journal, contents } = await Journal.open(file);
        try {
          const entries = parseEntries(contents.updates, file);
          const last = entries.at(-1);
          return { journal, lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? GENESIS_HASH };
        } catch (err) {
          await journal.close();
          throw err;
        }
      })();
      opened.catch(() => this.open.delete(planId));
      this.open.set(planId, opened);
    }
    return opened;
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

function parseEntries(records: readonly Uint8Array[], file: string): StoredHistoryEntry[] {
  return records.map((record, i) => {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(record).toString('utf8'));
    } catch {
      throw new DamagedFileError(file, `history entry ${i + 1} is not JSON`);
    }
    const parsed = entrySchema.safeParse(json);
    if (!parsed.success) throw new DamagedFileError(file, `history entry ${i + 1} is not a history entry`);
    return parsed.data as StoredHistoryEntry;
  });
}

/** What changes whenever a file is written: its size, and its change time to the nanosecond. */
async function fileKey(file: string): Promise<string> {
  const info = await stat(file, { bigint: true }).catch(() => null);
  return info ? `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}` : 'missing';
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
