// A copy of the plan for people to take away, as a list of blocks (headings, paragraphs, list items, tables) built
// from the stored plan — every section's words, its structured parts, and the agreement record — in the language
// asked for. The Word file (docxCopy.ts) is drawn from these blocks; every label comes from the same English and
// Welsh catalogues as the pages. The person's own words are never translated.

import * as Y from 'yjs';
import { budgetTotals, formatMoney, yearlyPence } from '../../shared/budget.js';
import { catalogues } from '../../shared/i18n/index.js';
import type { Jurisdiction } from '../../shared/jurisdictions.js';
import { DATA_PARTS, readActions, readBudget, readFrontPage, readManagement, readOutcomes, readReviews } from '../../shared/planData.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTIONS, type SectionId } from '../../shared/sections.js';
import type { AgreementView } from '../../shared/versions.js';

export type Language = 'en' | 'cy';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'item'; text: string; ordered: boolean; depth: number }
  | { kind: 'table'; header: string[]; rows: string[][] };

/** A catalogue entry with {{values}} filled in (keys are dotted paths; a missing key shows as itself). */
export function translate(language: Language, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = catalogues[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name] ?? ''));
}

/** A section's words as blocks: paragraphs, headings and list items, with their text (marks dropped). */
function sectionBlocks(fragment: Y.XmlFragment): Block[] {
  const blocks: Block[] = [];
  const textOf = (element: Y.XmlElement): string =>
    element
      .toArray()
      .map((child) =>
        child instanceof Y.XmlText
          ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
          : child instanceof Y.XmlElement && child.nodeName === 'hardBreak'
            ? '\n'
            : '',
      )
      .join('');
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook, ordered: boolean, depth: number) => {
    if (!(node instanceof Y.XmlElement)) return;
    switch (node.nodeName) {
      case 'paragraph':
      case 'codeBlock': {
        const text = textOf(node);
        if (depth > 0) blocks.push({ kind: 'item', text, ordered, depth });
        else if (text.trim() !== '') blocks.push({ kind: 'paragraph', text });
        return;
      }
      case 'heading':
        blocks.push({ kind: 'heading', level: 3, text: textOf(node) });
        return;
      case 'bulletList':
      case 'orderedList':
        for (const item of node.toArray()) {
          if (!(item instanceof Y.XmlElement)) continue;
          for (const child of item.toArray()) walk(child, node.nodeName === 'orderedList', depth + 1);
        }
        return;
      default:
        for (const child of node.toArray()) walk(child, ordered, depth);
    }
  };
  for (const node of fragment.toArray()) walk(node, false, 0);
  return blocks;
}

export interface CopyInput {
  doc: Y.Doc;
  title: string | null;
  jurisdiction: Jurisdiction;
  language: Language;
  /** When the copy was made; for a saved version, its name and when it was saved; who the copy was made for. */
  madeAt: Date;
  version: { name: string; at: Date } | null;
  givenTo: string | null;
  circle: { displayName: string; role: string }[];
  agreement: AgreementView;
}

