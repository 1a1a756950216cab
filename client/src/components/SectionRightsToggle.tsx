// For the person and their plan manager, in a section that is theirs (or the social workers'): whether everyone in
// the circle who can write may change it too, and a switch to open it or close it again.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleAnswer } from '../../../shared/schemas.js';
import type { SectionId } from '../../../shared/sections.js';
import { errorKey, setSectionOpen } from '../api.js';
import { whoWrites } from '../circle/sectionRights.js';

export function SectionRightsToggle(props: {
  planId: string;
  sectionId: SectionId;
  open: boolean;
  personName: string | null;
  onAnswer: (answer: CircleAnswer) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stateId = `section-${props.sectionId}-rights-state`;
  const closed = whoWrites(props.sectionId, props.personName);

  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    try {
      props.onAnswer(await setSectionOpen(props.planId, props.sectionId, !props.open));
    } catch (err) {
      setProblem(t(errorKey(err)));
    }
    setBusy(false);
  };

  return (
    <div className="section-rights">
      <button type="button" aria-pressed={props.open} aria-describedby={stateId} disabled={busy} onClick={() => void toggle()}>
        {t('rights.openToCircle')}
      </button>
      <span className="hint" id={stateId} aria-live="polite">
        {props.open ? t('rights.isOpen') : t(closed.key, closed.values)}
      </span>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
