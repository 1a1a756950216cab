// The update journal: records round-trip, a half-written last record (a crash mid-append, never reported saved)
// is cut off, and damage anywhere else is reported, never skipped.

import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedFileError } from '../../server/errors.js';
import { encodeRecords, Journal, JOURNAL_MAGIC, readJournal } from '../../server/storage/lowdb/journal.js';
import { tempDir } from '../helpers/stores.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('journal', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await tempDir('cylch-journal-');
    file = path.join(dir, 'updates.log');
    await Journal.create(file);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps appended batches in order across reopening', async () => {
    const { journal } = await Journal.open(file);
    await journal.append([bytes(1, 2, 3)]);
    await journal.append([bytes(4), bytes(5, 6)]);
    await journal.close();
    const { journal: again, contents } = await Journal.open(file);
    await again.close();
    expect(contents.updates).toEqual([bytes(1, 2, 3), bytes(4), bytes(5, 6)]);
    expect(contents.tornBytes).toBe(0);
  });

  it('cuts off a half-written last record and appends after what is whole', async () => {
    const { journal } = await Journal.open(file);
    await journal.append([bytes(1, 2, 3)]);
    await journal.close();
    const whole = (await stat(file)).size;
    const torn = encodeRecords([bytes(9, 9, 9, 9, 9, 9)]).subarray(0, 10); // header and part of the payload
    await writeFile(file, Buffer.concat([await readFile(file), torn]));

    const { journal: reopened, contents } = await Journal.open(file);
    expect(contents.updates).toEqual([bytes(1, 2, 3)]);
    expect(contents.tornBytes).toBe(torn.length);
    expect((await stat(file)).size).toBe(whole);
    await reopened.append([bytes(7)]);
    await reopened.close();
    expect(readJournal(await readFile(file), file).updates).toEqual([bytes(1, 2, 3), bytes(7)]);
  });

  it('treats a last record whose checksum fails as half-flushed, but the same fault earlier as damage', () => {
    const good = Buffer.concat([JOURNAL_MAGIC, encodeRecords([bytes(1, 2), bytes(3, 4)])]);
    const lastFlipped = Buffer.from(good);
    lastFlipped.writeUInt8(lastFlipped.readUInt8(lastFlipped.length - 1) ^ 0xff, lastFlipped.length - 1);
    expect(readJournal(lastFlipped, file).updates).toEqual([bytes(1, 2)]);

    const firstFlipped = Buffer.from(good);
    const at = JOURNAL_MAGIC.length + 8;
    firstFlipped.writeUInt8(firstFlipped.readUInt8(at) ^ 0xff, at);
    expect(() => readJournal(firstFlipped, file)).toThrow(DamagedFileError);
  });

  it('refuses a file that is not a journal', () => {
    expect(() => readJournal(Buffer.from('{"updates":[]}'), file)).toThrow(DamagedFileError);
    expect(() => readJournal(Buffer.alloc(0), file)).toThrow(DamagedFileError);
  });

  it('empties to just its header when reset after compaction', async () => {
    const { journal } = await Journal.open(file);
    await journal.append([bytes(1)]);
    await journal.reset();
    await journal.append([bytes(2)]);
    await journal.close();
    expect(readJournal(await readFile(file), file).updates).toEqual([bytes(2)]);
  });
});
