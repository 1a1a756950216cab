// "Reviews", in dates: when the plan was agreed, its first review (6–8 weeks after), its next review (then at least
// yearly) and, with a direct payment, the direct payment's review (within 6 months). "Suggest dates" fills them from
// the agreement date (shared/reviews.ts); every date stays editable. The plan's next review shows in "My plans".

import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { hasDirectPayment } from '../../../shared/completeness.js';
import { DATA_PARTS, dueReview, readManagement, readReviews, type ReviewDates } from '../../../shared/planData.js';
import { isDay, reviewStatus, suggestReviews } from '../../../shared/reviews.js';
import { formatDay } from '../history/historyTime.js';
import { usePartJson, useSetField } from './usePart.js';
import { Glossed, LabelTerms } from './Glossed.js';

const ROOT = DATA_PARTS.reviews.root;
const FIELDS = ['agreedOn', 'firstReview', 'nextReview', 'directPaymentReview'] as const;

/** Today where the reader is, as a calendar day. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function ReviewsPanel(props: { doc: Y.Doc; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { doc, readOnly } = props;
  const dates = readReviews(usePartJson(doc, ROOT));
  const directPayment = hasDirectPayment(readManagement(usePartJson(doc, DATA_PARTS.management.root)));
  const setField = useSetField(doc);
  const part = doc.getMap(ROOT);
  const due = dueReview(dates);
  const status = reviewStatus(due, today());
  const day = (value: string) => formatDay(new Date(`${value}T12:00:00`), i18n.language, t);

  const suggest = () => {
    if (dates.agreedOn === null) return;
    const s = suggestReviews(dates.agreedOn, directPayment);
    doc.transact(() => {
      part.set('firstReview', s.first.suggested);
      part.set('nextReview', s.yearly);
      part.set('directPaymentReview', s.directPayment);
    });
  };
  const fields = FIELDS.filter((f) => f !== 'directPaymentReview' || directPayment || dates.directPaymentReview !== null);

  return (
    <div className="structured-part reviews">
      <h3>{t('reviews.heading')}</h3>
      {fields.map((key) => (
        <DateField
          key={key}
          id={`reviews-${key}`}
          label={t(`reviews.${key}`)}
          hint={t(`reviews.${key}Hint`)}
          value={dates[key]}
          readOnly={readOnly}
          onChange={(value) => setField(part, key, value)}
          shown={(value) => day(value)}
        />
      ))}
      {!readOnly && (
        <p>
          <button type="button" onClick={suggest} disabled={dates.agreedOn === null} aria-describedby="reviews-suggest-hint">
            {t('reviews.suggest')}
          </button>{' '}
          <span className="hint" id="reviews-suggest-hint">
            {dates.agreedOn === null ? t('reviews.suggestNeedsAgreed') : t('reviews.suggestHint')}
          </span>
        </p>
      )}
      <p className={`review-status review-${status}`} data-testid="review-status">
        {status === 'none' ? t('reviews.status.none') : t(`reviews.status.${status}`, { date: day(due!) })}
      </p>
    </div>
  );
}

function DateField(props: {
  id: string;
  label: string;
  hint: string;
  value: ReviewDates[keyof ReviewDates];
  readOnly: boolean;
  onChange: (value: string | null) => void;
  shown: (value: string) => string;
}) {
  const { t } = useTranslation();
  if (props.readOnly) {
    return (
      <p className="field">
        <span className="label">{props.label}</span> {props.value ? props.shown(props.value) : t('budget.notGiven')}
      </p>
    );
  }
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <LabelTerms label={props.label} hint={props.hint} />
      <span className="hint" id={`${props.id}-hint`}>
        <Glossed text={props.hint} />
      </span>
      <input
        id={props.id}
        type="date"
        value={props.value ?? ''}
        aria-describedby={`${props.id}-hint`}
        // A date picker gives YYYY-MM-DD or nothing; anything else is never written.
        onChange={(e) => {
          const value = e.target.value;
          if (value === '') props.onChange(null);
          else if (isDay(value)) props.onChange(value);
        }}
      />
    </div>
  );
}
