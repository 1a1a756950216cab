// The "Show who wrote what" switch for a plan page: while it is on, the server's authors are fetched, and fetched
// again a moment after the text changes (the server closes the open burst when asked, so new words get a time).

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../api.js';
import { formatDateTime } from '../formatDate.js';
import type { PlanSession } from '../sync/planSession.js';
import { buildAuthorIndex, type AuthorIndex } from './authorIndex.js';
import type { AuthorshipConfig } from './authorshipExtension.js';
import { fetchAuthors } from './authorsApi.js';
import type { Passage } from './passages.js';

const REFRESH_AFTER_CHANGE_MS = 2500;

export interface Authorship {
  on: boolean;
  toggle: () => void;
  index: AuthorIndex | null;
  /** The i18n key of why the authors could not be fetched, or null. */
  error: string | null;
  /** What SectionEditor hands to its editor: null while off or not loaded yet. */
  config: AuthorshipConfig | null;
}

export function useAuthorship(planId: string, session: PlanSession | null): Authorship {
  const { t, i18n } = useTranslation();
  const [on, setOn] = useState(false);
  const [index, setIndex] = useState<AuthorIndex | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!on) return;
    let live = true;
    let busy = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (busy) return void (again = true);
      busy = true;
      try {
        const answer = await fetchAuthors(planId);
        if (live) {
          setIndex(buildAuthorIndex(answer));
          setError(null);
        }
      } catch (err) {
        if (live) setError(errorKey(err));
      } finally {
        busy = false;
        if (again && live) {
          again = false;
          void load();
        }
      }
    };
    void load();
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), REFRESH_AFTER_CHANGE_MS);
    };
    session?.doc.on('update', onUpdate);
    return () => {
      live = false;
      clearTimeout(timer);
      session?.doc.off('update', onUpdate);
    };
  }, [on, planId, session]);

  const describe = useCallback(
    (passage: Passage) => describePassage(passage, index, t, i18n.language),
    [index, t, i18n.language],
  );
  const config = useMemo(() => (on && index ? { index, describe } : null), [on, index, describe]);
  const toggle = useCallback(() => setOn((was) => !was), []);
  return { on, toggle, index, error, config };
}

type Translate = (key: string, options?: Record<string, string>) => string;

/** "Written by Megan Evans (Family or friend), 1 December 2026 at 14:05", from the server's record only. */
export function describePassage(passage: Passage, index: AuthorIndex | null, t: Translate, language: string): string {
  const author = passage.accountId === null ? undefined : index?.author(passage.accountId);
  if (!author) return t('authorship.notRecorded');
  const values = { name: authorName(author.displayName, t), role: t(`roles.${author.role}`) };
  if (passage.at === null) return t('authorship.writtenByJustNow', values);
  return t('authorship.writtenBy', { ...values, when: formatDateTime(new Date(passage.at), language, t) });
}

/** The account's name, or words for an account that no longer exists. */
export const authorName = (displayName: string, t: Translate) => displayName || t('authorship.formerMember');
