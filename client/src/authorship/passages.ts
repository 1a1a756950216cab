// Which parts of a section's text each Yjs item covers, as ProseMirror positions. The editor's document and the
// section's Y.XmlFragment are walked side by side (y-prosemirror renders one from the other: elements map to
// nodes, each Y.XmlText to a run of text nodes); where the two do not line up exactly (a change still on its way
// between them), that block is left out and the next recompute picks it up.

import type { Node as PmNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import type { AuthorIndex } from './authorIndex.js';

/** A stretch of text written by one member (or by no one the server knows: accountId null) in one burst. */
export interface Passage {
  from: number;
  to: number;
  accountId: string | null;
  /** When the burst it was written in ended; null if the server's record does not have it yet. */
  at: string | null;
}

export function findPassages(fragment: Y.XmlFragment, doc: PmNode, index: AuthorIndex): Passage[] {
  const out: Passage[] = [];
  walkBlock(fragment, doc, 0, index, out);
  return out;
}

function walkBlock(y: Y.XmlFragment | Y.XmlElement, node: PmNode, contentStart: number, index: AuthorIndex, out: Passage[]): void {
  const children = y.toArray();
  if (node.inlineContent) {
    const found: Passage[] = [];
    if (walkInline(children, node, contentStart, index, found)) out.push(...found);
    return;
  }
  if (children.length !== node.childCount) return;
  let pos = contentStart;
  children.forEach((child, i) => {
    const pmChild = node.child(i);
    if (child instanceof Y.XmlElement && child.nodeName === pmChild.type.name) walkBlock(child, pmChild, pos + 1, index, out);
    pos += pmChild.nodeSize;
  });
}

/** The text of one paragraph or heading; false if it does not match the editor's text exactly. */
function walkInline(children: (Y.XmlElement | Y.XmlText | Y.XmlHook)[], node: PmNode, contentStart: number, index: AuthorIndex, out: Passage[]): boolean {
  const end = contentStart + node.content.size;
  const doc = node; // positions below are relative to this node's content
  let pos = contentStart;
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (let item = child._start; item !== null; item = item.right) {
        if (item.deleted || !item.countable) continue;
        if (!(item.content instanceof Y.ContentString)) {
          pos += item.length;
          continue;
        }
        const from = pos - contentStart;
        if (doc.textBetween(from, from + item.length, '', '\ufffc') !== item.content.str) return false;
        for (const run of index.runs(item.id.client, item.id.clock, item.length)) {
          push(out, { from: pos + run.offset, to: pos + run.offset + run.length, accountId: run.accountId, at: run.at });
        }
        pos += item.length;
      }
    } else {
      // An inline element (a line break): one position, written by no one in particular.
      const at = pos - contentStart;
      if (at >= node.content.size) return false;
      const inline = node.resolve(at).nodeAfter;
      if (!inline || inline.isText) return false;
      pos += inline.nodeSize;
    }
    if (pos > end) return false;
  }
  return pos === end;
}

function push(out: Passage[], passage: Passage): void {
  const last = out.at(-1);
  if (last && last.to === passage.from && last.accountId === passage.accountId && last.at === passage.at) last.to = passage.to;
  else out.push(passage);
}
