// "How my budget is managed", in its structured part: a direct payment, an Individual Service Fund, managed by the
// council, or a mix — and, with a direct payment, what it covers, how much and how often (what the law needs the
// plan to say: Care Act s25(1)(e) with the direct payment regulations; Wales reg. 3).

import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { FREQUENCIES, type Frequency } from '../../../shared/budget.js';
import { DATA_PARTS, MANAGEMENT_OPTIONS, readManagement, type Management } from '../../../shared/planData.js';
import { MoneyField } from './MoneyField.js';
import { PartTextField } from './PartTextField.js';
import { usePartJson, useSetField } from './usePart.js';
import { Glossed, LabelTerms } from './Glossed.js';

const ROOT = DATA_PARTS.management.root;
const PAYMENT_FREQUENCIES = FREQUENCIES.filter((f) => f !== 'oneOff');

export function ManagementPanel(props: { doc: Y.Doc; readOnly: boolean }) {
  const { t } = useTranslation();
  const { doc, readOnly } = props;
  const management = readManagement(usePartJson(doc, ROOT));
  const setField = useSetField(doc);
  const part = doc.getMap(ROOT);
  const withPayment = management.how === 'directPayment' || management.how === 'mixed';

  return (
    <div className="structured-part management">
      {readOnly ? (
        <p>
          <span className="label">{t('management.legend')}</span> {management.how ? t(`management.how.${management.how}`) : t('budget.notGiven')}
        </p>
      ) : (
        <fieldset>
          <legend>{t('management.legend')}</legend>
          <LabelTerms label={t('management.legend')} />
          {MANAGEMENT_OPTIONS.map((option) => (
            <div className="choice" key={option}>
              <input
                type="radio"
                id={`management-${option}`}
                name="management-how"
                value={option}
                checked={management.how === option}
                aria-describedby={`management-${option}-hint`}
                onChange={() => setField(part, 'how', option satisfies Management)}
              />
              <label htmlFor={`management-${option}`}>{t(`management.how.${option}`)}</label>
              <LabelTerms label={t(`management.how.${option}`)} hint={t(`management.hint.${option}`)} />
              <span className="hint" id={`management-${option}-hint`}>
                <Glossed text={t(`management.hint.${option}`)} />
              </span>
            </div>
          ))}
        </fieldset>
      )}
      {withPayment && (
        <div className="direct-payment">
          <h3>{t('management.directPaymentHeading')}</h3>
          <MoneyField
            id="management-directPaymentPence"
            label={t('management.directPaymentAmount')}
            pence={management.directPaymentPence}
            readOnly={readOnly}
            onCommit={(pence) => setField(part, 'directPaymentPence', pence)}
          />
          {readOnly ? (
            <p>
              <span className="label">{t('management.directPaymentFrequency')}</span>{' '}
              {management.directPaymentFrequency ? t(`budget.every.${management.directPaymentFrequency}`) : t('budget.notGiven')}
            </p>
          ) : (
            <div className="field">
              <label htmlFor="management-directPaymentFrequency">{t('management.directPaymentFrequency')}</label>
              <LabelTerms label={t('management.directPaymentFrequency')} />
              <select
                id="management-directPaymentFrequency"
                value={management.directPaymentFrequency ?? ''}
                onChange={(e) => setField(part, 'directPaymentFrequency', (e.target.value || null) as Frequency | null)}
              >
                <option value="">{t('budget.chooseFrequency')}</option>
                {PAYMENT_FREQUENCIES.map((f) => (
                  <option key={f} value={f}>
                    {t(`budget.every.${f}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <PartTextField
            id="management-directPaymentNeeds"
            label={t('management.directPaymentNeeds')}
            hint={t('management.directPaymentNeedsHint')}
            value={management.directPaymentNeeds}
            maxLength={4000}
            multiline
            readOnly={readOnly}
            onCommit={(value) => setField(part, 'directPaymentNeeds', value)}
          />
        </div>
      )}
    </div>
  );
}
