// The plan's comments and suggestions, as the server says: fetched when the plan opens, after each change made here,
// and whenever the server says someone changed them (MessageType.discussionChanged). What others did since the last
// answer is kept as one piece of news, for a single polite status line rather than a flood of announcements.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Anchor, Discussion, SuggestionDecision } from '../../../shared/discussion.js';
import type { HistoryPerson } from '../../../shared/history.js';
import type { SectionId } from '../../../shared/sections.js';
import * as api from '../api.js';
import { errorKey } from '../api.js';
import type { PlanSession } from '../sync/planSession.js';
import { oneFetchAtATime } from '../sync/oneAtATime.js';

/** What someone else just did, for the status line. */
export type DiscussionNews =
  | { kind: 'commented' | 'replied' | 'suggested' | 'accepted' | 'declined' | 'resolved'; by: HistoryPerson; sectionId: SectionId; key: string }
  | { kind: 'several'; count: number; key: string };

export interface DiscussionActions {
  addComment: (sectionId: SectionId, anchor: Anchor | null, text: string) => Promise<void>;
  reply: (commentId: string, text: string) => Promise<void>;
  setResolved: (commentId: string, resolved: boolean) => Promise<void>;
  suggest: (sectionId: SectionId, anchor: Anchor, text: string) => Promise<void>;
  decide: (suggestionId: string, decision: SuggestionDecision) => Promise<void>;
}

export interface DiscussionState {
  discussion: Discussion | null;
  /** The i18n key of why it could not be fetched, or null. */
  error: string | null;
  news: DiscussionNews | null;
  actions: DiscussionActions;
}

export function useDiscussion(planId: string, session: PlanSession | null, myAccountId: string | null): DiscussionState {
  const [discussion, setDiscussion] = useState<Discussion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [news, setNews] = useState<DiscussionNews | null>(null);
  const load = useRef<() => Promise<void>>(() => Promise.resolve());
  const me = useRef(myAccountId);
  useEffect(() => {
    me.current = myAccountId;
  }, [myAccountId]);

  useEffect(() => {
    let live = true;
    let last: Discussion | null = null;
    const fetchNow = oneFetchAtATime(
      () => api.fetchDiscussion(planId),
      (answer) => {
        const happened = last ? newsBetween(last, answer, me.current) : null;
        last = answer;
        setDiscussion(answer);
        setError(null);
        if (happened) setNews(happened);
      },
      (err) => setError(errorKey(err)),
      () => live,
    );
    load.current = fetchNow;
    void fetchNow();
    const stopListening = session?.onDiscussionChanged(() => void fetchNow());
    return () => {
      live = false;
      stopListening?.();
    };
  }, [planId, session]);

  // After each change made here, fetch again at once (the server's message will ask too; one request serves both).
  const after = useCallback(async (change: Promise<void>) => {
    await change;
    await load.current();
  }, []);

  const actions = useMemo<DiscussionActions>(
    () => ({
      addComment: (sectionId, anchor, text) => after(api.addComment(planId, { sectionId, anchor, text })),
      reply: (commentId, text) => after(api.replyToComment(planId, commentId, text)),
      setResolved: (commentId, resolved) => after(api.setCommentResolved(planId, commentId, resolved)),
      suggest: (sectionId, anchor, text) => after(api.suggestChange(planId, { sectionId, anchor, text })),
      decide: (suggestionId, decision) => after(api.decideSuggestion(planId, suggestionId, decision)),
    }),
    [planId, after],
  );
  return { discussion, error, news, actions };
}

/** What people other than `me` did between two answers: one thing, several, or nothing. */
export function newsBetween(before: Discussion, after: Discussion, me: string | null): DiscussionNews | null {
  type One = Extract<DiscussionNews, { by: HistoryPerson }>;
  const found: Omit<One, 'key'>[] = [];
  const others = (p: HistoryPerson | null | undefined): p is HistoryPerson => !!p && p.accountId !== me;
  const oldComments = new Map(before.comments.map((c) => [c.id, c]));
  for (const c of after.comments) {
    const old = oldComments.get(c.id);
    if (!old) {
      if (others(c.by)) found.push({ kind: 'commented', by: c.by, sectionId: c.sectionId });
      continue;
    }
    for (const r of c.replies.slice(old.replies.length)) if (others(r.by)) found.push({ kind: 'replied', by: r.by, sectionId: c.sectionId });
    if (!old.resolved && c.resolved && others(c.resolved.by)) found.push({ kind: 'resolved', by: c.resolved.by, sectionId: c.sectionId });
  }
  const oldSuggestions = new Map(before.suggestions.map((s) => [s.id, s]));
  for (const s of after.suggestions) {
    const old = oldSuggestions.get(s.id);
    if (!old) {
      if (others(s.by)) found.push({ kind: 'suggested', by: s.by, sectionId: s.sectionId });
    } else if (old.status === 'open' && s.status !== 'open' && others(s.decided?.by)) {
      found.push({ kind: s.status === 'accepted' ? 'accepted' : 'declined', by: s.decided!.by, sectionId: s.sectionId });
    }
  }
  // A key that changes with every piece of news, so the same words said twice are still announced.
  const key = `${Date.now()}`;
  if (found.length === 0) return null;
  if (found.length > 1) return { kind: 'several', count: found.length, key };
  return { ...found[0]!, key };
}
