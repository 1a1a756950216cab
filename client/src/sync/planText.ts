// The plan as plain text, from this page's copy of the document: a way to keep words the server could not take.

import * as Y from 'yjs';
import { sectionFieldName } from '../../../shared/protocol.js';
import type { SectionId } from '../../../shared/sections.js';

function nodeText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
    const inline = children.every((c) => c instanceof Y.XmlText);
    return children.map(nodeText).join(inline ? '' : '\n');
  }
  return '';
}

/** Each section's heading, then its text, one paragraph a line. */
export function planAsText(doc: Y.Doc, sections: readonly { id: SectionId; heading: string }[]): string {
  return sections
    .map(({ id, heading }) => {
      const body = (doc.getXmlFragment(sectionFieldName(id)).toArray() as (Y.XmlElement | Y.XmlText)[]).map(nodeText).join('\n');
      return `${heading}\n${body}`.trim();
    })
    .join('\n\n');
}
