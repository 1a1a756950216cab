// "Comments and suggestions" under one section's text: the section's comments and suggestions, and for members who
// may comment, the ways to add one — on the whole section, on the words chosen in the text, or a suggested change
// to them (or words to add at the cursor). Works in sections the member may only read: the text there is the same
// editor, bound to the same shared text, just not editable, so words can still be chosen (and, without a mouse,
// found by typing them). Comments and open suggestions are also shown in the text (discussionExtension.ts).

import { TextSelection } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX, SUGGESTION_MAX, type Anchor, type Comment, type Suggestion } from '../../../shared/discussion.js';
import { actsForPerson, can } from '../../../shared/permissions.js';
import type { Access } from '../../../shared/schemas.js';
import type { SectionId } from '../../../shared/sections.js';
import { choiceFromSelection, findWords, resolveAnchor } from './anchors.js';
import { CommentItem, SuggestionItem } from './DiscussionItems.js';
import { setDiscussionMarks, type DiscussionMark } from './discussionExtension.js';
import { personLabel } from '../history/historySentence.js';
import type { DiscussionState } from './useDiscussion.js';
import { WordsForm } from './WordsForm.js';

type Compose =
  | { kind: 'comment'; anchor: Anchor | null }
  /** `before`: the words just before, to say where; `charBefore`/`charAfter`: the characters either side, for spacing. */
  | { kind: 'suggest'; anchor: Anchor; point: boolean; before: string; charBefore: string; charAfter: string };
type Item = { kind: 'comment'; comment: Comment } | { kind: 'suggestion'; suggestion: Suggestion };
const BEFORE_CHARS = 40;

/**
 * The typed words as they should sit in the text. The form trims what is typed, so keep the spaces the chosen
 * passage had around it, and put a space between added words and the words either side of the cursor (not before
 * punctuation): "Fridays." + "With Bella." reads "Fridays. With Bella.".
 */
function spaced(compose: Extract<Compose, { kind: 'suggest' }>, text: string): string {
  if (!text) return text;
  if (!compose.point) {
    if (!compose.anchor.quote.trim()) return text;
    return `${/^\s*/.exec(compose.anchor.quote)![0]}${text}${/\s*$/.exec(compose.anchor.quote)![0]}`;
  }
  const spaceBefore = compose.charBefore !== '' && !/\s/.test(compose.charBefore) && !/^[.,;:!?)]/.test(text) ? ' ' : '';
  const spaceAfter = compose.charAfter !== '' && !/[\s.,;:!?)]/.test(compose.charAfter) ? ' ' : '';
  return `${spaceBefore}${text}${spaceAfter}`;
}

