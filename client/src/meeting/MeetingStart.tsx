// "Start a meeting": a planning meeting or a review, chosen and started by a member who may run one.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/meeting.js';
import { RadioGroup } from '../components/RadioGroup.js';

export function MeetingStart({ onStart }: { onStart: (kind: MeetingKind) => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<MeetingKind>('planning');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <>
        <p className="hint">{t('meeting.intro')}</p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('meeting.start')}
        </button>
      </>
    );
  }
  return (
    <form
      className="meeting-start"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onStart(kind).finally(() => setBusy(false));
      }}
    >
      <RadioGroup
        name="meeting-kind"
        legend={t('meeting.kindLegend')}
        options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meeting.kind.${k}`), hint: t(`meeting.kindHint.${k}`) }))}
        value={kind}
        onChange={setKind}
        firstInputRef={first}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('meeting.startNow')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('meeting.cancel')}
        </button>
      </div>
    </form>
  );
}
