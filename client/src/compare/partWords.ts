// A change to a structured part (the budget, outcomes, actions, review dates…) in plain words, with the same labels
// the plan's own fields carry: "Indicative budget, a year: was £12,000.00, now £15,000.00"; "Added the spending plan
// line “Bus pass”: Cost: £300.00; How often: Once (a one-off cost)". Money as the budget writes it, days in the
// reader's language.

import type { TFunction } from 'i18next';
import { formatMoney } from '../../../shared/budget.js';
import { DATA_PARTS, type DataPart, type ListSpec, type MapSpec, type ValueSpec } from '../../../shared/planData.js';
import type { PartChange, PartRecord, PartValue } from '../../../shared/versions.js';
import { formatDay } from '../history/historyTime.js';

/** The label of each field, as the plan's form shows it ('list.field' for a field of a line). */
const FIELD_LABELS: Record<DataPart, Record<string, string>> = {
  frontPage: {
    name: 'frontPage.name',
    addressAs: 'frontPage.addressAs',
    language: 'frontPage.language',
    communicationNeeds: 'frontPage.communicationNeeds',
    'actors.name': 'frontPage.actorName',
    'actors.kind': 'frontPage.actorKind',
    'actors.contact': 'frontPage.actorContact',
  },
  outcomes: { 'list.text': 'outcomes.text', 'list.baseline': 'outcomes.baseline' },
  actions: {
    'list.what': 'actions.what',
    'list.who': 'actions.who',
    'list.byWhen': 'actions.byWhen',
    'list.outcomeId': 'actions.outcome',
    'list.done': 'actions.done',
  },
  budget: {
    indicativePence: 'budget.indicativePence',
    finalPence: 'budget.finalPence',
    personContributionPence: 'budget.personContributionPence',
    councilContributionPence: 'budget.councilContributionPence',
    howWorkedOut: 'budget.howWorkedOut',
    'lines.what': 'budget.what',
    'lines.provider': 'budget.provider',
    'lines.amountPence': 'budget.cost',
    'lines.frequency': 'budget.frequency',
  },
  management: {
    how: 'compare.parts.managementHow',
    directPaymentPence: 'management.directPaymentAmount',
    directPaymentFrequency: 'management.directPaymentFrequency',
    directPaymentNeeds: 'management.directPaymentNeeds',
  },
  reviews: {
    agreedOn: 'reviews.agreedOn',
    firstReview: 'reviews.firstReview',
    nextReview: 'reviews.nextReview',
    directPaymentReview: 'reviews.directPaymentReview',
  },
};

/** Where the words for each choice of a field are. */
const CHOICE_WORDS: Record<string, string> = {
  frequency: 'budget.every',
  directPaymentFrequency: 'budget.every',
  how: 'management.how',
  language: 'language',
  kind: 'frontPage.kind',
};

/** The field that names a line: what it is, in its own words. */
const NAME_FIELDS = ['what', 'text', 'name'];

function specOf(part: DataPart, list: string | null, field: string): ValueSpec | undefined {
  const fields = (DATA_PARTS[part].spec as MapSpec).fields;
  const spec = list === null ? fields[field] : (fields[list] as ListSpec | undefined)?.item.fields[field];
  return spec?.kind === 'list' ? undefined : spec;
}

function fieldLabel(part: DataPart, list: string | null, field: string, t: TFunction): string {
  const key = FIELD_LABELS[part][list === null ? field : `${list}.${field}`];
  return key ? t(key) : field;
}

/** A value as a reader says it: "£12,000.00", "Each week", "3 March 2026", "“Jo”", "not given". */
function valueWords(part: DataPart, list: string | null, field: string, value: PartValue, language: string, t: TFunction): string {
  if (value === null) return t('compare.parts.notGiven');
  const spec = specOf(part, list, field);
  switch (spec?.kind) {
    case 'pence':
      return typeof value === 'number' ? formatMoney(value) : String(value);
    case 'enum':
      return CHOICE_WORDS[field] ? t(`${CHOICE_WORDS[field]}.${String(value)}`) : String(value);
    case 'day':
      return formatDay(new Date(`${String(value)}T12:00:00`), language, t);
    case 'boolean':
      return t(value === true ? 'compare.parts.yes' : 'compare.parts.no');
    case 'id':
      return t('compare.parts.someOutcome');
    case 'text':
      return `“${String(value)}”`;
    default:
      return String(value);
  }
}

/** A line of a list, named by its own words: "the spending plan line “Bus pass”". */
function itemWords(part: DataPart, line: PartRecord | null, t: TFunction): string {
  const name = NAME_FIELDS.map((f) => line?.[f]).find((v): v is string => typeof v === 'string' && v !== '');
  return t(`compare.parts.item.${part}`, { name: name ?? t('compare.parts.noName') });
}

/** A whole line's other details: "Cost: £300.00; How often: Once (a one-off cost)". */
function lineDetails(change: PartChange, line: PartRecord, language: string, t: TFunction): string {
  return Object.entries(line)
    .filter(([field, value]) => field !== 'id' && value !== null && value !== false)
    .map(([field, value]) => `${fieldLabel(change.part, change.list, field, t)}: ${valueWords(change.part, change.list, field, value, language, t)}`)
    .join('; ');
}

/** What changed, in plain words. */
export function partChangeWords(change: PartChange, language: string, t: TFunction): string {
  const record = (value: PartChange['before']) => (value !== null && typeof value === 'object' ? value : null);
  if (change.field === null) {
    const line = record(change.kind === 'removed' ? change.before : change.after) ?? {};
    const key = change.kind === 'removed' ? 'compare.parts.itemRemoved' : 'compare.parts.itemAdded';
    return t(key, { item: itemWords(change.part, line, t), details: lineDetails(change, line, language, t) });
  }
  const label = fieldLabel(change.part, change.list, change.field, t);
  const field = change.list === null ? label : t('compare.parts.inItem', { field: label, item: itemWords(change.part, change.line, t) });
  const words = (value: PartChange['before']) =>
    record(value) ? '' : valueWords(change.part, change.list, change.field!, value as PartValue, language, t);
  return t(`compare.parts.${change.kind}`, { field, before: words(change.before), after: words(change.after) });
}
