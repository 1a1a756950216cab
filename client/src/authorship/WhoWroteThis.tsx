// Who wrote what in one section, without needing a mouse: a line that says who wrote the text at the cursor
// (announced politely, once the cursor rests), and a list of the section's passages with their authors.

import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passagesOf, type AuthorshipConfig } from './authorshipExtension.js';
import type { Passage } from './passages.js';

const SETTLE_MS = 400;
const EXCERPT_CHARS = 60;

export function WhoWroteThis({ editor, config, sectionName, editable }: { editor: Editor; config: AuthorshipConfig; sectionName: string; editable: boolean }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const passages = passagesOf(e.state);
      return { passages, atCaret: e.isFocused ? passageAt(passages, e.state.selection.head) : undefined };
    },
  });
  const caretWords =
    state.atCaret === undefined ? null : state.atCaret === null ? t('authorship.caretNoText') : config.describe(state.atCaret);

  // Say it once the cursor rests, and only when the answer changes: arrowing through one passage stays quiet. The
  // passage is kept (not its words), so the line follows a change of language.
  const [spoken, setSpoken] = useState<Passage | null | undefined>(undefined);
  const atCaret = state.atCaret;
  useEffect(() => {
    if (caretWords === null) return;
    const timer = setTimeout(() => setSpoken(atCaret), SETTLE_MS);
    return () => clearTimeout(timer);
    // Only the words matter: the passage's positions move with every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caretWords]);
  const spokenWords = spoken === undefined ? t('authorship.caretHint') : spoken === null ? t('authorship.caretNoText') : config.describe(spoken);

  // Nothing written yet: nothing to say (twelve empty "who wrote this" lines would only be noise).
  if (state.passages.length === 0) return null;
  return (
    <div className="who-wrote">
      {editable && (
        <p className="who-wrote-caret" aria-live="polite">
          {spokenWords}
        </p>
      )}
      <details>
        <summary>{t('authorship.listSummary', { section: sectionName })}</summary>
        <ol>
          {state.passages.map((p) => (
            <li key={`${p.from}-${p.to}`}>
              <span className={`author-swatch ${swatchClass(p, config)}`} aria-hidden="true" />
              {config.describe(p)}: “{excerpt(editor, p)}”
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}

/** The passage holding the character just before the cursor, else the one just after; null where there is no text. */
function passageAt(passages: Passage[], pos: number): Passage | null {
  return passages.find((p) => p.from < pos && pos <= p.to) ?? passages.find((p) => p.from === pos) ?? null;
}

function swatchClass(passage: Passage, config: AuthorshipConfig): string {
  const author = passage.accountId === null ? undefined : config.index.author(passage.accountId);
  return author ? `author-c${author.colorIndex}` : 'author-unknown';
}

function excerpt(editor: Editor, passage: Passage): string {
  const size = editor.state.doc.content.size;
  const text = editor.state.doc.textBetween(Math.min(passage.from, size), Math.min(passage.to, size), ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS).trimEnd()}…` : text;
}
