// "My personal budget", in numbers, co-edited live like the text: the indicative and final budget, the person's and
// the council's contributions, how the budget was worked out, and the spending plan — lines of what, who provides
// it, what it costs and how often — with totals per year and per week against the budget, and what is left or
// over. Totals come from shared/budget.ts (the same arithmetic as the exports); a figure that is not money is
// pointed out where it was typed and never counted. Totals are announced to screen readers politely, once typing
// settles, never on every keystroke.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { budgetTotals, formatMoney, FREQUENCIES, yearlyPence, type BudgetTotals, type Frequency } from '../../../shared/budget.js';
import { DATA_PARTS, readBudget, type SpendingLine } from '../../../shared/planData.js';
import { MoneyField } from './MoneyField.js';
import { PartTextField } from './PartTextField.js';
import { useListEditor, usePartJson, useSetField } from './usePart.js';

const ROOT = DATA_PARTS.budget.root;
const ANNOUNCE_AFTER_MS = 1200;

export function BudgetPanel(props: { doc: Y.Doc; readOnly: boolean }) {
  const { t } = useTranslation();
  const { doc, readOnly } = props;
  const budget = readBudget(usePartJson(doc, ROOT));
  const setField = useSetField(doc);
  const part = doc.getMap(ROOT);
  const totals = budgetTotals(budget.lines, { indicativeYearlyPence: budget.indicativePence, finalYearlyPence: budget.finalPence });
  const lines = useListEditor(doc, ROOT, 'lines', (id) => `line-${id}-what`);
  const [status, setStatus] = useState('');
  const removeLine = (line: SpendingLine, index: number) => {
    lines.remove(line.id);
    setStatus(t('budget.lineRemoved', { what: line.what || t('budget.lineNumber', { number: index + 1 }) }));
    document.getElementById('budget-add-line')?.focus();
  };

  const figure = (key: 'indicativePence' | 'finalPence' | 'personContributionPence' | 'councilContributionPence') => (
    <MoneyField
      id={`budget-${key}`}
      label={t(`budget.${key}`)}
      hint={t(`budget.${key}Hint`)}
      pence={budget[key]}
      readOnly={readOnly}
      onCommit={(pence) => setField(part, key, pence)}
    />
  );

  return (
    <div className="structured-part budget">
      <h3 id="budget-heading">{t('budget.heading')}</h3>
      <div className="figures">
        {figure('indicativePence')}
        {figure('finalPence')}
        {figure('personContributionPence')}
        {figure('councilContributionPence')}
      </div>
      <PartTextField
        id="budget-howWorkedOut"
        label={t('budget.howWorkedOut')}
        hint={t('budget.howWorkedOutHint')}
        value={budget.howWorkedOut}
        maxLength={4000}
        multiline
        readOnly={readOnly}
        onCommit={(value) => setField(part, 'howWorkedOut', value)}
      />

      <h3 id="spending-heading">{t('budget.spendingHeading')}</h3>
      <p className="hint">{t('budget.spendingHint')}</p>
      {budget.lines.length === 0 && <p className="meta">{t('budget.noLines')}</p>}
      <ol className="spending-lines" aria-labelledby="spending-heading">
        {budget.lines.map((line, index) => (
          <li key={line.id} className="spending-line">
            <fieldset>
              <legend>{line.what ? t('budget.lineNamed', { number: index + 1, what: line.what }) : t('budget.lineNumber', { number: index + 1 })}</legend>
              <PartTextField
                id={`line-${line.id}-what`}
                label={t('budget.what')}
                value={line.what}
                maxLength={300}
                readOnly={readOnly}
                onCommit={(value) => lines.set(line.id, 'what', value)}
              />
              <PartTextField
                id={`line-${line.id}-provider`}
                label={t('budget.provider')}
                value={line.provider}
                maxLength={200}
                readOnly={readOnly}
                onCommit={(value) => lines.set(line.id, 'provider', value)}
              />
              <MoneyField
                id={`line-${line.id}-amount`}
                label={t('budget.cost')}
                pence={line.amountPence}
                readOnly={readOnly}
                onCommit={(pence) => lines.set(line.id, 'amountPence', pence)}
              />
              <FrequencyField line={line} readOnly={readOnly} onChange={(frequency) => lines.set(line.id, 'frequency', frequency)} />
              <p className="line-yearly">
                {line.amountPence !== null && line.frequency !== null
                  ? t('budget.lineYearly', { amount: formatMoney(yearlyPence(line.amountPence, line.frequency)) })
                  : t('budget.lineNotCosted')}
              </p>
              {!readOnly && (
                <button type="button" className="remove-line" onClick={() => removeLine(line, index)}>
                  {t('budget.removeLine', { what: line.what || t('budget.lineNumber', { number: index + 1 }) })}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" id="budget-add-line" onClick={lines.add}>
          {t('budget.addLine')}
        </button>
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>
      <Totals totals={totals} />
    </div>
  );
}

function FrequencyField(props: { line: SpendingLine; readOnly: boolean; onChange: (frequency: Frequency | null) => void }) {
  const { t } = useTranslation();
  const id = `line-${props.line.id}-frequency`;
  if (props.readOnly) {
    return (
      <div className="field">
        <span className="label">{t('budget.frequency')}</span> {props.line.frequency ? t(`budget.every.${props.line.frequency}`) : t('budget.notGiven')}
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{t('budget.frequency')}</label>
      <select id={id} value={props.line.frequency ?? ''} onChange={(e) => props.onChange((e.target.value || null) as Frequency | null)}>
        <option value="">{t('budget.chooseFrequency')}</option>
        {FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {t(`budget.every.${f}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The totals, shown, and said to screen readers once they settle. */
function Totals({ totals }: { totals: BudgetTotals }) {
  const { t } = useTranslation();
  const money = (pence: number) => formatMoney(pence);
  const spending = t('budget.totalSpending', { yearly: money(totals.yearlyPence), weekly: money(totals.weeklyPence) });
  const against =
    totals.status === 'noBudget'
      ? t('budget.noBudgetYet')
      : totals.status === 'over'
        ? t('budget.over', { yearly: money(-totals.leftYearlyPence!), weekly: money(-totals.leftWeeklyPence!) })
        : totals.status === 'exact'
          ? t('budget.exact')
          : t('budget.left', { yearly: money(totals.leftYearlyPence!), weekly: money(totals.leftWeeklyPence!) });
  const budgetLine =
    totals.budgetYearlyPence === null ? null : t(`budget.against.${totals.budgetSource!}`, { yearly: money(totals.budgetYearlyPence) });
  const uncosted = totals.uncostedLines > 0 ? t('budget.uncosted', { count: totals.uncostedLines }) : null;
  const sentence = [spending, budgetLine, against, uncosted].filter(Boolean).join(' ');

  // Said once typing settles (and not when the page first shows them).
  const [announced, setAnnounced] = useState('');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => setAnnounced(sentence), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [sentence]);

  return (
    <section className={`budget-totals status-${totals.status}`} aria-labelledby="budget-totals-heading">
      <h3 id="budget-totals-heading">{t('budget.totalsHeading')}</h3>
      <p data-testid="budget-spending">{spending}</p>
      {budgetLine && <p>{budgetLine}</p>}
      <p className="budget-left" data-testid="budget-left">
        <strong>{against}</strong>
      </p>
      {uncosted && <p className="meta">{uncosted}</p>}
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="budget-announced">
        {announced}
      </p>
    </section>
  );
}
