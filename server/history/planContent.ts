// What a plan says, as one value that can be compared and hashed: each section's content in a canonical form —
// every element with its name and attributes (keys sorted), every text as runs of characters with the same marks
// (neighbouring runs with equal marks joined, so the same words with the same formatting read the same however they
// were typed or formatted, by one person or two at once) — without the empty paragraphs an editor adds to a section
// nobody has written in, and without sections that are empty. Everything is JSON, so no text can pass for structure.
// Versions and agreements name the plan by this hash.

import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTION_IDS, type SectionId } from '../../shared/sections.js';
import { canonicalJson } from './chain.js';

type Canonical = { element: string; attributes: Record<string, unknown>; children: Canonical[] } | { text: [string, Record<string, unknown>][] };

function canonical(node: Y.XmlElement | Y.XmlText | Y.XmlHook): Canonical {
  if (node instanceof Y.XmlText) {
    const runs: [string, Record<string, unknown>][] = [];
    for (const op of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      const insert = typeof op.insert === 'string' ? op.insert : canonicalJson(op.insert);
      const marks = op.attributes ?? {};
      const last = runs.at(-1);
      if (last && canonicalJson(last[1]) === canonicalJson(marks)) last[0] += insert;
      else runs.push([insert, marks]);
    }
    return { text: runs.filter(([text]) => text !== '') };
  }
  if (node instanceof Y.XmlElement) {
    const attributes = node.getAttributes() as Record<string, unknown>;
    return { element: node.nodeName, attributes, children: node.toArray().map(canonical) };
  }
  return { element: '#hook', attributes: {}, children: [] };
}

const isEmptyParagraph = (node: Canonical) =>
  'element' in node &&
  node.element === 'paragraph' &&
  node.children.every((child) => 'text' in child && child.text.length === 0) &&
  Object.values(node.attributes).every((v) => v === null || v === undefined);

/** A section's content in canonical form (an empty section: []). */
function sectionCanonical(doc: Y.Doc, sectionId: SectionId): Canonical[] {
  const nodes = doc.getXmlFragment(sectionFieldName(sectionId)).toArray().map(canonical);
  while (nodes.length > 0 && isEmptyParagraph(nodes[0]!)) nodes.shift();
  while (nodes.length > 0 && isEmptyParagraph(nodes.at(-1)!)) nodes.pop();
  return nodes;
}

/** A section's content, comparable between documents (canonical JSON). */
export function sectionContent(doc: Y.Doc, sectionId: SectionId): string {
  return canonicalJson(sectionCanonical(doc, sectionId));
}

/** The SHA-256 hash (hex) of everything the plan says, section by section (empty sections left out). */
export function planContentHash(doc: Y.Doc): string {
  const content: Record<string, Canonical[]> = {};
  for (const id of SECTION_IDS) {
    const nodes = sectionCanonical(doc, id);
    if (nodes.length > 0) content[id] = nodes;
  }
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
