// Following the facilitator: when the meeting moves to another agenda item, this page scrolls that section into view
// and says so once, politely ("The meeting is now on: My personal budget"). Focus stays where the person left it, so
// someone typing or reading with a screen reader is never pulled away mid-sentence.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENDA, type Meeting } from '../../../shared/meeting.js';

export function useFollow(meeting: Meeting | null, following: boolean, announce: (words: string) => void): void {
  const { t } = useTranslation();
  const shown = useRef<string | null>(null);
  const sectionId = meeting ? AGENDA[meeting.current] : undefined;
  const where = meeting && sectionId ? `${meeting.id}:${sectionId}` : null;
  useEffect(() => {
    if (!following || !where || !sectionId) {
      shown.current = null;
      return;
    }
    if (shown.current === where) return;
    shown.current = where;
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    document.getElementById(`section-${sectionId}`)?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
    announce(t('meeting.nowOn', { section: t(`sections.${sectionId}.heading`) }));
  }, [following, where, sectionId, announce, t]);
}