export function planCopyBlocks(input: CopyInput): Block[] {
  const { doc, language } = input;
  const t = (key: string, values?: Record<string, string | number>) => translate(language, key, values);
  const day = (d: string) => new Intl.DateTimeFormat(language === 'cy' ? 'cy' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  const part = (root: string) => doc.getMap(root).toJSON() as Record<string, unknown>;
  const notGiven = t('budget.notGiven');
  const blocks: Block[] = [];
  blocks.push({ kind: 'title', text: input.title ?? t('home.untitled') });
  const date = (d: Date) => day(d.toISOString().slice(0, 10));
  const law = t(`jurisdiction.${input.jurisdiction}`);
  blocks.push({
    kind: 'paragraph',
    text: input.version
      ? t('copy.versionOf', { name: input.version.name, date: date(input.version.at), made: date(input.madeAt), law })
      : t('copy.madeOn', { date: date(input.madeAt), law }),
  });
  if (input.givenTo) blocks.push({ kind: 'paragraph', text: t('copy.madeFor', { name: input.givenTo }) });

  // The front page.
  const front = readFrontPage(part(DATA_PARTS.frontPage.root));
  blocks.push({ kind: 'heading', level: 1, text: t('frontPage.heading') });
  const line = (label: string, value: string) => blocks.push({ kind: 'paragraph', text: `${label}: ${value || notGiven}` });
  line(t('frontPage.name'), front.name);
  line(t('frontPage.addressAs'), front.addressAs);
  line(t('frontPage.language'), front.language ? t(`language.${front.language}`) : '');
  line(t('frontPage.communicationNeeds'), front.communicationNeeds);
  blocks.push({ kind: 'heading', level: 2, text: t('frontPage.actorsHeading') });
  if (front.actors.length === 0) blocks.push({ kind: 'paragraph', text: t('frontPage.noActors') });
  for (const actor of front.actors) {
    const kind = actor.kind ? t(`frontPage.kind.${actor.kind}`) : notGiven;
    blocks.push({ kind: 'item', ordered: false, depth: 1, text: [actor.name || notGiven, kind, actor.contact].filter(Boolean).join(' — ') });
  }
  blocks.push({ kind: 'heading', level: 2, text: t('frontPage.circleHeading') });
  for (const m of input.circle) blocks.push({ kind: 'item', ordered: false, depth: 1, text: `${m.displayName} (${t(`roles.${m.role}`)})` });

  // The twelve sections, each with its structured part.
  SECTIONS.forEach((section, index) => {
    blocks.push({ kind: 'heading', level: 1, text: `${index + 1}. ${t(`sections.${section.id}.heading`)}` });
    const words = sectionBlocks(doc.getXmlFragment(sectionFieldName(section.id)));
    blocks.push(...words);
    const parts = structuredBlocks(section.id, doc, t, day, input);
    if (words.length === 0 && parts.length === 0) blocks.push({ kind: 'paragraph', text: t('history.sectionEmpty') });
    blocks.push(...parts);
  });
  return blocks;
}

function structuredBlocks(
  sectionId: SectionId,
  doc: Y.Doc,
  t: (key: string, values?: Record<string, string | number>) => string,
  day: (d: string) => string,
  input: CopyInput,
): Block[] {
  const part = (root: string) => doc.getMap(root).toJSON() as Record<string, unknown>;
  const notGiven = t('budget.notGiven');
  const money = (pence: number | null) => (pence === null ? notGiven : formatMoney(pence));
  const blocks: Block[] = [];
  switch (sectionId) {
    case 'whatMatters': {
      const outcomes = readOutcomes(part(DATA_PARTS.outcomes.root)).filter((o) => o.text.trim() !== '');
      if (outcomes.length === 0) break;
      blocks.push({ kind: 'heading', level: 2, text: t('outcomes.heading') });
      outcomes.forEach((o) =>
        blocks.push({ kind: 'item', ordered: true, depth: 1, text: o.baseline === null ? o.text : `${o.text} (${t('outcomes.baseline')}: ${o.baseline})` }),
      );
      break;
    }
    case 'howNeedsMet': {
      const actions = readActions(part(DATA_PARTS.actions.root)).filter((a) => a.what.trim() !== '');
      if (actions.length === 0) break;
      const outcomes = readOutcomes(part(DATA_PARTS.outcomes.root));
      blocks.push({ kind: 'heading', level: 2, text: t('actions.heading') });
      blocks.push({
        kind: 'table',
        header: [t('actions.what'), t('actions.who'), t('actions.byWhen'), t('actions.outcome'), t('actions.done')],
        rows: actions.map((a) => {
          const at = outcomes.findIndex((o) => o.id === a.outcomeId);
          return [a.what, a.who, a.byWhen ? day(a.byWhen) : '', at < 0 ? '' : `${at + 1}. ${outcomes[at]!.text}`, a.done ? '✓' : ''];
        }),
      });
      break;
    }
    case 'personalBudget': {
      const budget = readBudget(part(DATA_PARTS.budget.root));
      blocks.push({ kind: 'heading', level: 2, text: t('budget.heading') });
      for (const key of ['indicativePence', 'finalPence', 'personContributionPence', 'councilContributionPence'] as const) {
        blocks.push({ kind: 'paragraph', text: `${t(`budget.${key}`)}: ${money(budget[key])}` });
      }
      if (budget.howWorkedOut) blocks.push({ kind: 'paragraph', text: `${t('budget.howWorkedOut')}: ${budget.howWorkedOut}` });
      blocks.push({ kind: 'heading', level: 2, text: t('budget.spendingHeading') });
      if (budget.lines.length > 0) {
        blocks.push({
          kind: 'table',
          header: [t('budget.what'), t('budget.provider'), t('budget.cost'), t('budget.frequency'), t('budget.lineYearly', { amount: '' }).trim()],
          rows: budget.lines.map((l) => [
            l.what,
            l.provider,
            money(l.amountPence),
            l.frequency ? t(`budget.every.${l.frequency}`) : notGiven,
            l.amountPence !== null && l.frequency !== null ? formatMoney(yearlyPence(l.amountPence, l.frequency)) : notGiven,
          ]),
        });
      } else {
        blocks.push({ kind: 'paragraph', text: t('budget.noLines') });
      }
      const totals = budgetTotals(budget.lines, { indicativeYearlyPence: budget.indicativePence, finalYearlyPence: budget.finalPence });
      blocks.push({ kind: 'heading', level: 2, text: t('budget.totalsHeading') });
      blocks.push({ kind: 'paragraph', text: t('budget.totalSpending', { yearly: formatMoney(totals.yearlyPence), weekly: formatMoney(totals.weeklyPence) }) });
      if (totals.budgetYearlyPence !== null) {
        blocks.push({ kind: 'paragraph', text: t(`budget.against.${totals.budgetSource!}`, { yearly: formatMoney(totals.budgetYearlyPence) }) });
      }
      const left = totals.leftYearlyPence;
      const weekly = totals.leftWeeklyPence;
      blocks.push({
        kind: 'paragraph',
        strong: true,
        text:
          totals.status === 'noBudget'
            ? t('budget.noBudgetYet')
            : totals.status === 'over'
              ? t('budget.over', { yearly: formatMoney(-left!), weekly: formatMoney(-weekly!) })
              : totals.status === 'exact'
                ? t('budget.exact')
                : t('budget.left', { yearly: formatMoney(left!), weekly: formatMoney(weekly!) }),
      });
      break;
    }
    case 'budgetManagement': {
      const m = readManagement(part(DATA_PARTS.management.root));
      if (m.how === null) break;
      blocks.push({ kind: 'paragraph', text: `${t('management.legend')} ${t(`management.how.${m.how}`)}` });
      if (m.how === 'directPayment' || m.how === 'mixed') {
        blocks.push({ kind: 'paragraph', text: `${t('management.directPaymentAmount')}: ${money(m.directPaymentPence)}` });
        blocks.push({
          kind: 'paragraph',
          text: `${t('management.directPaymentFrequency')}: ${m.directPaymentFrequency ? t(`budget.every.${m.directPaymentFrequency}`) : notGiven}`,
        });
        blocks.push({ kind: 'paragraph', text: `${t('management.directPaymentNeeds')}: ${m.directPaymentNeeds || notGiven}` });
      }
      break;
    }
    case 'reviews': {
      const r = readReviews(part(DATA_PARTS.reviews.root));
      const dates = (['agreedOn', 'firstReview', 'nextReview', 'directPaymentReview'] as const).filter((k) => r[k] !== null);
      if (dates.length === 0) break;
      blocks.push({ kind: 'heading', level: 2, text: t('reviews.heading') });
      for (const k of dates) blocks.push({ kind: 'paragraph', text: `${t(`reviews.${k}`)}: ${day(r[k]!)}` });
      break;
    }
    case 'agreement': {
      const { statements, signOff } = input.agreement;
      blocks.push({ kind: 'heading', level: 2, text: t('copy.agreementHeading') });
      if (statements.length === 0 && signOff === null) blocks.push({ kind: 'paragraph', text: t('copy.nobodyYet') });
      for (const s of [...statements, ...(signOff ? [signOff] : [])]) {
        const who = `${s.by.displayName} (${t(`roles.${s.by.role}`)})`;
        const said = t(`copy.said.${s.kind}`, { reason: s.reason ?? '' }).replace(/[:：]\s*$/, '');
        const when = day(s.at.slice(0, 10));
        const version = s.current ? t('copy.forThisVersion') : t('copy.forEarlierVersion');
        blocks.push({ kind: 'item', ordered: false, depth: 1, text: `${who}: ${said} — ${when}. ${version}` });
      }
      break;
    }
    default:
      break;
  }
  return blocks;
}
