// The glossary (shared/glossary.ts): jargon in the sections' prompts is found in English and in Welsh (mutated forms
// too), each term once, never overlapping, the longest words first; every term has a meaning in both languages.

import { describe, expect, it } from 'vitest';
import { catalogues } from '../../shared/i18n/index.js';
import { findTerms, GLOSSARY } from '../../shared/glossary.js';

type Tree = Record<string, Record<string, { prompt: string }>>;
const prompt = (language: 'en' | 'cy', sectionId: string) => (catalogues[language] as unknown as Tree).sections![sectionId]!.prompt;
const terms = (text: string, language: string) => findTerms(text, language).map((m) => [m.id, text.slice(m.start, m.end)]);

describe('the glossary', () => {
  it('finds the jargon in the prompts, in English and in Welsh', () => {
    expect(terms(prompt('en', 'budgetManagement'), 'en')).toEqual([
      ['directPayment', 'direct payment'],
      ['isf', 'Individual Service Fund'],
      ['managedBudget', 'the council manage it'],
    ]);
    expect(terms(prompt('cy', 'budgetManagement'), 'cy')).toEqual([
      ['directPayment', 'taliad uniongyrchol'],
      ['isf', 'Cronfa Gwasanaeth Unigol'],
      ['managedBudget', "i'r cyngor ei rheoli"],
    ]);
    expect(terms(prompt('en', 'whatMatters'), 'en')).toEqual([['outcome', 'outcomes']]);
    expect(terms(prompt('cy', 'whatMatters'), 'cy')).toEqual([['outcome', 'nghanlyniadau']]); // "fy nghanlyniadau"
    expect(terms(prompt('en', 'assessedNeeds'), 'en')).toEqual([['eligibility', 'eligible needs']]);
  });

  it('takes the longest words first, each term once, and only whole words', () => {
    expect(terms('An independent advocate, and another advocate.', 'en')).toEqual([['independentAdvocate', 'independent advocate'], ['advocate', 'advocate']]);
    expect(terms('Review the review.', 'en')).toEqual([['review', 'Review']]);
    expect(terms('Reviewer and advocates', 'en')).toEqual([]);
    expect(terms('It’s what matters', 'en')).toEqual([['whatMattersConversation', 'what matters']]);
  });

  it('has a term and a plain meaning for every entry, in both languages', () => {
    for (const language of ['en', 'cy'] as const) {
      const glossary = (catalogues[language] as unknown as Record<string, Record<string, { term: string; meaning: string }>>).glossary!;
      for (const { id } of GLOSSARY) {
        expect(glossary[id]?.term, `${language} ${id}`).toBeTruthy();
        expect(glossary[id]!.meaning.length, `${language} ${id}`).toBeGreaterThan(20);
      }
    }
  });
});
