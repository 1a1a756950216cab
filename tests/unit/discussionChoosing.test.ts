// The browser's side of comments and suggestions, without a browser: finding typed words in a section's text (how
// a keyboard user chooses words in a section they may only read), and what counts as news from someone else.

import { Schema } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { Comment, Discussion, Suggestion } from '../../shared/discussion.js';
import { findWords } from '../../client/src/discussion/anchors.js';
import { newsBetween } from '../../client/src/discussion/useDiscussion.js';

const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'inline*' },
    text: { group: 'inline' },
    hardBreak: { group: 'inline', inline: true },
  },
});

const stateOf = (...paragraphs: string[]) =>
  EditorState.create({ doc: schema.node('doc', null, paragraphs.map((p) => schema.node('paragraph', null, p ? [schema.text(p)] : []))) });

describe('findWords', () => {
  it('finds words as written, ignoring case and runs of spaces, and gives their place in the document', () => {
    const state = stateOf('I like walking my dog.', 'I go on   Saturdays.');
    const found = findWords(state, 'Walking my  DOG');
    expect(found).not.toBeNull();
    expect(state.doc.textBetween(found!.from, found!.to)).toBe('walking my dog');
    const second = findWords(state, 'on saturdays');
    expect(state.doc.textBetween(second!.from, second!.to)).toBe('on   Saturdays');
  });

  it('finds nothing across paragraphs, for nothing typed, or for words that are not there', () => {
    const state = stateOf('I like walking my dog.', 'I go on Saturdays.');
    expect(findWords(state, 'dog. I go')).toBeNull();
    expect(findWords(state, '   ')).toBeNull();
    expect(findWords(state, 'cat')).toBeNull();
  });

  it('maps back exactly over a line break inside a paragraph', () => {
    const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('One'), schema.node('hardBreak'), schema.text('two three')])]);
    const state = EditorState.create({ doc });
    const found = findWords(state, 'two three');
    expect(state.doc.textBetween(found!.from, found!.to)).toBe('two three');
  });
});

const megan = { accountId: 'megan-account', displayName: 'Megan Evans', role: 'family' as const };
const sam = { accountId: 'sam-account', displayName: 'Sam Evans', role: 'person' as const };
const at = '2026-12-01T10:00:00.000Z';
const anchor = { start: 'AA==', end: 'AA==', quote: 'dog' };
const comment = (over: Partial<Comment> = {}): Comment => ({ id: 'comment-0001', sectionId: 'aboutMe', anchor, by: megan, at, text: 'Which?', replies: [], resolved: null, ...over });
const suggestion = (over: Partial<Suggestion> = {}): Suggestion => ({ id: 'suggestion-01', sectionId: 'aboutMe', anchor, text: 'cat', by: megan, at, status: 'open', decided: null, ...over });
const discussion = (comments: Comment[], suggestions: Suggestion[]): Discussion => ({ comments, suggestions, waiting: { comments: 0, suggestions: 0 } });

describe('newsBetween', () => {
  it('tells of one thing someone else did, by kind', () => {
    expect(newsBetween(discussion([], []), discussion([], [suggestion()]), sam.accountId)).toMatchObject({ kind: 'suggested', by: megan, sectionId: 'aboutMe' });
    expect(newsBetween(discussion([], [suggestion()]), discussion([], [suggestion({ status: 'accepted', decided: { by: sam, at, reason: null, onBehalf: false } })]), megan.accountId)).toMatchObject({ kind: 'accepted', by: sam });
    expect(newsBetween(discussion([comment()], []), discussion([comment({ replies: [{ id: 'reply-000001', by: sam, at, text: 'Yes' }] })], []), megan.accountId)).toMatchObject({ kind: 'replied', by: sam });
    expect(newsBetween(discussion([comment()], []), discussion([comment({ resolved: { by: sam, at } })], []), megan.accountId)).toMatchObject({ kind: 'resolved', by: sam });
  });

  it('says nothing of one’s own doings, and sums up several at once', () => {
    expect(newsBetween(discussion([], []), discussion([comment()], [suggestion()]), megan.accountId)).toBeNull();
    expect(newsBetween(discussion([], []), discussion([comment()], [suggestion()]), sam.accountId)).toMatchObject({ kind: 'several', count: 2 });
  });
});
