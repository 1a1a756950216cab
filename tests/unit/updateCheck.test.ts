// checkUpdate decides, before anything is applied, whether a client's Yjs update can be placed in a plan.
// Every update here is made by a real Y.Doc, the way a browser would make it.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTION_FIELD_NAMES } from '../../shared/sections.js';
import { checkUpdate } from '../../server/sync/updateCheck.js';
import { anyNested, anyString, replaceBytes, varString } from '../helpers/bytes.js';

const ABOUT_ME = sectionFieldName('aboutMe');

/** A document that records every update it makes. */
function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc({ gc: false });
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

/** A browser's copy of the plan, synced from `from`; its own later edits are recorded. */
function browserOf(from: Y.Doc): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

/** The text of the first paragraph of a section, created on first use, the way Tiptap lays it out. */
function paragraphText(doc: Y.Doc, field = ABOUT_ME): Y.XmlText {
  const fragment = doc.getXmlFragment(field);
  let paragraph = fragment.get(0) as Y.XmlElement | undefined;
  if (!paragraph) {
    paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  }
  return paragraph.get(0) as Y.XmlText;
}

/** One keystroke-sized edit as one transaction (one update), as an editor makes it. */
function edit(doc: Y.Doc, change: (text: Y.XmlText) => void, field = ABOUT_ME): void {
  doc.transact(() => change(paragraphText(doc, field)));
}

const check = (plan: Y.Doc, update: Uint8Array) => checkUpdate(plan, update, SECTION_FIELD_NAMES);

/** Check, then apply what was accepted, and make sure Yjs placed all of it. */
function acceptAndApply(plan: Y.Doc, update: Uint8Array): void {
  expect(check(plan, update)).toMatchObject({ ok: true });
  Y.applyUpdate(plan, update);
  expect(plan.store.pendingStructs).toBeNull();
  expect(plan.store.pendingDs).toBeNull();
}

/**
 * `missing`: whether the refusal is because the update builds on changes the plan lacks (which a reconnecting
 * client's sync step 2 may still bring), rather than because it is malformed or writes what a plan may not hold.
 */
function expectRefused(plan: Y.Doc, update: Uint8Array, reason: RegExp, missing = false): void {
  const result = check(plan, update);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.reason).toMatch(reason);
  expect(result.missing, `missing for "${result.reason}"`).toBe(missing);
}

describe('checkUpdate accepts what browsers send', () => {
  it('a first paragraph in an empty plan, then keystrokes one by one', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'I like'));
    edit(browser.doc, (t) => t.insert(6, ' walking'));
    edit(browser.doc, (t) => t.insert(0, 'Sam: '));
    expect(browser.updates).toHaveLength(3);
    for (const update of browser.updates) acceptAndApply(plan, update);
    expect(plan.getXmlFragment(ABOUT_ME).toString()).toBe('<paragraph>Sam: I like walking</paragraph>');
  });

  it('deletions, formatting, attributes and paragraphs in several sections', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    const text = paragraphText(browser.doc);
    text.insert(0, 'Needs help with meals');
    text.delete(0, 6);
    text.format(0, 4, { bold: true });
    const paragraph = browser.doc.getXmlFragment(ABOUT_ME).get(0) as Y.XmlElement;
    paragraph.setAttribute('textAlign', 'left');
    edit(browser.doc, (t) => t.insert(0, 'Every six months'), sectionFieldName('reviews'));
    browser.doc.getXmlFragment(ABOUT_ME).insert(1, [new Y.XmlElement('paragraph')]);
    for (const update of browser.updates) acceptAndApply(plan, update);
    expect(plan.getXmlFragment(ABOUT_ME).toJSON()).toBe(browser.doc.getXmlFragment(ABOUT_ME).toJSON());
  });

  it('a sync step 2 with everything the plan lacks, and one that repeats what the plan already has', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'hello'));
    acceptAndApply(plan, browser.updates[0]!);
    edit(browser.doc, (t) => t.insert(5, ' world'));
    edit(browser.doc, (t) => t.delete(0, 1));
    acceptAndApply(plan, Y.encodeStateAsUpdate(browser.doc, Y.encodeStateVector(plan)));
    // The whole document again, overlapping what is there: Yjs skips the overlap.
    acceptAndApply(plan, Y.encodeStateAsUpdate(browser.doc));
    expect(paragraphText(plan).toString()).toBe('ello world');
  });

  it('a second person building on content the plan has', () => {
    const plan = new Y.Doc({ gc: false });
    const sam = browserOf(plan);
    edit(sam.doc, (t) => t.insert(0, 'hello'));
    acceptAndApply(plan, sam.updates[0]!);
    const megan = browserOf(plan);
    edit(megan.doc, (t) => t.insert(2, 'XY'));
    edit(megan.doc, (t) => t.delete(0, 1));
    for (const update of megan.updates) acceptAndApply(plan, update);
    expect(paragraphText(plan).toString()).toBe('eXYllo');
  });
});

