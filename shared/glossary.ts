// The glossary (shared/PRODUCT.md): each term of care-and-support jargon with a one-sentence plain meaning in the
// i18n catalogues (`glossary.<id>.term`, `glossary.<id>.meaning`), and the words that stand for it in English and
// in Welsh — Welsh with the mutated forms our own text uses ("fy nghanlyniadau": my outcomes). `findTerms` marks where
// terms occur in a piece of text, so the page can explain them on focus or hover.

export const GLOSSARY = [
  { id: 'personalBudget', en: ['personal budget'], cy: ['cyllideb bersonol', 'gyllideb bersonol'] },
  { id: 'indicativeBudget', en: ['indicative budget'], cy: ['cyllideb ddangosol', 'gyllideb ddangosol'] },
  { id: 'directPayment', en: ['direct payment'], cy: ['taliad uniongyrchol', 'daliad uniongyrchol'] },
  { id: 'isf', en: ['Individual Service Fund', 'ISF'], cy: ['Cronfa Gwasanaeth Unigol', 'Gronfa Gwasanaeth Unigol', 'ISF'] },
  { id: 'managedBudget', en: ['managed budget', 'the council manage it', 'managed by the council'], cy: ["i'r cyngor ei rheoli", "wedi'i rheoli gan y cyngor"] },
  { id: 'ras', en: ['resource allocation system', 'RAS'], cy: ['system dyrannu adnoddau', 'RAS'] },
  { id: 'supportPlan', en: ['care and support plan', 'support plan'], cy: ['cynllun gofal a chymorth', 'cynllun cymorth'] },
  { id: 'circleOfSupport', en: ['circle of support', 'my circle'], cy: ['cylch cymorth', 'fy nghylch'] },
  { id: 'independentAdvocate', en: ['independent advocate'], cy: ['eiriolwr annibynnol'] },
  { id: 'advocate', en: ['advocate'], cy: ['eiriolwr'] },
  { id: 'eligibility', en: ['eligible needs', 'eligible', 'eligibility'], cy: ['anghenion cymwys', 'gymwys', 'cymwys', 'cymhwysedd'] },
  { id: 'outcome', en: ['personal outcomes', 'outcomes', 'outcome'], cy: ['canlyniadau personol', 'nghanlyniadau personol', 'nghanlyniadau', 'canlyniadau', 'canlyniad'] },
  { id: 'review', en: ['review'], cy: ['adolygu', 'adolygiad'] },
  { id: 'safeguarding', en: ['adult at risk', 'safeguarding'], cy: ["oedolyn sy'n wynebu risg", 'diogelu'] },
  { id: 'positiveRiskTaking', en: ['risks do I choose to take', 'positive risk-taking'], cy: ["risgiau ydw i'n dewis eu cymryd", 'cymryd risgiau cadarnhaol'] },
  { id: 'capacity', en: ['mental capacity', 'capacity'], cy: ['galluedd meddyliol', 'galluedd'] },
  { id: 'bestInterests', en: ['best interests'], cy: ['budd pennaf', 'lles pennaf'] },
  { id: 'lastingPowerOfAttorney', en: ['lasting power of attorney', 'act for me'], cy: ['atwrneiaeth arhosol', 'weithredu ar fy rhan'] },
  { id: 'deputy', en: ['deputy'], cy: ['dirprwy'] },
  { id: 'whatMattersConversation', en: ['what matters'], cy: ["beth sy'n bwysig"] },
] as const;

export type GlossaryId = (typeof GLOSSARY)[number]['id'];

export interface TermMatch {
  id: GlossaryId;
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns per language, longest words first so "independent advocate" wins over "advocate". */
const patterns = (language: 'en' | 'cy') =>
  GLOSSARY.flatMap((entry) => entry[language].map((words) => ({ id: entry.id, words })))
    .sort((a, b) => b.words.length - a.words.length)
    .map(({ id, words }) => ({ id, re: new RegExp(`(?<![\\p{L}\\p{N}])${escape(words).replace(/'/g, "['’]")}(?![\\p{L}\\p{N}])`, 'giu') }));
const BY_LANGUAGE = { en: patterns('en'), cy: patterns('cy') };

/**
 * Where glossary terms occur in `text`: each term once (its first occurrence), never overlapping another, in order.
 */
export function findTerms(text: string, language: string): TermMatch[] {
  const found: TermMatch[] = [];
  const seen = new Set<GlossaryId>();
  for (const { id, re } of BY_LANGUAGE[language === 'cy' ? 'cy' : 'en']) {
    if (seen.has(id)) continue;
    // Its first occurrence that is not inside a longer term already found.
    for (const match of text.matchAll(re)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ id, start, end });
      seen.add(id);
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
