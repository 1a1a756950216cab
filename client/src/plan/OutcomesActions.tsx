// Outcomes and actions as lists the circle keeps together: under "What matters to me", the outcomes the person names
// (in Wales, each with a baseline score for how they feel about it now, reg. 3's measure of progress); under "How my
// needs will be met", the actions — what, who, by when — each linked to an outcome, with whether it is done.

import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Jurisdiction } from '../../../shared/jurisdictions.js';
import { DATA_PARTS, readActions, readOutcomes } from '../../../shared/planData.js';
import { isDay } from '../../../shared/reviews.js';
import { PartTextField } from './PartTextField.js';
import { useListEditor, usePartJson } from './usePart.js';

const OUTCOMES = DATA_PARTS.outcomes.root;
const ACTIONS = DATA_PARTS.actions.root;
const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function OutcomesPanel(props: { doc: Y.Doc; readOnly: boolean; jurisdiction: Jurisdiction }) {
  const { t } = useTranslation();
  const { doc, readOnly } = props;
  const outcomes = readOutcomes(usePartJson(doc, OUTCOMES));
  const { add, remove, set } = useListEditor(doc, OUTCOMES, 'list', (id) => `outcome-${id}-text`);
  const wales = props.jurisdiction === 'wales';
  return (
    <div className="structured-part outcomes">
      <h3 id="outcomes-heading">{t('outcomes.heading')}</h3>
      <p className="hint">{wales ? t('outcomes.hintWales') : t('outcomes.hint')}</p>
      {outcomes.length === 0 && <p className="meta">{t('outcomes.none')}</p>}
      <ol className="spending-lines" aria-labelledby="outcomes-heading">
        {outcomes.map((outcome, index) => (
          <li key={outcome.id} className="spending-line">
            <fieldset>
              <legend>{t('outcomes.number', { number: index + 1 })}</legend>
              <PartTextField
                id={`outcome-${outcome.id}-text`}
                label={t('outcomes.text')}
                value={outcome.text}
                maxLength={500}
                multiline
                readOnly={readOnly}
                onCommit={(v) => set(outcome.id, 'text', v)}
              />
              {(wales || outcome.baseline !== null) &&
                (readOnly ? (
                  <p className="field">
                    <span className="label">{t('outcomes.baseline')}</span> {outcome.baseline ?? t('budget.notGiven')}
                  </p>
                ) : (
                  <div className="field">
                    <label htmlFor={`outcome-${outcome.id}-baseline`}>{t('outcomes.baseline')}</label>
                    <span className="hint" id={`outcome-${outcome.id}-baseline-hint`}>
                      {t('outcomes.baselineHint')}
                    </span>
                    <select
                      id={`outcome-${outcome.id}-baseline`}
                      aria-describedby={`outcome-${outcome.id}-baseline-hint`}
                      value={outcome.baseline ?? ''}
                      onChange={(e) => set(outcome.id, 'baseline', e.target.value === '' ? null : Number(e.target.value))}
                    >
                      <option value="">{t('budget.chooseFrequency')}</option>
                      {SCORES.map((score) => (
                        <option key={score} value={score}>
                          {score}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              {!readOnly && (
                <button type="button" className="remove-line" onClick={() => remove(outcome.id)}>
                  {t('outcomes.remove', { number: index + 1 })}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" onClick={add}>
          {t('outcomes.add')}
        </button>
      )}
    </div>
  );
}

export function ActionsPanel(props: { doc: Y.Doc; readOnly: boolean }) {
  const { t } = useTranslation();
  const { doc, readOnly } = props;
  const actions = readActions(usePartJson(doc, ACTIONS));
  const outcomes = readOutcomes(usePartJson(doc, OUTCOMES));
  const { add, remove, set } = useListEditor(doc, ACTIONS, 'list', (id) => `action-${id}-what`);
  const outcomeName = (id: string | null) => {
    const index = outcomes.findIndex((o) => o.id === id);
    return index < 0 ? null : `${index + 1}. ${outcomes[index]!.text}`;
  };
  return (
    <div className="structured-part actions">
      <h3 id="actions-heading">{t('actions.heading')}</h3>
      <p className="hint">{t('actions.hint')}</p>
      {actions.length === 0 && <p className="meta">{t('actions.none')}</p>}
      <ol className="spending-lines" aria-labelledby="actions-heading">
        {actions.map((action, index) => (
          <li key={action.id} className={action.done ? 'spending-line done' : 'spending-line'}>
            <fieldset>
              <legend>{action.what ? t('actions.named', { number: index + 1, what: action.what }) : t('actions.number', { number: index + 1 })}</legend>
              <PartTextField id={`action-${action.id}-what`} label={t('actions.what')} value={action.what} maxLength={500} readOnly={readOnly} onCommit={(v) => set(action.id, 'what', v)} />
              <PartTextField id={`action-${action.id}-who`} label={t('actions.who')} value={action.who} maxLength={200} readOnly={readOnly} onCommit={(v) => set(action.id, 'who', v)} />
              {readOnly ? (
                <p className="field">
                  <span className="label">{t('actions.byWhen')}</span> {action.byWhen ?? t('budget.notGiven')}
                </p>
              ) : (
                <div className="field">
                  <label htmlFor={`action-${action.id}-byWhen`}>{t('actions.byWhen')}</label>
                  <input
                    id={`action-${action.id}-byWhen`}
                    type="date"
                    value={action.byWhen ?? ''}
                    onChange={(e) => {
                      const value = e.target.value;
                      if (value === '') set(action.id, 'byWhen', null);
                      else if (isDay(value)) set(action.id, 'byWhen', value);
                    }}
                  />
                </div>
              )}
              {readOnly ? (
                <p className="field">
                  <span className="label">{t('actions.outcome')}</span> {outcomeName(action.outcomeId) ?? t('budget.notGiven')}
                </p>
              ) : (
                <div className="field">
                  <label htmlFor={`action-${action.id}-outcome`}>{t('actions.outcome')}</label>
                  <select id={`action-${action.id}-outcome`} value={action.outcomeId ?? ''} onChange={(e) => set(action.id, 'outcomeId', e.target.value || null)}>
                    <option value="">{t('actions.noOutcome')}</option>
                    {outcomes.map((o, i) => (
                      <option key={o.id} value={o.id}>
                        {`${i + 1}. ${o.text || t('outcomes.number', { number: i + 1 })}`}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field choice">
                <input
                  type="checkbox"
                  id={`action-${action.id}-done`}
                  checked={action.done}
                  disabled={readOnly}
                  onChange={(e) => set(action.id, 'done', e.target.checked)}
                />
                <label htmlFor={`action-${action.id}-done`}>{t('actions.done')}</label>
              </div>
              {!readOnly && (
                <button type="button" className="remove-line" onClick={() => remove(action.id)}>
                  {t('actions.remove', { number: index + 1 })}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" onClick={add}>
          {t('actions.add')}
        </button>
      )}
    </div>
  );
}
