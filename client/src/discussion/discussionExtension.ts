// Comments and suggestions shown in one section's text: a commented passage underlined with its number beside it,
// a suggestion's passage struck through and its proposed words shown after it as an insertion. Only decorations:
// nothing here is part of the document or written to the Y.Doc, so the live text is unchanged until someone accepts.

import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { Anchor } from '../../../shared/discussion.js';
import { resolveAnchor } from './anchors.js';

/** One comment or open suggestion on a passage of this section, as the page wants it shown. */
export interface DiscussionMark {
  id: string;
  kind: 'comment' | 'suggestion';
  anchor: Anchor;
  /** Shown beside the passage and beside the item in the list, to tie the two together. */
  number: number;
  /** A suggestion's proposed words ('' to take the passage out). */
  proposed: string;
  /** Said on hover and to assistive technology ("Comment 1 by Megan Evans"). */
  label: string;
  /** Read before a suggestion's proposed words ("Suggested words:"). */
  proposedLabel: string;
}

interface DiscussionState {
  marks: DiscussionMark[];
  decorations: DecorationSet;
}

type Meta = { marks: DiscussionMark[] } | { recompute: true };

export const discussionKey = new PluginKey<DiscussionState>('discussion');

/** Show these comments and suggestions in the text (an empty list shows none). */
export function setDiscussionMarks(view: EditorView, marks: DiscussionMark[]): void {
  view.dispatch(view.state.tr.setMeta(discussionKey, { marks } satisfies Meta));
}

function compute(state: EditorState, marks: DiscussionMark[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const mark of marks) {
    const range = resolveAnchor(state, mark.anchor);
    if (!range) continue;
    const attrs = { 'data-discussion': mark.id, title: mark.label };
    if (mark.kind === 'comment') {
      if (range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { ...attrs, class: 'discussed-passage' }));
      decorations.push(Decoration.widget(range.to, () => marker(mark), { side: 1, key: `marker-${mark.id}`, ignoreSelection: true }));
    } else {
      if (range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { ...attrs, class: 'suggested-removal', nodeName: 'del' }));
      decorations.push(Decoration.widget(range.to, () => insertion(mark), { side: 1, key: `ins-${mark.id}-${mark.proposed}`, ignoreSelection: true }));
    }
  }
  return DecorationSet.create(state.doc, decorations);
}

function marker(mark: DiscussionMark): HTMLElement {
  const sup = document.createElement('sup');
  sup.className = `discussion-marker discussion-marker-${mark.kind}`;
  sup.contentEditable = 'false';
  sup.setAttribute('aria-hidden', 'true');
  sup.title = mark.label;
  sup.append(document.createTextNode(`[${mark.number}]`));
  return sup;
}

function insertion(mark: DiscussionMark): HTMLElement {
  const wrap = document.createElement('span');
  wrap.className = 'suggestion-widget';
  wrap.contentEditable = 'false';
  wrap.setAttribute('data-suggestion', mark.id);
  if (mark.proposed) {
    const ins = document.createElement('ins');
    ins.className = 'suggested-words';
    ins.title = mark.label;
    const said = document.createElement('span');
    said.className = 'visually-hidden';
    said.append(document.createTextNode(`${mark.proposedLabel} `));
    ins.append(said, document.createTextNode(mark.proposed));
    wrap.append(ins);
  }
  wrap.append(marker(mark));
  return wrap;
}

export const Discussion = Extension.create({
  name: 'discussion',
  addProseMirrorPlugins() {
    return [
      new Plugin<DiscussionState>({
        key: discussionKey,
        state: {
          init: () => ({ marks: [], decorations: DecorationSet.empty }),
          apply(tr: Transaction, value: DiscussionState, _old: EditorState, state: EditorState): DiscussionState {
            const meta = tr.getMeta(discussionKey) as Meta | undefined;
            if (meta && 'marks' in meta) return { marks: meta.marks, decorations: compute(state, meta.marks) };
            if (meta && 'recompute' in meta) return { ...value, decorations: compute(state, value.marks) };
            if (!tr.docChanged || value.marks.length === 0) return value;
            // Until the recompute: follow the text as it moves.
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: { decorations: (state) => discussionKey.getState(state)?.decorations },
        view: () => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          return {
            update(view, previous) {
              if (view.state.doc === previous.doc || !discussionKey.getState(view.state)?.marks.length) return;
              // Once the sync binding has carried the change into the Y.Doc (its mapping is then current), resolve again.
              clearTimeout(timer);
              timer = setTimeout(() => {
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(discussionKey, { recompute: true } satisfies Meta));
              }, 0);
            },
            destroy: () => clearTimeout(timer),
          };
        },
      }),
    ];
  },
});
