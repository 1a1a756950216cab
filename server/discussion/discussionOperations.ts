// Named operations on a plan's comments and suggestions. Every author, role, time and decision is stamped here from
// the signed-in member, never taken from a request. Comments and suggestions live outside the plan's text (Yjs's
// threat model: suggest-only people work on a fork); only accepting a suggestion changes the plan, as a change on
// the server whose words are the suggester's and whose rights are the acceptor's (serverChange.ts applySuggestion).
// After any change, everyone with the plan open is told (MessageType.discussionChanged) and fetches it again.

import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import {
  QUOTE_MAX,
  type Anchor,
  type Comment,
  type Discussion,
  type NewComment,
  type NewSuggestion,
  type Suggestion,
  type SuggestionDecision,
} from '../../shared/discussion.js';
import { LIMITS } from '../../shared/limits.js';
import { actsForPerson, can, type CircleMember } from '../../shared/permissions.js';
import type { SectionId } from '../../shared/sections.js';
import { planAccessOf, requireMember } from '../circle/circleOperations.js';
import { DamagedFileError, errors } from '../errors.js';
import { namer, type PlanHistories } from '../history/historyOperations.js';
import type { PlanRecords } from '../history/planRecords.js';
import { planWithMember } from '../plans/planOperations.js';
import type {
  AccountStore,
  CircleStore,
  DiscussionStore,
  PlanStore,
  StoredAuthor,
  StoredComment,
  StoredDiscussion,
  StoredSuggestion,
} from '../storage/types.js';
import { discussionChangedMessage } from '../sync/messages.js';
import type { Rooms } from '../sync/rooms.js';
import { applySuggestion, freshClientId } from '../sync/serverChange.js';
import { anchorDecodes, passageWords, resolveAnchor } from './anchors.js';

export interface DiscussionDependencies {
  discussions: DiscussionStore;
  store: PlanStore;
  circles: CircleStore;
  accounts: AccountStore;
  rooms: Rooms;
  records: PlanRecords;
  histories: PlanHistories;
  log: Logger;
}

/** The characters kept in a plan's comments, replies and suggestions (its words and the passages they quote). */
export function discussionChars(d: StoredDiscussion): number {
  let chars = 0;
  for (const c of d.comments) {
    chars += c.text.length + (c.anchor?.quote.length ?? 0);
    for (const r of c.replies) chars += r.text.length;
  }
  for (const s of d.suggestions) chars += s.text.length + s.anchor.quote.length;
  return chars;
}

/** Refuses new words that would take one member past their share, or the plan past its room for words. */
function checkRoom(d: StoredDiscussion, author: string, kind: 'comment' | 'suggestion', adding: number): void {
  if (discussionChars(d) + adding > LIMITS.maxDiscussionCharsPerPlan) throw kind === 'comment' ? errors.tooManyComments() : errors.tooManySuggestions();
  if (kind === 'comment') {
    const theirs = d.comments.reduce((n, c) => n + (c.by.accountId === author ? 1 : 0) + c.replies.filter((r) => r.by.accountId === author).length, 0);
    if (theirs >= LIMITS.maxCommentsAndRepliesPerAuthor) throw errors.tooManyFromYou();
  } else if (d.suggestions.filter((s) => s.status === 'open' && s.by.accountId === author).length >= LIMITS.maxOpenSuggestionsPerAuthor) {
    throw errors.tooManyFromYou();
  }
}

/** What waits for the person: comments not resolved, suggestions not decided. */
export function waitingIn(discussion: StoredDiscussion): Discussion['waiting'] {
  return {
    comments: discussion.comments.filter((c) => c.resolved === null).length,
    suggestions: discussion.suggestions.filter((s) => s.status === 'open').length,
  };
}

const newId = () => randomBytes(16).toString('base64url');
/** What accepting checks the passage against: every word of it, not only the quote's first QUOTE_MAX characters. */
const fingerprint = (words: string) => ({ length: words.length, sha256: createHash('sha256').update(words, 'utf8').digest('hex') });
const authorOf = (member: CircleMember): StoredAuthor => ({ accountId: member.accountId, role: member.role });

export class PlanDiscussions {
  /** Decisions on each plan's suggestions, one at a time (an accepted one changes the plan). */
  private readonly deciding = new Map<string, Promise<unknown>>();
  /**
   * Suggestions whose words are in the plan but which could not yet be marked accepted (the file write failed),
   * with their history entry: a second accept only marks them, and never puts the words in twice.
   */
  private readonly applied = new Map<string, number | null>();

  constructor(private readonly deps: DiscussionDependencies) {}

