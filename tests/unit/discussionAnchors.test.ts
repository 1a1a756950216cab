// Anchors of comments and suggestions: Yjs relative positions that must resolve into one run of text inside the
// named section, follow the text as others type, and never resolve from bytes that are not a position we accept.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { anchorDecodes, decodePosition, passageWords, resolveAnchor, wordsBetween } from '../../server/discussion/anchors.js';
import { waitingIn } from '../../server/discussion/discussionOperations.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const at = (text: Y.XmlText, index: number) => b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));

/** A plan with one paragraph in a section; returns its text. */
function paragraphIn(doc: Y.Doc, sectionId: string, words: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment(sectionFieldName(sectionId)).push([paragraph]);
  text.insert(0, words);
  return text;
}

describe('anchors', () => {
  it('resolve to the same words after someone types before them, and in a copy of the document', () => {
    const doc = new Y.Doc({ gc: false });
    const text = paragraphIn(doc, 'aboutMe', 'I like trains and buses.');
    const anchor = { start: at(text, 7), end: at(text, 13) };
    expect(wordsBetween(text, 7, 13)).toBe('trains');
    text.insert(0, 'On Sundays ');
    const found = resolveAnchor(doc, 'aboutMe', anchor)!;
    expect(found).toMatchObject({ kind: 'text', text, start: 18, end: 24 });
    expect(passageWords(found)).toBe('trains');
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(passageWords(resolveAnchor(copy, 'aboutMe', anchor)!)).toBe('trains');
  });

  it('counts formatting and bold words the way the editor shows them', () => {
    const doc = new Y.Doc({ gc: false });
    const text = paragraphIn(doc, 'aboutMe', 'I like trains.');
    text.format(2, 4, { bold: true });
    expect(passageWords(resolveAnchor(doc, 'aboutMe', { start: at(text, 2), end: at(text, 13) })!)).toBe('like trains');
    expect(wordsBetween(text, 0, 6)).toBe('I like');
  });

  it('do not resolve in another section, across two paragraphs, backwards, or in a deleted paragraph', () => {
    const doc = new Y.Doc({ gc: false });
    const text = paragraphIn(doc, 'aboutMe', 'First paragraph.');
    const other = paragraphIn(doc, 'aboutMe', 'Second paragraph.');
    expect(resolveAnchor(doc, 'whatMatters', { start: at(text, 0), end: at(text, 5) })).toBeNull();
    expect(resolveAnchor(doc, 'aboutMe', { start: at(text, 0), end: at(other, 5) })).toBeNull();
    expect(resolveAnchor(doc, 'aboutMe', { start: at(text, 5), end: at(text, 1) })).toBeNull();
    expect(resolveAnchor(doc, 'aboutMe', { start: at(text, 3), end: at(text, 3) })).toMatchObject({ start: 3, end: 3 });
    const anchor = { start: at(other, 0), end: at(other, 6) };
    doc.getXmlFragment(sectionFieldName('aboutMe')).delete(1, 1);
    expect(resolveAnchor(doc, 'aboutMe', anchor)).toBeNull();
  });

  it('resolve at the start of an empty paragraph or heading (words to add where nobody has written), not of a list', () => {
    const doc = new Y.Doc({ gc: false });
    const fragment = doc.getXmlFragment(sectionFieldName('aboutMe'));
    const [paragraph, heading, list] = [new Y.XmlElement('paragraph'), new Y.XmlElement('heading'), new Y.XmlElement('bulletList')];
    fragment.push([paragraph, heading, list]);
    const start = (type: Y.XmlElement) => b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, 0)));
    expect(resolveAnchor(doc, 'aboutMe', { start: start(paragraph), end: start(paragraph) })).toMatchObject({ kind: 'emptyBlock', block: paragraph });
    expect(passageWords(resolveAnchor(doc, 'aboutMe', { start: start(heading), end: start(heading) })!)).toBe('');
    expect(resolveAnchor(doc, 'aboutMe', { start: start(list), end: start(list) })).toBeNull();
    expect(resolveAnchor(doc, 'aboutMe', { start: start(paragraph), end: start(heading) })).toBeNull();
    // Once someone writes in it, it is no longer an empty paragraph to add to.
    const anchor = { start: start(paragraph), end: start(paragraph) };
    paragraph.insert(0, [new Y.XmlText('Now there are words.')]);
    expect(resolveAnchor(doc, 'aboutMe', anchor)).toBeNull();
  });

  it('do not resolve from content the document does not have, and never create a section by looking', () => {
    const elsewhere = new Y.Doc({ gc: false });
    const text = paragraphIn(elsewhere, 'aboutMe', 'Words only the browser has.');
    const doc = new Y.Doc({ gc: false });
    expect(resolveAnchor(doc, 'aboutMe', { start: at(text, 0), end: at(text, 5) })).toBeNull();
    expect(doc.share.has(sectionFieldName('aboutMe'))).toBe(false);
  });

  it('refuse bytes that are not a position, and positions naming a root type', () => {
    expect(decodePosition('AAAA')).toBeNull();
    expect(decodePosition('')).toBeNull();
    expect(decodePosition('//////////8=')).toBeNull();
    const doc = new Y.Doc();
    const root = b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(doc.getText('section:aboutMe'), 0)));
    expect(decodePosition(root)).toBeNull();
    expect(anchorDecodes({ start: root, end: root, quote: '' })).toBe(false);
    const text = paragraphIn(new Y.Doc(), 'aboutMe', 'x');
    expect(anchorDecodes({ start: at(text, 0), end: at(text, 1), quote: 'x' })).toBe(true);
    // A real position with bytes after it is not one.
    const padded = Buffer.concat([Buffer.from(at(text, 0), 'base64'), Buffer.from([1, 2, 3])]).toString('base64');
    expect(decodePosition(padded)).toBeNull();
  });
});

describe('what waits for the person', () => {
  it('counts comments not resolved and suggestions not decided', () => {
    const by = { accountId: 'a', role: 'family' as const };
    const anchor = { start: '', end: '', quote: '' };
    const comment = { id: 'c', sectionId: 'aboutMe' as const, anchor: null, by, at: '', text: 't', replies: [] };
    const suggestion = { id: 's', sectionId: 'aboutMe' as const, anchor, passage: { length: 0, sha256: '' }, text: 't', by, at: '' };
    expect(
      waitingIn({
        comments: [
          { ...comment, resolved: null },
          { ...comment, resolved: { by, at: '' } },
        ],
        suggestions: [
          { ...suggestion, status: 'open', decided: null },
          { ...suggestion, status: 'open', decided: null },
          { ...suggestion, status: 'declined', decided: { by, at: '', reason: null, onBehalf: false, historySeq: null } },
        ],
      }),
    ).toEqual({ comments: 1, suggestions: 2 });
  });
});
