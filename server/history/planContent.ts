// What a plan says, as one value that can be compared and hashed: each section's content in a canonical form —
// every element with its name and attributes (keys sorted), every text as runs of characters with the same marks
// (neighbouring runs with equal marks joined, so the same words with the same formatting read the same however they
// were typed or formatted, by one person or two at once) — without the empty paragraphs an editor adds to a section
// nobody has written in, and without sections that are empty. Everything is JSON, so no text can pass for structure.
// Versions and agreements name the plan by this hash.

import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { DATA_PARTS } from '../../shared/planData.js';
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

/** A section's words, comparable between documents (canonical JSON). */
export function sectionTextContent(doc: Y.Doc, sectionId: SectionId): string {
  return canonicalJson(sectionCanonical(doc, sectionId));
}

/** What one structured part says (see `meaningful`), comparable between documents (canonical JSON). */
export function partContent(doc: Y.Doc, root: string): string {
  return canonicalJson(meaningful(doc.getMap(root).toJSON()) ?? null);
}

/**
 * A section's content, comparable between documents (canonical JSON): its words and its structured parts (a section
 * whose budget changed has changed, for comparing and restoring, as one whose words did).
 */
export function sectionContent(doc: Y.Doc, sectionId: SectionId): string {
  const parts = Object.values(DATA_PARTS).flatMap((p) => (p.sectionId === sectionId ? [[p.root, partContent(doc, p.root)]] : []));
  return canonicalJson({ text: sectionCanonical(doc, sectionId), parts: Object.fromEntries(parts) });
}

/**
 * What a structured part says: its fields without the empty ones (a figure cleared reads as one never given), and
 * its lists' records the same way, in order. Undefined when it says nothing at all.
 */
function meaningful(value: unknown): unknown {
  if (value === null || value === '' || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(meaningful).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const kept = meaningful(v);
      return kept === undefined ? [] : [[k, kept] as const];
    });
    return fields.length > 0 ? Object.fromEntries(fields) : undefined;
  }
  return value;
}

/**
 * The SHA-256 hash (hex) of everything the plan says: section by section (empty sections left out), and its
 * structured parts (the budget…), so an agreement goes out of date when a figure changes as when a word does.
 */
export function planContentHash(doc: Y.Doc): string {
  const content: Record<string, unknown> = {};
  for (const id of SECTION_IDS) {
    const nodes = sectionCanonical(doc, id);
    if (nodes.length > 0) content[id] = nodes;
  }
  for (const part of Object.values(DATA_PARTS)) {
    const kept = meaningful(doc.getMap(part.root).toJSON());
    if (kept !== undefined) content[part.root] = kept;
  }
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
