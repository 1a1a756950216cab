// One section of the plan: its heading, its plain-words prompt, and a rich-text editor bound to the section's
// own shared type in the plan's Y.Doc. Undo and redo only touch this person's own changes.

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Jurisdiction } from '../../../shared/jurisdictions.js';
import { sectionFieldName } from '../../../shared/protocol.js';
import type { SectionDefinition } from '../../../shared/sections.js';
import type { PlanSession } from '../sync/planSession.js';
import { EditorToolbar } from './EditorToolbar.js';

export function SectionEditor(props: {
  session: PlanSession;
  section: SectionDefinition;
  number: number;
  jurisdiction: Jurisdiction;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { session, section } = props;
  const headingId = `section-${section.id}-heading`;
  const promptId = `section-${section.id}-prompt`;
  const promptKey = props.jurisdiction === 'wales' && section.walesPrompt ? 'promptWales' : 'prompt';
  const heading = t(`sections.${section.id}.heading`);
  const prompt = t(`sections.${section.id}.${promptKey}`);
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
          user: { name: session.identity.name, role: session.identity.role, color: session.color },
        }),
        Placeholder.configure({ placeholder: placeholderText }),
      ],
      editorProps: {
        attributes: {
          'aria-labelledby': headingId,
          'aria-describedby': promptId,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'section-editor',
          'data-section': section.id,
        },
      },
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

  useEffect(() => {
    editor?.setEditable(!props.readOnly);
  }, [editor, props.readOnly]);

  return (
    <section
      className="plan-section"
      id={`section-${section.id}`}
      aria-labelledby={headingId}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) session.setSection(null);
      }}
    >
      <h2 id={headingId}>
        <span className="section-number">{props.number}.</span> {heading}
      </h2>
      <p className="prompt" id={promptId}>
        {prompt}
      </p>
      {editor && <EditorToolbar editor={editor} sectionName={heading} disabled={props.readOnly} />}
      <EditorContent editor={editor} />
    </section>
  );
}
