// Making a section of a working copy of the plan read as it did at an earlier point: its words, and its structured
// parts (the budget, outcomes…), each only where it differs, so what already reads the same keeps its authors. The
// change is made as plain Yjs edits (fields set or deleted, lists written again line by line with the same ids),
// so the server checks it exactly like a member's own typing (see serverChange.ts).

import * as Y from 'yjs';
import { DATA_PARTS, type MapSpec } from '../../shared/planData.js';
import { sectionFieldName } from '../../shared/protocol.js';
import type { SectionId } from '../../shared/sections.js';
import { canonicalJson } from './chain.js';
import { partsOfSection } from './partChanges.js';
import { partContent, sectionTextContent } from './planContent.js';

/** Within a transaction on `working`: the section reads as it does in `then`. */
export function restoreSection(working: Y.Doc, then: Y.Doc, sectionId: SectionId): void {
  if (sectionTextContent(working, sectionId) !== sectionTextContent(then, sectionId)) {
    const now = working.getXmlFragment(sectionFieldName(sectionId));
    const old = then.getXmlFragment(sectionFieldName(sectionId));
    now.delete(0, now.length);
    now.insert(0, old.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText));
  }
  for (const part of partsOfSection(sectionId)) {
    const { root, spec } = DATA_PARTS[part];
    if (partContent(working, root) !== partContent(then, root)) restorePart(working.getMap(root), then.getMap(root).toJSON() as Record<string, unknown>, spec);
  }
}

const jsonOf = (value: unknown): unknown => (value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value);

/** Sets each field that differs, deletes fields it did not have, and writes again each list that differs. */
function restorePart(now: Y.Map<unknown>, old: Record<string, unknown>, spec: MapSpec): void {
  for (const key of [...now.keys()]) if (!(key in old)) now.delete(key);
  for (const [key, value] of Object.entries(old)) {
    if (now.has(key) && canonicalJson(jsonOf(now.get(key))) === canonicalJson(value)) continue;
    if (spec.fields[key]?.kind === 'list' && Array.isArray(value)) {
      const lines = new Y.Array<Y.Map<unknown>>();
      lines.push((value as unknown[]).map((line) => new Y.Map<unknown>(Object.entries(line as Record<string, unknown>))));
      now.set(key, lines);
    } else {
      now.set(key, value);
    }
  }
}
