// The structured parts of a plan (issue 5): figures and lists that are shared CRDT data in the plan's Y.Doc beside
// the sections' rich text, each part a root Y.Map belonging to one section (for rights, history and attribution).
// The same description drives the server's check of every update (server/sync/dataCheck.ts: only these keys, these
// kinds of value, in these places) and the browser's reading of them (readers below: anything else reads as empty),
// so a bad figure can never reach the totals, and nobody can store a structure the plan does not have.
//
// Values are plain JSON set on a Y.Map key (last writer wins per field, so two people editing different fields or
// different lines both keep their edits); lists are Y.Arrays of Y.Maps, one per line, each with a stable `id`.

import { FREQUENCIES, isPence, type Frequency } from './budget.js';
import { isDay } from './reviews.js';
import { sectionFieldName } from './protocol.js';
import { SECTION_IDS, type SectionId } from './sections.js';

export type ValueSpec =
  | { kind: 'pence' }
  | { kind: 'text'; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'day' }
  | { kind: 'id' }
  | { kind: 'boolean' }
  | { kind: 'score' };
export interface ListSpec {
  kind: 'list';
  item: MapSpec;
  /** At most this many entries (lines, outcomes, actions). */
  max: number;
}
export interface MapSpec {
  fields: Readonly<Record<string, ValueSpec | ListSpec>>;
}

export const MANAGEMENT_OPTIONS = ['directPayment', 'individualServiceFund', 'councilManaged', 'mixed'] as const;
export type Management = (typeof MANAGEMENT_OPTIONS)[number];

const text = (max: number): ValueSpec => ({ kind: 'text', max });

/** A spending plan line: what, who provides it, its cost and how often. */
const SPENDING_LINE: MapSpec = {
  fields: {
    id: { kind: 'id' },
    what: text(300),
    provider: text(200),
    amountPence: { kind: 'pence' },
    frequency: { kind: 'enum', values: FREQUENCIES },
  },
};

export const ACTOR_KINDS = ['attorneyHealth', 'attorneyMoney', 'deputy', 'advocate', 'independentAdvocate', 'other'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Someone who can act for the person: who, in what role, and how to reach them. */
const ACTOR: MapSpec = {
  fields: {
    id: { kind: 'id' },
    name: text(200),
    kind: { kind: 'enum', values: ACTOR_KINDS },
    contact: text(300),
  },
};

/** An outcome the person names, in their words; in Wales, with a baseline score for how they feel about it now. */
const OUTCOME: MapSpec = {
  fields: {
    id: { kind: 'id' },
    text: text(500),
    baseline: { kind: 'score' },
  },
};

/** An action: what, who, by when, the outcome it serves, and whether it is done. */
const ACTION: MapSpec = {
  fields: {
    id: { kind: 'id' },
    what: text(500),
    who: text(200),
    byWhen: { kind: 'day' },
    outcomeId: { kind: 'id' },
    done: { kind: 'boolean' },
  },
};

/** Every structured part: its root's name in the Y.Doc, the section it belongs to, and what it may hold. */
export const DATA_PARTS = {
  /** The front page: the person's own details, so theirs to change (with "About me"'s rights). */
  frontPage: {
    root: 'data:frontPage',
    sectionId: 'aboutMe',
    spec: {
      fields: {
        name: text(200),
        addressAs: text(200),
        language: { kind: 'enum', values: ['en', 'cy'] },
        communicationNeeds: text(2000),
        actors: { kind: 'list', item: ACTOR, max: 20 },
      },
    },
  },
  /** Outcomes are the person's own words, so theirs to change (with "What matters to me"'s rights). */
  outcomes: {
    root: 'data:outcomes',
    sectionId: 'whatMatters',
    spec: { fields: { list: { kind: 'list', item: OUTCOME, max: 50 } } },
  },
  actions: {
    root: 'data:actions',
    sectionId: 'howNeedsMet',
    spec: { fields: { list: { kind: 'list', item: ACTION, max: 200 } } },
  },
  budget: {
    root: 'data:budget',
    sectionId: 'personalBudget',
    spec: {
      fields: {
        /** Yearly figures, in pence. */
        indicativePence: { kind: 'pence' },
        finalPence: { kind: 'pence' },
        personContributionPence: { kind: 'pence' },
        councilContributionPence: { kind: 'pence' },
        howWorkedOut: text(4000),
        lines: { kind: 'list', item: SPENDING_LINE, max: 200 },
      },
    },
  },
  management: {
    root: 'data:management',
    sectionId: 'budgetManagement',
    spec: {
      fields: {
        how: { kind: 'enum', values: MANAGEMENT_OPTIONS },
        directPaymentPence: { kind: 'pence' },
        directPaymentFrequency: { kind: 'enum', values: FREQUENCIES.filter((f) => f !== 'oneOff') },
        directPaymentNeeds: text(4000),
      },
    },
  },
  reviews: {
    root: 'data:reviews',
    sectionId: 'reviews',
    spec: {
      fields: {
        /** Calendar days (YYYY-MM-DD). */
        agreedOn: { kind: 'day' },
        firstReview: { kind: 'day' },
        nextReview: { kind: 'day' },
        directPaymentReview: { kind: 'day' },
      },
    },
  },
} as const satisfies Record<string, { root: string; sectionId: SectionId; spec: MapSpec }>;

export type DataPart = keyof typeof DATA_PARTS;

/** The root names of the structured parts. */
export const DATA_ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(DATA_PARTS).map((p) => p.root));

