// One line of the plan's history: what happened, when, and the way to see the plan as it was just after it.

import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../../shared/history.js';
import { historySentence } from '../history/historySentence.js';
import { formatTime, formatWhen } from '../history/historyTime.js';

/** A burst of typing that went on for a minute or more shows when it started and ended. */
const LONG_ENOUGH_MS = 60_000;

export function HistoryEntry({ item, onOpen }: { item: HistoryItem; onOpen: (item: HistoryItem) => void }) {
  const { t, i18n } = useTranslation();
  const id = `history-entry-${item.lastSeq}`;
  const start = new Date(item.at);
  const end = new Date(item.until);
  const startText = formatWhen(start, i18n.language, t);
  const when =
    end.getTime() - start.getTime() >= LONG_ENOUGH_MS && end.toDateString() === start.toDateString()
      ? t('history.timeRange', { from: startText, to: formatTime(end) })
      : startText;
  return (
    <li id={id} tabIndex={-1} className={`history-entry history-${item.kind}`} data-seq={item.lastSeq}>
      <p className="history-sentence" id={`${id}-text`}>
        {historySentence(item, i18n.language, t)}
      </p>
      <p className="meta" id={`${id}-when`}>
        <time dateTime={item.at}>{when}</time>
      </p>
      <button type="button" id={`${id}-open`} onClick={() => onOpen(item)} aria-describedby={`${id}-text ${id}-when`}>
        {t('history.seeAsItWas')}
      </button>
    </li>
  );
}
