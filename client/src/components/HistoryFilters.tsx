// The form that narrows the history: by who made a change, in which section, between which days.

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryPerson } from '../../../shared/history.js';
import { SECTIONS, isSectionId } from '../../../shared/sections.js';
import type { HistoryFilters as Filters } from '../api.js';
import { personLabel } from '../history/historySentence.js';

export function HistoryFilters(props: { people: readonly HistoryPerson[]; applied: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const [by, setBy] = useState(props.applied.by ?? '');
  const [section, setSection] = useState<string>(props.applied.section ?? '');
  const [from, setFrom] = useState(props.applied.from ?? '');
  const [to, setTo] = useState(props.applied.to ?? '');
  const [datesWrong, setDatesWrong] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Days written as YYYY-MM-DD compare correctly as text.
    if (from && to && from > to) {
      setDatesWrong(true);
      document.getElementById('history-to')?.focus();
      return;
    }
    setDatesWrong(false);
    props.onApply({ by: by || undefined, section: isSectionId(section) ? section : undefined, from: from || undefined, to: to || undefined });
  };

  const showAll = () => {
    setBy('');
    setSection('');
    setFrom('');
    setTo('');
    setDatesWrong(false);
    props.onApply({});
  };

  return (
    <form className="history-filters" onSubmit={submit} aria-labelledby="history-filters-heading" noValidate>
      <h2 id="history-filters-heading">{t('history.filtersHeading')}</h2>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor="history-by">{t('history.filterPerson')}</label>
          <select id="history-by" value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="">{t('history.anyone')}</option>
            {props.people.map((p) => (
              <option key={p.accountId} value={p.accountId}>
                {personLabel(p, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-section">{t('history.filterSection')}</label>
          <select id="history-section" value={section} onChange={(e) => setSection(e.target.value)}>
            <option value="">{t('history.anySection')}</option>
            {SECTIONS.map((s, i) => (
              <option key={s.id} value={s.id}>
                {`${i + 1}. ${t(`sections.${s.id}.heading`)}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-from">{t('history.from')}</label>
          <input id="history-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby="history-dates-hint" />
        </div>
        <div className="field">
          <label htmlFor="history-to">{t('history.to')}</label>
          <input
            id="history-to"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-describedby={datesWrong ? 'history-dates-error history-dates-hint' : 'history-dates-hint'}
            aria-invalid={datesWrong || undefined}
          />
        </div>
      </div>
      <p className="hint" id="history-dates-hint">
        {t('history.datesHint')}
      </p>
      {datesWrong && (
        <p className="error" id="history-dates-error">
          {t('history.datesWrong')}
        </p>
      )}
      <p className="actions">
        <button type="submit" className="primary">
          {t('history.apply')}
        </button>{' '}
        {/* Always there (not only when filtered), so pressing it never leaves focus nowhere. */}
        <button type="button" onClick={showAll}>
          {t('history.showAll')}
        </button>
      </p>
    </form>
  );
}
