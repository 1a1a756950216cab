// A plan's update journal: an append-only file of checksummed records, one per saved batch, synced to disk
// before the batch is reported saved. lowdb rewrites a whole JSON file on every write, which is the wrong shape
// for something written several times a second; lowdb keeps the plan's metadata and compacted state instead.
//
//   file   = MAGIC record*
//   record = u32le length · u32le crc32(payload) · payload (one Yjs update)
//
// A crash can leave only the last record half-written (it was never reported saved): that tail is cut off when the
// journal is opened. A bad record with more data after it is damage, and the plan is set aside.

import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { DamagedFileError } from '../../errors.js';
import { writeFileAtomic } from '../atomicFile.js';

export const JOURNAL_MAGIC = Buffer.from('CYLCH-JOURNAL-1\n', 'latin1');
const HEADER_BYTES = 8;
/** No record is ever this large (messages are limited to 1 MiB); a larger length means damage. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function encodeRecords(updates: readonly Uint8Array[]): Buffer {
  const total = updates.reduce((n, u) => n + HEADER_BYTES + u.byteLength, 0);
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const update of updates) {
    out.writeUInt32LE(update.byteLength, at);
    out.writeUInt32LE(crc32(update), at + 4);
    out.set(update, at + HEADER_BYTES);
    at += HEADER_BYTES + update.byteLength;
  }
  return out;
}

export interface JournalContents {
  updates: Uint8Array[];
  /** Bytes up to the end of the last whole record. */
  validLength: number;
  /** Bytes after validLength: a half-written last record. */
  tornBytes: number;
}

/** Reads a journal's bytes. Throws DamagedFileError for anything a crash mid-append cannot explain. */
export function readJournal(bytes: Buffer, file: string): JournalContents {
  if (bytes.length < JOURNAL_MAGIC.length || !bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
    throw new DamagedFileError(file, 'not a Cylch journal');
  }
  const updates: Uint8Array[] = [];
  let at = JOURNAL_MAGIC.length;
  while (at < bytes.length) {
    const remaining = bytes.length - at;
    if (remaining < HEADER_BYTES) break; // torn header
    const length = bytes.readUInt32LE(at);
    const checksum = bytes.readUInt32LE(at + 4);
    if (length === 0 || length > MAX_RECORD_BYTES) throw new DamagedFileError(file, `impossible record length at byte ${at}`);
    const end = at + HEADER_BYTES + length;
    if (end > bytes.length) break; // torn payload
    const payload = bytes.subarray(at + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) {
      if (end === bytes.length) break; // the last record, half-flushed
      throw new DamagedFileError(file, `checksum mismatch in the record at byte ${at}`);
    }
    updates.push(new Uint8Array(payload));
    at = end;
  }
  return { updates, validLength: at, tornBytes: bytes.length - at };
}

/** An open journal of one live plan. Appends are serialised by the caller (one saver per plan). */
export class Journal {
  private constructor(
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  static async create(file: string): Promise<void> {
    await writeFileAtomic(file, JOURNAL_MAGIC);
  }

  /** Opens a journal for appending, cutting off a half-written last record first. */
  static async open(file: string): Promise<{ journal: Journal; contents: JournalContents }> {
    const handle = await open(file, 'r+');
    try {
      const contents = readJournal(await handle.readFile(), file);
      if (contents.tornBytes > 0) {
        await handle.truncate(contents.validLength);
        await handle.sync();
      }
      return { journal: new Journal(handle, contents.validLength), contents };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** Resolves once the records are on disk. On failure the journal is cut back to what it held before. */
  async append(updates: readonly Uint8Array[]): Promise<void> {
    const records = encodeRecords(updates);
    try {
      await this.handle.write(records, 0, records.length, this.size);
      await this.handle.datasync();
      this.size += records.length;
    } catch (err) {
      await this.handle.truncate(this.size).catch(() => {});
      throw err;
    }
  }

  /** Empties the journal (after its updates were compacted into the state). */
  async reset(): Promise<void> {
    await this.handle.truncate(JOURNAL_MAGIC.length);
    await this.handle.sync();
    this.size = JOURNAL_MAGIC.length;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
