// "Meeting records": the plan's past meetings (kind, date, who ran them), each record to download as PDF or Word in
// the page's language.

import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/meeting.js';
import { meetingRecordPath } from '../api.js';
import { personLabel } from '../history/historySentence.js';
import { formatDay, formatTime } from '../history/historyTime.js';

export function MeetingRecords({ planId, past }: { planId: string; past: Meeting[] }) {
  const { t, i18n } = useTranslation();
  if (past.length === 0) return null;
  const lang = i18n.language === 'cy' ? 'cy' : 'en';
  return (
    <div className="meeting-records">
      <h3 id="meeting-records-heading">{t('meeting.records')}</h3>
      <ul aria-labelledby="meeting-records-heading">
        {past.map((m) => {
          const started = new Date(m.startedAt);
          const labelId = `meeting-record-${m.id}`;
          return (
            <li key={m.id}>
              <span id={labelId}>
                {t('meeting.recordLine', {
                  kind: t(`meeting.kind.${m.kind}`),
                  date: formatDay(started, i18n.language, t),
                  time: formatTime(started),
                  facilitator: personLabel(m.facilitator, t),
                })}
              </span>{' '}
              <a href={meetingRecordPath(planId, m.id, 'pdf', lang)} download aria-describedby={labelId}>
                {t('meeting.downloadPdf')}
              </a>{' '}
              <a href={meetingRecordPath(planId, m.id, 'docx', lang)} download aria-describedby={labelId}>
                {t('meeting.downloadWord')}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
