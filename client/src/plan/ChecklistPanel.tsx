// "What the law needs": the legal checklist for the plan's jurisdiction (shared/completeness.ts), each item saying
// whether it is written yet and linking to the section where it belongs. It follows the plan as anyone writes, and
// never stops anyone writing: it only shows what is still to be said.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { completeness, type PlanReading } from '../../../shared/completeness.js';
import type { Jurisdiction } from '../../../shared/jurisdictions.js';
import { DATA_PARTS, readActions, readBudget, readManagement, readOutcomes, readReviews } from '../../../shared/planData.js';
import { sectionFieldName } from '../../../shared/protocol.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import { hasText } from '../components/StaticSection.js';

/** How long the checklist waits for typing to pause before it looks again. */
const SETTLE_MS = 400;

function readPlan(doc: Y.Doc): PlanReading {
  return {
    written: Object.fromEntries(SECTION_IDS.map((id) => [id, hasText(doc.getXmlFragment(sectionFieldName(id)))])) as Record<SectionId, boolean>,
    budget: readBudget(doc.getMap(DATA_PARTS.budget.root).toJSON() as Record<string, unknown>),
    management: readManagement(doc.getMap(DATA_PARTS.management.root).toJSON() as Record<string, unknown>),
    reviews: readReviews(doc.getMap(DATA_PARTS.reviews.root).toJSON() as Record<string, unknown>),
    outcomes: readOutcomes(doc.getMap(DATA_PARTS.outcomes.root).toJSON() as Record<string, unknown>),
    actions: readActions(doc.getMap(DATA_PARTS.actions.root).toJSON() as Record<string, unknown>),
  };
}

export function ChecklistPanel(props: { doc: Y.Doc; jurisdiction: Jurisdiction }) {
  const { t } = useTranslation();
  const { doc, jurisdiction } = props;
  const [reading, setReading] = useState(() => readPlan(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setReading(readPlan(doc)), SETTLE_MS);
    };
    doc.on('update', later);
    return () => {
      doc.off('update', later);
      if (timer) clearTimeout(timer);
    };
  }, [doc]);

  const items = completeness(reading, jurisdiction);
  const done = items.filter((i) => i.covered).length;
  // Folded by default, so the plan itself comes first; the summary says how far it has got.
  return (
    <details className="checklist">
      <summary>
        <span className="checklist-heading">{t('checklist.heading')}</span>{' '}
        <span className="checklist-count">{t('checklist.count', { done, total: items.length })}</span>
      </summary>
      <p className="hint">{t(`checklist.intro.${jurisdiction}`)}</p>
      <ul>
        {items.map((item) => (
          <li key={item.id} className={item.covered ? 'covered' : 'to-write'} data-item={item.id}>
            <span aria-hidden="true" className="mark">
              {item.covered ? '✓' : '○'}
            </span>{' '}
            <a href={`#section-${item.sectionId}`}>{t(`checklist.item.${item.id}`)}</a>{' '}
            <span className="checklist-state">{item.covered ? t('checklist.covered') : t('checklist.toWrite')}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
