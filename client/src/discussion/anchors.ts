// Passages of a section's text as the discussion names them: Yjs relative positions (base64), so a comment or a
// suggestion stays on its words while others type around them. Worked out from, and back into, the editor's
// positions through the y-prosemirror binding of that editor (its shared type and its mapping of types to nodes).

import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { QUOTE_MAX, type Anchor } from '../../../shared/discussion.js';

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

function bindingOf(state: EditorState): Binding | null {
  const ystate = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping?: Binding['mapping'] } } | undefined;
  if (!ystate?.doc || !ystate.type || !ystate.binding?.mapping) return null;
  return { doc: ystate.doc, type: ystate.type, mapping: ystate.binding.mapping };
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** What the reader has chosen in a section's text, as the discussion needs it. */
export type Choice =
  | { kind: 'passage'; anchor: Anchor }
  | { kind: 'point'; anchor: Anchor }
  /** Words in more than one paragraph, or over a line break (a passage must stay in one run of text). */
  | { kind: 'acrossParagraphs' }
  /** Nothing usable (no text, or the editor not bound yet). */
  | { kind: 'none' };

/** The editor's selection (or caret) as an anchor: a passage, a point, or why it cannot be one. */
export function choiceFromSelection(state: EditorState): Choice {
  const { from, to, $from, $to } = state.selection;
  if (!$from.parent.isTextblock || !$to.parent.isTextblock) return { kind: 'none' };
  if (!$from.sameParent($to)) return { kind: 'acrossParagraphs' };
  // A line break inside a paragraph splits its text in two: a passage must stay within one run of text.
  let breaks = false;
  state.doc.nodesBetween(from, to, (node) => {
    if (node.isInline && !node.isText) breaks = true;
  });
  if (breaks) return { kind: 'acrossParagraphs' };
  const binding = bindingOf(state);
  if (!binding) return { kind: 'none' };
  const encode = (pos: number) => toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition));
  const quote = state.doc.textBetween(from, to, ' ', ' ').slice(0, QUOTE_MAX);
  const anchor = { start: encode(from), end: encode(to), quote };
  return from === to ? { kind: 'point', anchor } : { kind: 'passage', anchor };
}

/** Where an anchor's words are now in the editor's document, or null if they are gone (or not in this section). */
export function resolveAnchor(state: EditorState, anchor: Anchor): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const resolve = (encoded: string) => {
    try {
      return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(encoded)), binding.mapping);
    } catch {
      return null;
    }
  };
  const from = resolve(anchor.start);
  const to = resolve(anchor.end);
  const size = state.doc.content.size;
  if (from === null || to === null || from > to || to > size) return null;
  // A passage whose words were all deleted has collapsed to a point: nothing left to show.
  if (from === to && anchor.quote !== '') return null;
  return { from, to };
}

/**
 * The first place in the section where `words` are written within one paragraph, for choosing words without a mouse
 * (a read-only section has no caret to move with the keyboard). Matched ignoring case and runs of spaces.
 */
export function findWords(state: EditorState, words: string): { from: number; to: number } | null {
  const wanted = words.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!wanted) return null;
  let found: { from: number; to: number } | null = null;
  state.doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    // Each character's document position, so a match maps back exactly (inline nodes count as one space).
    const chars: string[] = [];
    const positions: number[] = [];
    node.forEach((child, offset) => {
      const text = child.isText ? child.text! : ' ';
      for (let i = 0; i < text.length; i++) {
        chars.push(text[i]!);
        positions.push(pos + 1 + offset + (child.isText ? i : 0));
      }
    });
    // Collapse runs of spaces the same way as the words asked for.
    let collapsed = '';
    const starts: number[] = [];
    for (let i = 0; i < chars.length; i++) {
      const c = /\s/.test(chars[i]!) ? ' ' : chars[i]!.toLowerCase();
      if (c === ' ' && collapsed.endsWith(' ')) continue;
      collapsed += c;
      starts.push(i);
    }
    const at = collapsed.indexOf(wanted);
    if (at >= 0) {
      const first = starts[at]!;
      const last = starts[at + wanted.length - 1]!;
      found = { from: positions[first]!, to: positions[last]! + 1 };
    }
    return false;
  });
  return found;
}
