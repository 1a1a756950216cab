// One section of the plan: its heading, its plain-words prompt, and a rich-text editor bound to the section's
// own shared type in the plan's Y.Doc. Undo and redo only touch this person's own changes.

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Jurisdiction } from '../../../shared/jurisdictions.js';
import { sectionFieldName } from '../../../shared/protocol.js';
import type { SectionDefinition } from '../../../shared/sections.js';
import { Authorship, setAuthorship, type AuthorshipConfig } from '../authorship/authorshipExtension.js';
import { WhoWroteThis } from '../authorship/WhoWroteThis.js';
import { Discussion } from '../discussion/discussionExtension.js';
import type { PlanSession } from '../sync/planSession.js';
import { Glossed } from '../plan/Glossed.js';
import { ReadAloud } from '../plan/ReadAloud.js';
import { useDisplay } from '../display/display.js';
import { EditorToolbar } from './EditorToolbar.js';

export function SectionEditor(props: {
  session: PlanSession;
  section: SectionDefinition;
  number: number;
  jurisdiction: Jurisdiction;
  readOnly: boolean;
  /** Why this member cannot change the section (shown, and read with the editor), when that is the reason. */
  readOnlyNote: string | null;
  /** For the person and their plan manager: who may write here, and the switch to change it. */
  rights?: ReactNode;
  /** "Show who wrote what": the server's authors and the words for them, or null while it is off. */
  authorship?: AuthorshipConfig | null;
  /** The section's structured part (the budget in numbers…), shown under its text. */
  children?: ReactNode;
  /** The section's comments and suggestions, which need its editor (to choose words and show them in the text). */
  discussion?: (editor: Editor) => ReactNode;
}) {
  const { t } = useTranslation();
  const { session, section } = props;
  const headingId = headingIdFor(section.id);
  const promptId = promptIdFor(section.id);
  const noteId = `section-${section.id}-rights-note`;
  const describedBy = props.readOnlyNote ? `${promptId} ${noteId}` : promptId;
  const promptKey = props.jurisdiction === 'wales' && section.walesPrompt ? 'promptWales' : 'prompt';
  const heading = t(`sections.${section.id}.heading`);
  const { easyRead } = useDisplay();
  // Easy read: shorter questions, one idea per line (the same for England and Wales).
  const prompt = easyRead ? t(`sections.${section.id}.easyPrompt`) : t(`sections.${section.id}.${promptKey}`);
  const placeholderText = t('editor.placeholder');

  const editor = useEditor(
    {
      injectCSS: false, // our stylesheet carries the editor's styles; the CSP allows no inline <style>
      extensions: [
        StarterKit.configure({
          undoRedo: false, // Collaboration brings an undo that only undoes this person's changes
          heading: { levels: [3, 4] },
          link: { openOnClick: false, autolink: true, protocols: ['mailto'], HTMLAttributes: { rel: 'noopener noreferrer nofollow' } },
        }),
        Collaboration.configure({ document: session.doc, field: sectionFieldName(section.id) }),
        CollaborationCaret.configure({
          provider: session.provider,
          // Shown to the others as the server stamps it (name and role from the account and the circle).
          user: { name: session.getSnapshot().access?.displayName ?? '', role: session.getSnapshot().access?.role, color: session.color },
          render: renderCaret,
        }),
        Placeholder.configure({ placeholder: placeholderText }),
        Authorship.configure({ fragment: session.doc.getXmlFragment(sectionFieldName(section.id)) }),
        Discussion,
      ],
      editable: !props.readOnly,
      editorProps: { attributes: editorAttributes(section.id, props.readOnly, describedBy) },
      onFocus: () => session.setSection(section.id),
    },
    [session, section.id],
  );

  // Keep the placeholder in the reader's language when they switch.
  useEffect(() => {
    if (!editor) return;
    const placeholder = editor.extensionManager.extensions.find((e) => e.name === 'placeholder');
    if (placeholder && placeholder.options.placeholder !== placeholderText) {
      placeholder.options.placeholder = placeholderText;
      editor.view.dispatch(editor.state.tr); // redraw the placeholder decoration
    }
  }, [editor, placeholderText]);

  const authorship = props.authorship ?? null;
  useEffect(() => {
    if (editor && !editor.isDestroyed) setAuthorship(editor.view, authorship);
  }, [editor, authorship]);

  useEffect(() => {
    if (!editor) return;
    // Rights can change while the page is open (the server's access message): follow at once, no reload.
    editor.setEditable(!props.readOnly);
    // Screen readers should say the text can be read but not changed, and why, not just find typing does nothing.
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: editorAttributes(section.id, props.readOnly, describedBy) } });
  }, [editor, section.id, props.readOnly, describedBy]);

  return (
    <section
      className="plan-section"
      id={`section-${section.id}`}
      aria-labelledby={headingId}
      // Anywhere in the section (its text, its budget figures…): the others see where this person is.
      onFocus={() => session.setSection(section.id)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) session.setSection(null);
      }}
    >
      <h2 id={headingId}>
        <span className="section-number">{props.number}.</span> {heading}
      </h2>
      {easyRead ? (
        <div className="prompt easy-prompt" id={promptId}>
          {prompt.split('\n').map((line) => (
            <p key={line}>
              <Glossed text={line} />
            </p>
          ))}
        </div>
      ) : (
        <p className="prompt" id={promptId}>
          <Glossed text={prompt} />
        </p>
      )}
      <div className="section-tools">
        <ReadAloud
          idBase={`section-${section.id}`}
          label={heading}
          text={() => [heading, prompt.replace(/\n/g, ' '), editor?.getText({ blockSeparator: '\n' }).trim() || t('history.sectionEmpty')].join('\n')}
        />
        <SectionHint sectionId={section.id} />
      </div>
      {props.rights}
      {props.readOnlyNote && (
        <p className="rights-note" id={noteId}>
          {props.readOnlyNote}
        </p>
      )}
      {/* No formatting buttons where this member cannot write at all: fewer things that do nothing. */}
      {editor && !props.readOnlyNote && <EditorToolbar editor={editor} sectionName={heading} disabled={props.readOnly} />}
      {editor && authorship && <WhoWroteThis editor={editor} config={authorship} sectionName={heading} editable={!props.readOnly} />}
      <EditorContent editor={editor} />
      {props.children}
      {editor && props.discussion?.(editor)}
    </section>
  );
}

