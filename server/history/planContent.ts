// What a plan says, as one value that can be compared and hashed: each section's content as the editor's XML
// (paragraphs, headings, lists, marks), without the empty paragraphs an editor adds to a section nobody has written
// in. Two documents that read the same have the same content hash, however they were typed; versions and
// agreements name the plan by this hash.

import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTION_IDS, type SectionId } from '../../shared/sections.js';
import { canonicalJson } from './chain.js';

const EMPTY_PARAGRAPHS = /^(?:<paragraph><\/paragraph>)+|(?:<paragraph><\/paragraph>)+$/g;

/** A section's content, comparable between documents. */
export function sectionContent(doc: Y.Doc, sectionId: SectionId): string {
  return doc.getXmlFragment(sectionFieldName(sectionId)).toString().replace(EMPTY_PARAGRAPHS, '');
}

/** The SHA-256 hash (hex) of everything the plan says, section by section. */
export function planContentHash(doc: Y.Doc): string {
  const content = Object.fromEntries(SECTION_IDS.map((id) => [id, sectionContent(doc, id)]));
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
