// Comparing two points of a plan's history (server/history/compare.ts): blocks and lists added and removed as a
// whole, text changes inside a paragraph, marks kept, and who did each — from the entries, never from the document.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { comparePoints } from '../../server/history/compare.js';
import { blankEntry } from '../../server/history/recorder.js';
import { toBase64 } from '../../server/storage/base64.js';
import type { StoredHistoryEntry } from '../../server/storage/types.js';

const SAM = 'sam-account-id-000000000';
const MEGAN = 'megan-account-id-0000000';

/** A plan typed into by two people's documents, each change an entry of the history. */
function recordedPlan() {
  const entries: StoredHistoryEntry[] = [];
  const sam = new Y.Doc({ gc: false });
  const megan = new Y.Doc({ gc: false });
  const change = (who: Y.Doc, accountId: string | null, work: () => void) => {
    const before = Y.encodeStateVector(who);
    who.transact(work);
    const update = Y.encodeStateAsUpdate(who, before);
    Y.applyUpdate(who === sam ? megan : sam, update);
    const seq = entries.length + 1;
    const at = new Date(Date.UTC(2026, 2, 3, 14, seq)).toISOString();
    entries.push({
      ...blankEntry(accountId ? 'edit' : 'baseline', at),
      accountId,
      role: accountId === SAM ? 'person' : accountId ? 'family' : null,
      updates: [toBase64(update)],
      seq,
      prevHash: '',
      hash: '',
    });
  };
  return { entries, sam, megan, change, section: (doc: Y.Doc) => doc.getXmlFragment(sectionFieldName('aboutMe')) };
}

const paragraph = (text: string, name = 'paragraph') => {
  const element = new Y.XmlElement(name);
  const t = new Y.XmlText();
  t.insert(0, text);
  element.insert(0, [t]);
  return element;
};
const list = (...items: string[]) => {
  const l = new Y.XmlElement('bulletList');
  l.insert(
    0,
    items.map((i) => {
      const li = new Y.XmlElement('listItem');
      li.insert(0, [paragraph(i)]);
      return li;
    }),
  );
  return l;
};

describe('comparing two points of the history', () => {
  it('marks whole blocks and list items added or removed, by who did it', () => {
    const { entries, sam, megan, change, section } = recordedPlan();
    change(sam, SAM, () => section(sam).insert(0, [paragraph('I live in Porthmadog.'), list('tea', 'cake')]));
    change(megan, MEGAN, () => {
      const heading = paragraph('My home', 'heading');
      heading.setAttribute('level', '3');
      section(megan).insert(0, [heading]);
      (section(megan).get(2) as Y.XmlElement).delete(1, 1); // the "cake" item
    });

    const { sections, accountIds } = comparePoints(entries, 1, 2);
    const about = sections.find((s) => s.sectionId === 'aboutMe')!;
    expect(about.changed).toBe(true);
    expect(about.blocks.map((b) => [b.type, b.level, b.change?.type ?? null, b.change?.accountId ?? null, b.runs.map((r) => r.text).join('')])).toEqual([
      ['heading', 3, 'added', MEGAN, 'My home'],
      ['paragraph', 0, null, null, 'I live in Porthmadog.'],
      ['listItem', 1, null, null, 'tea'],
      ['listItem', 1, 'removed', MEGAN, 'cake'],
    ]);
    expect(about.byAuthor).toEqual([{ accountId: MEGAN, addedWords: 2, removedWords: 1 }]);
    expect([...accountIds]).toEqual([MEGAN]);
    expect(sections.filter((s) => s.sectionId !== 'aboutMe').every((s) => !s.changed && s.blocks.length === 0)).toBe(true);

    // From the very start, everything is an addition, each by who wrote it; the item written and removed in
    // between is at neither end, so it is not shown.
    const sinceNothing = comparePoints(entries, 0, 2).sections[0]!;
    expect(sinceNothing.blocks.map((b) => [b.change?.accountId, b.runs.map((r) => r.text).join('')])).toEqual([
      [MEGAN, 'My home'],
      [SAM, 'I live in Porthmadog.'],
      [SAM, 'tea'],
    ]);
  });

  it('shows changes inside a paragraph as runs, with marks, and content of unknown authorship as such', () => {
    const { entries, sam, megan, change, section } = recordedPlan();
    change(sam, null, () => section(sam).insert(0, [paragraph('I like swimming.')]));
    change(megan, MEGAN, () => {
      const text = (section(megan).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete(7, 8); // "swimming"
      text.insert(7, 'the sea', { bold: true });
    });
    change(sam, SAM, () => {
      const text = (section(sam).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, ' Every day.');
    });

    const [about] = comparePoints(entries, 1, 3).sections;
    expect(about!.blocks).toHaveLength(1);
    expect(about!.blocks[0]!.runs.map((r) => [r.text, r.marks, r.change?.type ?? null, r.change?.accountId ?? null])).toEqual([
      ['I like ', [], null, null],
      ['swimming', [], 'removed', MEGAN],
      ['the sea', ['bold'], 'added', MEGAN],
      ['.', [], null, null],
      [' Every day.', [], 'added', SAM],
    ]);
    // The first entry's words have no known author: compared from nothing, they say so.
    const [fromStart] = comparePoints(entries, 0, 1).sections;
    expect(fromStart!.blocks[0]!.change).toMatchObject({ type: 'added', accountId: null });
    // The same point on both sides: nothing changed.
    expect(comparePoints(entries, 3, 3).sections.every((s) => !s.changed)).toBe(true);
  });
});