  /** GET /discussion: every comment and suggestion, oldest first, with names as they are now. */
  async discussion(planId: string, accountId: string): Promise<Discussion> {
    await this.memberOf(planId, accountId);
    const discussion = await this.read(planId);
    const present = await this.presenter();
    return {
      comments: await Promise.all(discussion.comments.map(present.comment)),
      suggestions: await Promise.all(discussion.suggestions.map(present.suggestion)),
      waiting: waitingIn(discussion),
    };
  }

  /** How many comments and suggestions wait in a plan (for "My plans"); null if they cannot be read. */
  async waiting(planId: string): Promise<Discussion['waiting'] | null> {
    try {
      return waitingIn(await this.deps.discussions.read(planId));
    } catch (err) {
      this.deps.log.error({ planId, err }, 'could not read the plan’s comments and suggestions');
      return null;
    }
  }

  async addComment(planId: string, accountId: string, body: NewComment): Promise<Comment> {
    const { circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'commentSection', planAccessOf(circle), body.sectionId)) throw errors.notAllowed();
    if (body.anchor) await this.checkAnchor(planId, body.sectionId, body.anchor);
    const comment: StoredComment = {
      id: newId(),
      sectionId: body.sectionId,
      anchor: body.anchor,
      by: authorOf(member),
      at: new Date().toISOString(),
      text: body.text,
      replies: [],
      resolved: null,
    };
    await this.change(planId, (d) => {
      if (d.comments.length >= LIMITS.maxCommentsPerPlan) throw errors.tooManyComments();
      checkRoom(d, member.accountId, 'comment', comment.text.length + (comment.anchor?.quote.length ?? 0));
      d.comments.push(comment);
    });
    return (await this.presenter()).comment(comment);
  }

  async addReply(planId: string, accountId: string, commentId: string, text: string): Promise<Comment> {
    const { circle, member } = await this.memberOf(planId, accountId);
    const comment = await this.change(planId, (d) => {
      const found = findComment(d, commentId);
      if (!can(member, 'commentSection', planAccessOf(circle), found.sectionId)) throw errors.notAllowed();
      if (found.replies.length >= LIMITS.maxRepliesPerComment) throw errors.tooManyReplies();
      checkRoom(d, member.accountId, 'comment', text.length);
      found.replies.push({ id: newId(), by: authorOf(member), at: new Date().toISOString(), text });
      return found;
    });
    return (await this.presenter()).comment(comment);
  }

  /** Resolves a comment, or opens it again: its author, or anyone who acts for the person. */
  async resolveComment(planId: string, accountId: string, commentId: string, resolved: boolean): Promise<Comment> {
    const { circle, member } = await this.memberOf(planId, accountId);
    const comment = await this.change(planId, (d) => {
      const found = findComment(d, commentId);
      const mayResolve = found.by.accountId === member.accountId || actsForPerson(member);
      if (!mayResolve || !can(member, 'commentSection', planAccessOf(circle), found.sectionId)) throw errors.notAllowed();
      if (!resolved) found.resolved = null;
      else found.resolved ??= { by: authorOf(member), at: new Date().toISOString() };
      return found;
    });
    return (await this.presenter()).comment(comment);
  }

  /**
   * A suggestion for any section (members who may not edit it too, and members who may, instead of editing). It
   * changes nothing in the plan until it is accepted.
   */
  async addSuggestion(planId: string, accountId: string, body: NewSuggestion): Promise<Suggestion> {
    const { circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'suggestChange', planAccessOf(circle), body.sectionId)) throw errors.notAllowed();
    const { start, end, words } = await this.checkAnchor(planId, body.sectionId, body.anchor);
    if (start === end && body.text === '') throw errors.invalidRequest([{ path: 'text', message: 'an addition needs some words' }]);
    if (body.text === words) throw errors.invalidRequest([{ path: 'text', message: 'must differ from the words it replaces' }]);
    const suggestion: StoredSuggestion = {
      id: newId(),
      sectionId: body.sectionId,
      anchor: body.anchor,
      passage: fingerprint(words),
      text: body.text,
      by: authorOf(member),
      at: new Date().toISOString(),
      status: 'open',
      decided: null,
    };
    await this.change(planId, (d) => {
      const open = d.suggestions.filter((s) => s.status === 'open').length;
      if (open >= LIMITS.maxOpenSuggestionsPerPlan || d.suggestions.length >= LIMITS.maxSuggestionsPerPlan) throw errors.tooManySuggestions();
      checkRoom(d, member.accountId, 'suggestion', suggestion.text.length + suggestion.anchor.quote.length);
      d.suggestions.push(suggestion);
    });
    return (await this.presenter()).suggestion(suggestion);
  }

  /**
   * The person (or their plan manager) accepts or declines a suggestion. Accepting puts the suggested words into the
   * live plan, if the words it changes still read as they did (else suggestionOutdated, and it stays open).
   */
  async decideSuggestion(planId: string, accountId: string, suggestionId: string, decision: SuggestionDecision): Promise<Suggestion> {
    const { circle, member } = await this.memberOf(planId, accountId);
    if (!can(member, 'decideSuggestion', planAccessOf(circle))) throw errors.notAllowed();
    const decided = await this.oneDecisionAtATime(planId, async () => {
      const found = (await this.read(planId)).suggestions.find((s) => s.id === suggestionId);
      if (!found) throw errors.suggestionNotFound();
      if (found.status !== 'open') throw errors.suggestionDecided();
      // Already in the plan (accepted before, but its mark was not written): it is accepted, whatever is asked now.
      const key = `${planId}:${suggestionId}`;
      const already = this.applied.has(key) ? (this.applied.get(key) as number | null) : await this.acceptedInHistory(planId, suggestionId);
      if (already !== undefined) this.applied.set(key, already);
      if (already !== undefined && decision.decision === 'decline') {
        await this.markAccepted(planId, suggestionId, member, already);
        this.applied.delete(key);
        throw errors.suggestionDecided();
      }
      const historySeq = decision.decision === 'accept' ? (already !== undefined ? already : await this.putIntoPlan(planId, member, found)) : null;
      if (decision.decision === 'accept') this.applied.set(key, historySeq);
      const stamp = {
        by: authorOf(member),
        at: new Date().toISOString(),
        reason: decision.decision === 'decline' ? decision.reason || null : null,
        onBehalf: member.planManager && member.role !== 'person',
        historySeq,
      };
      try {
        const marked = await this.change(planId, (d) => {
          const suggestion = d.suggestions.find((s) => s.id === suggestionId)!;
          suggestion.status = decision.decision === 'accept' ? 'accepted' : 'declined';
          suggestion.decided = stamp;
          return suggestion;
        });
        this.applied.delete(key);
        return marked;
      } catch (err) {
        // The words are in the plan (saved and recorded) but the suggestion could not be marked: it stays open, and
        // accepting it again only marks it (this.applied, and the history) — the words never go in twice.
        if (decision.decision === 'accept') {
          this.deps.log.error({ planId, suggestionId, err }, 'a suggestion was put into the plan but could not be marked accepted');
        }
        throw err;
      }
    });
    return (await this.presenter()).suggestion(decided);
  }

  /** The history entry of a suggestion already put into the plan (after a restart, say), or undefined. */
  private async acceptedInHistory(planId: string, suggestionId: string): Promise<number | undefined> {
    const entries = await this.deps.histories.all(planId);
    return entries.find((e) => e.kind === 'suggestion' && e.suggestion?.id === suggestionId)?.seq;
  }

  private async markAccepted(planId: string, suggestionId: string, member: CircleMember, historySeq: number | null): Promise<void> {
    await this.change(planId, (d) => {
      const suggestion = d.suggestions.find((s) => s.id === suggestionId)!;
      suggestion.status = 'accepted';
      suggestion.decided = { by: authorOf(member), at: new Date().toISOString(), reason: null, onBehalf: member.planManager && member.role !== 'person', historySeq };
    });
  }

  /** The suggestion's words into the open plan, as a change by the acceptor of words by the suggester. */
  private async putIntoPlan(planId: string, acceptor: CircleMember, suggestion: StoredSuggestion): Promise<number | null> {
    const room = await this.deps.rooms.acquire(planId);
    const working = new Y.Doc({ gc: false });
    try {
      if (room.failed || !this.deps.rooms.recordsHistory) throw errors.recordNotWritten();
      // Rights as they are now (they may have changed while the plan loaded).
      const circle = await this.deps.circles.getCircle(planId);
      const member = requireMember(circle, acceptor.accountId);
      if (!can(member, 'decideSuggestion', planAccessOf(circle))) throw errors.notAllowed();
      // From here to applying the change nothing waits, so the plan cannot change under it.
      const now = resolveAnchor(room.doc, suggestion.sectionId, suggestion.anchor);
      const unchanged = now && JSON.stringify(fingerprint(passageWords(now))) === JSON.stringify(suggestion.passage);
      if (!unchanged) throw errors.suggestionOutdated();
      Y.applyUpdate(working, Y.encodeStateAsUpdate(room.doc));
      working.clientID = freshClientId(room.doc);
      const before = Y.encodeStateVector(working);
      const place = resolveAnchor(working, suggestion.sectionId, suggestion.anchor)!;
      working.transact(() => {
        if (place.kind === 'emptyBlock') {
          // Words for a paragraph nobody has written in yet: its first text, as the editor makes one.
          place.block.insert(0, [new Y.XmlText(suggestion.text)]);
          return;
        }
        if (place.end > place.start) place.text.delete(place.start, place.end - place.start);
        if (suggestion.text !== '') place.text.insert(place.start, suggestion.text);
      });
      const update = Y.encodeStateAsUpdate(working, before);
      const { recorded } = applySuggestion(room, member, suggestion.by, planAccessOf(circle), update, suggestion.id);
      const stored = await recorded?.catch((err: unknown) => {
        // The plan has changed; its entry stays queued and is retried (see HistoryRecorder).
        this.deps.log.error({ planId, err }, 'a suggestion was put into the plan but its history entry is not written yet');
        return null;
      });
      return stored?.seq ?? null;
    } finally {
      working.destroy();
      this.deps.rooms.release(room);
    }
  }

  /**
   * The anchor's place in the plan as it is now, and its words: 400 anchorNotFound if it has none, 409 passageChanged
   * if its words are not the quote (a quote is cut short at QUOTE_MAX, as the browser cuts it).
   */
  private async checkAnchor(planId: string, sectionId: SectionId, anchor: Anchor): Promise<{ start: number; end: number; words: string }> {
    if (!anchorDecodes(anchor)) throw errors.anchorNotFound();
    const found = await this.deps.records.withPlanDoc(planId, (doc) => {
      const place = resolveAnchor(doc, sectionId, anchor);
      return place && { start: place.start, end: place.end, words: passageWords(place) };
    });
    if (!found) throw errors.anchorNotFound();
    if (found.words.slice(0, QUOTE_MAX) !== anchor.quote) throw errors.passageChanged();
    return found;
  }

  private memberOf(planId: string, accountId: string) {
    return planWithMember(this.deps.store, this.deps.circles, planId, accountId);
  }

  private async read(planId: string): Promise<StoredDiscussion> {
    try {
      return await this.deps.discussions.read(planId);
    } catch (err) {
      throw err instanceof DamagedFileError ? errors.discussionDamaged() : err;
    }
  }

  /** One change to the plan's discussion, on disk, then everyone with the plan open is told. */
  private async change<T>(planId: string, change: (discussion: StoredDiscussion) => T): Promise<T> {
    let result: T;
    try {
      result = await this.deps.discussions.update(planId, change);
    } catch (err) {
      throw err instanceof DamagedFileError ? errors.discussionDamaged() : err;
    }
    this.deps.rooms.openRoom(planId)?.broadcast(discussionChangedMessage());
    return result;
  }

  private oneDecisionAtATime<T>(planId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.deciding.get(planId) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => {});
    this.deciding.set(planId, settled);
    void settled.then(() => {
      if (this.deciding.get(planId) === settled) this.deciding.delete(planId);
    });
    return next;
  }

  /** Stored comments and suggestions as the API gives them: each person with their name as it is now. */
  private async presenter() {
    const nameOf = await namer(this.deps.accounts);
    const person = async (a: StoredAuthor) => ({ accountId: a.accountId, displayName: await nameOf(a.accountId), role: a.role });
    return {
      comment: async (c: StoredComment): Promise<Comment> => ({
        id: c.id,
        sectionId: c.sectionId,
        anchor: c.anchor,
        by: await person(c.by),
        at: c.at,
        text: c.text,
        replies: await Promise.all(c.replies.map(async (r) => ({ id: r.id, by: await person(r.by), at: r.at, text: r.text }))),
        resolved: c.resolved && { by: await person(c.resolved.by), at: c.resolved.at },
      }),
      suggestion: async (s: StoredSuggestion): Promise<Suggestion> => ({
        id: s.id,
        sectionId: s.sectionId,
        anchor: s.anchor,
        text: s.text,
        by: await person(s.by),
        at: s.at,
        status: s.status,
        decided: s.decided && { by: await person(s.decided.by), at: s.decided.at, reason: s.decided.reason, onBehalf: s.decided.onBehalf },
      }),
    };
  }
}

function findComment(discussion: StoredDiscussion, commentId: string): StoredComment {
  const found = discussion.comments.find((c) => c.id === commentId);
  if (!found) throw errors.commentNotFound();
  return found;
}