describe('checkUpdate refuses', () => {
  it('bytes Yjs cannot decode', () => {
    const plan = new Y.Doc({ gc: false });
    for (const bytes of [
      new Uint8Array([]),
      new Uint8Array([255, 255, 255, 255, 255]),
      new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
      new TextEncoder().encode('not a yjs update at all'),
    ]) {
      expectRefused(plan, bytes, /could not be decoded/);
    }
  });

  it('a truncated update, cut anywhere', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'Sam goes to the day centre on Tuesdays.'));
    const update = Y.mergeUpdates(browser.updates);
    for (let cut = 1; cut < update.length; cut++) {
      expect(check(plan, update.slice(0, cut)), `cut at ${cut} of ${update.length}`).toMatchObject({ ok: false, missing: false });
    }
    expect(check(plan, update).ok).toBe(true);
  });

  it('an update that starts after a gap in its client\'s clocks', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'one'));
    edit(browser.doc, (t) => t.insert(3, ' two'));
    edit(browser.doc, (t) => t.insert(7, ' three'));
    const [first, second, third] = browser.updates;
    expectRefused(plan, third!, /gap/, true);
    acceptAndApply(plan, first!);
    expectRefused(plan, third!, /gap/, true);
    acceptAndApply(plan, Y.mergeUpdates([second!, third!]));
  });

  it('an update with a gap inside it', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'one'));
    edit(browser.doc, (t) => t.insert(3, ' two'));
    edit(browser.doc, (t) => t.insert(7, ' three'));
    const [first, , third] = browser.updates;
    expectRefused(plan, Y.mergeUpdates([first!, third!]), /gap/);
  });

  it('an update whose origin is content the plan does not have', () => {
    const plan = new Y.Doc({ gc: false });
    const sam = browserOf(plan);
    edit(sam.doc, (t) => t.insert(0, 'hello'));
    acceptAndApply(plan, sam.updates[0]!);
    edit(sam.doc, (t) => t.insert(5, ' world')); // never reaches the plan
    const megan = browserOf(sam.doc);
    edit(megan.doc, (t) => t.insert(11, '!')); // placed after Sam's unsent " world"
    expect(megan.updates).toHaveLength(1);
    expectRefused(plan, megan.updates[0]!, /refers to content the plan does not have/, true);
    // Once Sam's words arrive, Megan's update fits.
    acceptAndApply(plan, sam.updates[1]!);
    acceptAndApply(plan, megan.updates[0]!);
    expect(paragraphText(plan).toString()).toBe('hello world!');
  });

  it('an update placed inside a paragraph the plan does not have', () => {
    const plan = new Y.Doc({ gc: false });
    const sam = browserOf(plan);
    edit(sam.doc, (t) => t.insert(0, 'hello')); // never reaches the plan
    const megan = browserOf(sam.doc);
    edit(megan.doc, (t) => t.insert(0, 'X'));
    expectRefused(plan, megan.updates[0]!, /the plan does not have/, true);
  });

  it('writes to a shared type that is not a section', () => {
    for (const write of [
      (doc: Y.Doc) => doc.getText('evil').insert(0, 'x'),
      (doc: Y.Doc) => doc.getMap('evil').set('admin', true),
      (doc: Y.Doc) => doc.getArray('section:notASection').insert(0, [1]),
      (doc: Y.Doc) => paragraphText(doc, 'aboutMe'), // a section id without the field prefix
    ]) {
      const plan = new Y.Doc({ gc: false });
      const browser = browserOf(plan);
      write(browser.doc);
      expect(browser.updates).toHaveLength(1);
      expectRefused(plan, browser.updates[0]!, /unknown part of the plan/);
    }
  });

  it('a deletion of content the plan does not have', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'hello'));
    edit(browser.doc, (t) => t.delete(1, 3));
    const [insert, deletion] = browser.updates;
    expectRefused(plan, deletion!, /deletes content the plan does not have/, true);
    acceptAndApply(plan, insert!);
    acceptAndApply(plan, deletion!);
    expect(paragraphText(plan).toString()).toBe('ho');
  });

  it('a deletion that runs past what the plan has of a client', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = browserOf(plan);
    edit(browser.doc, (t) => t.insert(0, 'hello'));
    acceptAndApply(plan, browser.updates[0]!);
    edit(browser.doc, (t) => t.insert(5, ' world')); // never reaches the plan
    const before = browser.updates.length;
    edit(browser.doc, (t) => t.delete(3, 5)); // deletes "lo wo": the plan has "lo", not " wo"
    const deletion = browser.updates[before]!;
    expectRefused(plan, deletion, /deletes content the plan does not have/, true);
  });

  it('subdocuments, binary content and kinds of shared type a plan does not hold', () => {
    const writes: ((doc: Y.Doc) => void)[] = [
      (doc) => doc.getMap(ABOUT_ME).set('sub', new Y.Doc()),
      (doc) => doc.getArray(ABOUT_ME).insert(0, [new Y.Doc()]),
      (doc) => doc.getMap(ABOUT_ME).set('blob', new Uint8Array([1, 2, 3])),
      (doc) => doc.getArray(ABOUT_ME).insert(0, [new Y.Map()]),
      (doc) => doc.getArray(ABOUT_ME).insert(0, [new Y.Text('x')]),
    ];
    for (const write of writes) {
      const plan = new Y.Doc({ gc: false });
      const browser = browserOf(plan);
      write(browser.doc);
      expect(browser.updates).toHaveLength(1);
      expectRefused(plan, browser.updates[0]!, /kind of content/);
    }
  });

  it('a subdocument nested inside a paragraph', () => {
    const plan = new Y.Doc({ gc: false });
    const browser = recordingDoc();
    const paragraph = new Y.XmlElement('paragraph');
    browser.doc.getXmlFragment(ABOUT_ME).insert(0, [paragraph]);
    paragraph.setAttribute('sub', new Y.Doc() as unknown as string);
    expectRefused(plan, Y.mergeUpdates(browser.updates), /kind of content/);
  });
});

