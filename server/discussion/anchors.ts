// Where a comment or suggestion sits in the plan: an anchor's two Yjs relative positions, resolved against a plan's
// document. Both must land in the same run of text (one Y.XmlText) inside the named section, the start not after
// the end — or, for words to add to an empty paragraph or heading (which has no text yet), both at its start.
// Anything else — undecodable bytes, a position in another section, in deleted text, or in content the plan does not
// have — does not resolve. Relative positions follow the text as people type around them.

import * as Y from 'yjs';
import type { Anchor } from '../../shared/discussion.js';
import { sectionFieldName } from '../../shared/protocol.js';
import type { SectionId } from '../../shared/sections.js';
import { fromBase64 } from '../storage/base64.js';

/** An anchor found in a document: the text it is in and where in it (start <= end), or an empty block's start. */
export type ResolvedAnchor =
  | { kind: 'text'; text: Y.XmlText; start: number; end: number }
  | { kind: 'emptyBlock'; block: Y.XmlElement; start: 0; end: 0 };

/** Blocks that hold text directly (the editor's textblocks): words may be added to one that is empty. */
const TEXT_BLOCKS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'codeBlock']);

/** A relative position from its base64 encoding, or null if the bytes are not one we accept. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    const bytes = fromBase64(encoded);
    const position = Y.decodeRelativePosition(bytes);
    // Exactly what Y.encodeRelativePosition writes: nothing left over, nothing missing.
    if (Buffer.compare(Buffer.from(Y.encodeRelativePosition(position)), Buffer.from(bytes)) !== 0) return null;
    // A root type's name would make Yjs create that root when resolving it; text in a paragraph is never a root.
    if (position.tname !== null) return null;
    if (position.item === null && position.type === null) return null;
    return position;
  } catch {
    return null;
  }
}

/** Whether both positions of an anchor decode (checked before anything is looked up). */
export const anchorDecodes = (anchor: Anchor): boolean => decodePosition(anchor.start) !== null && decodePosition(anchor.end) !== null;

/** Whether `type` is inside the section's fragment, with nothing on the way deleted. */
function inSection(type: Y.XmlText | Y.XmlElement, fragment: Y.XmlFragment): boolean {
  let item: Y.Item | null = type._item;
  for (;;) {
    if (item === null || item.deleted) return false;
    const parent = item.parent;
    if (parent === fragment) return true;
    if (!(parent instanceof Y.AbstractType)) return false;
    item = parent._item;
  }
}

function absolute(encoded: string, doc: Y.Doc): Y.AbsolutePosition | null {
  const position = decodePosition(encoded);
  if (position === null) return null;
  try {
    return Y.createAbsolutePositionFromRelativePosition(position, doc);
  } catch {
    return null;
  }
}

/** The anchor's place in `doc` now, or null if it does not resolve into one text of the section. */
export function resolveAnchor(doc: Y.Doc, sectionId: SectionId, anchor: Pick<Anchor, 'start' | 'end'>): ResolvedAnchor | null {
  // Only look things up in a section the plan already has (resolving never creates anything).
  if (!doc.share.has(sectionFieldName(sectionId))) return null;
  const fragment = doc.getXmlFragment(sectionFieldName(sectionId));
  const start = absolute(anchor.start, doc);
  const end = absolute(anchor.end, doc);
  if (start === null || end === null || start.type !== end.type) return null;
  const type = start.type;
  if (type instanceof Y.XmlText) {
    if (!inSection(type, fragment) || start.index > end.index) return null;
    return { kind: 'text', text: type, start: start.index, end: end.index };
  }
  if (type instanceof Y.XmlElement && TEXT_BLOCKS.has(type.nodeName) && type.length === 0 && inSection(type, fragment)) {
    return { kind: 'emptyBlock', block: type, start: 0, end: 0 };
  }
  return null;
}

/** The words at an anchor's place now. */
export const passageWords = (place: ResolvedAnchor): string => (place.kind === 'text' ? wordsBetween(place.text, place.start, place.end) : '');

/** The words of a text between two indexes, as a person reads them (anything that is not text counts as one mark). */
export function wordsBetween(text: Y.XmlText, start: number, end: number): string {
  const delta = text.toDelta() as { insert: unknown }[];
  const plain = delta.map((d) => (typeof d.insert === 'string' ? d.insert : '\uFFFC')).join('');
  return plain.slice(start, end);
}
