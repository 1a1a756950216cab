// The discussion's sentences: what waits for the person ("2 comments and 1 suggestion wait for Sam Evans") and what
// someone else just did ("Megan Evans suggested a change in About me"), in the reader's language.

import type { TFunction } from 'i18next';
import type { Discussion } from '../../../shared/discussion.js';
import type { DiscussionNews } from './useDiscussion.js';

/** What waits for the person (by name; 'you' on their own "My plans"), or null when nothing does. */
export function waitingSentence(waiting: Discussion['waiting'], personName: string | 'you' | null, t: TFunction): string | null {
  const { comments, suggestions } = waiting;
  if (comments + suggestions === 0) return null;
  const parts = [
    comments > 0 ? t('discussion.waiting.comments', { count: comments }) : null,
    suggestions > 0 ? t('discussion.waiting.suggestions', { count: suggestions }) : null,
  ].filter((p): p is string => p !== null);
  const what = parts.length === 2 ? t('discussion.waiting.both', { comments: parts[0], suggestions: parts[1] }) : parts[0]!;
  const one = comments + suggestions === 1;
  if (personName === 'you') return t(one ? 'discussion.waiting.waitsForYou' : 'discussion.waiting.waitForYou', { what });
  if (personName) return t(one ? 'discussion.waiting.waitsFor' : 'discussion.waiting.waitFor', { what, name: personName });
  return t(one ? 'discussion.waiting.waitsForPerson' : 'discussion.waiting.waitForPerson', { what });
}

/** One sentence for the status line. */
export function newsSentence(news: DiscussionNews, t: TFunction): string {
  if (news.kind === 'several') return t('discussion.news.several', { count: news.count });
  const values = { who: news.by.displayName || t('history.someoneStart'), section: t(`sections.${news.sectionId}.heading`) };
  switch (news.kind) {
    case 'commented':
      return t('discussion.news.commented', values);
    case 'replied':
      return t('discussion.news.replied', values);
    case 'suggested':
      return t('discussion.news.suggested', values);
    case 'accepted':
      return t('discussion.news.accepted', values);
    case 'declined':
      return t('discussion.news.declined', values);
    case 'resolved':
      return t('discussion.news.resolved', values);
  }
}