describe('checkUpdate and what sits directly in a section', () => {
  const section = sectionFieldName('aboutMe');

  it('accepts paragraphs added after existing ones (their parent comes from their neighbour)', () => {
    const doc = new Y.Doc({ gc: false });
    const writer = new Y.Doc({ gc: false });
    const first = new Y.XmlElement('paragraph');
    writer.getXmlFragment(section).insert(0, [first]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
    const before = Y.encodeStateVector(writer);
    writer.getXmlFragment(section).insert(1, [new Y.XmlElement('paragraph')]);
    expect(checkUpdate(doc, Y.encodeStateAsUpdate(writer, before), SECTION_FIELD_NAMES)).toMatchObject({ ok: true });
  });

  it('refuses bare text written straight into a section, first or after a paragraph', () => {
    const doc = new Y.Doc({ gc: false });
    const writer = new Y.Doc({ gc: false });
    writer.getXmlFragment(section).insert(0, [new Y.XmlElement('paragraph')]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));

    // The same root name read as text: its characters would sit directly in the section.
    const attacker = new Y.Doc({ gc: false });
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(writer));
    const before = Y.encodeStateVector(attacker);
    attacker.getText(section).insert(1, 'bare text');
    const result = checkUpdate(doc, Y.encodeStateAsUpdate(attacker, before), SECTION_FIELD_NAMES);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/directly in a section/);

    const fresh = new Y.Doc({ gc: false });
    fresh.getText(section).insert(0, 'bare text first');
    const first = checkUpdate(new Y.Doc({ gc: false }), Y.encodeStateAsUpdate(fresh), SECTION_FIELD_NAMES);
    expect(first.ok).toBe(false);
  });
});

