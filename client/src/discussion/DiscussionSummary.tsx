// Beside the plan: what waits for the person ("2 comments and 1 suggestion wait for Sam Evans") and one polite status
// line saying what someone else just did ("Megan Evans suggested a change in About me"), never a flood of them.

import { useTranslation } from 'react-i18next';
import { newsSentence, waitingSentence } from './discussionWords.js';
import type { DiscussionState } from './useDiscussion.js';

export function DiscussionSummary({ state, personName }: { state: DiscussionState; personName: string | null }) {
  const { t } = useTranslation();
  const waiting = state.discussion ? waitingSentence(state.discussion.waiting, personName, t) : null;
  return (
    <div className="discussion-summary">
      {waiting && <p className="discussion-waiting">{waiting}</p>}
      <p role="status" className="discussion-news">
        {state.news ? newsSentence(state.news, t) : ''}
      </p>
    </div>
  );
}