/** The longer hint with an example, on request; its jargon explained like the prompt's. */
function SectionHint({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const hintId = `section-${sectionId}-hint`;
  return (
    <div className="section-help">
      <button type="button" className="more-help" aria-expanded={open} aria-controls={hintId} onClick={() => setOpen(!open)}>
        {open ? t('editor.lessHelp') : t('editor.moreHelp')}
      </button>
      <p className="section-hint" id={hintId} hidden={!open}>
        <Glossed text={t(`sections.${sectionId}.hint`)} />
      </p>
    </div>
  );
}

const headingIdFor = (sectionId: string) => `section-${sectionId}-heading`;
const promptIdFor = (sectionId: string) => `section-${sectionId}-prompt`;

function editorAttributes(sectionId: string, readOnly: boolean, describedBy: string): Record<string, string> {
  return {
    'aria-labelledby': headingIdFor(sectionId),
    'aria-describedby': describedBy,
    'aria-multiline': 'true',
    // Read-only text can still be focused: to read it, and to be taken to the words a comment is about.
    ...(readOnly ? { 'aria-readonly': 'true', tabindex: '0' } : {}),
    role: 'textbox',
    class: 'section-editor',
    'data-section': sectionId,
  };
}

const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;
const NEUTRAL_COLOR = '#4a4a55';

/** Someone else's caret and name, as Tiptap draws it by default, but hidden from screen readers: inside the
 * editable text a name would be read out as if it were part of what was written. The presence list says who
 * is where instead. The name is only ever a text node. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && SAFE_COLOR.test(user.color) ? user.color : NEUTRAL_COLOR;
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.append(document.createTextNode(typeof user.name === 'string' ? user.name : ''));
  caret.append(label);
  return caret;
}