describe('checkUpdate and the size of marks and attributes', () => {
  const section = sectionFieldName('aboutMe');
  const placeholder = 'PLACEHOLDER-VALUE';
  /**
   * A plan with one paragraph, and an update from a copy of it that formats text (a mark) or sets an attribute to a
   * placeholder whose encoded bytes are then swapped for `value` (Yjs cannot itself encode a value nested this deep).
   */
  function withValue(kind: 'mark' | 'attribute', value: { mark: Buffer; attribute: Buffer }) {
    const plan = new Y.Doc({ gc: false });
    const paragraph = new Y.XmlElement('paragraph');
    plan.getXmlFragment(section).insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText('hello')]);
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(plan));
    const before = Y.encodeStateVector(copy);
    const p = copy.getXmlFragment(section).get(0) as Y.XmlElement;
    if (kind === 'mark') (p.get(0) as Y.XmlText).format(0, 3, { bold: placeholder });
    else p.setAttribute('textAlign', placeholder);
    const update = Y.encodeStateAsUpdate(copy, before);
    const from = kind === 'mark' ? varString(JSON.stringify(placeholder)) : anyString(placeholder);
    return { plan, update: replaceBytes(update, from, value[kind]) };
  }
  const small = { mark: varString(JSON.stringify({ href: 'https://example.org' })), attribute: anyString('center') };
  const deep = { mark: varString(`${'['.repeat(20_000)}1${']'.repeat(20_000)}`), attribute: anyNested(20_000, 'x') };
  const large = { mark: varString(JSON.stringify('x'.repeat(64 * 1024))), attribute: anyString('x'.repeat(64 * 1024)) };

  it('accepts small marks and attributes', () => {
    for (const kind of ['mark', 'attribute'] as const) {
      const { plan, update } = withValue(kind, small);
      expect(checkUpdate(plan, update, SECTION_FIELD_NAMES).ok).toBe(true);
    }
  });

  it('accepts an attribute changed again (a heading from level 3 to 4): Yjs sends the key only with the first value', () => {
    const plan = new Y.Doc({ gc: false });
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '3');
    plan.getXmlFragment(section).insert(0, [heading]);
    const browser = browserOf(plan);
    const copy = browser.doc.getXmlFragment(section).get(0) as Y.XmlElement;
    copy.setAttribute('level', '4');
    copy.setAttribute('level', '3');
    copy.setAttribute('level', '4');
    for (const update of browser.updates) {
      expect(checkUpdate(plan, update, SECTION_FIELD_NAMES)).toMatchObject({ ok: true, touched: new Set([section]) });
      Y.applyUpdate(plan, update);
    }
    // The same three changes in one update (origins inside the update itself).
    const fresh = new Y.Doc({ gc: false });
    const start = new Y.XmlElement('heading');
    start.setAttribute('level', '3');
    fresh.getXmlFragment(section).insert(0, [start]);
    const other = browserOf(fresh);
    const h = other.doc.getXmlFragment(section).get(0) as Y.XmlElement;
    other.doc.transact(() => ['4', '3', '4'].forEach((level) => h.setAttribute('level', level)));
    expect(checkUpdate(fresh, other.updates[0]!, SECTION_FIELD_NAMES).ok).toBe(true);
  });

  it('refuses a changed attribute whose new value is too large, like a first one', () => {
    const plan = new Y.Doc({ gc: false });
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '3');
    plan.getXmlFragment(section).insert(0, [heading]);
    const browser = browserOf(plan);
    (browser.doc.getXmlFragment(section).get(0) as Y.XmlElement).setAttribute('level', placeholder);
    const update = replaceBytes(browser.updates[0]!, anyString(placeholder), large.attribute);
    expect(checkUpdate(plan, update, SECTION_FIELD_NAMES)).toMatchObject({ ok: false, reason: expect.stringMatching(/attribute/) as string });
  });

  it('refuses marks and attributes nested too deep or too large (Yjs would overflow re-encoding them)', () => {
    for (const kind of ['mark', 'attribute'] as const) {
      for (const value of [deep, large]) {
        const { plan, update } = withValue(kind, value);
        const result = checkUpdate(plan, update, SECTION_FIELD_NAMES);
        expect(result.ok).toBe(false);
        // A deep attribute already fails to decode (lib0 reads it recursively); a deep mark decodes, as JSON text.
        const expected = kind === 'mark' ? /mark/ : value === deep ? /attribute|decoded/ : /attribute/;
        if (!result.ok) expect(result.reason).toMatch(expected);
      }
    }
  });
});

