// Runs the PlanStore conformance suite (tests/helpers/storeConformance.ts) against every adapter: lowdb today.
// The lowdb layout below tells the suite where a plan's files are and how to damage them.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { encodeRecords, JOURNAL_MAGIC } from '../../server/storage/lowdb/journal.js';
import { runPlanStoreConformance, type DamageCase, type FileLayout } from '../helpers/storeConformance.js';
import { lowdbPlanDir, openLowdbStore } from '../helpers/stores.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

type Contents = string | Buffer;

/** Replace one of a plan's files with these contents. */
const overwrite =
  (name: string, contents: Contents | ((dataDir: string, planId: string) => Promise<Contents>), noticedBy: DamageCase['noticedBy'], label: string): DamageCase => ({
    name: `${name}: ${label}`,
    noticedBy,
    async apply(dataDir, planId) {
      const file = path.join(lowdbPlanDir(dataDir, planId), name);
      const data = typeof contents === 'function' ? await contents(dataDir, planId) : contents;
      await writeFile(file, data);
      return { file, bytes: Buffer.from(data) };
    },
  });

const journal = (...records: Uint8Array[]) => Buffer.concat([JOURNAL_MAGIC, encodeRecords(records)]);

/** A journal whose first record's checksum no longer matches, with a good record after it. */
function journalWithFlippedByte(): Buffer {
  const bytes = journal(new Uint8Array([1, 2, 3, 4]), new Uint8Array([5, 6, 7, 8]));
  const at = JOURNAL_MAGIC.length + 8;
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
  return bytes;
}

const remove = (name: string, noticedBy: DamageCase['noticedBy']): DamageCase => ({
  name: `${name}: missing`,
  noticedBy,
  async apply(dataDir, planId) {
    const file = path.join(lowdbPlanDir(dataDir, planId), name);
    await rm(file);
    return { file, bytes: null };
  },
});

/** A log holding a later edit whose earlier one is missing: Yjs cannot place it. */
async function logWithMissingDependency(dataDir: string, planId: string): Promise<Buffer> {
  const state = JSON.parse(await readFile(path.join(lowdbPlanDir(dataDir, planId), 'state.json'), 'utf8')) as { state: string };
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = (doc.getXmlFragment(sectionFieldName('aboutMe')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(0, 'first ');
  text.insert(0, 'second ');
  return journal(updates[1]!);
}

const lowdbLayout: FileLayout = {
  async planFiles(dataDir, planId) {
    const dir = lowdbPlanDir(dataDir, planId);
    const names = await readdir(dir);
    return ['meta.json', 'state.json', 'updates.log'].filter((n) => names.includes(n)).map((n) => path.join(dir, n));
  },
  damages: [
    overwrite('meta.json', '{"id": "abc", "jurisd', 'getPlanMeta', 'cut off mid-write'),
    overwrite('meta.json', '', 'getPlanMeta', 'empty'),
    overwrite('meta.json', JSON.stringify({ id: 'x', jurisdiction: 'scotland' }), 'getPlanMeta', 'valid JSON of the wrong shape'),
    overwrite('state.json', '{"schemaVersion":1,"state":"AAE', 'loadDocument', 'cut off mid-write'),
    overwrite('state.json', JSON.stringify({ schemaVersion: 2, state: null, compactedAt: null }), 'loadDocument', 'unknown schema version'),
    overwrite('state.json', JSON.stringify([1, 2, 3]), 'loadDocument', 'an array'),
    remove('state.json', 'loadDocument'),
    overwrite('updates.log', 'not a journal at all', 'loadDocument', 'garbage'),
    overwrite('updates.log', '', 'loadDocument', 'empty'),
    overwrite('updates.log', journalWithFlippedByte(), 'loadDocument', 'a record whose checksum fails, with more after it'),
    overwrite(
      'updates.log',
      Buffer.concat([JOURNAL_MAGIC, Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]), Buffer.alloc(64)]),
      'loadDocument',
      'an impossible record length',
    ),
    remove('updates.log', 'loadDocument'),
    overwrite('updates.log', journal(new TextEncoder().encode('not a yjs update at all')), 'rebuild', 'a record Yjs cannot decode'),
    overwrite(
      'state.json',
      JSON.stringify({ schemaVersion: 1, state: b64(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), compactedAt: new Date().toISOString() }),
      'rebuild',
      'a state Yjs cannot decode',
    ),
    overwrite('updates.log', logWithMissingDependency, 'rebuild', 'an update whose earlier edit is missing'),
  ],
  async expectKeptAside(dataDir, planId, damaged) {
    const dir = lowdbPlanDir(dataDir, planId);
    const marker = JSON.parse(await readFile(path.join(dir, 'damaged.json'), 'utf8')) as { reason: unknown; kept: unknown };
    expect(typeof marker.reason).toBe('string');
    expect(Array.isArray(marker.kept)).toBe(true);
    const asideRoot = path.join(dir, 'set-aside');
    const folders = await readdir(asideRoot);
    expect(folders.length).toBeGreaterThan(0);
    if (damaged.bytes === null) return;
    const copies: Buffer[] = [];
    for (const folder of folders) {
      const copy = await readFile(path.join(asideRoot, folder, path.basename(damaged.file))).catch(() => null);
      if (copy) copies.push(copy);
    }
    expect(copies.some((c) => c.equals(damaged.bytes!)), 'the damaged file is kept byte for byte').toBe(true);
  },
};

runPlanStoreConformance('lowdb', openLowdbStore, lowdbLayout);
