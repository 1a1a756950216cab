// Copies people can take away (issue 5): a PDF and a Word file made on the server from the stored plan, read back
// here (the PDF's text and tags with pdf.js, the Word file unzipped) — every section heading, the person's own words
// (never translated), the budget table and totals, the agreement record — in English and in Welsh, of the plan now
// or of a saved version; each copy taken is recorded in the history with who it was given to; members only.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyListSchema } from '../../shared/copies.js';
import { historyPageSchema } from '../../shared/history.js';
import { catalogues } from '../../shared/i18n/index.js';
import { SECTIONS } from '../../shared/sections.js';
import { readPdf } from '../helpers/pdfText.js';
import { addTestMember, createTestPlan, type TestMember, useTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';


/** The words of a Word file's body, paragraph by paragraph. */
async function wordText(file: ArrayBuffer): Promise<{ text: string; xml: string }> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  return { text: decode(paragraphs.filter(Boolean).join('\n')), xml };
}

/** The text of a copy in either form (the PDF's lines joined, the Word file's paragraphs). */
async function copyText(format: 'pdf' | 'docx', file: ArrayBuffer): Promise<string> {
  return format === 'pdf' ? (await readPdf(file)).flat : (await wordText(file)).text;
}

describe('copies of the plan', () => {
  const env = useTestServer();
  const { connect } = env;
  const copy = (member: TestMember, planId: string, lang: string, format: 'pdf' | 'docx' = 'docx', extra = '') =>
    fetch(`${env.server.url}/api/plans/${planId}/copy.${format}?lang=${lang}${extra}`, { headers: { cookie: member.cookie } });
  const history = async (member: TestMember, planId: string) =>
    historyPageSchema.parse(await (await fetch(`${env.server.url}/api/plans/${planId}/history`, { headers: { cookie: member.cookie } })).json());

  it('as Word, holds every section heading, the person’s words, the budget and its totals, and the agreement, in English and Welsh', async () => {
    const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
    const jo = await addTestMember(env.server, plan, { name: 'Jo Price', role: 'provider', level: 'view' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Dw i’n hoffi trenau. I like trains & buses.');
    sam.type('whatMatters', 'I want to see my brother every week.');
    sam.doc.transact(() => {
      const budget = sam.doc.getMap('data:budget');
      budget.set('indicativePence', 1_500_000);
      const lines = new Y.Array<Y.Map<unknown>>();
      budget.set('lines', lines);
      lines.push([new Y.Map<unknown>(Object.entries({ id: 'pa', what: 'Personal assistant', provider: 'Jo', amountPence: 4500, frequency: 'weekly' }))]);
      sam.doc.getMap('data:frontPage').set('addressAs', 'Sam');
    });
    await waitFor(() => sam.isSaved(), 'saved');
    const agreed = await fetch(`${env.server.url}/api/plans/${plan.id}/agreement`, {
      method: 'POST',
      headers: { cookie: plan.owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'agree' }),
    });
    expect(agreed.status).toBe(201);

    for (const lang of ['en', 'cy'] as const) {
      const res = await copy(jo, plan.id, lang);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('wordprocessingml');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.docx"/);
      const { text, xml } = await wordText(await res.arrayBuffer());
      const catalogue = catalogues[lang];
      for (const section of SECTIONS) expect(text, `${lang} ${section.id}`).toContain(catalogue.sections[section.id].heading);
      // The person's own words, exactly as written, whichever the language of the copy.
      expect(text).toContain('Dw i’n hoffi trenau. I like trains & buses.');
      expect(text).toContain('I want to see my brother every week.');
      expect(text).toContain('Personal assistant');
      expect(text).toContain('£2,340.00');
      expect(xml).toContain(`w:val="${lang === 'cy' ? 'cy-GB' : 'en-GB'}"`);
      if (lang === 'en') {
        expect(text).toContain('The spending plan costs £2,340.00 a year (£45.00 a week).');
        expect(text).toContain('£12,660.00 a year is left (£243.46 a week).');
        expect(text).toContain('Sam Evans (The person the plan is about): agrees with the plan');
        expect(text).toContain('What I like to be called: Sam');
      } else {
        expect(text).toContain("Mae'r cynllun gwario'n costio £2,340.00 y flwyddyn (£45.00 yr wythnos).");
        expect(text).toContain("yn cytuno â'r cynllun");
        expect(text).toContain('Tudalen flaen');
      }
    }
    // Each copy taken is recorded: who, and in which form.
    const page = await history(plan.owner, plan.id);
    expect(page.items.filter((i) => i.kind === 'export').map((i) => [i.by?.displayName, i.export?.format])).toEqual([
      ['Jo Price', 'docx'],
      ['Jo Price', 'docx'],
    ]);
  });

  it('as PDF, is tagged, in the copy’s language, and holds every heading, the person’s words (Welsh letters too) and the totals', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Rwy’n byw mewn tŷ ger y dŵr. I like trains & buses.');
    sam.doc.transact(() => {
      const budget = sam.doc.getMap('data:budget');
      budget.set('indicativePence', 1_500_000);
      const lines = new Y.Array<Y.Map<unknown>>();
      budget.set('lines', lines);
      lines.push([new Y.Map<unknown>(Object.entries({ id: 'pa', what: 'Personal assistant', provider: 'Jo', amountPence: 4500, frequency: 'weekly' }))]);
    });
    await waitFor(() => sam.isSaved(), 'saved');

    for (const lang of ['en', 'cy'] as const) {
      const res = await copy(plan.owner, plan.id, lang, 'pdf');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.pdf"/);
      const pdf = await readPdf(await res.arrayBuffer());
      expect(pdf.tagged).toBe(true);
      expect(pdf.language).toBe(lang === 'cy' ? 'cy-GB' : 'en-GB');
      expect(pdf.title).toBe('Test plan for Sam Evans');
      const catalogue = catalogues[lang];
      for (const section of SECTIONS) expect(pdf.flat, `${lang} ${section.id}`).toContain(catalogue.sections[section.id].heading);
      expect(pdf.flat).toContain('Rwy’n byw mewn tŷ ger y dŵr. I like trains & buses.');
      expect(pdf.flat).toContain('Personal assistant');
      expect(pdf.flat).toContain('£2,340.00');
      expect(pdf.flat).toContain(lang === 'en' ? 'The spending plan costs £2,340.00 a year (£45.00 a week).' : 'Tudalen flaen');
      // Real structure for a screen reader: one title, headings under it, lists, a table with header cells.
      expect(pdf.roles.filter((r) => r === 'H1')).toHaveLength(1);
      for (const role of ['H2', 'H3', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD']) expect(pdf.roles, role).toContain(role);
    }
  });

  it('of a saved version shows the plan as it was then, and records who it was given to', async () => {
    const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
    const sam = await connect(plan.id, plan.owner);
    sam.type('whatMatters', 'Going to the coast on Saturdays.');
    await waitFor(() => sam.isSaved(), 'saved');
    const saved = await fetch(`${env.server.url}/api/plans/${plan.id}/versions`, {
      method: 'POST',
      headers: { cookie: plan.owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Draft for the review meeting' }),
    });
    expect(saved.status).toBe(201);
    const { seq } = (await saved.json()) as { seq: number };
    sam.type('whatMatters', ' Learning to cook.');
    await waitFor(() => sam.isSaved(), 'saved');

    for (const format of ['pdf', 'docx'] as const) {
      const then = await copy(plan.owner, plan.id, 'en', format, `&version=${seq}&givenTo=${encodeURIComponent('Dr Rhys Jones (GP)')}`);
      expect(then.status).toBe(200);
      const text = await copyText(format, await then.arrayBuffer());
      expect(text).toContain('Going to the coast on Saturdays.');
      expect(text).not.toContain('Learning to cook.');
      expect(text).toContain('A copy of the saved version “Draft for the review meeting”');
      expect(text).toContain('Made for: Dr Rhys Jones (GP)');
      const now = await copyText(format, await (await copy(plan.owner, plan.id, 'cy', format)).arrayBuffer());
      expect(now).toContain('Going to the coast on Saturdays. Learning to cook.');
    }
    // The history says which copy, of what, for whom.
    const exports = (await history(plan.owner, plan.id)).items.filter((i) => i.kind === 'export').map((i) => i.export);
    expect(exports).toEqual([
      { format: 'docx', lang: 'cy', versionName: null },
      { format: 'docx', lang: 'en', versionSeq: seq, versionName: 'Draft for the review meeting', givenTo: 'Dr Rhys Jones (GP)' },
      { format: 'pdf', lang: 'cy', versionName: null },
      { format: 'pdf', lang: 'en', versionSeq: seq, versionName: 'Draft for the review meeting', givenTo: 'Dr Rhys Jones (GP)' },
    ]);
    // The copies page lists copies of the plan (not downloads of the history), newest first.
    await fetch(`${env.server.url}/api/plans/${plan.id}/history/export.csv`, { headers: { cookie: plan.owner.cookie } });
    const list = copyListSchema.parse(await (await fetch(`${env.server.url}/api/plans/${plan.id}/copies`, { headers: { cookie: plan.owner.cookie } })).json());
    expect(list.copies.map((c) => [c.format, c.lang, c.versionName, c.givenTo, c.by?.displayName])).toEqual([
      ['docx', 'cy', null, null, 'Sam Evans'],
      ['docx', 'en', 'Draft for the review meeting', 'Dr Rhys Jones (GP)', 'Sam Evans'],
      ['pdf', 'cy', null, null, 'Sam Evans'],
      ['pdf', 'en', 'Draft for the review meeting', 'Dr Rhys Jones (GP)', 'Sam Evans'],
    ]);
    // Only a saved version can be copied that way; a bad number or a too-long name is refused with a reason.
    const notVersion = await copy(plan.owner, plan.id, 'en', 'pdf', '&version=1');
    expect(notVersion.status).toBe(404);
    expect(((await notVersion.json()) as { error: { id: string } }).error.id).toBe('versionNotFound');
    expect((await copy(plan.owner, plan.id, 'en', 'pdf', '&version=99')).status).toBe(404);
    expect((await copy(plan.owner, plan.id, 'en', 'pdf', '&version=first')).status).toBe(400);
    expect((await copy(plan.owner, plan.id, 'en', 'docx', `&givenTo=${'x'.repeat(121)}`)).status).toBe(400);
    expect((await copy(plan.owner, plan.id, 'en', 'docx', `&givenTo=${encodeURIComponent('GP\u0007')}`)).status).toBe(400);
  });

  it('is for members only, and says what is wrong with a bad request', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
    const other = await createTestPlan(env.server, 'england', 'Dai Jones');
    expect((await copy(other.owner, plan.id, 'en')).status).toBe(403);
    expect((await copy(other.owner, plan.id, 'en', 'pdf')).status).toBe(403);
    expect((await fetch(`${env.server.url}/api/plans/${plan.id}/copies`, { headers: { cookie: other.owner.cookie } })).status).toBe(403);
    expect((await fetch(`${env.server.url}/api/plans/${plan.id}/copy.docx`)).status).toBe(401);
    expect((await fetch(`${env.server.url}/api/plans/${plan.id}/copy.pdf`)).status).toBe(401);
    const bad = await copy(plan.owner, plan.id, 'fr');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { id: string } }).error.id).toBe('invalidRequest');
    // An empty plan still makes a whole copy.
    const { text } = await wordText(await (await copy(plan.owner, plan.id, 'en')).arrayBuffer());
    expect(text).toContain('1. About me');
    expect(text).toContain('There is no budget figure yet');
  });
});