describe('which sections an update changes (resolved before anything is applied)', () => {
  const HOW = sectionFieldName('howNeedsMet');
  const touched = (plan: Y.Doc, update: Uint8Array) => {
    const result = check(plan, update);
    if (!result.ok) throw new Error(result.reason);
    return [...result.touched].sort();
  };
  function planWithWords(): Y.Doc {
    const plan = new Y.Doc({ gc: false });
    paragraphText(plan).insert(0, 'I like trains.');
    paragraphText(plan, HOW).insert(0, 'A personal assistant.');
    return plan;
  }

  it('typing, formatting and new paragraphs: the section they are in, however deep', () => {
    const plan = planWithWords();
    const browser = browserOf(plan);
    paragraphText(browser.doc).insert(3, 'really ');
    paragraphText(browser.doc).format(0, 5, { bold: true });
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('nested')]);
    item.insert(0, [paragraph]);
    list.insert(0, [item]);
    browser.doc.getXmlFragment(HOW).insert(1, [list]);
    expect(touched(plan, Y.mergeUpdates(browser.updates))).toEqual([ABOUT_ME, HOW]);
    const expected = [[ABOUT_ME], [ABOUT_ME], [HOW]];
    browser.updates.forEach((update, i) => {
      expect(touched(plan, update)).toEqual(expected[i]);
      Y.applyUpdate(plan, update);
    });
  });

  it('typing inside content that arrives in the same update: still its section', () => {
    const plan = planWithWords();
    const browser = browserOf(plan);
    const before = Y.encodeStateVector(plan);
    const paragraph = new Y.XmlElement('paragraph');
    browser.doc.getXmlFragment(HOW).insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, 'new words');
    text.insert(3, ' more');
    expect(touched(plan, Y.encodeStateAsUpdate(browser.doc, before))).toEqual([HOW]);
  });

  it('deleting: the section of the deleted words; deletions the plan already has change nothing', () => {
    const plan = planWithWords();
    const browser = browserOf(plan);
    paragraphText(browser.doc).delete(0, 2);
    expect(touched(plan, browser.updates[0]!)).toEqual([ABOUT_ME]);
    Y.applyUpdate(plan, browser.updates[0]!);
    // A reconnecting browser re-sends everything; what the plan already has is not a change.
    expect(touched(plan, Y.encodeStateAsUpdate(browser.doc))).toEqual([]);
    // Deleting a whole paragraph (an element) counts for its section.
    const again = browserOf(plan);
    again.doc.getXmlFragment(HOW).delete(0, 1);
    expect(touched(plan, again.updates[0]!)).toEqual([HOW]);
  });
});

describe('garbage-collected content', () => {
  it('is refused when new (a view-level member must not be able to write even invisible content)', () => {
    const plan = new Y.Doc({ gc: false });
    paragraphText(plan).insert(0, 'Words.');
    const writer = new Y.Doc({ gc: true });
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(plan));
    const before = Y.encodeStateVector(writer);
    // A paragraph written then deleted by a page that collects garbage: its text becomes GC structs.
    const fragment = writer.getXmlFragment(ABOUT_ME);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('gone soon')]);
    fragment.insert(1, [paragraph]);
    fragment.delete(1, 1);
    const update = Y.encodeStateAsUpdate(writer, before);
    expect(Y.decodeUpdate(update).structs.some((s) => s instanceof Y.GC)).toBe(true);
    expect(check(plan, update)).toMatchObject({ ok: false, reason: 'update brings garbage-collected content' });
  });
});