/** Which section each root of the plan's Y.Doc belongs to: the sections' rich text, and the structured parts. */
export const SECTION_OF_ROOT: ReadonlyMap<string, SectionId> = new Map<string, SectionId>([
  ...SECTION_IDS.map((id) => [sectionFieldName(id), id] as [string, SectionId]),
  ...Object.values(DATA_PARTS).map((p) => [p.root, p.sectionId] as [string, SectionId]),
]);

/** Every root a plan's Y.Doc may contain. */
export const PLAN_ROOT_NAMES: ReadonlySet<string> = new Set(SECTION_OF_ROOT.keys());

/** The spec of a structured root, or undefined for a section's rich text (or anything else). */
export function dataSpecOf(root: string): MapSpec | undefined {
  return SPEC_OF_ROOT.get(root);
}
/** Looked up for every item of every update: a map, made once. */
const SPEC_OF_ROOT: ReadonlyMap<string, MapSpec> = new Map(Object.values(DATA_PARTS).map((p) => [p.root, p.spec as MapSpec]));

const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** Whether a value may be stored in a field (null always may: the field is cleared). */
export function isValidValue(spec: ValueSpec, value: unknown): boolean {
  if (value === null) return true;
  switch (spec.kind) {
    case 'pence':
      return isPence(value);
    case 'text':
      return typeof value === 'string' && value.length <= spec.max;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
    case 'day':
      return typeof value === 'string' && isDay(value);
    case 'id':
      return typeof value === 'string' && ID_PATTERN.test(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'score':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
  }
}

// Reading, for the browser and the exports: every field checked; anything that is not what it should be reads as
// empty (null), so it is shown as "not filled in" rather than spoiling a total.

export interface SpendingLine {
  id: string;
  what: string;
  provider: string;
  amountPence: number | null;
  frequency: Frequency | null;
}

export interface Budget {
  indicativePence: number | null;
  finalPence: number | null;
  personContributionPence: number | null;
  councilContributionPence: number | null;
  howWorkedOut: string;
  lines: SpendingLine[];
}

export interface BudgetManagement {
  how: Management | null;
  directPaymentPence: number | null;
  directPaymentFrequency: Exclude<Frequency, 'oneOff'> | null;
  directPaymentNeeds: string;
}

type Json = Record<string, unknown>;
const field = <T>(json: Json, spec: ValueSpec, key: string): T | null => {
  const value = json[key];
  return value !== undefined && isValidValue(spec, value) ? (value as T) : null;
};

/** The budget as JSON (`Y.Map.toJSON()` of its root), read field by field. */
export function readBudget(json: Json): Budget {
  const f = DATA_PARTS.budget.spec.fields;
  const lines = Array.isArray(json.lines) ? (json.lines as unknown[]) : [];
  return {
    indicativePence: field(json, f.indicativePence, 'indicativePence'),
    finalPence: field(json, f.finalPence, 'finalPence'),
    personContributionPence: field(json, f.personContributionPence, 'personContributionPence'),
    councilContributionPence: field(json, f.councilContributionPence, 'councilContributionPence'),
    howWorkedOut: field<string>(json, f.howWorkedOut, 'howWorkedOut') ?? '',
    lines: lines.flatMap((raw, i) => {
      if (raw === null || typeof raw !== 'object') return [];
      const line = raw as Json;
      const s = SPENDING_LINE.fields as Record<string, ValueSpec>;
      return [
        {
          id: field<string>(line, s.id!, 'id') ?? `line-${i}`,
          what: field<string>(line, s.what!, 'what') ?? '',
          provider: field<string>(line, s.provider!, 'provider') ?? '',
          amountPence: field<number>(line, s.amountPence!, 'amountPence'),
          frequency: field<Frequency>(line, s.frequency!, 'frequency'),
        },
      ];
    }),
  };
}

export function readManagement(json: Json): BudgetManagement {
  const f = DATA_PARTS.management.spec.fields;
  return {
    how: field(json, f.how, 'how'),
    directPaymentPence: field(json, f.directPaymentPence, 'directPaymentPence'),
    directPaymentFrequency: field(json, f.directPaymentFrequency, 'directPaymentFrequency'),
    directPaymentNeeds: field<string>(json, f.directPaymentNeeds, 'directPaymentNeeds') ?? '',
  };
}

export interface ReviewDates {
  agreedOn: string | null;
  firstReview: string | null;
  nextReview: string | null;
  directPaymentReview: string | null;
}

export function readReviews(json: Json): ReviewDates {
  const f = DATA_PARTS.reviews.spec.fields;
  return {
    agreedOn: field(json, f.agreedOn, 'agreedOn'),
    firstReview: field(json, f.firstReview, 'firstReview'),
    nextReview: field(json, f.nextReview, 'nextReview'),
    directPaymentReview: field(json, f.directPaymentReview, 'directPaymentReview'),
  };
}

/**
 * When the plan is next due a review: its next review (or, until one is set, its first), or the direct payment's
 * review if that comes sooner. Null when no date is set.
 */
export function dueReview(dates: ReviewDates): string | null {
  const set = [dates.nextReview ?? dates.firstReview, dates.directPaymentReview].filter((d): d is string => d !== null).sort();
  return set[0] ?? null;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind | null;
  contact: string;
}

export interface FrontPage {
  name: string;
  addressAs: string;
  language: 'en' | 'cy' | null;
  communicationNeeds: string;
  actors: Actor[];
}

export function readFrontPage(json: Json): FrontPage {
  const f = DATA_PARTS.frontPage.spec.fields;
  const a = ACTOR.fields as Record<string, ValueSpec>;
  const actors = Array.isArray(json.actors) ? (json.actors as unknown[]) : [];
  return {
    name: field<string>(json, f.name, 'name') ?? '',
    addressAs: field<string>(json, f.addressAs, 'addressAs') ?? '',
    language: field(json, f.language, 'language'),
    communicationNeeds: field<string>(json, f.communicationNeeds, 'communicationNeeds') ?? '',
    actors: actors.flatMap((raw, i) => {
      if (raw === null || typeof raw !== 'object') return [];
      const actor = raw as Json;
      return [
        {
          id: field<string>(actor, a.id!, 'id') ?? `actor-${i}`,
          name: field<string>(actor, a.name!, 'name') ?? '',
          kind: field<ActorKind>(actor, a.kind!, 'kind'),
          contact: field<string>(actor, a.contact!, 'contact') ?? '',
        },
      ];
    }),
  };
}

export interface Outcome {
  id: string;
  text: string;
  baseline: number | null;
}

export interface Action {
  id: string;
  what: string;
  who: string;
  byWhen: string | null;
  outcomeId: string | null;
  done: boolean;
}

const records = (json: Json, key: string): Json[] =>
  (Array.isArray(json[key]) ? (json[key] as unknown[]) : []).filter((r): r is Json => r !== null && typeof r === 'object' && !Array.isArray(r));

export function readOutcomes(json: Json): Outcome[] {
  const f = OUTCOME.fields as Record<string, ValueSpec>;
  return records(json, 'list').map((r, i) => ({
    id: field<string>(r, f.id!, 'id') ?? `outcome-${i}`,
    text: field<string>(r, f.text!, 'text') ?? '',
    baseline: field<number>(r, f.baseline!, 'baseline'),
  }));
}

export function readActions(json: Json): Action[] {
  const f = ACTION.fields as Record<string, ValueSpec>;
  return records(json, 'list').map((r, i) => ({
    id: field<string>(r, f.id!, 'id') ?? `action-${i}`,
    what: field<string>(r, f.what!, 'what') ?? '',
    who: field<string>(r, f.who!, 'who') ?? '',
    byWhen: field<string>(r, f.byWhen!, 'byWhen'),
    outcomeId: field<string>(r, f.outcomeId!, 'outcomeId'),
    done: field<boolean>(r, f.done!, 'done') ?? false,
  }));
}
