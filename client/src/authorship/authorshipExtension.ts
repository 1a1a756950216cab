// "Show who wrote what" inside one section's editor: a ProseMirror plugin that tints each passage with its author's
// colour and gives it a tooltip. It only reads: the decorations are not part of the document and nothing is written
// to the Y.Doc. The authors come from the server (see authorIndex.ts); the page switches this on by dispatching
// `setAuthorship`.

import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import type { AuthorIndex } from './authorIndex.js';
import { findPassages, type Passage } from './passages.js';

export interface AuthorshipConfig {
  index: AuthorIndex;
  /** The words for a passage's tooltip ("Written by …, 1 December at 14:05"). */
  describe: (passage: Passage) => string;
}

interface AuthorshipState {
  config: AuthorshipConfig | null;
  passages: Passage[];
  decorations: DecorationSet;
}

type Meta = { config: AuthorshipConfig | null } | { recompute: true };

export const authorshipKey = new PluginKey<AuthorshipState>('authorship');

/** Turn colouring on (with the latest authors and words) or off. */
export function setAuthorship(view: EditorView, config: AuthorshipConfig | null): void {
  view.dispatch(view.state.tr.setMeta(authorshipKey, { config } satisfies Meta));
}

/** The passages as last worked out (empty when colouring is off). */
export function passagesOf(state: EditorState): Passage[] {
  return authorshipKey.getState(state)?.passages ?? [];
}

const RECOMPUTE_AFTER_MS = 250;

export const Authorship = Extension.create<{ fragment: Y.XmlFragment | null }>({
  name: 'authorship',
  addOptions: () => ({ fragment: null }),
  addProseMirrorPlugins() {
    const fragment = this.options.fragment;
    const compute = (config: AuthorshipConfig | null, doc: PmNode): AuthorshipState => {
      if (!config || !fragment) return { config, passages: [], decorations: DecorationSet.empty };
      const passages = findPassages(fragment, doc, config.index);
      return { config, passages, decorations: DecorationSet.create(doc, passages.map((p) => decorationFor(p, config))) };
    };
    return [
      new Plugin<AuthorshipState>({
        key: authorshipKey,
        state: {
          init: () => ({ config: null, passages: [], decorations: DecorationSet.empty }),
          apply(tr: Transaction, value: AuthorshipState): AuthorshipState {
            const meta = tr.getMeta(authorshipKey) as Meta | undefined;
            if (meta && 'config' in meta) return compute(meta.config, tr.doc);
            if (meta && 'recompute' in meta) return compute(value.config, tr.doc);
            if (!tr.docChanged || !value.config) return value;
            // Until the recompute: follow the text as it moves, so colours do not jump.
            const passages = value.passages
              .map((p) => ({ ...p, from: tr.mapping.map(p.from, 1), to: tr.mapping.map(p.to, -1) }))
              .filter((p) => p.to > p.from);
            return { ...value, passages, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: { decorations: (state) => authorshipKey.getState(state)?.decorations },
        view: () => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          return {
            update(view, previous) {
              const on = authorshipKey.getState(view.state)?.config != null;
              if (!on || view.state.doc === previous.doc) return;
              // After the sync plugin has carried the change into the Y.Doc (or from it), work it out afresh.
              clearTimeout(timer);
              timer = setTimeout(() => {
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(authorshipKey, { recompute: true } satisfies Meta));
              }, RECOMPUTE_AFTER_MS);
            },
            destroy: () => clearTimeout(timer),
          };
        },
      }),
    ];
  },
});

function decorationFor(passage: Passage, config: AuthorshipConfig): Decoration {
  const author = passage.accountId === null ? undefined : config.index.author(passage.accountId);
  return Decoration.inline(passage.from, passage.to, {
    class: author ? `authored author-c${author.colorIndex}` : 'authored author-unknown',
    'data-author': passage.accountId ?? '',
    title: config.describe(passage),
  });
}
