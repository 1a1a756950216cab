// Formatting buttons for one section: a WAI-ARIA toolbar (one Tab stop, arrow keys move between buttons),
// each button labelled, with its pressed state for screen readers.

import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

interface Tool {
  id: string;
  label: string;
  symbol: ReactNode;
  pressed?: boolean;
  enabled: boolean;
  run: () => void;
}

export function EditorToolbar({ editor, sectionName, disabled }: { editor: Editor; sectionName: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const chain = () => editor.chain().focus();
  const editLink = () => {
    const current = (editor.getAttributes('link').href as string | undefined) ?? 'https://';
    const answer = window.prompt(t('editor.linkPrompt'), current);
    if (answer === null) return editor.commands.focus();
    const href = answer.trim();
    if (href === '' || href === 'https://') return chain().extendMarkRange('link').unsetLink().run();
    if (!SAFE_LINK.test(href)) {
      window.alert(t('editor.linkInvalid'));
      return editor.commands.focus();
    }
    return chain().extendMarkRange('link').setLink({ href }).run();
  };

  const tools: Tool[] = [
    { id: 'bold', label: t('editor.bold'), symbol: 'B', pressed: state.bold, enabled: true, run: () => chain().toggleBold().run() },
    { id: 'italic', label: t('editor.italic'), symbol: 'I', pressed: state.italic, enabled: true, run: () => chain().toggleItalic().run() },
    { id: 'heading', label: t('editor.heading'), symbol: 'H', pressed: state.heading, enabled: true, run: () => chain().toggleHeading({ level: 3 }).run() },
    { id: 'bulletList', label: t('editor.bulletList'), symbol: '•', pressed: state.bulletList, enabled: true, run: () => chain().toggleBulletList().run() },
    { id: 'orderedList', label: t('editor.orderedList'), symbol: <NumberedListIcon />, pressed: state.orderedList, enabled: true, run: () => chain().toggleOrderedList().run() },
    { id: 'link', label: t('editor.link'), symbol: <LinkIcon />, pressed: state.link, enabled: true, run: () => void editLink() },
    { id: 'undo', label: t('editor.undo'), symbol: '↶', enabled: state.canUndo, run: () => chain().undo().run() },
    { id: 'redo', label: t('editor.redo'), symbol: '↷', enabled: state.canRedo, run: () => chain().redo().run() },
  ];

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(tools.length - 1, move === Infinity ? tools.length - 1 : move === -Infinity ? 0 : focusIndex + move));
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar', { section: sectionName })} onKeyDown={onKeyDown}>
      {tools.map((tool, index) => (
        <button
          key={tool.id}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          className={`tool tool-${tool.id}`}
          tabIndex={index === focusIndex ? 0 : -1}
          aria-label={tool.label}
          title={tool.label}
          aria-pressed={tool.pressed}
          aria-disabled={disabled || !tool.enabled ? true : undefined}
          onMouseDown={(e) => e.preventDefault() /* keep the editor's selection */}
          onFocus={() => setFocusIndex(index)}
          onClick={() => {
            if (!disabled && tool.enabled) tool.run();
          }}
        >
          <span aria-hidden="true">{tool.symbol}</span>
        </button>
      ))}
    </div>
  );
}

function LinkIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" focusable="false">
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </svg>
  );
}

function NumberedListIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" focusable="false">
      <path d="M10 6h10M10 12h10M10 18h10" />
      <path d="M4 4.5l1.5-1v5M3.5 14h3l-3 4h3" strokeWidth="1.6" />
    </svg>
  );
}
