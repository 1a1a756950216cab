// Copies people can take away (issue 5): a Word file made on the server from the stored plan, read back here by
// unzipping it — every section heading, the person's own words (never translated), the budget table and totals, the
// agreement record — in English and in Welsh; each copy taken is recorded in the history; members only.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyPageSchema } from '../../shared/history.js';
import { catalogues } from '../../shared/i18n/index.js';
import { SECTIONS } from '../../shared/sections.js';
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

describe('a Word copy of the plan', () => {
  const env = useTestServer();
  const { connect } = env;
  const copy = (member: TestMember, planId: string, lang: string) => fetch(`${env.server.url}/api/plans/${planId}/copy.docx?lang=${lang}`, { headers: { cookie: member.cookie } });

  it('holds every section heading, the person’s words, the budget and its totals, and the agreement, in English and Welsh', async () => {
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
    const page = historyPageSchema.parse(await (await fetch(`${env.server.url}/api/plans/${plan.id}/history`, { headers: { cookie: plan.owner.cookie } })).json());
    expect(page.items.filter((i) => i.kind === 'export').map((i) => [i.by?.displayName, i.export?.format])).toEqual([
      ['Jo Price', 'docx'],
      ['Jo Price', 'docx'],
    ]);
  });

  it('is for members only, and says what is wrong with a bad request', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
    const other = await createTestPlan(env.server, 'england', 'Dai Jones');
    expect((await copy(other.owner, plan.id, 'en')).status).toBe(403);
    expect((await fetch(`${env.server.url}/api/plans/${plan.id}/copy.docx`)).status).toBe(401);
    const bad = await copy(plan.owner, plan.id, 'fr');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { id: string } }).error.id).toBe('invalidRequest');
    // An empty plan still makes a whole copy.
    const { text } = await wordText(await (await copy(plan.owner, plan.id, 'en')).arrayBuffer());
    expect(text).toContain('1. About me');
    expect(text).toContain('There is no budget figure yet');
  });
});
