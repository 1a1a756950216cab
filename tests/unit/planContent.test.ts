// The content hash (server/history/planContent.ts) that versions and agreements name the plan by: the same words
// with the same formatting hash the same however they were typed; any different words or structure hash differently.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { planContentHash, sectionContent } from '../../server/history/planContent.js';

const ABOUT = sectionFieldName('aboutMe');

function planWith(build: (section: Y.XmlFragment, doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  build(doc.getXmlFragment(ABOUT), doc);
  return doc;
}
const paragraph = (...texts: Y.XmlText[]) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, texts);
  return p;
};
const text = (s: string) => new Y.XmlText(s);

describe('the plan’s content hash', () => {
  it('is the same for the same words and formatting, however they were typed or formatted', () => {
    const once = planWith((section) => {
      const t = text('abcd');
      section.insert(0, [paragraph(t)]);
      t.format(0, 3, { bold: true });
    });
    // Two people bolding overlapping parts at the same time leave bold runs side by side ("a", "b"); Yjs's own
    // rules decide that "c" ends up plain. It reads exactly as "ab" bolded at once.
    const boldAb = planWith((section) => {
      const t0 = text('abcd');
      section.insert(0, [paragraph(t0)]);
      t0.format(0, 2, { bold: true });
    });
    const a = planWith((section) => section.insert(0, [paragraph(text('abcd'))]));
    const b = new Y.Doc({ gc: false });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ((a.getXmlFragment(ABOUT).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { bold: true });
    ((b.getXmlFragment(ABOUT).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(1, 2, { bold: true });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(((a.getXmlFragment(ABOUT).get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta()).toHaveLength(4);
    expect(planContentHash(a)).toBe(planContentHash(boldAb));
    // Typed away and back again.
    const retyped = planWith((section) => section.insert(0, [paragraph(text('abxd'))]));
    const t = (retyped.getXmlFragment(ABOUT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.delete(2, 1);
    t.insert(2, 'c');
    t.format(0, 3, { bold: true });
    expect(planContentHash(retyped)).toBe(planContentHash(once));
    // Empty paragraphs an editor adds, and empty sections, are nothing written.
    const padded = planWith((section, doc) => {
      const t2 = text('abcd');
      section.insert(0, [paragraph(text('')), paragraph(t2), paragraph()]);
      t2.format(0, 3, { bold: true });
      doc.getXmlFragment(sectionFieldName('reviews')).insert(0, [paragraph(text(''))]);
    });
    expect(planContentHash(padded)).toBe(planContentHash(once));
  });

  it('differs for different words, formatting or structure — text can never pass for structure', () => {
    const two = planWith((section) => section.insert(0, [paragraph(text('A')), paragraph(text('B'))]));
    const one = planWith((section) => section.insert(0, [paragraph(text('A</paragraph><paragraph>B'))]));
    expect(planContentHash(one)).not.toBe(planContentHash(two));
    const link = (attrs: Record<string, unknown>) =>
      planWith((section) => {
        const t = text('here');
        section.insert(0, [paragraph(t)]);
        t.format(0, 4, { link: attrs });
      });
    expect(planContentHash(link({ href: 'https://a" target="b' }))).not.toBe(planContentHash(link({ href: 'https://a', target: 'b' })));
    const heading = (level: string) =>
      planWith((section) => {
        const h = new Y.XmlElement('heading');
        h.setAttribute('level', level);
        h.insert(0, [text('Home')]);
        section.insert(0, [h]);
      });
    expect(planContentHash(heading('3'))).not.toBe(planContentHash(heading('4')));
    const plain = planWith((section) => section.insert(0, [paragraph(text('abcd'))]));
    const bold = planWith((section) => {
      const t = text('abcd');
      section.insert(0, [paragraph(t)]);
      t.format(0, 4, { bold: true });
    });
    expect(planContentHash(plain)).not.toBe(planContentHash(bold));
    // The same words in another section are another plan.
    const elsewhere = planWith((_s, doc) => doc.getXmlFragment(sectionFieldName('myLifeNow')).insert(0, [paragraph(text('abcd'))]));
    expect(planContentHash(elsewhere)).not.toBe(planContentHash(plain));
    expect(sectionContent(plain, 'aboutMe')).not.toBe(sectionContent(bold, 'aboutMe'));
  });

  it('counts the structured parts: a changed figure changes the hash, a cleared one reads as never given', () => {
    const base = planWith((section) => section.insert(0, [paragraph(text('abcd'))]));
    const withBudget = planWith((section, doc) => {
      section.insert(0, [paragraph(text('abcd'))]);
      doc.getMap('data:budget').set('indicativePence', 1_500_000);
    });
    expect(planContentHash(withBudget)).not.toBe(planContentHash(base));
    withBudget.getMap('data:budget').set('indicativePence', 1_600_000);
    const changed = planContentHash(withBudget);
    withBudget.getMap('data:budget').set('indicativePence', null);
    withBudget.getMap('data:budget').set('howWorkedOut', '');
    expect(planContentHash(withBudget)).toBe(planContentHash(base));
    expect(changed).not.toBe(planContentHash(base));
  });
});