export function SectionDiscussion(props: { editor: Editor; sectionId: SectionId; me: Access; personName: string | null; state: DiscussionState }) {
  const { t } = useTranslation();
  const { editor, sectionId, me, state } = props;
  const access = { openSections: new Set(me.openSections) };
  const canComment = can(me, 'commentSection', access, sectionId);
  const canSuggest = can(me, 'suggestChange', access, sectionId);
  const canDecide = can(me, 'decideSuggestion', access, sectionId);
  const [compose, setCompose] = useState<Compose | null>(null);
  const [notice, setNotice] = useState('');
  const [findText, setFindText] = useState('');
  const opener = useRef<HTMLButtonElement | null>(null);
  // Whether the reader has put the cursor or chosen words in this section: until then "the selection" is only where
  // the editor started, not a choice.
  const chosen = useRef(false);
  const headingId = `discussion-${sectionId}-heading`;

  const items = useMemo<Item[]>(() => {
    if (!state.discussion) return [];
    const list: (Item & { at: string })[] = [
      ...state.discussion.comments.filter((c) => c.sectionId === sectionId).map((comment) => ({ kind: 'comment' as const, comment, at: comment.at })),
      ...state.discussion.suggestions.filter((s) => s.sectionId === sectionId).map((suggestion) => ({ kind: 'suggestion' as const, suggestion, at: suggestion.at })),
    ];
    return list.sort((a, b) => a.at.localeCompare(b.at));
  }, [state.discussion, sectionId]);

  const marks = useMemo<DiscussionMark[]>(
    () =>
      items.flatMap((item, i): DiscussionMark[] => {
        const number = i + 1;
        if (item.kind === 'comment') {
          const { comment } = item;
          if (!comment.anchor || comment.resolved) return [];
          return [{ id: comment.id, kind: 'comment', anchor: comment.anchor, number, proposed: '', label: t('discussion.markComment', { number, who: personLabel(comment.by, t) }), proposedLabel: '' }];
        }
        const { suggestion } = item;
        if (suggestion.status !== 'open') return [];
        return [
          {
            id: suggestion.id,
            kind: 'suggestion',
            anchor: suggestion.anchor,
            number,
            proposed: suggestion.text,
            label: t('discussion.markSuggestion', { number, who: personLabel(suggestion.by, t) }),
            proposedLabel: t('discussion.suggestedWords'),
          },
        ];
      }),
    [items, t],
  );

  useEffect(() => {
    if (!editor.isDestroyed) setDiscussionMarks(editor.view, marks);
  }, [editor, marks]);

  useEffect(() => {
    if (editor.isDestroyed) return;
    const dom = editor.view.dom;
    const mark = () => void (chosen.current = true);
    dom.addEventListener('mouseup', mark);
    dom.addEventListener('keyup', mark);
    dom.addEventListener('focus', mark);
    return () => {
      dom.removeEventListener('mouseup', mark);
      dom.removeEventListener('keyup', mark);
      dom.removeEventListener('focus', mark);
    };
  }, [editor]);

  /** Select a passage in the text and take the reader there (focus too, unless they are choosing words by typing). */
  const select = (range: { from: number; to: number }, focus: boolean) => {
    const { view } = editor;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView());
    chosen.current = true;
    if (!focus) return;
    if (view.editable) return view.focus();
    // A read-only view does not move the page's selection itself: focus it and select the words in the page too.
    view.dom.focus({ preventScroll: true });
    const start = view.domAtPos(range.from);
    const end = view.domAtPos(range.to);
    const domRange = document.createRange();
    domRange.setStart(start.node, start.offset);
    domRange.setEnd(end.node, end.offset);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(domRange);
    (start.node instanceof Element ? start.node : start.node.parentElement)?.scrollIntoView({ block: 'center' });
  };

  const showWordsFor = (anchor: Anchor | null) =>
    anchor
      ? () => {
          const range = resolveAnchor(editor.state, anchor);
          if (!range) return false;
          select(range, true);
          return true;
        }
      : null;

  const open = (next: Compose, button: HTMLButtonElement) => {
    opener.current = button;
    setNotice('');
    setCompose(next);
  };
  const close = () => {
    setCompose(null);
    requestAnimationFrame(() => opener.current?.focus());
  };

  const commentOnWords = (button: HTMLButtonElement) => {
    const choice = chosen.current ? choiceFromSelection(editor.state) : ({ kind: 'none' } as const);
    if (choice.kind === 'passage') return open({ kind: 'comment', anchor: choice.anchor }, button);
    setCompose(null);
    setNotice(choice.kind === 'acrossParagraphs' ? t('discussion.commentOneParagraph') : t('discussion.chooseWordsFirst'));
  };
  const suggestChange = (button: HTMLButtonElement) => {
    const choice = chosen.current ? choiceFromSelection(editor.state) : ({ kind: 'none' } as const);
    if (choice.kind === 'passage' || choice.kind === 'point') {
      const { $from, $to } = editor.state.selection;
      const textBefore = $from.parent.textBetween(0, $from.parentOffset, ' ', ' ');
      const before = textBefore.slice(-BEFORE_CHARS).trimStart();
      const charAfter = $to.parent.textBetween($to.parentOffset, Math.min($to.parentOffset + 1, $to.parent.content.size), ' ', ' ');
      return open({ kind: 'suggest', anchor: choice.anchor, point: choice.kind === 'point', before, charBefore: textBefore.slice(-1), charAfter }, button);
    }
    setCompose(null);
    setNotice(choice.kind === 'acrossParagraphs' ? t('discussion.suggestOneParagraph') : t('discussion.chooseWhereFirst'));
  };
  const chooseTyped = () => {
    const range = findWords(editor.state, findText);
    if (!range) return setNotice(t('discussion.notFound'));
    select(range, false);
    setNotice(t('discussion.found', { quote: editor.state.doc.textBetween(range.from, range.to, ' ') }));
  };

  const author = props.personName ?? t('discussion.thePerson');
  return (
    <section className="discussion" aria-labelledby={headingId}>
      {/* Inside the section's own region (named by its heading), so the heading needs no section name of its own. */}
      <h3 id={headingId}>{t('discussion.heading')}</h3>
      {state.error && !state.discussion && (
        <p className="error" role="alert">
          {t('discussion.failed', { reason: t(state.error) })}
        </p>
      )}
      {state.discussion && items.length === 0 && <p className="meta">{t('discussion.none')}</p>}
      {items.length > 0 && (
        <ol className="discussion-list">
          {items.map((item, i) =>
            item.kind === 'comment' ? (
              <CommentItem
                key={item.comment.id}
                comment={item.comment}
                number={i + 1}
                canComment={canComment}
                // The server lets a comment's author resolve it, or anyone who acts for the person.
                canResolve={canComment && (item.comment.by.accountId === me.accountId || actsForPerson(me))}
                actions={state.actions}
                showWords={item.comment.resolved ? null : showWordsFor(item.comment.anchor)}
                say={setNotice}
              />
            ) : (
              <SuggestionItem
                key={item.suggestion.id}
                suggestion={item.suggestion}
                number={i + 1}
                canDecide={canDecide}
                personName={props.personName}
                actions={state.actions}
                showWords={showWordsFor(item.suggestion.anchor)}
                say={setNotice}
              />
            ),
          )}
        </ol>
      )}
      {canComment && (
        <div className="discussion-add">
          <p className="discussion-buttons">
            <button type="button" onClick={(e) => open({ kind: 'comment', anchor: null }, e.currentTarget)}>
              {t('discussion.commentSection')}
            </button>{' '}
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={(e) => commentOnWords(e.currentTarget)}>
              {t('discussion.commentWords')}
            </button>{' '}
            {canSuggest && (
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={(e) => suggestChange(e.currentTarget)}>
                {t('discussion.suggest')}
              </button>
            )}
          </p>
          <p className="hint">{t('discussion.howToChoose')}</p>
          <details className="find-words">
            <summary>{t('discussion.findSummary')}</summary>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                chooseTyped();
              }}
            >
              <label htmlFor={`find-${sectionId}`}>{t('discussion.findLabel')}</label>
              <input id={`find-${sectionId}`} type="text" value={findText} onChange={(e) => setFindText(e.target.value)} />{' '}
              <button type="submit">{t('discussion.findButton')}</button>
            </form>
          </details>
          {compose?.kind === 'comment' && (
            <WordsForm
              id={`discussion-${sectionId}-comment`}
              label={compose.anchor ? t('discussion.commentOnWordsLabel', { quote: compose.anchor.quote }) : t('discussion.commentOnSectionLabel')}
              hint={t('discussion.everyoneReads')}
              max={COMMENT_MAX}
              submitLabel={t('discussion.sendComment')}
              onSubmit={async (text) => {
                await state.actions.addComment(sectionId, compose.anchor, text);
                setNotice(t('discussion.commentSent'));
              }}
              onClose={close}
            />
          )}
          {compose?.kind === 'suggest' && (
            <WordsForm
              id={`discussion-${sectionId}-suggest`}
              label={compose.point ? t('discussion.addLabel') : t('discussion.insteadOfLabel', { quote: compose.anchor.quote })}
              hint={[
                compose.point ? (compose.before ? t('discussion.addAfter', { before: compose.before }) : t('discussion.addAtStart')) : t('discussion.emptyTakesOut'),
                t('discussion.untilAccepted', { name: author }),
              ].join(' ')}
              optional={!compose.point}
              oneLine
              max={SUGGESTION_MAX}
              submitLabel={t('discussion.sendSuggestion')}
              onSubmit={async (text) => {
                await state.actions.suggest(sectionId, compose.anchor, spaced(compose, text));
                setNotice(t('discussion.suggestionSent', { name: author }));
              }}
              onClose={close}
            />
          )}
        </div>
      )}
      <p role="status" className="discussion-notice">
        {notice}
      </p>
    </section>
  );
}
